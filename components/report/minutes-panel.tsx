'use client';
// The minutes on the report page: the details the system cannot know (venue, chair, secretary; kept
// in this browser per event), the document's language, the print button and the paper preview.
import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState } from 'react';
import { Button, cn } from '@/components/ui';
import type { Report } from '@/lib/report';
import { PrintIcon } from './download-button';
import { minutesTranslator } from './doc-translator';
import { Minutes, type MinutesDetails } from './minutes';
import type { DocLocale } from './report-format';

const EMPTY: MinutesDetails = { venue: '', chair: '', secretary: '' };
const storageKey = (event: string) => `rollcall.minutes.${event}`;

function loadDetails(event: string): MinutesDetails {
  try {
    const raw = localStorage.getItem(storageKey(event));
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<MinutesDetails>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function MinutesPanel({ event, report, onPrint }: { event: string; report: Report; onPrint: () => void }) {
  const t = useTranslations('report.minutesPanel');
  const [docLocale, setDocLocale] = useState<DocLocale>('ru');
  const [details, setDetails] = useState<MinutesDetails>(EMPTY);
  const tDoc = useMemo(() => minutesTranslator(docLocale), [docLocale]);

  // Read after mounting: localStorage does not exist while the page is rendered on the server.
  useEffect(() => setDetails(loadDetails(event)), [event]);

  function update(field: keyof MinutesDetails, value: string) {
    setDetails((d) => {
      const next = { ...d, [field]: value };
      try {
        localStorage.setItem(storageKey(event), JSON.stringify(next));
      } catch {
        // storage blocked: the details last until the page is closed
      }
      return next;
    });
  }

  return (
    <section aria-labelledby="minutes-title" className="flex scroll-mt-20 flex-col gap-4 rounded-xl border border-line bg-surface-2 p-5 print:border-0 print:bg-transparent print:p-0">
      <div className="flex flex-wrap items-end justify-between gap-4 print:hidden">
        <div>
          <h2 id="minutes-title" className="text-lg font-bold">
            {t('title')}
          </h2>
          <p className="text-sm text-ink-muted">{t('hint')}</p>
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
                className={cn('rounded-md px-3 py-1 text-sm font-semibold', docLocale === l ? 'bg-ink text-canvas' : 'text-ink-muted hover:bg-surface-2')}
              >
                {t(`languages.${l}`)}
              </button>
            ))}
          </div>
          <Button variant="primary" size="sm" onClick={onPrint}>
            <PrintIcon />
            {t('print')}
          </Button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-3 print:hidden">
        <Field label={t('venue')} placeholder={t('venuePlaceholder')} value={details.venue} onChange={(v) => update('venue', v)} />
        <Field label={t('chair')} placeholder={t('namePlaceholder')} value={details.chair} onChange={(v) => update('chair', v)} />
        <Field label={t('secretary')} placeholder={t('namePlaceholder')} value={details.secretary} onChange={(v) => update('secretary', v)} />
      </div>
      <div className="overflow-x-auto rounded-lg bg-surface-3/40 p-4 sm:p-8 print:overflow-visible print:bg-transparent print:p-0">
        <Minutes report={report} locale={docLocale} t={tDoc} details={details} />
      </div>
    </section>
  );
}

function Field({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-semibold text-ink-muted">
        {label}
      </label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-line bg-canvas px-3 text-sm text-ink placeholder:text-ink-muted/60"
      />
    </div>
  );
}
