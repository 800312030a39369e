import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { JoinPage } from '@/components/join/join-page';
import { PLACEHOLDER_PARAM } from '@/lib/route-placeholder';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('join');
  return {
    title: t('metaTitle'),
    // The token is in the path: never send it to other sites as a Referer.
    referrer: 'no-referrer',
  };
}

// Built once, with a placeholder token; the server serves this page for every /join/<token>, and the
// page reads its token from the browser's URL (components/use-route-param.ts).
export const generateStaticParams = () => [{ token: PLACEHOLDER_PARAM }];

export default function JoinRoute() {
  return <JoinPage />;
}
