// Builds a fresh roll call state from an event description and its list of entries (the demo file,
// an import). Pure: ids come from the entries' English names.
import { z } from 'zod';
import type { Entry, RollcallState } from './model';
import { CYRILLIC_TO_LATIN } from './transliteration';
import { MAX_ENTRIES, describeZodError, entryFieldsSchema, eventFieldsSchema, type EntryFields, type EventFields } from './protocol';

export const roundTableSchema = z.strictObject({
  event: eventFieldsSchema,
  entries: z.array(entryFieldsSchema).min(1).max(MAX_ENTRIES),
});
export type RoundTable = z.infer<typeof roundTableSchema>;

export function parseRoundTable(raw: unknown): RoundTable {
  const parsed = roundTableSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid round table: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** A readable id from a name; Cyrillic is transliterated so "Якутск" and "Yakutsk" both give "yakutsk". */
export function slugify(name: string): string {
  const slug = [...name.toLowerCase()]
    .map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'entry';
}

/** Readable ids from the entries' names, unique among themselves and against `taken`. */
export function entryIds(entries: readonly Pick<EntryFields, 'nameEn' | 'nameRu'>[], taken: Iterable<string> = []): string[] {
  const seen = new Set<string>(taken);
  return entries.map((entry) => {
    const base = slugify(entry.nameEn || entry.nameRu);
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return id;
  });
}

export function eventInfo(fields: EventFields): RollcallState['event'] {
  return {
    title: fields.title,
    titleEn: fields.titleEn,
    plannedStart: fields.plannedStart,
    timeZone: fields.timeZone,
    defaultTurnMs: fields.defaultTurnSeconds * 1000,
    plannedTotalMs: fields.plannedTotalMinutes * 60_000,
    warnMs: fields.warnSeconds * 1000,
    registrationDeadline: fields.registrationDeadline ?? null,
    ...(fields.documents && { documents: fields.documents }),
  };
}

/** A fresh, waiting entry from imported or demo fields. */
export function entryFromFields(id: string, fields: EntryFields): Entry {
  const { allottedSeconds, contact, ...profile } = fields;
  return {
    ...profile,
    contact: contact ?? '',
    id,
    allottedMs: allottedSeconds * 1000,
    extraMs: 0,
    status: 'waiting',
    checkedIn: false,
    turns: [],
    registeredAt: null,
    nomination: null,
  };
}

export function initialState(table: RoundTable): RollcallState {
  const ids = entryIds(table.entries);
  const entries: Record<string, Entry> = {};
  table.entries.forEach((fields, i) => {
    entries[ids[i]!] = entryFromFields(ids[i]!, fields);
  });
  return {
    version: 0,
    controlVersion: 0,
    event: eventInfo(table.event),
    phase: 'planned',
    session: null,
    entries,
    order: ids,
    currentEntryId: null,
    messages: [],
    connections: {},
    signals: {},
    undo: [],
  };
}
