'use client';
// /moderator/setup: everything the organisers prepare before the day, on one laptop screen:
// the event's settings and the file import side by side, the list of speakers under them. The
// header's tabs lead to the links, events, report and back to the console.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/components/ui';
import { DocumentsForm } from './documents-form';
import { EntriesPanel } from './entries-panel';
import { EventForm } from './event-form';
import { ImportPanel } from './import-panel';
import { SetupShell } from './setup-shell';
import { WebhooksPanel } from './webhooks-panel';

export function SetupApp() {
  return (
    <SetupShell section="setup">
      <SetupPage />
    </SetupShell>
  );
}

const quiet = 'rounded text-accent-ink underline-offset-4 hover:underline';

function SetupPage() {
  const t = useTranslations('setup.page');
  return (
    <div className="flex flex-col gap-4" data-testid="setup-page">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
        <div>
          <h1 className="text-2xl font-extrabold tracking-tight text-ink">{t('title')}</h1>
          <p className="text-sm text-ink-muted">{t('intro')}</p>
        </div>
        <nav aria-label={t('more')} className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm font-semibold">
          <Link href="/moderator/links" className={quiet} data-testid="setup-to-links">
            {t('toLinks')}
          </Link>
          <Link href="/moderator/events" className={quiet} data-testid="setup-to-events">
            {t('toEvents')}
          </Link>
          <Link href="/report/current" className={quiet} data-testid="setup-to-report">
            {t('toReport')}
          </Link>
          <Link href="/moderator" className={buttonClasses({ variant: 'primary', size: 'sm' })} data-testid="setup-to-console">
            {t('toConsole')} <span aria-hidden="true">→</span>
          </Link>
        </nav>
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
        <EventForm />
        <ImportPanel />
      </div>
      <EntriesPanel />
      <DocumentsForm />
      <WebhooksPanel />
    </div>
  );
}
