'use client';

import { useLocale, useTranslations } from 'next-intl';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition, type MouseEvent } from 'react';
import { LOCALE_COOKIE, localeNames, locales, type AppLocale } from '@/i18n/config';
import { cn } from './ui/cn';

const ONE_YEAR_S = 60 * 60 * 24 * 365;

function rememberLocale(locale: AppLocale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}

/**
 * «Русский / English» toggle, stored in the NEXT_LOCALE cookie. Each choice is a real link to
 * /api/locale (sets the cookie, comes back), so it works before the page has hydrated; once it has,
 * the click re-renders in place instead, keeping the live connection.
 */
export function LocaleSwitcher({ className }: { className?: string }) {
  const t = useTranslations('localeSwitcher');
  const current = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function choose(e: MouseEvent, locale: AppLocale) {
    e.preventDefault();
    if (locale === current) return;
    rememberLocale(locale);
    startTransition(() => router.refresh());
  }

  return (
    <nav
      aria-label={t('label')}
      aria-busy={pending || undefined}
      className={cn('inline-flex rounded-lg border border-line bg-surface p-0.5', className)}
    >
      {locales.map((locale) => {
        const active = locale === current;
        return (
          <a
            key={locale}
            href={`/api/locale?lang=${locale}&next=${encodeURIComponent(pathname ?? '/')}`}
            lang={locale}
            hrefLang={locale}
            aria-current={active ? 'true' : undefined}
            onClick={(e) => choose(e, locale)}
            className={cn(
              'rounded-md px-3 py-1 text-sm font-semibold transition-colors',
              pending && 'cursor-wait',
              active ? 'bg-ink text-canvas' : 'text-ink-muted hover:bg-surface-2 hover:text-ink',
            )}
          >
            {localeNames[locale]}
          </a>
        );
      })}
    </nav>
  );
}
