import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { JoinPage } from '@/components/join/join-page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('join');
  return {
    title: t('metaTitle'),
    // The token is in the path: never send it to other sites as a Referer.
    referrer: 'no-referrer',
  };
}

export default async function JoinRoute({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <JoinPage token={token} />;
}
