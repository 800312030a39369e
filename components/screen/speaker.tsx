'use client';
// Who holds the floor, or who is called next: the city large, then the person, then where they are.
import { useLocale, useTranslations } from 'next-intl';
import type { Entry } from '@/lib/model';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';
import { connectionOf } from '@/lib/view';
import { AttendanceIcon } from './motif';
import { LocalTime } from './clocks';
import { markerOf, nameSize, placeLine } from './screen-data';

/**
 * «В зале» / «По видеосвязи» with its pictogram. For a video speaker whose link has dropped it says
 * that instead («Не на связи»), so the hall is never told a lost connection is there.
 */
export function AttendanceMarker({ entry, className = '' }: { entry: Entry; className?: string }) {
  const t = useTranslations('live');
  const marker = markerOf(entry);
  const connection = useLive((s) => (s.view ? connectionOf(entry.id, s.view) : 'online'));
  const lost = marker === 'online' && connection !== 'online';
  return (
    <span
      data-attendance={marker}
      data-connection={connection}
      data-testid="screen-attendance"
      className={`inline-flex items-center gap-[0.4em] rounded-full border px-[0.8em] py-[0.25em] font-semibold whitespace-nowrap ${
        lost
          ? 'border-status-warning bg-status-warning/15 text-status-warning'
          : marker === 'in_person'
            ? 'border-accent/70 bg-accent/15 text-accent-ink'
            : 'border-sky-400/60 bg-sky-400/10 text-sky-300'
      } ${className}`}
    >
      <AttendanceIcon attendance={marker} className="scr-icon" />
      {lost ? t(`presence.${connection}`) : t(`attendance.${marker}`)}
    </span>
  );
}

function EntryHeading({ entry, kicker, testId }: { entry: Entry; kicker: string; testId: string }) {
  const locale = useLocale();
  const name = useEntryName()(entry);
  const tKind = useTranslations('live.kind');
  const place = placeLine(entry, locale);
  return (
    <section data-testid={testId} data-entry-id={entry.id} aria-label={kicker} className="flex min-w-0 flex-col scr-stage-gap">
      <p className="scr-enter flex items-center gap-[0.6em] scr-stage-base font-bold uppercase tracking-[0.16em] text-accent-ink">
        <span aria-hidden="true" className="inline-block h-[0.5em] w-[0.5em] rounded-full bg-accent" />
        {kicker}
        {entry.kind === 'guest' && (
          <span className="rounded-md bg-surface-3 px-[0.5em] py-[0.1em] text-[0.7em] tracking-[0.1em] text-ink-muted">
            {tKind('guest')}
          </span>
        )}
      </p>
      <h1
        className={`scr-enter scr-name-${nameSize(name)} font-extrabold leading-[1.0] tracking-tight text-balance text-ink`}
        data-testid="screen-name"
      >
        {name}
      </h1>
      {place && <p className="scr-optional scr-enter scr-stage-lg font-medium text-ink-muted">{place}</p>}
      <div className="scr-enter-late mt-[calc(var(--u)*0.8)] flex flex-col gap-[calc(var(--u)*0.4)] border-l-[calc(var(--u)*0.35)] border-accent/80 pl-[calc(var(--u)*1.6)]">
        {entry.representative && <p className="scr-stage-xl font-semibold leading-tight text-ink">{entry.representative}</p>}
        {entry.position && <p className="scr-optional line-clamp-2 scr-stage-base leading-snug text-ink-muted">{entry.position}</p>}
      </div>
      <div className="scr-enter-late mt-[calc(var(--u)*0.5)] flex flex-wrap items-center gap-[calc(var(--u)*1.2)] scr-stage-base">
        <AttendanceMarker entry={entry} />
        {entry.timeZone && (
          <span className="scr-optional inline-flex items-center gap-[0.4em] text-ink-muted">
            <ClockIcon />
            <LocalTime timeZone={entry.timeZone} />
          </span>
        )}
      </div>
    </section>
  );
}

function ClockIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      className="scr-icon"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </svg>
  );
}

/** The entry holding the floor (data-testid="screen-speaker"). */
export function SpeakerBlock({ entry }: { entry: Entry }) {
  const t = useTranslations('screen');
  return <EntryHeading entry={entry} kicker={t('nowSpeaking')} testId="screen-speaker" />;
}

/** Between speakers: the entry that `speaker.next` will call. */
export function NextBlock({ entry }: { entry: Entry }) {
  const t = useTranslations('screen');
  return <EntryHeading entry={entry} kicker={t('nextSpeaker')} testId="screen-next" />;
}
