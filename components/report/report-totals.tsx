'use client';
// The meeting in figures: who took part, how the time was spent, and the plan against the day.
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { cn } from '@/components/ui';
import { formatDrift, formatDuration } from '@/lib/format';
import type { Report } from '@/lib/report';
import { clockTime, OFF_DAY_MS } from './report-format';

/** Within a minute of the plan counts as on time. */
const ON_TIME_MS = 60_000;

export function ReportTotals({ report }: { report: Report }) {
  const t = useTranslations('report.totals');
  const locale = useLocale();
  const { totals } = report;
  const tz = report.event.timeZone;
  const finished = report.phase === 'finished';
  const endAt = totals.actualEndAt ?? totals.plannedEndAt + totals.driftMs;
  const share = totals.allottedMs > 0 ? Math.min(1, totals.usedMs / totals.allottedMs) : 0;

  return (
    <section aria-label={t('title')} data-testid="report-totals" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Tile label={t('entries')} testId="total-entries">
        <Big>{totals.entries}</Big>
        <Small>{t('spoke', { count: totals.spoke })}</Small>
        {totals.notCalled > 0 && <Small testId="total-not-called-count">{t('notCalledCount', { count: totals.notCalled })}</Small>}
        {totals.markedAbsent > 0 && <Small>{t('markedAbsent', { count: totals.markedAbsent })}</Small>}
      </Tile>

      <Tile label={t('participation')} testId="total-participation">
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          <Count value={totals.participation.hall} label={t('hall')} className="text-ink" testId="total-hall" />
          <Count value={totals.participation.online} label={t('online')} className="text-status-normal" testId="total-online" />
          <Count
            value={totals.participation.absent}
            label={t('absent')}
            className={totals.participation.absent > 0 ? 'text-status-warning' : 'text-ink-muted'}
            testId="total-absent"
          />
          {totals.participation.not_called > 0 && (
            <Count value={totals.participation.not_called} label={t('notCalled')} className="text-ink-muted" testId="total-not-called" />
          )}
          {totals.participation.pending > 0 && (
            <Count value={totals.participation.pending} label={t('waiting')} className="text-ink-muted" testId="total-waiting" />
          )}
        </div>
      </Tile>

      <Tile label={t('time')} testId="total-time">
        <Big>
          {formatDuration(totals.usedMs)}
          <span className="text-base font-semibold text-ink-muted"> / {formatDuration(totals.allottedMs)}</span>
        </Big>
        <div className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-surface-3" aria-hidden="true">
          <div className="h-full rounded-full bg-status-normal" style={{ width: `${share * 100}%` }} />
        </div>
        <Small>{t('usedOfAllotted')}</Small>
      </Tile>

      <Tile label={t('overtime')} testId="total-overtime">
        <Big className={totals.overtimeMs > 0 ? 'text-status-overtime' : 'text-status-normal'}>
          {totals.overtimeMs > 0 ? `+${formatDuration(totals.overtimeMs)}` : formatDuration(0)}
        </Big>
        <Small>{totals.overTime > 0 ? t('overCount', { count: totals.overTime }) : t('noneOver')}</Small>
      </Tile>

      <Tile label={t('session')} testId="total-session">
        <Big>{formatDuration(totals.sessionElapsedMs)}</Big>
        <Small>{t('paused', { time: formatDuration(totals.pausedMs) })}</Small>
      </Tile>

      <Tile label={t('schedule')} testId="total-schedule" className="col-span-2 lg:col-span-3">
        <table className="w-full max-w-2xl text-sm">
          <thead>
            <tr className="text-left text-[0.65rem] font-bold tracking-wider text-ink-muted uppercase">
              <td />
              <th scope="col" className="pb-1 font-bold">
                {t('planned')}
              </th>
              <th scope="col" className="pb-1 font-bold">
                {finished ? t('actual') : t('actualOrProjected')}
              </th>
              <th scope="col" className="pb-1 font-bold">
                {t('drift')}
              </th>
            </tr>
          </thead>
          <tbody className="countdown text-lg">
            <tr data-testid="total-start">
              <th scope="row" className="pr-4 text-left text-sm font-normal text-ink-muted">
                {t('start')}
              </th>
              <td>{clockTime(totals.plannedStartAt, tz, locale)}</td>
              <td className="font-bold">{clockTime(totals.actualStartAt, tz, locale, true)}</td>
              <td>
                <Drift ms={totals.startDriftMs} plannedAt={totals.plannedStartAt} tz={tz} testId="total-start-drift" />
              </td>
            </tr>
            <tr data-testid="total-end">
              <th scope="row" className="pr-4 text-left text-sm font-normal text-ink-muted">
                {t('end')}
              </th>
              <td>{clockTime(totals.plannedEndAt, tz, locale)}</td>
              <td className="font-bold">{clockTime(totals.actualStartAt === null ? null : endAt, tz, locale, true)}</td>
              <td>
                <Drift
                  ms={totals.actualStartAt === null ? null : totals.driftMs}
                  plannedAt={totals.plannedEndAt}
                  tz={tz}
                  testId="total-drift"
                />
              </td>
            </tr>
          </tbody>
        </table>
      </Tile>
    </section>
  );
}

/** Signed difference from the plan; positive is late. */
function Drift({ ms, plannedAt, tz, testId }: { ms: number | null; plannedAt: number; tz: string; testId: string }) {
  const t = useTranslations('report.totals');
  const locale = useLocale();
  if (ms === null) return <span className="text-ink-muted">—</span>;
  // A rehearsal on another day: hundreds of hours "ahead" would mean nothing.
  if (Math.abs(ms) >= OFF_DAY_MS) {
    const date = new Intl.DateTimeFormat(locale, { timeZone: tz, day: 'numeric', month: 'short' }).format(plannedAt);
    return (
      <span className="text-sm text-ink-muted" data-testid={testId}>
        {t('otherDay', { date })}
      </span>
    );
  }
  const tone =
    Math.abs(ms) < ON_TIME_MS
      ? 'text-status-normal'
      : ms > 0
        ? ms > 5 * ON_TIME_MS
          ? 'text-status-overtime'
          : 'text-status-warning'
        : 'text-status-normal';
  return (
    <span data-testid={testId} data-drift-ms={Math.round(ms / 1000) * 1000}>
      <span className={cn('font-bold', tone)}>{formatDrift(ms)}</span>
      <span className="ml-2 text-sm text-ink-muted">{Math.abs(ms) < ON_TIME_MS ? t('onTime') : ms > 0 ? t('behind') : t('ahead')}</span>
    </span>
  );
}

function Tile({ label, testId, className, children }: { label: string; testId: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn('flex min-w-0 flex-col gap-1 rounded-xl border border-line bg-surface p-4', className)} data-testid={testId}>
      <h2 className="text-[0.7rem] font-bold tracking-[0.12em] text-ink-muted uppercase">{label}</h2>
      {children}
    </div>
  );
}

function Big({ className, children }: { className?: string; children: ReactNode }) {
  return <p className={cn('countdown text-3xl font-extrabold', className ?? 'text-ink')}>{children}</p>;
}

function Small({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="text-sm text-ink-muted" data-testid={testId}>
      {children}
    </p>
  );
}

function Count({ value, label, className, testId }: { value: number; label: string; className: string; testId: string }) {
  return (
    <div className="flex items-baseline gap-2" data-testid={testId}>
      <span className={cn('countdown min-w-[1.5ch] text-2xl font-extrabold', className)}>{value}</span>
      <span className="text-sm text-ink-muted">{label}</span>
    </div>
  );
}
