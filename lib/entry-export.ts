// Exports the entry list as CSV (for Excel) or JSON (the round-table file format). Pure; whatever is
// exported here `importEntries` reads back into the same fields (see test/entry-import.test.ts).
import type { Entry, EventInfo } from './model';
import type { EntryFields, EventFields } from './protocol';
import { toCsv, type ToCsvOptions } from './csv';

/** The export's column order: every editable field of an entry, under its own (import) name. */
export const ENTRY_COLUMNS = [
  'kind',
  'nameRu',
  'nameEn',
  'country',
  'region',
  'timeZone',
  'longitude',
  'representative',
  'position',
  'attendance',
  'allottedSeconds',
  'practiceTitle',
  'practiceSummary',
  'contact',
] as const satisfies readonly (keyof EntryFields)[];
export type EntryColumn = (typeof ENTRY_COLUMNS)[number];

/** The importable fields of an entry; run-time state (turns, status, check-in) is not exported. */
export function entryToFields(entry: Entry): Required<EntryFields> {
  return {
    kind: entry.kind,
    nameRu: entry.nameRu,
    nameEn: entry.nameEn,
    country: entry.country,
    region: entry.region,
    timeZone: entry.timeZone,
    longitude: entry.longitude,
    representative: entry.representative,
    position: entry.position,
    attendance: entry.attendance,
    // The allotment is kept in ms but edited in seconds; extensions granted live are not part of it.
    allottedSeconds: Math.round(entry.allottedMs / 1000),
    practiceTitle: entry.practiceTitle,
    practiceSummary: entry.practiceSummary,
    contact: entry.contact,
  };
}

/** CSV with a header row of `ENTRY_COLUMNS`; defaults to ';' and a BOM for Russian Excel. */
export function entriesToCsv(entries: readonly Entry[], options?: ToCsvOptions): string {
  const rows = entries.map((entry) => {
    const fields = entryToFields(entry);
    return ENTRY_COLUMNS.map((column) => fields[column]);
  });
  return toCsv([ENTRY_COLUMNS, ...rows], options);
}

/**
 * JSON text: `{ event, entries }` (a whole round table, loadable like server/demo-round-table.json)
 * when the event is given, else `{ entries }`. The event may be given as stored in the state.
 */
export function entriesToJson(entries: readonly Entry[], event?: EventFields | EventInfo): string {
  const list = entries.map(entryToFields);
  const body = event ? { event: toEventFields(event), entries: list } : { entries: list };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function toEventFields(event: EventFields | EventInfo): EventFields {
  if (!('defaultTurnMs' in event)) return event;
  return {
    title: event.title,
    titleEn: event.titleEn,
    plannedStart: event.plannedStart,
    timeZone: event.timeZone,
    defaultTurnSeconds: Math.round(event.defaultTurnMs / 1000),
    plannedTotalMinutes: Math.round(event.plannedTotalMs / 60_000),
    warnSeconds: Math.round(event.warnMs / 1000),
    registrationDeadline: event.registrationDeadline,
    ...(event.documents && { documents: event.documents }),
  };
}
