// The library of practices published after the meeting (Markdown, CSV, and as a document for PDF
// and DOCX), with the practices nominated for a diploma. Public documents: the cities' contacts are
// never included.
import { toCsv } from './csv';
import { bold, text, type Block, type DocumentModel } from './document';
import { eventTitle, longDate } from './doc-format';
import { formatDuration, formatDurationWords } from './format';
import { countryName } from './format';
import { entryName, seconds, type CsvCell, type Report, type ReportEntry, type ReportLocale } from './report';

const LABELS = {
  ru: {
    subtitle: 'Библиотека практик',
    nominated: 'Номинированы на диплом',
    practices: 'Практики',
    practice: 'Практика',
    used: 'Время выступления',
    notSpoken: 'выступления не было',
    nomination: 'Номинирована на диплом',
    headers: [
      '№',
      'Город',
      'Тип',
      'Страна',
      'Регион',
      'Представитель',
      'Должность',
      'Практика',
      'Описание практики',
      'Использовано (мин:с)',
      'Использовано, с',
      'Номинация',
    ],
    kind: { city: 'Город', guest: 'Гость' },
  },
  en: {
    subtitle: 'Library of practices',
    nominated: 'Nominated for a diploma',
    practices: 'Practices',
    practice: 'Practice',
    used: 'Time used',
    notSpoken: 'no speech',
    nomination: 'Nominated for a diploma',
    headers: [
      'No.',
      'City',
      'Kind',
      'Country',
      'Region',
      'Representative',
      'Position',
      'Practice',
      'Practice summary',
      'Used (m:ss)',
      'Used, s',
      'Nomination',
    ],
    kind: { city: 'City', guest: 'Guest' },
  },
} as const;

/**
 * Cities and guests that described a practice, in running order. Entries that did not take part
 * stay in: the library collects what the cities sent, and their time line says they did not speak.
 */
function withPractice(report: Report): ReportEntry[] {
  return report.entries.filter((e) => e.practiceTitle.trim() !== '' || e.practiceSummary.trim() !== '');
}

// Escaped everywhere: emphasis, code, links, HTML and entities, tables, strikethrough, and '#'
// (a trailing '#' would be eaten as a heading's closing sequence).
const INLINE_SPECIAL = /[\\`*_[\]<>|~#&]/g;

function escapeLine(line: string): string {
  return (
    line
      .replace(INLINE_SPECIAL, '\\$&')
      // At the start of a line these open a list, a quote or a setext underline; digits + '.' an ordered list.
      .replace(/^[-+=>]/, '\\$&')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/** User text on one line (headings, list items): whitespace and newlines collapse to one space. */
export function escapeMarkdownInline(text: string): string {
  return escapeLine(text.replace(/\s+/g, ' ').trim());
}

/**
 * User text as paragraphs: each line trimmed (four leading spaces would make a code block) and
 * escaped on its own, runs of blank lines kept as one paragraph break.
 */
export function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeLine(line.trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "Минск (Беларусь)": the country only for entries outside Russia. */
function place(e: ReportEntry, locale: ReportLocale): string {
  const name = entryName(e, locale);
  return e.country && e.country !== 'RU' ? `${name} (${countryName(e.country, locale)})` : name;
}

function eventDate(report: Report, locale: ReportLocale): string {
  return longDate(report.totals.actualStartAt ?? report.totals.plannedStartAt, report.event.timeZone, locale);
}

export function practicesMarkdown(report: Report, locale: ReportLocale = 'ru'): string {
  const l = LABELS[locale];
  const title = eventTitle(report.event, locale);
  const entries = withPractice(report);
  const out: string[] = [`# ${escapeMarkdownInline(title)}`, '', `${escapeMarkdownInline(eventDate(report, locale))} · ${l.subtitle}`, ''];

  const nominated = entries.filter((e) => e.nomination);
  if (nominated.length > 0) {
    out.push(`## ${l.nominated}`, '');
    for (const e of nominated) {
      const practice = e.practiceTitle.trim() ? ` — ${escapeMarkdownInline(e.practiceTitle)}` : '';
      out.push(`- **${escapeMarkdownInline(place(e, locale))}**${practice}: ${escapeMarkdownInline(e.nomination!)}`);
    }
    out.push('');
  }

  out.push(`## ${l.practices}`, '');
  for (const e of entries) {
    out.push(`### ${escapeMarkdownInline(place(e, locale))}`, '');
    const who = [e.representative, e.position].map((s) => s.trim()).filter(Boolean);
    if (who.length > 0) out.push(who.map(escapeMarkdownInline).join(', '), '');
    if (e.practiceTitle.trim()) out.push(`**${l.practice}:** ${escapeMarkdownInline(e.practiceTitle)}`, '');
    if (e.practiceSummary.trim()) out.push(escapeMarkdownBlock(e.practiceSummary), '');
    out.push(`${l.used}: ${e.turns > 0 ? formatDurationWords(e.usedMs, locale) : l.notSpoken}`, '');
    if (e.nomination) out.push(`${l.nomination}: ${escapeMarkdownInline(e.nomination)}`, '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** The same entries as the Markdown, one row each (BOM, ';', CRLF, formulas neutralised). */
export function practicesCsv(report: Report, locale: ReportLocale = 'ru'): string {
  const l = LABELS[locale];
  const rows = withPractice(report).map((e): CsvCell[] => [
    e.place,
    entryName(e, locale),
    l.kind[e.kind],
    countryName(e.country, locale),
    e.region,
    e.representative,
    e.position,
    e.practiceTitle,
    e.practiceSummary,
    e.turns > 0 ? formatDuration(e.usedMs) : null,
    seconds(e.usedMs),
    e.nomination,
  ]);
  return toCsv([l.headers, ...rows]);
}

/** The same library as a document for PDF and DOCX: nominated practices first, then each city's. */
export function practicesDocument(report: Report, locale: ReportLocale = 'ru'): DocumentModel {
  const l = LABELS[locale];
  const title = eventTitle(report.event, locale);
  const entries = withPractice(report);
  const nominated = entries.filter((e) => e.nomination);
  const blocks: Block[] = [
    { type: 'title', text: l.subtitle.toUpperCase() },
    { type: 'subtitle', text: title },
    { type: 'subtitle', text: eventDate(report, locale), italic: true },
  ];
  if (nominated.length > 0) {
    blocks.push(
      { type: 'heading', text: l.nominated, level: 1 },
      {
        type: 'list',
        items: nominated.map((e) => ({
          id: e.id,
          runs: [bold(place(e, locale)), text(`${e.practiceTitle.trim() ? ` — ${e.practiceTitle.trim()}` : ''}: ${e.nomination}`)],
        })),
      },
    );
  }
  blocks.push({ type: 'heading', text: l.practices, level: 1 });
  for (const e of entries) {
    blocks.push({ type: 'heading', text: place(e, locale), level: 2 });
    const who = [e.representative, e.position]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(', ');
    if (who) blocks.push({ type: 'paragraph', runs: [text(who, { italic: true })] });
    if (e.practiceTitle.trim()) blocks.push({ type: 'paragraph', runs: [bold(`${l.practice}: `), text(e.practiceTitle.trim())] });
    if (e.practiceSummary.trim())
      blocks.push({
        type: 'paragraph',
        runs: [
          text(
            e.practiceSummary
              .trim()
              .replace(/\r\n?/g, '\n')
              .replace(/\n{3,}/g, '\n\n'),
          ),
        ],
      });
    blocks.push({ type: 'paragraph', runs: [text(`${l.used}: ${e.turns > 0 ? formatDurationWords(e.usedMs, locale) : l.notSpoken}`)] });
    if (e.nomination) blocks.push({ type: 'paragraph', runs: [bold(`${l.nomination}: `), text(e.nomination)] });
  }
  return { lang: locale, title: `${title} — ${l.subtitle}`, blocks };
}
