// The minutes of the meeting (протокол) as a document: heading, date and venue, start, end and
// duration, who was present, who spoke, who was not called and who was marked absent, the speeches
// in the order given, the nominations and the signature lines. One source for the report page's
// paper preview, minutes.pdf and minutes.docx. Pure: the wording comes from the `t` passed in.
import type ruReport from '../messages/ru/report.json';
import { bold, text, type Block, type DocumentModel, type Run } from './document';
import { clockTime, eventTitle, longDate, placeName } from './doc-format';
import { formatDurationWords } from './format';
import type { Report, ReportEntry, ReportLocale } from './report';
import { mskLabel } from './zones';

export type MinutesKey = keyof typeof ruReport.report.minutes;
export type MinutesText = (key: MinutesKey, values?: Record<string, string | number>) => string;

const BLANK = '________________';

/** "заседания круглого стола «…»" from a title that may already start with «Круглый стол». */
export function meetingName(title: string): string {
  const rest = title.replace(/^\s*(круглый стол|round table)\s*/i, '').trim();
  return /^[«"“„]/.test(rest) ? rest : `«${rest}»`;
}

const names = (entries: readonly ReportEntry[], locale: ReportLocale) => entries.map((e) => placeName(e, locale)).join('; ');

/** «Не вызваны: 10 (Омск; Томск …)» — a count and, when there are any, who. */
function countLine(label: string, entries: readonly ReportEntry[], locale: ReportLocale, none: string, testId: string): Block {
  const runs: Run[] = [bold(label), text(` ${entries.length === 0 ? none : entries.length}`)];
  if (entries.length > 0) runs.push(text(` (${names(entries, locale)})`));
  runs.push(text('.'));
  return { type: 'paragraph', runs, testId };
}

export function minutesDocument(report: Report, locale: ReportLocale, t: MinutesText): DocumentModel {
  const { totals, event } = report;
  const tz = event.timeZone;
  const details = event.documents;
  const title = eventTitle(event, locale);
  const started = report.phase !== 'planned';
  const speeches = report.entries.filter((e) => e.firstStartedAt !== null).sort((a, b) => a.firstStartedAt! - b.firstStartedAt!);
  const notCalled = report.entries.filter((e) => e.turns === 0 && e.status !== 'absent');
  const absent = report.entries.filter((e) => e.status === 'absent');
  const nominated = report.entries.filter((e) => e.nomination);
  const at = totals.actualStartAt ?? totals.plannedStartAt;
  const zone = tz === 'Europe/Moscow' ? t('zoneMoscow') : t('zoneOther', { zone: mskLabel(tz, at, locale) });
  const duration = formatDurationWords(totals.sessionElapsedMs, locale);
  const pauses = totals.pausedMs >= 1000 ? ` ${t('pauses', { time: formatDurationWords(totals.pausedMs, locale) })}` : '';

  const blocks: Block[] = [
    { type: 'title', text: t('heading') },
    { type: 'subtitle', text: t('subheading', { name: meetingName(title) }) },
  ];
  if (report.phase !== 'finished') blocks.push({ type: 'subtitle', text: t('preliminary'), italic: true });
  blocks.push(
    { type: 'split', left: longDate(at, tz, locale), right: details?.venue.trim() || BLANK },
    {
      type: 'fields',
      rows: [
        { label: t('format'), value: t('formatValue') },
        {
          label: t('start'),
          value: totals.actualStartAt === null ? BLANK : `${clockTime(totals.actualStartAt, tz, locale)} (${zone})`,
          testId: 'minutes-start',
        },
        { label: t('end'), value: totals.actualEndAt === null ? BLANK : clockTime(totals.actualEndAt, tz, locale), testId: 'minutes-end' },
        { label: t('duration'), value: `${duration}${pauses}`, testId: 'minutes-duration' },
      ],
    },
    {
      type: 'paragraph',
      runs: [bold(t('present')), text(` ${t('presentValue', { hall: totals.participation.hall, online: totals.participation.online })}.`)],
      testId: 'minutes-presence',
    },
    { type: 'paragraph', runs: [text(t('listed', { entries: totals.entries, spoke: totals.spoke }))] },
  );
  if (started) blocks.push(countLine(t('notCalled'), notCalled, locale, t('none'), 'minutes-not-called'));
  blocks.push(countLine(t('absent'), absent, locale, t('none'), 'minutes-absent'));

  blocks.push({ type: 'heading', text: t('speeches'), level: 1 });
  if (speeches.length === 0) blocks.push({ type: 'paragraph', runs: [text(t('noSpeeches'), { italic: true })] });
  else {
    blocks.push({
      type: 'list',
      testId: 'minutes-speeches',
      items: speeches.map((e) => {
        const who = [e.representative, e.position]
          .map((s) => s.trim())
          .filter(Boolean)
          .join(', ');
        const runs: Run[] = [bold(placeName(e, locale))];
        if (who) runs.push(text(` — ${who}`));
        runs.push(text(` — ${t('speechTime', { time: formatDurationWords(e.usedMs, locale) })}`));
        if (e.practiceTitle) runs.push(text(`; ${t('practice', { title: e.practiceTitle })}`));
        return { runs, id: e.id };
      }),
    });
  }

  blocks.push({ type: 'heading', text: t('nominations'), level: 1 });
  if (nominated.length === 0) blocks.push({ type: 'paragraph', runs: [text(t('noNominations'), { italic: true })] });
  else {
    blocks.push({
      type: 'list',
      testId: 'minutes-nominations',
      items: nominated.map((e) => ({
        id: e.id,
        runs: [
          text(
            `${placeName(e, locale)}${e.practiceTitle ? ` — ${t('practice', { title: e.practiceTitle })}` : ''} — ${t('nominationValue', { nomination: e.nomination! })}`,
          ),
        ],
      })),
    });
  }

  blocks.push({
    type: 'signatures',
    rows: [
      { role: t('chair'), name: details?.chair.trim() ?? '' },
      { role: t('secretary'), name: details?.secretary.trim() ?? '' },
    ],
    signHint: t('signatureHint'),
    nameHint: t('nameHint'),
  });
  return { lang: locale, title: `${t('heading')} ${t('subheading', { name: meetingName(title) })}`, blocks };
}
