'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, localeNames, locales, type AppLocale } from '@/i18n/config';
import { cn } from './ui/cn';

const ONE_YEAR_S = 60 * 60 * 24 * 365;

/** «Русский / English» toggle: stores the choice in the NEXT_LOCALE cookie and re-renders the page. */
export function LocaleSwitcher({ className }: { className?: string }) {
  const t = useTranslations('localeSwitcher');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(locale: AppLocale) {
    if (locale === current) return;
    document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
    startTransition(() => router.refresh());
  }

  return (
    <div
      role="group"
      aria-label={t('label')}
      aria-busy={pending || undefined}
      className={cn('inline-flex rounded-lg border border-line bg-surface p-0.5', className)}
    >
      {locales.map((locale) => {
        const active = locale === current;
        return (
          <button
            key={locale}
            type="button"
            lang={locale}
            aria-pressed={active}
            disabled={pending}
            onClick={() => choose(locale)}
            className={cn(
              'rounded-md px-3 py-1 text-sm font-semibold transition-colors disabled:cursor-wait',
              active ? 'bg-ink text-canvas' : 'text-ink-muted hover:bg-surface-2 hover:text-ink',
            )}
          >
            {localeNames[locale]}
          </button>
        );
      })}
    </div>
  );
}
