import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ModeratorApp } from '@/components/moderator/moderator-app';
import { PageMessages } from '@/i18n/page-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('moderator');
  return { title: t('title') };
}

/** The moderator console. The key arrives in the URL fragment, so everything happens on the client. */
export default function ModeratorPage() {
  return (
    <PageMessages page="console">
      <ModeratorApp />
    </PageMessages>
  );
}
