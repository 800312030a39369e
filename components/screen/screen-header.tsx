'use client';
// The quiet top line: the event, the session's state, who is here, and Moscow time.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { Phase } from '@/lib/model';
import type { View } from '@/lib/protocol';
import { presenceCounts } from '@/lib/view';
import { useLive } from '@/components/live/live-provider';
import { useShallow } from 'zustand/react/shallow';
import { HeartDrop } from './motif';
import { MOSCOW, ZonedTime } from './clocks';
import { spokeCounts } from './screen-data';

const PHASE_DOT: Record<Phase, string> = {
  planned: 'bg-ink-muted',
  live: 'bg-status-normal',
  paused: 'bg-status-warning',
  finished: 'bg-accent',
};

export function eventTitle(view: Pick<View, 'event'>, locale: string): string {
  return locale === 'en' && view.event.titleEn ? view.event.titleEn : view.event.title;
}

export function ScreenHeader() {
  const t = useTranslations('screen');
  const tPhase = useTranslations('live.phase');
  const tCounts = useTranslations('live.counts');
  const tApp = useTranslations('app');
  const locale = useLocale();
  const [title, phase] = useLive(useShallow((s) => [s.view ? eventTitle(s.view, locale) : '', s.view?.phase ?? 'planned'] as const));
  const [order, entries, online] = useLive(useShallow((s) => [s.view?.order, s.view?.entries, s.view?.onlineCount ?? 0] as const));
  // A screen's view carries no one's connection, only the count (lib/view.ts): in-hall comes from the entries.
  const counts = useMemo(() => {
    if (!order || !entries) return null;
    return { online, inHall: presenceCounts({ order, entries, connections: {} }).inHall, ...spokeCounts({ order, entries }) };
  }, [order, entries, online]);

  return (
    <header className="flex items-start justify-between gap-[calc(var(--u)*2)] scr-sm text-ink-muted">
      <div className="flex min-w-0 flex-1 items-center gap-[calc(var(--u)*0.9)]">
        <HeartDrop className="h-[calc(var(--u)*3.2)] w-auto shrink-0" />
        {/* Before the start the welcome shows the title in full; the corner names the app instead.
            A long title wraps onto a second line rather than being cut. */}
        <span className="line-clamp-2 scr-base leading-tight font-semibold text-balance text-ink/90" data-testid="screen-title">
          {phase === 'planned' ? tApp('name') : title}
        </span>
      </div>
      <div className="flex shrink-0 flex-col items-end gap-[calc(var(--u)*0.5)]">
        <div className="flex items-center gap-[calc(var(--u)*1.4)]">
          <span
            data-testid="screen-phase"
            data-phase={phase}
            className="inline-flex items-center gap-[0.5em] rounded-full border border-line bg-surface/70 px-[0.9em] py-[0.2em] font-semibold text-ink"
          >
            <span aria-hidden="true" className={`size-[0.6em] rounded-full ${PHASE_DOT[phase]} ${phase === 'live' ? 'scr-beat' : ''}`} />
            {tPhase(phase)}
          </span>
          <span className="inline-flex items-baseline gap-[0.4em]">
            {t('moscow')}
            <span className="scr-md font-bold text-ink">
              <ZonedTime timeZone={MOSCOW} />
            </span>
          </span>
        </div>
        {counts && (
          <p data-testid="screen-counts" className="flex items-center gap-[calc(var(--u)*1.4)]">
            <span className="inline-flex items-center gap-[0.4em]" data-testid="screen-count-connected">
              <span aria-hidden="true" className="size-[0.55em] rounded-full bg-sky-400" />
              {tCounts('online', { count: counts.online })}
            </span>
            <span className="inline-flex items-center gap-[0.4em]">
              <span aria-hidden="true" className="size-[0.55em] rounded-full bg-accent" />
              {tCounts('inHall', { count: counts.inHall })}
            </span>
            {phase !== 'planned' && <span className="countdown">{t('spokeOf', { done: counts.done, total: counts.total })}</span>}
          </p>
        )}
      </div>
    </header>
  );
}
