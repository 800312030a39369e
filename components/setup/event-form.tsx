'use client';
// The event's settings, edited as the organisers think of them: a date and a time on the clock of
// the event's own zone, lengths in seconds or minutes. Saved with one `event.update`.
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useLive } from '@/components/live/live-provider';
import { Button, Panel } from '@/components/ui';
import type { EventInfo } from '@/lib/model';
import { PLANNED_TOTAL_MINUTES, TEXT_MAX, TURN_SECONDS, WARN_SECONDS } from '@/lib/field-limits';
import { eventFieldsSchema, type EventFields } from '@/lib/protocol';
import { TextField } from './field';
import { Notice } from './notice';
import { useCommand } from './use-command';
import { useFollowSource } from './use-follow-source';
import { mskLabel } from '@/lib/zones';
import { ZoneSelect } from './zone-select';
import { formatZonedDateTime, zonedParts, zonedToIso } from './zoned-time';

interface Draft {
  title: string;
  titleEn: string;
  date: string;
  time: string;
  timeZone: string;
  turnSeconds: string;
  totalMinutes: string;
  warnSeconds: string;
  deadlineDate: string;
  deadlineTime: string;
}

function draftOf(event: EventInfo): Draft {
  const start = zonedParts(Date.parse(event.plannedStart), event.timeZone);
  const deadline = event.registrationDeadline ? zonedParts(Date.parse(event.registrationDeadline), event.timeZone) : null;
  return {
    title: event.title,
    titleEn: event.titleEn,
    date: start.date,
    time: start.time,
    timeZone: event.timeZone,
    turnSeconds: String(Math.round(event.defaultTurnMs / 1000)),
    totalMinutes: String(Math.round(event.plannedTotalMs / 60_000)),
    warnSeconds: String(Math.round(event.warnMs / 1000)),
    deadlineDate: deadline?.date ?? '',
    deadlineTime: deadline?.time ?? '',
  };
}

/** The documents' settings have their own form (documents-form.tsx). */
type FieldKey = Exclude<keyof EventFields, 'documents'>;
type Problems = Partial<Record<FieldKey, true>>;

const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Builds the command's fields, or says which ones are wrong. */
function fieldsOf(draft: Draft): { fields: EventFields | null; problems: Problems } {
  const validZone = (() => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: draft.timeZone });
      return true;
    } catch {
      return false;
    }
  })();
  const zone = validZone ? draft.timeZone : 'UTC';
  const noDeadline = draft.deadlineDate === '' && draft.deadlineTime === '';
  const candidate = {
    title: draft.title,
    titleEn: draft.titleEn,
    plannedStart: zonedToIso(draft.date, draft.time, zone) ?? '',
    timeZone: draft.timeZone,
    defaultTurnSeconds: numberOrNaN(draft.turnSeconds),
    plannedTotalMinutes: numberOrNaN(draft.totalMinutes),
    warnSeconds: numberOrNaN(draft.warnSeconds),
    // A date alone means "by the end of that day".
    registrationDeadline: noDeadline ? null : (zonedToIso(draft.deadlineDate, draft.deadlineTime || '23:59', zone) ?? ''),
  };
  const parsed = eventFieldsSchema.safeParse(candidate);
  if (parsed.success) return { fields: parsed.data, problems: {} };
  const problems: Problems = {};
  for (const issue of parsed.error.issues) problems[issue.path[0] as FieldKey] = true;
  return { fields: null, problems };
}

export function EventForm() {
  const event = useLive((s) => s.view?.event ?? null);
  if (!event) return <Panel title="…" data-testid="event-form" aria-busy="true" />;
  return <EventFormBody event={event} />;
}

function EventFormBody({ event }: { event: EventInfo }) {
  const t = useTranslations('setup.event');
  const locale = useLocale();
  const send = useCommand();
  const [draft, setDraft] = useState(() => draftOf(event));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  // Another console (or undo) changed the settings: follow them unless the organiser is typing.
  useFollowSource(JSON.stringify(event), dirty, () => setDraft(draftOf(event)));

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [key]: e.target.value }));
    setDirty(true);
    setOutcome(null);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    const { fields, problems: found } = fieldsOf(draft);
    setProblems(found);
    if (!fields) {
      setOutcome({ tone: 'error', text: t('invalid') });
      return;
    }
    setBusy(true);
    const error = await send({ type: 'event.update', fields });
    setBusy(false);
    if (error) return setOutcome({ tone: 'error', text: error });
    setDirty(false);
    setOutcome({ tone: 'success', text: t('saved') });
  }

  function reset() {
    setDraft(draftOf(event));
    setDirty(false);
    setProblems({});
    setOutcome(null);
  }

  const err = (key: FieldKey) => (problems[key] ? t(`problem.${key}`) : null);
  const zoneValid = !problems.timeZone;
  const startPreview = zoneValid ? zonedToIso(draft.date, draft.time, draft.timeZone) : null;

  return (
    <Panel title={t('title')} data-testid="event-form" className="h-full">
      <form onSubmit={save} className="flex flex-col gap-3" noValidate>
        <div className="grid grid-cols-12 gap-x-3 gap-y-3">
          <TextField
            label={t('titleRu')}
            value={draft.title}
            onChange={set('title')}
            error={err('title')}
            name="title"
            required
            maxLength={TEXT_MAX.eventTitle}
            className="col-span-6"
          />
          <TextField
            label={t('titleEn')}
            value={draft.titleEn}
            onChange={set('titleEn')}
            name="titleEn"
            lang="en"
            maxLength={TEXT_MAX.eventTitle}
            className="col-span-6"
          />
          <TextField
            label={t('date')}
            type="date"
            value={draft.date}
            onChange={set('date')}
            error={err('plannedStart')}
            name="date"
            required
            className="col-span-4"
          />
          <TextField label={t('time')} type="time" value={draft.time} onChange={set('time')} name="time" required className="col-span-3" />
          <ZoneSelect
            label={t('timeZone')}
            at={Date.parse(event.plannedStart)}
            value={draft.timeZone}
            onChange={set('timeZone')}
            error={err('timeZone')}
            name="timeZone"
            data-testid="event-time-zone"
            className="col-span-5"
            hint={
              startPreview
                ? t('startHint', { offset: startPreview.slice(-6), msk: mskLabel(draft.timeZone, Date.parse(startPreview), locale) })
                : undefined
            }
          />
          <TextField
            label={t('turnSeconds')}
            type="number"
            inputMode="numeric"
            min={TURN_SECONDS.min}
            max={TURN_SECONDS.max}
            value={draft.turnSeconds}
            onChange={set('turnSeconds')}
            error={err('defaultTurnSeconds')}
            name="defaultTurnSeconds"
            className="col-span-4"
          />
          <TextField
            label={t('totalMinutes')}
            type="number"
            inputMode="numeric"
            min={PLANNED_TOTAL_MINUTES.min}
            max={PLANNED_TOTAL_MINUTES.max}
            value={draft.totalMinutes}
            onChange={set('totalMinutes')}
            error={err('plannedTotalMinutes')}
            name="plannedTotalMinutes"
            className="col-span-4"
          />
          <TextField
            label={t('warnSeconds')}
            type="number"
            inputMode="numeric"
            min={WARN_SECONDS.min}
            max={WARN_SECONDS.max}
            value={draft.warnSeconds}
            onChange={set('warnSeconds')}
            error={err('warnSeconds')}
            name="warnSeconds"
            className="col-span-4"
          />
          <fieldset className="col-span-12 grid grid-cols-12 items-start gap-x-3">
            <legend className="sr-only">{t('deadline')}</legend>
            <TextField
              label={t('deadlineDate')}
              type="date"
              value={draft.deadlineDate}
              onChange={set('deadlineDate')}
              error={err('registrationDeadline')}
              name="deadlineDate"
              className="col-span-4"
            />
            <TextField
              label={t('deadlineTime')}
              type="time"
              value={draft.deadlineTime}
              onChange={set('deadlineTime')}
              name="deadlineTime"
              className="col-span-3"
            />
            <div className="col-span-5 flex h-full items-end">
              <Button
                variant="ghost"
                size="md"
                disabled={!draft.deadlineDate && !draft.deadlineTime}
                onClick={() => {
                  setDraft((d) => ({ ...d, deadlineDate: '', deadlineTime: '' }));
                  setDirty(true);
                }}
              >
                {t('noDeadline')}
              </Button>
            </div>
          </fieldset>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={busy} data-testid="event-save">
            {busy ? t('saving') : t('save')}
          </Button>
          <Button variant="secondary" disabled={!dirty || busy} onClick={reset} data-testid="event-reset">
            {t('reset')}
          </Button>
          {dirty && !outcome && <span className="text-sm text-status-warning">{t('unsaved')}</span>}
          {!dirty && !outcome && (
            <span className="text-sm text-ink-muted">
              {t('current', {
                start: formatZonedDateTime(Date.parse(event.plannedStart), event.timeZone, locale),
                zone: mskLabel(event.timeZone, Date.parse(event.plannedStart), locale),
              })}
            </span>
          )}
        </div>
        {outcome && (
          <Notice tone={outcome.tone} data-testid="event-result">
            {outcome.text}
          </Notice>
        )}
      </form>
    </Panel>
  );
}
