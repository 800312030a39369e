// Formatting of the report pages; the helpers the server's documents share live in lib/doc-format.ts.
import type { ReportLocale } from '@/lib/report';

export { clockTime, eventTitle, longDate, placeName } from '@/lib/doc-format';

export type DocLocale = ReportLocale;

export const asDocLocale = (locale: string): DocLocale => (locale === 'en' ? 'en' : 'ru');

/** Drift of more than half a day means the event ran on another day than planned (a rehearsal). */
export const OFF_DAY_MS = 12 * 3_600_000;
