'use client';
// The live page of one entry: its name at the top, its state at a glance, the moderator's message,
// the signal buttons, and who has the floor now. Mobile first; two columns on a laptop.
import { useLocale, useTranslations } from 'next-intl';
import { ConnectionBanner } from '@/components/live/connection-banner';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { JoinAnnouncer } from './join-announcer';
import { JoinCity } from './join-city';
import { JoinMessages } from './join-messages';
import { JoinNowSpeaking } from './join-now-speaking';
import { JoinTopBar } from './join-page';
import { JoinSignals } from './join-signals';
import { joinStatus } from './join-state';
import { JoinStatusCard } from './join-status';
import { useWakeLock } from './use-wake-lock';

export function JoinView({ entryId }: { entryId: string }) {
  const t = useTranslations('join');
  const view = useLive((s) => s.view);
  const locale = useLocale();
  const entryName = useEntryName();
  if (!view) return null;
  const entry = view.entries[entryId];
  if (!entry) return null;
  const status = joinStatus(view, entryId);
  const eventTitle = locale === 'en' && view.event.titleEn ? view.event.titleEn : view.event.title;

  return (
    <>
      <div className="sticky top-0 z-20">
        <ConnectionBanner />
      </div>
      <JoinTopBar />
      <WakeLock on={status === 'next' || status === 'speaking'} />
      <JoinAnnouncer status={status} entryId={entryId} cityName={entryName(entry)} />
      {/* Phone: one column in reading order (state, message, signals, the room). Laptop: the entry
          and its state on the left, what to read and press on the right. */}
      <main
        id="main"
        className="mx-auto grid w-full max-w-5xl gap-4 px-4 pt-3 pb-8 sm:px-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] lg:items-start lg:gap-6"
      >
        <div className="flex min-w-0 flex-col gap-4">
          <JoinCity entryId={entryId} />
          <JoinStatusCard entryId={entryId} status={status} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          {/* Out of the flow while empty (no gap), yet still a live region for the first message. */}
          <div className="has-[>.sr-only]:absolute">
            <JoinMessages entryId={entryId} />
          </div>
          {view.phase !== 'finished' && <JoinSignals entryId={entryId} />}
          <JoinNowSpeaking entryId={entryId} />
        </div>
      </main>
      <footer className="mx-auto max-w-5xl px-4 pb-8 text-sm text-ink-muted sm:px-6">
        <p>{eventTitle && <span className="font-semibold text-ink">{eventTitle}. </span>}{t('footer.private')}</p>
      </footer>
    </>
  );
}

function WakeLock({ on }: { on: boolean }) {
  useWakeLock(on);
  return null;
}
