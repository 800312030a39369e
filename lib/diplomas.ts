// A diploma for each practice nominated after the meeting: who is awarded, for which practice,
// in which nomination, at which meeting, when, and whose signatures close it (the event's
// document settings). Pure: server/documents/diploma-pdf.ts draws it.
import { ofCity } from './declension';
import { eventTitle, longDate } from './doc-format';
import { meetingName } from './minutes';
import { countryName } from './format';
import { entryName, type Report, type ReportEntry, type ReportLocale } from './report';

export interface Diploma {
  entryId: string;
  lang: ReportLocale;
  /** The awarding body, at the top; '' when not set. */
  issuer: string;
  heading: string;
  lead: string;
  /** The representative's name, or the city itself when nobody is named. */
  recipient: string;
  /** Position and whom the recipient represents: «…, представитель города Якутска». */
  recipientNote: string;
  practice: string;
  nomination: string;
  occasion: string;
  date: string;
  signers: { role: string; name: string }[];
}

/** «…» around a title, its own quotes turned into „…“ as Russian nests them. */
const quoted = (title: string) => `«${title.replace(/«/g, '„').replace(/»/g, '“')}»`;

const LABELS = {
  ru: {
    heading: 'ДИПЛОМ',
    lead: 'награждается',
    city: (e: ReportEntry) => `город ${e.nameRu}`,
    representative: (e: ReportEntry) => `представитель ${ofCity(e.nameRu)}`,
    practice: (title: string) => `за практику ${quoted(title)}`,
    nomination: (n: string) => `в номинации ${quoted(n)}`,
    occasion: (title: string) => `по итогам заседания круглого стола ${meetingName(title)}`,
  },
  en: {
    heading: 'DIPLOMA',
    lead: 'is awarded to',
    city: (e: ReportEntry) => `the city of ${entryName(e, 'en')}`,
    representative: (e: ReportEntry) => `representative of ${entryName(e, 'en')}`,
    practice: (title: string) => `for the practice “${title}”`,
    nomination: (n: string) => `in the nomination “${n}”`,
    occasion: (title: string) => `following the round table ${meetingName(title).replace(/^«(.*)»$/, '“$1”')}`,
  },
} as const;

/** «(Беларусь)» after a city outside Russia, so a diploma sent abroad names the country. */
const abroad = (e: ReportEntry, locale: ReportLocale) => (e.country && e.country !== 'RU' ? ` (${countryName(e.country, locale)})` : '');

export function diplomaFor(report: Report, e: ReportEntry, locale: ReportLocale = 'ru'): Diploma {
  const l = LABELS[locale];
  const settings = report.event.documents;
  const person = e.representative.trim();
  const city = e.kind === 'city';
  const note = [e.position.trim(), person && city ? l.representative(e) + abroad(e, locale) : ''].filter(Boolean).join(', ');
  return {
    entryId: e.id,
    lang: locale,
    issuer: settings?.diplomaIssuer.trim() ?? '',
    heading: l.heading,
    lead: l.lead,
    recipient: person || (city ? l.city(e) + abroad(e, locale) : entryName(e, locale)),
    recipientNote: note,
    practice: e.practiceTitle.trim() ? l.practice(e.practiceTitle.trim()) : '',
    nomination: l.nomination(e.nomination ?? ''),
    occasion: l.occasion(eventTitle(report.event, locale)),
    date: longDate(report.totals.actualStartAt ?? report.totals.plannedStartAt, report.event.timeZone, locale),
    signers: (settings?.signers ?? []).filter((s) => s.role.trim() || s.name.trim()),
  };
}

/** Every nominated entry's diploma, in running order. */
export function diplomas(report: Report, locale: ReportLocale = 'ru'): Diploma[] {
  return report.entries.filter((e) => e.nomination).map((e) => diplomaFor(report, e, locale));
}
