'use client';
// A small line about the room: who has the floor now and whether the session runs or is paused.
import { useTranslations } from 'next-intl';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { Badge, type BadgeTone } from '@/components/ui';
import type { Phase } from '@/lib/model';

const PHASE_TONE: Record<Phase, BadgeTone> = { planned: 'neutral', live: 'normal', paused: 'warning', finished: 'neutral' };

export function JoinNowSpeaking({ entryId }: { entryId: string }) {
  const t = useTranslations('join.now');
  const tl = useTranslations('live');
  const phase = useLive((s) => s.view?.phase ?? 'planned');
  const speaker = useLive((s) => (s.view?.currentEntryId ? s.view.entries[s.view.currentEntryId] : undefined));
  const online = useLive((s) => s.status === 'live');
  const entryName = useEntryName();

  return (
    <section data-testid="join-now" className="flex flex-col gap-2 rounded-2xl border border-line bg-surface px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Badge tone={PHASE_TONE[phase]} data-testid="join-phase" data-phase={phase}>
          {tl(`phase.${phase}`)}
        </Badge>
        <span className="flex items-center gap-1.5 text-sm text-ink-muted">
          <span aria-hidden="true" className={`size-2 rounded-full ${online ? 'bg-status-normal' : 'bg-danger'}`} />
          {online ? tl('connection.live') : tl('connection.connecting')}
        </span>
      </div>
      <p className="text-base">
        <span className="text-ink-muted">{t('label')}: </span>
        <span data-testid="join-now-speaker" className="font-semibold">
          {speaker ? (speaker.id === entryId ? t('you') : entryName(speaker)) : t('nobody')}
        </span>
      </p>
    </section>
  );
}
