'use client';
// Every entry in running order: how it took part, its time against its allotment, and its practice's
// nomination. The organisers' working view, so it also carries the cities' contacts.
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Badge, cn, type BadgeTone } from '@/components/ui';
import { formatDrift, formatDuration } from '@/lib/format';
import type { Participation, Report, ReportEntry } from '@/lib/report';
import { NominationCell } from './nomination-cell';
import { eventApiUrl } from '@/components/moderator/organiser-api';
import { asDocLocale, clockTime, placeName } from './report-format';

const PARTICIPATION_TONE: Record<Participation, BadgeTone> = {
  hall: 'accent',
  online: 'normal',
  absent: 'warning',
  not_called: 'neutral',
  pending: 'neutral',
};

export function ReportTable({
  report,
  event,
  editable,
  onChanged,
}: {
  report: Report;
  event: string;
  editable: boolean;
  onChanged: () => void;
}) {
  const t = useTranslations('report.table');
  // Figures shrink to their content; the names and the representative take the rest.
  const headers: { label: string; hint?: string; numeric?: boolean; className?: string }[] = [
    { label: t('place'), numeric: true },
    { label: t('entry'), className: 'min-w-44' },
    { label: t('representative'), className: 'min-w-56' },
    { label: t('participation'), className: 'w-px' },
    { label: t('allotted'), numeric: true },
    { label: t('used'), numeric: true },
    { label: t('overtime'), numeric: true },
    { label: t('turns'), numeric: true },
    { label: t('offline'), hint: t('offlineHint'), numeric: true },
    { label: t('start'), hint: t('startHint'), className: 'w-px' },
    { label: t('nomination'), className: 'min-w-40' },
  ];
  return (
    <section aria-labelledby="report-table-title" className="flex flex-col gap-3">
      <h2 id="report-table-title" className="text-lg font-bold">
        {t('title')}
      </h2>
      <div className="overflow-x-auto rounded-xl border border-line bg-surface">
        <table className="w-full min-w-[1080px] border-collapse text-sm" data-testid="report-table">
          <caption className="sr-only">{t('caption')}</caption>
          <thead>
            <tr className="border-b border-line bg-surface-2 text-left text-xs font-semibold text-ink-muted">
              {headers.map((h) => (
                <th
                  key={h.label}
                  scope="col"
                  title={h.hint}
                  className={cn('px-2.5 py-2.5 align-bottom', h.numeric && 'w-px text-right', h.className)}
                >
                  {h.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.entries.map((entry) => (
              <Row
                key={entry.id}
                entry={entry}
                report={report}
                diplomaUrl={eventApiUrl(event, `diplomas/${entry.id}.pdf`)}
                editable={editable}
                onChanged={onChanged}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row({
  entry: e,
  report,
  diplomaUrl,
  editable,
  onChanged,
}: {
  entry: ReportEntry;
  report: Report;
  diplomaUrl: string;
  editable: boolean;
  onChanged: () => void;
}) {
  const t = useTranslations('report.table');
  const tl = useTranslations('live');
  const locale = useLocale();
  const tz = report.event.timeZone;
  const name = placeName(e, asDocLocale(locale));
  const speaking = e.status === 'speaking';
  const startDrift = e.firstStartedAt === null ? null : e.firstStartedAt - e.plannedStartAt;

  return (
    <tr
      data-testid="report-row"
      data-entry-id={e.id}
      data-participation={e.participation}
      className={cn('border-b border-line/60 align-top last:border-0', speaking ? 'bg-status-normal/10' : 'hover:bg-surface-2/60')}
    >
      <Cell numeric className="text-ink-muted">
        {e.place}
      </Cell>
      <Cell>
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-semibold text-ink">{name}</span>
          {e.kind === 'guest' && <Badge className="px-1.5 py-0 text-[0.7rem]">{tl('kind.guest')}</Badge>}
          {speaking && (
            <Badge tone="normal" className="px-1.5 py-0 text-[0.7rem]">
              {tl('status.speaking')}
            </Badge>
          )}
        </div>
        {e.region && <div className="text-xs text-ink-muted">{e.region}</div>}
        {e.practiceTitle && <div className="mt-0.5 max-w-72 text-xs text-ink-muted italic">{e.practiceTitle}</div>}
      </Cell>
      <Cell>
        <div className="font-medium text-ink">{e.representative || '—'}</div>
        {e.position && <div className="text-xs text-ink-muted">{e.position}</div>}
        {e.contact && <div className="mt-0.5 text-xs break-all text-ink-muted">{e.contact}</div>}
      </Cell>
      <Cell>
        <Badge tone={PARTICIPATION_TONE[e.participation]} className="text-xs" data-testid="participation">
          {t(`participationValue.${e.participation}`)}
        </Badge>
        <div className="mt-1 text-xs whitespace-nowrap text-ink-muted">
          {t('planned', { attendance: t(`participationValue.${e.attendance === 'in_person' ? 'hall' : 'online'}`) })}
        </div>
      </Cell>
      <Cell numeric>
        <span className="tabular-nums">{formatDuration(e.allottedMs)}</span>
        {e.extraMs !== 0 && (
          <div className="tabular-nums text-xs text-ink-muted" title={t('extensionHint')}>
            {e.extraMs > 0 ? '+' : '−'}
            {formatDuration(Math.abs(e.extraMs))}
          </div>
        )}
      </Cell>
      <Cell numeric className={cn('tabular-nums font-semibold', e.turns === 0 && 'text-ink-muted')}>
        {e.turns > 0 ? formatDuration(e.usedMs) : '—'}
      </Cell>
      <Cell
        numeric
        className={cn('tabular-nums font-bold', e.overtimeMs > 0 ? 'text-status-overtime' : 'text-ink-muted')}
        testId="overtime"
      >
        {e.overtimeMs > 0 ? `+${formatDuration(e.overtimeMs)}` : '—'}
      </Cell>
      <Cell numeric className="tabular-nums">
        {e.turns}
      </Cell>
      <Cell numeric className={cn('tabular-nums', e.offlineMs ? 'text-status-warning' : 'text-ink-muted')}>
        {e.offlineMs === null ? <span title={t('offlineHall')}>—</span> : formatDuration(e.offlineMs)}
      </Cell>
      <Cell className="tabular-nums whitespace-nowrap">
        <div className="text-ink-muted">{clockTime(e.plannedStartAt, tz, locale)}</div>
        <div className="font-semibold">{clockTime(e.firstStartedAt, tz, locale, true)}</div>
        {startDrift !== null && Math.abs(startDrift) < 12 * 3_600_000 && (
          <div className={cn('text-xs', startDrift > 60_000 ? 'text-status-warning' : 'text-ink-muted')}>{formatDrift(startDrift)}</div>
        )}
      </Cell>
      <Cell>
        {/* A nomination is for a practice: guests and cities that sent none get no button. */}
        <NominationCell
          entryId={e.id}
          entryName={name}
          nomination={e.nomination}
          diplomaUrl={diplomaUrl}
          editable={editable && (e.nomination !== null || e.practiceTitle.trim() !== '' || e.practiceSummary.trim() !== '')}
          onChanged={onChanged}
        />
      </Cell>
    </tr>
  );
}

function Cell({ numeric, className, testId, children }: { numeric?: boolean; className?: string; testId?: string; children: ReactNode }) {
  return (
    <td className={cn('px-2.5 py-2.5', numeric && 'text-right whitespace-nowrap', className)} data-testid={testId}>
      {children}
    </td>
  );
}
