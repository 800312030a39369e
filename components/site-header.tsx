import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from './locale-switcher';
import { SkipLink } from './ui/skip-link';

/** Header for the ordinary pages (home, errors); the big screen goes without it. */
export async function SiteHeader() {
  const t = await getTranslations();
  return (
    <header className="border-b border-line bg-surface">
      <SkipLink label={t('nav.skipToContent')} />
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-5 py-3">
        <Link href="/" className="flex items-center gap-2 rounded-md text-xl font-extrabold tracking-tight">
          <span aria-hidden="true" className="inline-block size-3 rounded-full bg-accent" />
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul className="flex items-center gap-1 text-sm font-semibold">
            <li>
              <Link href="/screen" className="rounded-md px-3 py-2 text-ink-muted hover:bg-surface-2 hover:text-ink">
                {t('nav.screen')}
              </Link>
            </li>
            <li>
              <Link href="/moderator" className="rounded-md px-3 py-2 text-ink-muted hover:bg-surface-2 hover:text-ink">
                {t('nav.moderator')}
              </Link>
            </li>
          </ul>
        </nav>
        <LocaleSwitcher />
      </div>
    </header>
  );
}
