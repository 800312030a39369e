import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LinksApp } from '@/components/setup/links-page';
import { PageMessages } from '@/i18n/page-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setup.links');
  return { title: t('title') };
}

/** Participants' join links with QR codes, printable for the secretariat. Moderator key in the fragment. */
export default function LinksPage() {
  return (
    <PageMessages page="setup">
      <LinksApp />
    </PageMessages>
  );
}
