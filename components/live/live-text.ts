'use client';
// Small hooks that turn live data into the reader's language.
import { useLocale, useTranslations } from 'next-intl';
import type { Entry } from '@/lib/model';
import type { RollcallError } from '@/lib/protocol';

/** The entry's name in the page language (Russian when there is no English one). */
export function useEntryName(): (entry: Pick<Entry, 'nameRu' | 'nameEn'>) => string {
  const locale = useLocale();
  return (entry) => (locale === 'en' && entry.nameEn ? entry.nameEn : entry.nameRu);
}

/** A command error in the page language, by its stable reason, else its English message. */
export function useErrorText(): (error: RollcallError) => string {
  const t = useTranslations('live.errors');
  return (error) => {
    const key = (t.has(error.reason as never) ? error.reason : t.has(error.code as never) ? error.code : null) as
      Parameters<typeof t>[0] | null;
    return key ? t(key, { message: error.message }) : t('generic', { message: error.message });
  };
}
