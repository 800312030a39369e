'use client';
// Top of the report: which event, when, in which phase, how fresh the figures are, and the files.
import { useLocale, useTranslations } from 'next-intl';
import { Badge, Button, type BadgeTone } from '@/components/ui';
import type { Phase } from '@/lib/model';
import type { Report } from '@/lib/report';
import { DownloadButton, PrintIcon } from './download-button';
import { eventApiUrl } from '@/components/moderator/organiser-api';
import { clockTime, eventTitle, longDate } from './report-format';

const PHASE_TONE: Record<Phase, BadgeTone> = { planned: 'neutral', live: 'normal', paused: 'warning', finished: 'accent' };

export function ReportHeader({
  event,
  report,
  loadedAt,
  stale,
  active,
  onPrint,
}: {
  event: string;
  report: Report;
  loadedAt: number | null;
  stale: boolean;
  active: boolean;
  onPrint: () => void;
}) {
  const t = useTranslations('report');
  const tp = useTranslations('live.phase');
  const locale = useLocale();
  const tz = report.event.timeZone;
  const date = longDate(report.totals.actualStartAt ?? report.totals.plannedStartAt, tz, locale);
  const running = report.phase === 'live' || report.phase === 'paused';

  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="flex min-w-0 flex-col gap-1.5">
        <p className="text-xs font-bold tracking-[0.14em] text-accent-ink uppercase">{t('header.kicker')}</p>
        <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl" data-testid="report-title">
          {eventTitle(report.event, locale)}
        </h1>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-ink-muted">
          <span data-testid="report-date">{date}</span>
          <Badge tone={PHASE_TONE[report.phase]} data-testid="report-phase" data-phase={report.phase}>
            {report.phase === 'live' && <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-status-normal" />}
            {tp(report.phase)}
          </Badge>
          {loadedAt !== null && (
            <span className={stale ? 'text-status-warning' : ''} data-testid="report-updated">
              {stale
                ? t('header.stale', { time: clockTime(loadedAt, tz, locale, true) })
                : t('header.updated', { time: clockTime(loadedAt, tz, locale, true) })}
              {running && !stale && ` · ${t('header.autoRefresh')}`}
            </span>
          )}
        </div>
        {!active && <p className="text-sm text-status-warning">{t('header.notActive')}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <DownloadButton url={eventApiUrl(event, 'report.csv', { locale })} fallbackName="rollcall-report.csv" testId="download-csv">
          {t('downloads.csv')}
        </DownloadButton>
        <DownloadButton url={`${eventApiUrl(event, 'report.json')}?download`} fallbackName="rollcall-report.json" testId="download-json">
          {t('downloads.json')}
        </DownloadButton>
        {report.entries.some((e) => e.nomination) && (
          <DownloadButton url={eventApiUrl(event, 'diplomas.pdf')} fallbackName="rollcall-diplomas.pdf" testId="download-diplomas">
            {t('downloads.diplomas')}
          </DownloadButton>
        )}
        <Button variant="primary" size="sm" onClick={onPrint} data-testid="print-minutes">
          <PrintIcon />
          {t('header.printMinutes')}
        </Button>
      </div>
    </div>
  );
}
