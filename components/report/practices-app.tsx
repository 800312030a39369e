'use client';
// The library of the cities' practices, ready to publish and to send to the cities: in running
// order, nominated ones first, as Markdown and CSV files or printed on white paper.
import './report-print.css';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ModeratorGate } from '@/components/moderator/access-gate';
import { useRouteParam } from '@/components/use-route-param';
import { Button } from '@/components/ui';
import type { ReportEntry } from '@/lib/report';
import { DownloadButton, PrintIcon } from './download-button';
import { PracticeCard } from './practice-card';
import { eventApiUrl } from '@/components/moderator/organiser-api';
import { eventTitle, longDate } from './report-format';
import { ReportShell, ReportStatus } from './report-shell';
import { useLoadErrorText } from './use-load-error';
import { useReport } from './use-report';

/** The event is the URL's second segment: `/report/<event>` (`current` for the active one). */
export function PracticesApp() {
  const event = useRouteParam(1);
  if (!event) return null;
  return (
    <ModeratorGate>
      <PracticesPage event={event} />
    </ModeratorGate>
  );
}

const hasPractice = (e: ReportEntry) => e.practiceTitle.trim() !== '' || e.practiceSummary.trim() !== '';

function PracticesPage({ event }: { event: string }) {
  const t = useTranslations('report.practices');
  const locale = useLocale();
  const { report, error, refresh } = useReport(event);
  const errorText = useLoadErrorText();

  if (!report) {
    return (
      <ReportShell event={event} section="practices">
        <main id="main" data-testid="practices-page" className="mx-auto max-w-5xl px-5 py-6">
          {error ? <ReportStatus kind="error" message={errorText(error)} onRetry={refresh} /> : <ReportStatus kind="loading" />}
        </main>
      </ReportShell>
    );
  }

  const entries = report.entries.filter(hasPractice);
  const nominated = entries.filter((e) => e.nomination);
  const others = entries.filter((e) => !e.nomination);
  const tz = report.event.timeZone;

  return (
    <ReportShell event={event} section="practices">
      <main
        id="main"
        data-testid="practices-page"
        className="print-doc mx-auto flex max-w-5xl flex-col gap-8 px-5 py-6 print:max-w-none print:gap-5 print:p-0"
      >
        <header className="flex flex-wrap items-end justify-between gap-4 border-b border-line pb-5">
          <div className="flex flex-col gap-1.5">
            <p className="text-xs font-bold tracking-[0.14em] text-accent-ink uppercase">{t('kicker')}</p>
            <h1 className="text-3xl font-extrabold tracking-tight text-ink">{eventTitle(report.event, locale)}</h1>
            <p className="text-sm text-ink-muted">
              {longDate(report.totals.actualStartAt ?? report.totals.plannedStartAt, tz, locale)} ·{' '}
              <span data-testid="practices-count">{t('count', { count: entries.length, nominated: nominated.length })}</span>
            </p>
          </div>
          <div className="flex flex-wrap gap-2 print:hidden">
            <DownloadButton url={eventApiUrl(event, 'practices.md', { locale })} fallbackName="rollcall-practices.md" testId="download-md">
              {t('downloadMd')}
            </DownloadButton>
            <DownloadButton
              url={eventApiUrl(event, 'practices.pdf', { locale })}
              fallbackName="rollcall-practices.pdf"
              testId="download-practices-pdf"
            >
              {t('downloadPdf')}
            </DownloadButton>
            <DownloadButton
              url={eventApiUrl(event, 'practices.docx', { locale })}
              fallbackName="rollcall-practices.docx"
              testId="download-practices-docx"
            >
              {t('downloadDocx')}
            </DownloadButton>
            <DownloadButton
              url={eventApiUrl(event, 'practices.csv', { locale })}
              fallbackName="rollcall-practices.csv"
              testId="download-practices-csv"
            >
              {t('downloadCsv')}
            </DownloadButton>
            {nominated.length > 0 && (
              <DownloadButton
                url={eventApiUrl(event, 'diplomas.pdf')}
                fallbackName="rollcall-diplomas.pdf"
                testId="download-practices-diplomas"
              >
                {t('downloadDiplomas')}
              </DownloadButton>
            )}
            <Button variant="primary" size="sm" onClick={() => window.print()} data-testid="print-practices">
              <PrintIcon />
              {t('print')}
            </Button>
          </div>
        </header>

        {entries.length === 0 && <p className="py-16 text-center text-lg text-ink-muted">{t('empty')}</p>}

        {nominated.length > 0 && (
          <Section title={t('nominated')} testId="practices-nominated" accent>
            {nominated.map((e) => (
              <PracticeCard key={e.id} entry={e} />
            ))}
          </Section>
        )}
        {others.length > 0 && (
          <Section title={nominated.length > 0 ? t('others') : t('all')} testId="practices-others">
            {others.map((e) => (
              <PracticeCard key={e.id} entry={e} />
            ))}
          </Section>
        )}
      </main>
    </ReportShell>
  );
}

function Section({ title, testId, accent, children }: { title: string; testId: string; accent?: boolean; children: ReactNode }) {
  return (
    <section aria-label={title} data-testid={testId} className="flex flex-col gap-4 print:gap-0">
      <h2 className="flex items-center gap-2 text-xl font-bold text-ink">
        {accent && <span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-accent print:hidden" />}
        {title}
      </h2>
      {children}
    </section>
  );
}
