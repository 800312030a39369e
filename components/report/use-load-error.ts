'use client';
// Why the report could not be loaded, in the reader's language.
import { useTranslations } from 'next-intl';
import type { ApiFailure } from '@/components/moderator/organiser-api';

export function useLoadErrorText(): (failure: ApiFailure) => string {
  const t = useTranslations('report.loadError');
  return ({ status, error }) => {
    if (status === 404) return t('notFound');
    if (status === 401 || status === 403) return t('unauthorized');
    if (status === 0) return t('network');
    return t('generic', { message: error.message });
  };
}
