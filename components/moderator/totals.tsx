'use client';
// The schedule at a glance: phase, elapsed, what is left, when it will end and how far off plan,
// and who is here. One strip, refreshed each server second.
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '@/components/live/live-provider';
import { useServerNow } from '@/components/live/use-server-now';
import { Badge, cn, type BadgeTone } from '@/components/ui';
import { formatDuration, formatZonedTime } from '@/lib/format';
import type { Phase } from '@/lib/model';
import { scheduleFigures } from '@/lib/time';
import { presenceCounts } from '@/lib/view';
import { useZoneLabel } from './use-clock';

const PHASE_TONE: Record<Phase, BadgeTone> = { planned: 'neutral', live: 'normal', paused: 'warning', finished: 'neutral' };
/** Within a minute of the plan counts as on time. */
const ON_TIME_MS = 60_000;
const OFF_DAY_MS = 12 * 3_600_000;

export function Totals() {
  const t = useTranslations('moderator.totals');
  const tl = useTranslations('live.phase');
  const locale = useLocale();
  const view = useLive((s) => s.view);
  const counts = useLive(useShallow((s) => (s.view ? presenceCounts(s.view) : { online: 0, inHall: 0, absent: 0 })));
  const viewers = useLive((s) => s.headcount.viewers);
  const now = useServerNow();
  const zone = useZoneLabel(view?.event.timeZone ?? 'Europe/Moscow');
  if (!view) return <div className="h-[3.75rem] border-b border-line bg-surface" data-testid="totals" />;

  const figures = scheduleFigures(view, now);
  const tz = view.event.timeZone;
  const { phase } = view;
  const drift = figures.driftMs;
  // Run on another day than planned (a rehearsal): hundreds of hours "ahead" would mean nothing.
  const offDay = Math.abs(drift) >= OFF_DAY_MS;
  const late = drift >= ON_TIME_MS;
  const driftTone =
    offDay || Math.abs(drift) < ON_TIME_MS
      ? offDay
        ? 'text-ink-muted'
        : 'text-status-normal'
      : late
        ? drift > 5 * ON_TIME_MS
          ? 'text-status-overtime'
          : 'text-status-warning'
        : 'text-status-normal';
  // The words carry the direction, so the figure has no sign. Before the start the difference is
  // the list's slack against the plan; after the finish it is how the day really ended.
  const time = formatDuration(Math.abs(drift));
  const driftText = offDay
    ? t('otherDay', {
        date: new Intl.DateTimeFormat(locale, { timeZone: tz, day: 'numeric', month: 'short' }).format(figures.plannedEndAt),
      })
    : Math.abs(drift) < ON_TIME_MS
      ? t('onTime')
      : phase === 'planned'
        ? t(late ? 'overPlan' : 'slack', { time })
        : phase === 'finished'
          ? t(late ? 'endedLate' : 'endedEarly', { time })
          : t(late ? 'behind' : 'ahead', { time });
  const untilStart = Date.parse(view.event.plannedStart) - now;

  return (
    <section
      aria-label={t('title')}
      data-testid="totals"
      className="flex flex-wrap items-stretch gap-x-1 gap-y-1 border-b border-line bg-surface px-3 py-1.5 text-sm"
    >
      <Figure label={t('phase')} testId="totals-phase">
        <Badge tone={PHASE_TONE[phase]} className="px-2 py-0 text-sm" data-phase={phase}>
          {phase === 'live' && <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-status-normal" />}
          {tl(phase)}
        </Badge>
      </Figure>
      {phase === 'planned' ? (
        <Figure label={t('untilStart')} testId="totals-elapsed">
          {untilStart <= 0 ? t('startingNow') : untilStart < OFF_DAY_MS ? formatDuration(untilStart) : '—'}
        </Figure>
      ) : (
        <Figure label={phase === 'finished' ? t('duration') : t('elapsed')} testId="totals-elapsed">
          {formatDuration(figures.elapsedMs)}
        </Figure>
      )}
      {phase !== 'finished' && (
        <Figure label={phase === 'planned' ? t('allotted') : t('remaining')} testId="totals-remaining">
          {formatDuration(figures.remainingPlannedMs)}
        </Figure>
      )}
      <Figure label={phase === 'finished' ? t('endedAt') : t('projectedEnd')} testId="totals-end">
        {formatZonedTime(figures.projectedEndAt, tz, locale)} <span className="text-xs font-semibold text-ink-muted">{zone}</span>
        <span className="ml-1.5 hidden text-xs font-normal text-ink-muted xl:inline">
          {t('plannedEnd', { time: formatZonedTime(figures.plannedEndAt, tz, locale) })}
        </span>
      </Figure>
      <Figure label={t('drift')} testId="totals-drift" className={driftTone} data-drift-ms={Math.round(drift / 1000) * 1000}>
        {driftText}
      </Figure>
      <div className="mx-1 hidden w-px self-stretch bg-line md:block" aria-hidden="true" />
      <Figure label={t('online')} testId="totals-online" className="text-status-normal">
        {counts.online}
      </Figure>
      <Figure label={t('inHall')} testId="totals-inhall">
        {counts.inHall}
      </Figure>
      <Figure label={t('absent')} testId="totals-absent" className={counts.absent > 0 ? 'text-status-warning' : ''}>
        {counts.absent}
      </Figure>
      <Figure label={t('viewers')} testId="totals-viewers">
        {viewers}
      </Figure>
    </section>
  );
}

function Figure({
  label,
  testId,
  className,
  children,
  ...rest
}: { label: string; testId: string; className?: string; children: ReactNode } & Record<`data-${string}`, unknown>) {
  return (
    <div className="flex flex-col justify-center rounded-md px-2 py-0.5 xl:px-2.5" data-testid={testId} {...rest}>
      <span className="text-[0.65rem] font-bold tracking-[0.08em] whitespace-nowrap text-ink-muted uppercase xl:tracking-[0.12em]">
        {label}
      </span>
      <span className={cn('countdown flex items-center text-lg leading-tight font-bold whitespace-nowrap', className)}>{children}</span>
    </div>
  );
}
