import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ReportApp } from '@/components/report/report-app';
import { PLACEHOLDER_PARAM } from '@/lib/route-placeholder';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('report');
  return { title: t('metaTitle') };
}

// Built once for every event (the server serves it for each /report/<event>); the page reads the event
// from the browser's URL. The key is in the fragment: client only.
export const generateStaticParams = () => [{ event: PLACEHOLDER_PARAM }];

/** The report of an event (`current` for the active one). */
export default function ReportRoute() {
  return <ReportApp />;
}
