'use client';
// The countdown column: the same Countdown as the moderator's (colours and overtime included), very
// large, over the thin bar of time used.
import { useTranslations } from 'next-intl';
import type { Entry } from '@/lib/model';
import { formatDuration } from '@/lib/format';
import { allottedTotalMs } from '@/lib/time';
import { Countdown } from '@/components/live/countdown';
import { useLiveStore } from '@/components/live/live-provider';
import { TurnProgress } from './clocks';

// A constant: Countdown restarts its frame loop when its className changes.
const CLOCK_CLASSES = 'countdown scr-clock block font-extrabold whitespace-nowrap transition-[color,opacity] duration-500';

export function ClockPanel({ entry }: { entry: Entry }) {
  const store = useLiveStore();
  return (
    <div className="scr-clock-box scr-enter-late flex w-full flex-col items-stretch scr-gap" data-testid="screen-clock">
      <div className="flex justify-center">
        <Countdown store={store} entryId={entry.id} className={CLOCK_CLASSES} />
      </div>
      <TurnProgress entryId={entry.id} />
    </div>
  );
}

/** Between speakers: the next entry's allotment, still, so nobody mistakes it for a running clock. */
export function AllottedPanel({ entry }: { entry: Entry }) {
  const t = useTranslations('screen.clock');
  return (
    <div className="scr-clock-box flex w-full flex-col items-center scr-gap" data-testid="screen-allotted">
      <span className="countdown scr-clock font-extrabold whitespace-nowrap text-ink/25">{formatDuration(allottedTotalMs(entry))}</span>
      <span className="scr-base font-semibold uppercase tracking-[0.12em] text-ink-muted">{t('allotted')}</span>
    </div>
  );
}
