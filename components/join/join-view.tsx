'use client';
// The live page of one entry: its name at the top, its state at a glance, the moderator's message,
// the signal buttons, and who has the floor now. Mobile first; two columns on a laptop.
import { useLocale, useTranslations } from 'next-intl';
import { ConnectionBanner } from '@/components/live/connection-banner';
import { RehearsalBanner } from '@/components/live/rehearsal-banner';
import { useEffect, useState } from 'react';
import { useLive, useLiveStore } from '@/components/live/live-provider';
import { serverNow } from '@/components/live/live-store';
import { useEntryName } from '@/components/live/live-text';
import { JoinAnnouncer } from './join-announcer';
import { JoinCity } from './join-city';
import { JoinMessages } from './join-messages';
import { JoinNowSpeaking } from './join-now-speaking';
import { JoinTopBar } from './join-page';
import { JoinRegistration } from './join-registration';
import { JoinSignals } from './join-signals';
import { joinStatus } from './join-state';
import { JoinStatusCard } from './join-status';
import { useWakeLock } from './use-wake-lock';

export function JoinView({ entryId }: { entryId: string }) {
  const t = useTranslations('join');
  const view = useLive((s) => s.view);
  const locale = useLocale();
  const dayOf = useStartsWithin(view?.event.plannedStart ?? '', DAY_OF_MS);
  const entryName = useEntryName();
  if (!view) return null;
  const entry = view.entries[entryId];
  if (!entry) return null;
  const status = joinStatus(view, entryId);
  // Before the start the link is first the city's registration (the planned start and the queue
  // follow it); on the day itself, once the city has registered, the waiting details lead again and
  // the form moves to the end. Once live it is the live page only.
  const planned = view.phase === 'planned';
  const registrationLeads = planned && !(dayOf && entry.registeredAt !== null);
  const eventTitle = locale === 'en' && view.event.titleEn ? view.event.titleEn : view.event.title;

  return (
    <>
      <div className="sticky top-0 z-20">
        <ConnectionBanner />
      </div>
      <RehearsalBanner detail="join" />
      <JoinTopBar />
      <WakeLock on={status === 'next' || status === 'speaking'} />
      <JoinAnnouncer status={status} entryId={entryId} cityName={entryName(entry)} />
      {/* Phone: one column in reading order (state, message, signals, the room). Laptop: the entry
          and its state on the left, what to read and press on the right. */}
      <main
        id="main"
        className="mx-auto grid w-full max-w-5xl grid-cols-1 gap-4 px-4 pt-3 pb-8 [overflow-wrap:anywhere] sm:px-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] lg:items-start lg:gap-6"
      >
        <div className="flex min-w-0 flex-col gap-4">
          <JoinCity entryId={entryId} />
          {registrationLeads ? <JoinRegistration entryId={entryId} /> : <JoinStatusCard entryId={entryId} status={status} />}
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          {/* Out of the flow while empty (no gap), yet still a live region for the first message. */}
          <div className="has-[>.sr-only]:absolute">
            <JoinMessages entryId={entryId} />
          </div>
          {registrationLeads && <JoinStatusCard entryId={entryId} status={status} />}
          {/* Signals are for the day itself; weeks ahead they would only distract from the form. */}
          {view.phase !== 'finished' && (!planned || dayOf) && <JoinSignals entryId={entryId} />}
          <JoinNowSpeaking entryId={entryId} />
          {planned && !registrationLeads && <JoinRegistration entryId={entryId} />}
        </div>
      </main>
      <footer className="mx-auto max-w-5xl px-4 pb-8 text-sm text-ink-muted sm:px-6">
        <p>
          {eventTitle && <span className="font-semibold text-ink">{eventTitle}. </span>}
          {t('footer.private')}
        </p>
      </footer>
    </>
  );
}

/** "The day": from this long before the planned start the page prepares for the roll call itself. */
const DAY_OF_MS = 12 * 60 * 60 * 1000;

function startsWithin(plannedStart: string, withinMs: number, now: number): boolean {
  const at = Date.parse(plannedStart);
  return Number.isFinite(at) && at - now < withinMs;
}

/** True once the planned start is less than `withinMs` away (checked each minute, not each second). */
function useStartsWithin(plannedStart: string, withinMs: number): boolean {
  const store = useLiveStore();
  const [now, setNow] = useState(() => serverNow(store.getState()));
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow(store.getState())), 60_000);
    return () => clearInterval(timer);
  }, [store]);
  return startsWithin(plannedStart, withinMs, now);
}

function WakeLock({ on }: { on: boolean }) {
  useWakeLock(on);
  return null;
}
