'use client';
// Before the session: a welcome — the event, when it starts (Moscow time) and who speaks first.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { View } from '@/lib/protocol';
import { lineUp } from '@/lib/queue';
import { formatZonedTime } from '@/lib/format';
import { HeartDrop } from './motif';
import { MOSCOW, StartsIn } from './clocks';
import { eventTitle } from './screen-header';
import { UpNext } from './up-next';
import { useFitScale } from './use-fit-scale';

export function PlannedView({ view }: { view: View }) {
  const t = useTranslations('screen.planned');
  const locale = useLocale();
  const { order, entries, currentEntryId } = view;
  const first = useMemo(() => lineUp({ order, entries, currentEntryId }).slice(0, 4), [order, entries, currentEntryId]);
  const startAt = Date.parse(view.event.plannedStart);
  const fitRef = useFitScale<HTMLElement>([view.event.title, view.event.titleEn, view.event.plannedStart, locale]);
  const valid = Number.isFinite(startAt);
  const date = valid
    ? new Intl.DateTimeFormat(locale, { timeZone: MOSCOW, weekday: 'long', day: 'numeric', month: 'long' }).format(startAt)
    : '';

  return (
    <>
      {/* Shrinks (useFitScale) rather than spill over the header or the queue: a rehearsal's title is long. */}
      <section
        ref={fitRef}
        data-testid="screen-welcome"
        className="scr-fit flex min-h-0 flex-1 flex-col justify-center-safe overflow-hidden"
      >
        <div className="flex items-center gap-[calc(var(--u)*5)]">
          <HeartDrop className="scr-beat h-[calc(var(--u)*22*var(--k))] w-auto shrink-0 drop-shadow-[0_0_calc(var(--u)*3)_rgb(225_29_72/0.45)]" />
          <div className="flex min-w-0 flex-col scr-stage-gap">
            <p className="scr-enter scr-stage-lg font-bold uppercase tracking-[0.2em] text-accent-ink">{t('soon')}</p>
            <h1 className="scr-enter scr-welcome-title font-extrabold leading-[1.05] tracking-tight text-balance text-ink [overflow-wrap:anywhere]">
              {eventTitle(view, locale)}
            </h1>
            {valid && (
              <p className="scr-enter-late mt-[calc(var(--u)*1*var(--k))] flex flex-wrap items-baseline gap-x-[0.5em] scr-stage-xl font-semibold text-ink">
                <span className="first-letter:uppercase">{date}</span>
                <span aria-hidden="true" className="text-accent">
                  ·
                </span>
                <span className="countdown font-extrabold">{formatZonedTime(startAt, MOSCOW, locale)}</span>
                <span className="scr-base font-medium text-ink-muted">{t('moscowTime')}</span>
              </p>
            )}
            {valid && (
              <p className="scr-enter-late countdown scr-stage-lg text-ink-muted">
                <StartsIn at={startAt} />
              </p>
            )}
          </div>
        </div>
      </section>
      <UpNext entries={first} label={t('firstUp')} />
    </>
  );
}
