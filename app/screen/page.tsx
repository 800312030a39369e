import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ScreenApp } from '@/components/screen/screen-app';
import { PageMessages } from '@/i18n/page-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('screen');
  return { title: t('title') };
}

/** The big screen: no key needed, it connects as a read-only viewer. */
export default function ScreenPage() {
  return (
    <PageMessages page="screen">
      <ScreenApp />
    </PageMessages>
  );
}
