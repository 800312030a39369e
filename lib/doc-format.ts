// Formatting shared by the report pages and the documents (minutes, library of practices,
// diplomas). Every clock time is shown in the event's own time zone, never the reader's: the hall
// and the cities read one plan. Pure.
import { countryName } from './format';
import { entryName, type ReportEntry, type ReportLocale } from './report';

/** "10:05" or, with seconds, "10:05:09" in the event's zone. */
export function clockTime(at: number | null, timeZone: string, locale: string, seconds = false): string {
  if (at === null) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(at);
}

/** "10 декабря 2026 г." / "December 10, 2026". */
export function longDate(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** The entry's name in `locale`; the country follows for entries outside Russia ("Минск, Беларусь"). */
export function placeName(e: Pick<ReportEntry, 'nameRu' | 'nameEn' | 'country'>, locale: ReportLocale): string {
  const name = entryName(e, locale);
  return e.country && e.country !== 'RU' ? `${name}, ${countryName(e.country, locale)}` : name;
}

/** The event title in `locale`. */
export function eventTitle(event: { title: string; titleEn: string }, locale: string): string {
  return (locale === 'en' && event.titleEn) || event.title;
}
