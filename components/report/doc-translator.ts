// Documents (the minutes, the printed library) have their own language, independent of the page's:
// the minutes of a Russian round table are kept in Russian even when the organiser reads English.
import { createTranslator } from 'next-intl';
import enReport from '@/messages/en/report.json';
import ruReport from '@/messages/ru/report.json';
import type { DocLocale } from './report-format';

const catalogues: Record<DocLocale, typeof ruReport> = { ru: ruReport, en: enReport };

export function minutesTranslator(locale: DocLocale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace: 'report.minutes' });
}

export type MinutesTranslator = ReturnType<typeof minutesTranslator>;
