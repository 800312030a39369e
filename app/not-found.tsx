import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SiteHeader } from '@/components/site-header';
import { buttonClasses } from '@/components/ui';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto flex max-w-2xl flex-col items-start gap-4 px-5 py-16">
        <p className="countdown text-6xl font-extrabold text-accent-ink">404</p>
        <h1 className="text-3xl font-bold">{t('title')}</h1>
        <p className="text-lg text-ink-muted">{t('body')}</p>
        <Link href="/" className={buttonClasses({ variant: 'primary' })}>
          {t('back')}
        </Link>
      </main>
    </>
  );
}
