'use client';
// The minutes of the meeting (протокол), laid out as a paper document: heading, date and format,
// start and end, who was present, the speeches in the order they were given, the nominations for
// diplomas and the signature lines. Only this part of the report page is printed.
import { formatDuration } from '@/lib/format';
import { entryName, type Report, type ReportEntry } from '@/lib/report';
import type { MinutesTranslator } from './doc-translator';
import { clockTime, longDate, placeName, type DocLocale } from './report-format';

export interface MinutesDetails {
  venue: string;
  chair: string;
  secretary: string;
}

/** "заседания круглого стола «…»" from a title that may already start with «Круглый стол». */
function meetingName(title: string): string {
  const rest = title.replace(/^\s*(круглый стол|round table)\s*/i, '').trim();
  return /^[«"“„]/.test(rest) ? rest : `«${rest}»`;
}

function zoneNote(t: MinutesTranslator, timeZone: string, locale: DocLocale): string {
  if (timeZone === 'Europe/Moscow') return t('zoneMoscow');
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(0).find((p) => p.type === 'timeZoneName')?.value;
  return t('zoneOther', { zone: zone ?? timeZone });
}

export function Minutes({ report, locale, t, details }: { report: Report; locale: DocLocale; t: MinutesTranslator; details: MinutesDetails }) {
  const { totals, event } = report;
  const tz = event.timeZone;
  const title = (locale === 'en' && event.titleEn) || event.title;
  const finished = report.phase === 'finished';
  const speeches = report.entries.filter((e) => e.firstStartedAt !== null).sort((a, b) => a.firstStartedAt! - b.firstStartedAt!);
  const absent = report.entries.filter((e) => e.participation === 'absent');
  const nominated = report.entries.filter((e) => e.nomination);
  const blank = '________________';

  return (
    <article
      lang={locale}
      data-testid="minutes"
      className="report-paper mx-auto w-full max-w-[210mm] rounded-sm px-[18mm] py-[16mm] text-[12pt] leading-relaxed shadow-2xl"
    >
      <header className="mb-6 text-center">
        <h2 className="text-[16pt] font-bold tracking-[0.2em]">{t('heading')}</h2>
        <p className="text-[13pt] font-bold">{t('subheading', { name: meetingName(title) })}</p>
        {!finished && <p className="mt-1 text-[10pt] italic">{t('preliminary')}</p>}
      </header>

      <div className="mb-5 flex justify-between gap-6">
        <span>{longDate(totals.actualStartAt ?? totals.plannedStartAt, tz, locale)}</span>
        <span>{details.venue.trim() || blank}</span>
      </div>

      <dl className="mb-5 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
        <dt>{t('format')}</dt>
        <dd>{t('formatValue')}</dd>
        <dt>{t('start')}</dt>
        <dd data-testid="minutes-start">
          {totals.actualStartAt === null ? blank : clockTime(totals.actualStartAt, tz, locale)}
          {totals.actualStartAt !== null && ` (${zoneNote(t, tz, locale)})`}
        </dd>
        <dt>{t('end')}</dt>
        <dd data-testid="minutes-end">{totals.actualEndAt === null ? blank : clockTime(totals.actualEndAt, tz, locale)}</dd>
        <dt>{t('duration')}</dt>
        <dd>
          {formatDuration(totals.sessionElapsedMs)}
          {totals.pausedMs >= 1000 && ` ${t('pauses', { time: formatDuration(totals.pausedMs) })}`}
        </dd>
      </dl>

      <p className="mb-1" data-testid="minutes-presence">
        <b>{t('present')}</b> {t('presentValue', { hall: totals.participation.hall, online: totals.participation.online })};{' '}
        <b>{t('absent')}</b> {absent.length}
        {absent.length > 0 && ` (${absent.map((e) => entryName(e, locale)).join(', ')})`}.
      </p>
      <p className="mb-5">{t('listed', { entries: totals.entries, spoke: totals.spoke })}</p>

      <section className="mb-5">
        <h3 className="mb-2 font-bold">{t('speeches')}</h3>
        {speeches.length === 0 ? (
          <p className="italic">{t('noSpeeches')}</p>
        ) : (
          <ol className="list-decimal space-y-1.5 pl-7" data-testid="minutes-speeches">
            {speeches.map((e) => (
              <Speech key={e.id} entry={e} locale={locale} t={t} />
            ))}
          </ol>
        )}
      </section>

      <section className="keep-together mb-8">
        <h3 className="mb-2 font-bold">{t('nominations')}</h3>
        {nominated.length === 0 ? (
          <p className="italic">{t('noNominations')}</p>
        ) : (
          <ol className="list-decimal space-y-1 pl-7" data-testid="minutes-nominations">
            {nominated.map((e) => (
              <li key={e.id}>
                {placeName(e, locale)}
                {e.practiceTitle && <> — {t('practice', { title: e.practiceTitle })}</>} — {t('nominationValue', { nomination: e.nomination! })}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="keep-together mt-10 grid gap-8" aria-label={t('signatures')}>
        <Signature role={t('chair')} name={details.chair} hint={t('signatureHint')} nameHint={t('nameHint')} />
        <Signature role={t('secretary')} name={details.secretary} hint={t('signatureHint')} nameHint={t('nameHint')} />
      </section>
    </article>
  );
}

function Speech({ entry: e, locale, t }: { entry: ReportEntry; locale: DocLocale; t: MinutesTranslator }) {
  const who = [e.representative, e.position].map((s) => s.trim()).filter(Boolean).join(', ');
  return (
    <li className="keep-together" data-entry-id={e.id}>
      <b>{placeName(e, locale)}</b>
      {who && <> — {who}</>} — {t('speechTime', { time: formatDuration(e.usedMs) })}
      {e.practiceTitle && <>; {t('practice', { title: e.practiceTitle })}</>}
    </li>
  );
}

function Signature({ role, name, hint, nameHint }: { role: string; name: string; hint: string; nameHint: string }) {
  return (
    <div className="grid grid-cols-[9rem_11rem_14rem] items-end gap-x-6">
      <span>{role}</span>
      <span className="flex flex-col">
        <span className="h-6 border-b border-black" />
        <span className="text-center text-[9pt]">{hint}</span>
      </span>
      <span className="flex flex-col">
        <span className="h-6 border-b border-black text-center">{name.trim()}</span>
        <span className="text-center text-[9pt]">{nameHint}</span>
      </span>
    </div>
  );
}
