import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EventsApp } from '@/components/setup/events-page';
import { PageMessages } from '@/i18n/page-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setup.events');
  return { title: t('title') };
}

/** The events of this server (round table, rehearsals): create a rehearsal, choose the active one. */
export default function EventsPage() {
  return (
    <PageMessages page="setup">
      <EventsApp />
    </PageMessages>
  );
}
