import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OverlayApp } from '@/components/overlay/overlay-app';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('overlay');
  return { title: t('title') };
}

/** On-air graphics for OBS/vMix browser sources: no key, a read-only viewer like /screen. */
export default function OverlayPage() {
  return <OverlayApp />;
}
