import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SiteHeader } from '@/components/site-header';
import { buttonClasses, Kbd, Panel } from '@/components/ui';

export default async function HomePage() {
  const t = await getTranslations('home');
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto flex max-w-5xl flex-col gap-10 px-5 py-10">
        <div className="flex flex-col gap-3">
          <h1 className="text-4xl font-extrabold tracking-tight sm:text-5xl">{t('title')}</h1>
          <p className="max-w-3xl text-lg text-ink-muted">{t('intro')}</p>
        </div>

        <div className="flex flex-col gap-4">
          <h2 className="text-2xl font-bold">{t('screensTitle')}</h2>
          <div className="grid gap-5 md:grid-cols-3">
            <Panel title={t('screen.title')} level={3}>
              <p className="text-ink-muted">{t('screen.body')}</p>
              <p className="text-sm text-ink-muted">{t.rich('screen.hint', { kbd: (key) => <Kbd>{key}</Kbd> })}</p>
              <Link href="/screen" className={buttonClasses({ variant: 'primary', className: 'mt-auto self-start' })}>
                {t('screen.open')}
              </Link>
            </Panel>

            <Panel title={t('moderator.title')} level={3}>
              <p className="text-ink-muted">{t('moderator.body')}</p>
              <p className="border-l-4 border-accent pl-3 text-sm text-ink">{t('moderator.keyNote')}</p>
              <Link href="/moderator" className={buttonClasses({ variant: 'secondary', className: 'mt-auto self-start' })}>
                {t('moderator.open')}
              </Link>
            </Panel>

            <Panel title={t('participant.title')} level={3}>
              <p className="text-ink-muted">{t('participant.body')}</p>
              <p className="mt-auto text-sm text-ink-muted">{t('participant.note')}</p>
            </Panel>
          </div>
        </div>
      </main>
    </>
  );
}
