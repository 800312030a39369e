'use client';
// Adds an entry or edits every field of one (on the city's behalf), in a modal <dialog>: focus is
// trapped, Escape closes, and the page behind stays as it was. Checked with the wire schema before
// sending, so a wrong field is named next to it instead of in an English server message. A city's
// name fills its zone, longitude, region and country from the built-in list (lib/gazetteer.ts);
// the command carries them explicitly, so replaying the journal never depends on that list.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui';
import { ATTENDANCES, ENTRY_KINDS, type Entry } from '@/lib/model';
import { findPlace, type Place, type PlaceMatch } from '@/lib/gazetteer';
import { TURN_SECONDS } from '@/lib/field-limits';
import { entryFieldsSchema, type EntryFields } from '@/lib/protocol';
import { SelectField, TextAreaField, TextField } from './field';
import { Notice } from './notice';
import { PlaceHint } from './place-hint';
import { useCommand } from './use-command';
import { ZoneSelect } from './zone-select';
import { formatLongitude, formatZonedShort } from './zoned-time';

type Draft = Record<keyof Required<EntryFields>, string>;
type FieldKey = keyof Draft;

function draftOf(entry: Entry | null, defaultTurnSeconds: number, locale: string): Draft {
  return {
    kind: entry?.kind ?? 'city',
    nameRu: entry?.nameRu ?? '',
    nameEn: entry?.nameEn ?? '',
    country: entry?.country ?? 'RU',
    region: entry?.region ?? '',
    timeZone: entry?.timeZone ?? 'Europe/Moscow',
    longitude: entry ? formatLongitude(entry.longitude, locale) : '',
    representative: entry?.representative ?? '',
    position: entry?.position ?? '',
    attendance: entry?.attendance ?? 'online',
    allottedSeconds: String(entry ? Math.round(entry.allottedMs / 1000) : defaultTurnSeconds),
    practiceTitle: entry?.practiceTitle ?? '',
    practiceSummary: entry?.practiceSummary ?? '',
    contact: entry?.contact ?? '',
  };
}

type PlaceField = 'nameEn' | 'region' | 'country' | 'timeZone' | 'longitude';
const pickPlaceFields = ({ nameEn, region, country, timeZone, longitude }: Draft): Pick<Draft, PlaceField> => ({
  nameEn,
  region,
  country,
  timeZone,
  longitude,
});

/** A decimal comma is what a Russian keyboard types. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.').replace('\u2212', '-')));

function parseDraft(draft: Draft): { fields: EntryFields | null; problems: Set<FieldKey> } {
  const parsed = entryFieldsSchema.safeParse({
    ...draft,
    country: draft.country.trim().toUpperCase(),
    longitude: toNumber(draft.longitude),
    allottedSeconds: toNumber(draft.allottedSeconds),
  });
  if (parsed.success) return { fields: parsed.data, problems: new Set() };
  return { fields: null, problems: new Set(parsed.error.issues.map((i) => i.path[0] as FieldKey)) };
}

export interface EntryDialogProps {
  /** null: a new entry */
  entry: Entry | null;
  defaultTurnSeconds: number;
  eventTimeZone: string;
  /** The event's planned start: when «МСК+N» labels are worked out. */
  at: number;
  /** Registration is open only before the start. */
  canRegister: boolean;
  onClose: () => void;
}

export function EntryDialog({ entry, defaultTurnSeconds, eventTimeZone, at, canRegister, onClose }: EntryDialogProps) {
  const t = useTranslations('setup.entry');
  const tKind = useTranslations('live.kind');
  const tAttendance = useTranslations('live.attendance');
  const locale = useLocale();
  const send = useCommand();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [draft, setDraft] = useState(() => draftOf(entry, defaultTurnSeconds, locale));
  const [match, setMatch] = useState<PlaceMatch | null>(null);
  const [problems, setProblems] = useState<Set<FieldKey>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, []);

  const set = (key: FieldKey) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  // What the place fields held before the list filled them, so a name that stops matching
  // («Якутск» edited into «Железногорск») does not leave another city's zone behind.
  const [beforeFill, setBeforeFill] = useState<Pick<Draft, PlaceField> | null>(null);
  const fillFrom = (place: Place, name?: string) => {
    if (!beforeFill) setBeforeFill(pickPlaceFields(draft));
    setDraft((d) => ({
      ...d,
      ...(name !== undefined && { nameRu: name }),
      nameEn: place.nameEn,
      region: place.region,
      country: place.country,
      timeZone: place.timeZone,
      longitude: formatLongitude(place.longitude, locale),
    }));
  };
  /** A city's name looked up as it is typed; an unchanged name of an existing entry is left alone. */
  const onName = (e: { target: { value: string } }) => {
    const name = e.target.value;
    const found = draft.kind !== 'city' || name.trim().length < 2 || (entry && name === entry.nameRu) ? null : findPlace(name);
    setMatch(found);
    if (found?.kind === 'found') {
      setDraft((d) => ({ ...d, nameRu: name }));
      return fillFrom(found.place);
    }
    setDraft((d) => ({ ...d, ...beforeFill, nameRu: name }));
    setBeforeFill(null);
  };
  /** «г. якутск» becomes «Якутск» once the organiser leaves the field. */
  const onNameBlur = () => {
    if (match?.kind === 'found' && !match.alias) setDraft((d) => ({ ...d, nameRu: match.place.nameRu }));
  };
  const pick = (place: Place) => {
    fillFrom(place, place.nameRu);
    setMatch({ kind: 'found', place, alias: false });
  };
  const err = (key: FieldKey) => (problems.has(key) ? t(`problem.${key}`) : null);

  async function submit(register: boolean) {
    const { fields, problems: found } = parseDraft(draft);
    setProblems(found);
    if (!fields) return setError(t('invalid'));
    setBusy(true);
    setError(null);
    let failure = entry
      ? await send({ type: 'entry.update', entryId: entry.id, fields })
      : await send({ type: 'entry.add', entry: fields });
    if (!failure && register && entry) {
      const { representative, position, attendance, practiceTitle, practiceSummary, contact } = fields;
      failure = await send({
        type: 'entry.register',
        entryId: entry.id,
        fields: { representative, position, attendance, practiceTitle, practiceSummary, contact },
      });
    }
    setBusy(false);
    if (failure) return setError(failure);
    onClose();
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  return (
    <dialog
      ref={ref}
      data-testid="entry-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto max-h-[94dvh] w-[min(56rem,calc(100vw-2rem))] overflow-hidden rounded-2xl border border-line bg-surface p-0 text-ink shadow-2xl backdrop:bg-black/70"
    >
      <form onSubmit={onSubmit} noValidate className="flex max-h-[94dvh] flex-col">
        <div className="flex items-baseline justify-between gap-4 border-b border-line px-6 py-4">
          <h2 id={titleId} className="text-xl font-bold">
            {entry ? t('editTitle', { name: entry.nameRu }) : t('addTitle')}
          </h2>
          {entry && (
            <span className="text-sm text-ink-muted" data-testid="entry-dialog-registered">
              {entry.registeredAt
                ? t('registeredAt', { time: formatZonedShort(entry.registeredAt, eventTimeZone, locale) })
                : t('notRegistered')}
            </span>
          )}
        </div>
        <div className="grid min-h-0 flex-1 grid-cols-2 gap-x-4 gap-y-3 overflow-y-auto px-6 py-4 lg:grid-cols-4">
          <SelectField label={t('kind')} value={draft.kind} onChange={set('kind')} name="kind">
            {ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {tKind(k)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('attendance')} value={draft.attendance} onChange={set('attendance')} name="attendance">
            {ATTENDANCES.map((a) => (
              <option key={a} value={a}>
                {tAttendance(a)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('allottedSeconds')}
            type="number"
            inputMode="numeric"
            min={TURN_SECONDS.min}
            max={TURN_SECONDS.max}
            value={draft.allottedSeconds}
            onChange={set('allottedSeconds')}
            error={err('allottedSeconds')}
            name="allottedSeconds"
          />
          <TextField
            label={t('country')}
            value={draft.country}
            onChange={set('country')}
            error={err('country')}
            name="country"
            maxLength={2}
            autoCapitalize="characters"
            hint={t('countryHint')}
          />
          <TextField
            label={t('nameRu')}
            value={draft.nameRu}
            onChange={onName}
            onBlur={onNameBlur}
            error={err('nameRu')}
            name="nameRu"
            required
            className="col-span-2"
            autoFocus
          />
          <TextField
            label={t('nameEn')}
            value={draft.nameEn}
            onChange={set('nameEn')}
            error={err('nameEn')}
            name="nameEn"
            lang="en"
            className="col-span-2"
          />
          <PlaceHint match={match} at={at} onPick={pick} />
          <TextField
            label={t('region')}
            value={draft.region}
            onChange={set('region')}
            error={err('region')}
            name="region"
            className="col-span-2"
          />
          <ZoneSelect
            label={t('timeZone')}
            at={at}
            value={draft.timeZone}
            onChange={set('timeZone')}
            error={err('timeZone')}
            name="timeZone"
          />
          <TextField
            label={t('longitude')}
            inputMode="decimal"
            value={draft.longitude}
            onChange={set('longitude')}
            error={err('longitude')}
            name="longitude"
            hint={t('longitudeHint')}
          />
          <TextField
            label={t('representative')}
            value={draft.representative}
            onChange={set('representative')}
            error={err('representative')}
            name="representative"
            className="col-span-2"
          />
          <TextField
            label={t('position')}
            value={draft.position}
            onChange={set('position')}
            error={err('position')}
            name="position"
            className="col-span-2"
          />
          <TextField
            label={t('practiceTitle')}
            value={draft.practiceTitle}
            onChange={set('practiceTitle')}
            error={err('practiceTitle')}
            name="practiceTitle"
            className="col-span-2"
          />
          <TextField
            label={t('contact')}
            value={draft.contact}
            onChange={set('contact')}
            error={err('contact')}
            name="contact"
            className="col-span-2"
            hint={t('contactHint')}
          />
          <TextAreaField
            label={t('practiceSummary')}
            value={draft.practiceSummary}
            onChange={set('practiceSummary')}
            error={err('practiceSummary')}
            name="practiceSummary"
            rows={4}
            className="col-span-2 lg:col-span-4"
          />
        </div>
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-line px-6 py-4">
          {error && (
            <Notice tone="error" className="mr-auto" data-testid="entry-dialog-error">
              {error}
            </Notice>
          )}
          <Button variant="secondary" onClick={onClose} data-testid="entry-cancel">
            {t('cancel')}
          </Button>
          {entry && canRegister && (
            <Button variant="secondary" disabled={busy} onClick={() => void submit(true)} data-testid="entry-save-register">
              {entry.registeredAt ? t('saveReregister') : t('saveRegister')}
            </Button>
          )}
          <Button type="submit" variant="primary" disabled={busy} data-testid="entry-save">
            {entry ? t('save') : t('add')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
