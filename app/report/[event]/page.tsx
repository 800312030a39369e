import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ReportApp } from '@/components/report/report-app';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('report');
  return { title: t('metaTitle') };
}

/** The report of an event (`current` for the active one). The key is in the fragment: client only. */
export default async function ReportRoute({ params }: { params: Promise<{ event: string }> }) {
  const { event } = await params;
  return <ReportApp event={event} />;
}
