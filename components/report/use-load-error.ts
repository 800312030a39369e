'use client';
// Why the report could not be loaded, in the reader's language.
import { useTranslations } from 'next-intl';
import type { ApiError } from './report-api';

export function useLoadErrorText(): (error: ApiError) => string {
  const t = useTranslations('report.loadError');
  return (error) => {
    if (error.status === 404) return t('notFound');
    if (error.status === 401 || error.status === 403) return t('unauthorized');
    if (error.status === 0) return t('network');
    return t('generic', { message: error.message });
  };
}
