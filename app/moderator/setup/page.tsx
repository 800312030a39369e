import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SetupApp } from '@/components/setup/setup-page';
import { PageMessages } from '@/i18n/page-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setup.page');
  return { title: t('title') };
}

/** The organisers' set-up: event settings, the list, import/export. The key arrives in the fragment. */
export default function SetupPage() {
  return (
    <PageMessages page="setup">
      <SetupApp />
    </PageMessages>
  );
}
