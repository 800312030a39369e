import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PracticesApp } from '@/components/report/practices-app';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('report.practices');
  return { title: t('metaTitle') };
}

/** The library of practices of an event (`current` for the active one), ready to publish. */
export default async function PracticesRoute({ params }: { params: Promise<{ event: string }> }) {
  const { event } = await params;
  return <PracticesApp event={event} />;
}
