import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PracticesApp } from '@/components/report/practices-app';
import { PLACEHOLDER_PARAM } from '@/lib/route-placeholder';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('report.practices');
  return { title: t('metaTitle') };
}

// Built once for every event, like the report (app/report/[event]/page.tsx).
export const generateStaticParams = () => [{ event: PLACEHOLDER_PARAM }];

/** The library of practices of an event (`current` for the active one), ready to publish. */
export default function PracticesRoute() {
  return <PracticesApp />;
}
