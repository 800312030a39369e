'use client';
// The minutes on the report page: the document's language, print, the PDF and DOCX the server
// makes, and the paper preview. Venue, chair and secretary are event settings (set-up page), so
// the files and the preview print the same names.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button, cn } from '@/components/ui';
import { minutesDocument } from '@/lib/minutes';
import type { Report } from '@/lib/report';
import { DocumentView } from './document-view';
import { DownloadButton, PrintIcon } from './download-button';
import { minutesText } from '@/lib/minutes-text';
import { eventApiUrl } from '@/components/moderator/organiser-api';
import type { DocLocale } from './report-format';

export function MinutesPanel({ event, report, onPrint }: { event: string; report: Report; onPrint: () => void }) {
  const t = useTranslations('report.minutesPanel');
  const [docLocale, setDocLocale] = useState<DocLocale>('ru');
  const document = useMemo(() => minutesDocument(report, docLocale, minutesText(docLocale)), [report, docLocale]);

  return (
    <section
      aria-labelledby="minutes-title"
      className="flex scroll-mt-20 flex-col gap-4 rounded-xl border border-line bg-surface-2 p-5 print:border-0 print:bg-transparent print:p-0"
    >
      <div className="flex flex-wrap items-end justify-between gap-4 print:hidden">
        <div>
          <h2 id="minutes-title" className="text-lg font-bold">
            {t('title')}
          </h2>
          <p className="text-sm text-ink-muted">
            {t('hint')}{' '}
            <Link href="/moderator/setup" className="font-semibold text-accent-ink underline-offset-4 hover:underline">
              {t('toSettings')}
            </Link>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label={t('language')} className="inline-flex rounded-lg border border-line bg-surface p-0.5">
            {(['ru', 'en'] as const).map((l) => (
              <button
                key={l}
                type="button"
                aria-pressed={docLocale === l}
                onClick={() => setDocLocale(l)}
                data-testid={`minutes-locale-${l}`}
                className={cn(
                  'rounded-md px-3 py-1 text-sm font-semibold',
                  docLocale === l ? 'bg-ink text-canvas' : 'text-ink-muted hover:bg-surface-2',
                )}
              >
                {t(`languages.${l}`)}
              </button>
            ))}
          </div>
          <DownloadButton
            url={eventApiUrl(event, 'minutes.pdf', { locale: docLocale })}
            fallbackName="rollcall-minutes.pdf"
            testId="download-minutes-pdf"
          >
            {t('pdf')}
          </DownloadButton>
          <DownloadButton
            url={eventApiUrl(event, 'minutes.docx', { locale: docLocale })}
            fallbackName="rollcall-minutes.docx"
            testId="download-minutes-docx"
          >
            {t('docx')}
          </DownloadButton>
          <Button variant="primary" size="sm" onClick={onPrint}>
            <PrintIcon />
            {t('print')}
          </Button>
        </div>
      </div>
      <div className="overflow-x-auto rounded-lg bg-surface-3/40 p-4 sm:p-8 print:overflow-visible print:bg-transparent print:p-0">
        <DocumentView document={document} testId="minutes" />
      </div>
    </section>
  );
}
