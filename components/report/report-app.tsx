'use client';
// The report page: behind the moderator gate (it holds the cities' contacts), figures from the
// server's report, refreshed while the meeting runs, with the minutes ready to print.
import './report-print.css';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { ModeratorGate } from '@/components/moderator/access-gate';
import { useRouteParam } from '@/components/use-route-param';
import { ReportChart } from './report-chart';
import { ReportHeader } from './report-header';
import { ReportShell, ReportStatus } from './report-shell';
import { ReportTable } from './report-table';
import { ReportTotals } from './report-totals';
import { MinutesPanel } from './minutes-panel';
import { SpeakerAnnouncer } from './speaker-announcer';
import { useIsActiveEvent, useReport } from './use-report';
import { useLoadErrorText } from './use-load-error';

/** The event is the URL's second segment: `/report/<event>` (`current` for the active one). */
export function ReportApp() {
  const event = useRouteParam(1);
  if (!event) return null;
  return (
    <ModeratorGate>
      <ReportPage event={event} />
    </ModeratorGate>
  );
}

function ReportPage({ event }: { event: string }) {
  const t = useTranslations('report');
  const { report, error, loadedAt, refresh } = useReport(event);
  const active = useIsActiveEvent(event);
  const errorText = useLoadErrorText();
  // Everything but the minutes is `print:hidden`, so printing the page prints the minutes only.
  const print = useCallback(() => window.print(), []);

  return (
    <ReportShell event={event} section="report">
      <main id="main" data-testid="report-page" className="mx-auto flex max-w-[1400px] flex-col gap-6 px-5 py-6 print:max-w-none print:p-0">
        <SpeakerAnnouncer enabled={active} />
        {!report ? (
          error ? (
            <ReportStatus kind="error" message={errorText(error)} onRetry={refresh} />
          ) : (
            <ReportStatus kind="loading" />
          )
        ) : (
          <>
            <div className="flex flex-col gap-6 print:hidden">
              <ReportHeader event={event} report={report} loadedAt={loadedAt} stale={error !== null} active={active} onPrint={print} />
              {error && (
                <p
                  role="alert"
                  className="rounded-lg border border-status-warning bg-status-warning/10 px-4 py-2 text-sm text-status-warning"
                >
                  {t('staleNotice', { message: errorText(error) })}
                </p>
              )}
              <ReportTotals report={report} />
              <ReportChart report={report} />
              <ReportTable report={report} event={event} editable={active} onChanged={refresh} />
            </div>
            <MinutesPanel event={event} report={report} onPrint={print} />
          </>
        )}
      </main>
    </ReportShell>
  );
}
