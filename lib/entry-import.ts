// Imports the entry list from a CSV (edited in Excel, Russian headers welcome) or JSON file. Pure.
// All or nothing: one bad cell rejects the file, and every problem of every row is reported at once
// so the organiser fixes the file in one pass instead of one error per upload. A city's name is
// enough: what the file leaves out comes from the built-in list of cities (lib/gazetteer.ts).
import { MAX_ENTRIES, entryFieldsSchema, type EntryFields } from './protocol';
import { CsvError, parseCsv, unneutraliseCell } from './csv';
import { ENTRY_COLUMNS, type EntryColumn } from './entry-export';
import { cleanPlaceName, describePlace, findPlace, type Place } from './gazetteer';
import { parseAttendance, parseCountry, parseKind, parseNumber, parseTimeZone, parseTurnLength, type TurnUnit } from './import-values';

/** `row`: the file's line (CSV, header = 1) or 1-based array index (JSON); 0 with column '' = whole file. */
export interface ImportError {
  row: number;
  column: string;
  message: string;
}
export type ImportResult = { ok: true; entries: EntryFields[] } | { ok: false; errors: ImportError[] };
export interface ImportOptions {
  /** The event's turn length, given to rows that leave allottedSeconds empty. */
  defaultTurnSeconds: number;
  /** The event's own zone, given to guests that name none. */
  eventTimeZone: string;
  /** When «МСК+6» and «UTC+9» are worked out: the event's planned start. */
  at: number;
}

type Field = EntryColumn;
/** The only column a list needs: the rest can come from the built-in list of cities. */
const REQUIRED: readonly Field[] = ['nameRu'];
/** A list has about 14 columns and at most MAX_ENTRIES rows; far beyond that a file is the wrong file. */
export const CSV_IMPORT_LIMITS = { maxColumns: 64, maxRows: 1000 };
const fileError = (message: string): ImportResult => ({ ok: false, errors: [{ row: 0, column: '', message }] });

/** By extension when it is telling, else by content: JSON starts with `[` or `{`. */
export function detectFormat(fileName: string, text: string): 'csv' | 'json' {
  const name = fileName.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'csv';
}

export function importEntries(text: string, format: 'csv' | 'json', options: ImportOptions): ImportResult {
  return format === 'json' ? importJson(text, options) : importCsv(text, options);
}

// ---- headers ------------------------------------------------------------------------------------

/** Header cells compare without case, spaces, underscores, dots or the ё/е difference. */
const normalise = (header: string) =>
  header
    .toLowerCase()
    .replace(/[\s_.]+/g, '')
    .replace(/ё/g, 'е');

const ALIASES: Record<Field, readonly string[]> = {
  kind: ['тип', 'вид'],
  nameRu: ['город', 'название', 'наименование', 'населённый пункт', 'муниципальное образование', 'участник'],
  nameEn: ['название (англ.)', 'название (англ)', 'город (англ.)', 'name (en)', 'name en'],
  country: ['страна', 'код страны'],
  region: ['регион', 'субъект', 'субъект рф', 'область'],
  timeZone: ['часовой пояс', 'пояс', 'time zone', 'tz'],
  longitude: ['долгота'],
  representative: ['представитель', 'фио', 'фио представителя', 'фио выступающего', 'выступающий', 'спикер', 'докладчик'],
  position: ['должность'],
  attendance: ['участие', 'формат', 'формат участия', 'форма участия'],
  allottedSeconds: [
    'время (сек)',
    'время (с)',
    'время, сек',
    'регламент',
    'регламент (сек)',
    'seconds',
    'время выступления',
    'время (мин)',
    'время, мин',
    'регламент (мин)',
    'регламент, мин',
    'минут',
    'minutes',
  ],
  practiceTitle: ['практика', 'название практики'],
  practiceSummary: ['описание практики', 'описание'],
  contact: ['контакт', 'контакты'],
};
const HEADER_FIELD = new Map<string, Field>(
  ENTRY_COLUMNS.flatMap((field) => [field, ...ALIASES[field]].map((name) => [normalise(name), field] as const)),
);
/** Row numbers the secretariat keeps in the first column: read, never imported. */
const IGNORED = new Set(['№', '#', 'n', 'no', 'nr', 'номер', '№п/п', 'п/п', 'пп', 'номерп/п'].map(normalise));
/** A turn-length column whose header says minutes reads a bare «3» as three minutes. */
const unitOf = (header: string): TurnUnit => (/мин|min/.test(normalise(header)) ? 'minutes' : 'seconds');

// ---- values -------------------------------------------------------------------------------------

function defaults(options: ImportOptions): Omit<EntryFields, 'nameRu' | 'timeZone' | 'longitude'> {
  return {
    kind: 'city',
    nameEn: '',
    country: 'RU',
    region: '',
    representative: '',
    position: '',
    attendance: 'online',
    allottedSeconds: options.defaultTurnSeconds,
    practiceTitle: '',
    practiceSummary: '',
    contact: '',
  };
}

/** Turns one written value into what the schema expects, or says why it cannot. */
function convert(field: Field, value: unknown, unit: TurnUnit): { value: unknown } | { error: string } {
  // zod's own wording here is "expected int, received number"; say it in the organiser's terms.
  if (field === 'allottedSeconds' && typeof value === 'number' && !Number.isInteger(value))
    return { error: 'must be a whole number of seconds' };
  if (typeof value !== 'string') return { value };
  const t = value.trim();
  switch (field) {
    case 'kind':
      return parseKind(t);
    case 'attendance':
      return parseAttendance(t);
    case 'country':
      return { value: parseCountry(t) };
    case 'longitude': {
      const n = parseNumber(t);
      return n === null ? { error: `not a number: "${t}"` } : { value: n };
    }
    case 'allottedSeconds':
      return parseTurnLength(t, unit);
    default:
      return { value: t };
  }
}

interface RowErrors {
  errors: ImportError[];
  entry: EntryFields | null;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const names = (places: readonly Place[]) => places.map(describePlace).join(', ');

/**
 * A city's missing fields from the built-in list, found by its name (the region and country
 * columns tell namesakes apart). A place the list lacks is fine when the row gives its time zone
 * and longitude; otherwise the name is the problem, with the nearest names as suggestions.
 */
function fromGazetteer(
  name: string,
  fill: Record<string, unknown>,
  given: (field: Field) => boolean,
): { place: Place | null; alias?: boolean } | { error: string } {
  const country = given('country') && /^[A-Z]{2}$/.test(String(fill.country)) ? String(fill.country) : undefined;
  const match = findPlace(name, { region: given('region') ? String(fill.region) : undefined, country });
  if (match.kind === 'found') return { place: match.place, alias: match.alias };
  if (given('timeZone') && given('longitude')) return { place: null };
  if (match.kind === 'ambiguous') return { error: `"${name}" is ambiguous: ${names(match.places)}; add a region column` };
  const hint = match.suggestions.length ? `did you mean ${names(match.suggestions)}? ` : '';
  return { error: `unknown city "${name}"; ${hint}a place not in the built-in list needs its time zone and longitude` };
}

/**
 * Builds and validates one entry. `raw` holds each field as written (undefined or blank = not
 * given); `columnOf` names a field as the file does; `skip` are fields already reported for the
 * whole file (a missing column), whose per-row complaints would only repeat that.
 */
function buildEntry(
  row: number,
  raw: Partial<Record<Field, unknown>>,
  columnOf: (field: Field) => string,
  options: ImportOptions,
  skip: ReadonlySet<Field> = new Set(),
  unit: TurnUnit = 'seconds',
): RowErrors {
  const errors: ImportError[] = [];
  const bad = new Set<Field>(skip);
  const fail = (field: Field, message: string) => {
    if (!bad.has(field)) errors.push({ row, column: columnOf(field), message });
    bad.add(field);
  };
  const fill: Record<string, unknown> = defaults(options);
  for (const field of ENTRY_COLUMNS) {
    const value = raw[field];
    if (field === 'timeZone' || isBlank(value)) continue; // the zone is read once the city is known
    const converted = convert(field, value, unit);
    if ('error' in converted) fail(field, converted.error);
    else fill[field] = converted.value;
  }
  const given = (field: Field) => !isBlank(raw[field]) && !bad.has(field);

  let place: Place | null = null;
  let alias: boolean | undefined;
  if (isBlank(raw.nameRu)) fail('nameRu', 'must not be empty');
  else if (fill.kind === 'city' && !bad.has('kind') && typeof raw.nameRu === 'string') {
    const found = fromGazetteer(raw.nameRu, fill, given);
    if ('error' in found) fail('nameRu', found.error);
    else ({ place, alias } = found);
  }
  // Without a usable name there is nothing to look the zone and longitude up by: the name's own
  // message covers them, and "must not be empty" under each would only repeat it.
  if (bad.has('nameRu')) for (const field of ['timeZone', 'longitude'] as const) if (isBlank(raw[field])) bad.add(field);
  if (typeof fill.nameRu === 'string') {
    // The list's spelling when the city was written by its own name («г. Могилев», «Minsk»); an old
    // name («Горький») or a place the list lacks stays as written, without «г. »; a guest as written.
    fill.nameRu = place && !alias ? place.nameRu : fill.kind === 'city' ? cleanPlaceName(fill.nameRu) : fill.nameRu;
  }
  if (place) {
    if (!given('nameEn')) fill.nameEn = place.nameEn;
    if (!given('region')) fill.region = place.region;
    if (!given('country')) fill.country = place.country;
    if (!given('longitude') && !bad.has('longitude')) fill.longitude = place.longitude;
  } else if (fill.kind === 'guest' && !bad.has('longitude') && !given('longitude')) {
    fill.longitude = 0;
  }

  if (typeof raw.timeZone === 'string' && raw.timeZone.trim()) {
    const zone = parseTimeZone(raw.timeZone, options.at, place?.timeZone);
    if ('error' in zone) fail('timeZone', zone.error);
    else fill.timeZone = zone.value;
  } else if (!isBlank(raw.timeZone)) {
    fill.timeZone = raw.timeZone;
  } else {
    fill.timeZone = place?.timeZone ?? (fill.kind === 'guest' ? options.eventTimeZone : undefined);
  }
  if (fill.timeZone === undefined) fail('timeZone', 'must not be empty');
  if (fill.longitude === undefined) fail('longitude', 'must not be empty');

  const parsed = entryFieldsSchema.safeParse(fill);
  if (parsed.success) return { errors, entry: errors.length === 0 ? parsed.data : null };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (field && bad.has(field)) continue;
    errors.push({ row, column: field ? columnOf(field) : '', message: issue.message });
  }
  return { errors, entry: null };
}

/** Orders one row's errors as its columns appear, so the report reads left to right. */
function sortRow(errors: ImportError[], position: (column: string) => number): ImportError[] {
  return errors
    .map((error, i) => ({ error, key: position(error.column), i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ error }) => error);
}

function finish(rows: RowErrors[], fileErrors: ImportError[]): ImportResult {
  const errors = [...fileErrors, ...rows.flatMap((r) => r.errors)];
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entries: rows.map((r) => r.entry!) };
}

// ---- CSV ----------------------------------------------------------------------------------------

function importCsv(text: string, options: ImportOptions): ImportResult {
  let parsed;
  try {
    parsed = parseCsv(text, CSV_IMPORT_LIMITS);
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, errors: [{ row: e.line, column: '', message: e.message }] };
    throw e;
  }
  const blankRow = (cells: string[]) => cells.every((cell) => cell.trim() === '');
  const records = parsed.rows.map((cells, i) => ({ cells, line: parsed.lines[i]! })).filter((r) => !blankRow(r.cells));
  if (records.length === 0) return fileError('the file is empty: expected a header row and at least one entry');
  // A bare list of names, one a line, with no header at all: every line is a city.
  const recognised = (cell: string) => HEADER_FIELD.has(normalise(cell.trim())) || IGNORED.has(normalise(cell.trim()));
  const namesOnly = records.every((r) => r.cells.filter((c) => c.trim() !== '').length === 1) && !records[0]!.cells.some(recognised);
  const [header, ...data] = namesOnly ? [{ cells: ['nameRu'], line: 0 }, ...records] : records;
  if (!header) return fileError('the file is empty: expected a header row and at least one entry');

  const headerErrors: ImportError[] = [];
  const columns: (Field | null)[] = []; // the field each column fills; null = ignored
  const columnName = new Map<Field, string>();
  header.cells.forEach((cell) => {
    const written = cell.trim();
    const field = written === '' ? undefined : HEADER_FIELD.get(normalise(written));
    columns.push(field && !columnName.has(field) ? field : null);
    if (written === '' || IGNORED.has(normalise(written))) return; // Excel's trailing empty header cell; a «№» column
    if (!field) {
      headerErrors.push({
        row: header.line,
        column: written,
        message: `unknown column "${written}"; expected one of ${ENTRY_COLUMNS.join(', ')} or their Russian names`,
      });
    } else if (columnName.has(field)) {
      headerErrors.push({
        row: header.line,
        column: written,
        message: `duplicate column: "${columnName.get(field)}" and "${written}" both mean ${field}`,
      });
    } else {
      columnName.set(field, written);
    }
  });
  const missing = REQUIRED.filter((field) => !columnName.has(field));
  if (missing.length > 0) {
    const list = missing.map((f) => `${f} (${ALIASES[f][0]})`).join(', ');
    headerErrors.unshift({ row: 0, column: '', message: `missing required column${missing.length > 1 ? 's' : ''}: ${list}` });
  }

  // A file this long is the wrong file or needs splitting; per-row errors would drown the point.
  if (data.length > MAX_ENTRIES) return fileError(`too many entries: ${data.length}; at most ${MAX_ENTRIES} can be imported`);
  if (data.length === 0) headerErrors.unshift({ row: 0, column: '', message: 'no entries: the file has a header row but no data rows' });

  const columnOf = (field: Field) => columnName.get(field) ?? field;
  const unit = unitOf(columnName.get('allottedSeconds') ?? '');
  const position = (column: string) => {
    const index = header.cells.findIndex((cell) => cell.trim() === column);
    return index < 0 ? -1 : index;
  };
  const rows = data.map(({ cells, line }) => {
    const raw: Partial<Record<Field, unknown>> = {};
    const stray: ImportError[] = [];
    cells.forEach((cell, index) => {
      const field = columns[index];
      // The quote our export puts before formula characters is not part of the value.
      if (field) raw[field] = unneutraliseCell(cell.trim());
      else if (namesOnly) raw.nameRu = cell.trim();
      else if (cell.trim() !== '' && (index >= header.cells.length || header.cells[index]!.trim() === '')) {
        stray.push({ row: line, column: '', message: `a value in column ${index + 1}, which has no header` });
      }
    });
    const built = buildEntry(line, raw, columnOf, options, new Set(missing), unit);
    return { errors: [...stray, ...sortRow(built.errors, position)], entry: built.entry };
  });
  return finish(rows, headerErrors);
}

// ---- JSON ---------------------------------------------------------------------------------------

function importJson(text: string, options: ImportOptions): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    return fileError(`invalid JSON: ${(e as Error).message}`);
  }
  // A bare list, `{ entries }`, or a whole round table `{ event, entries }` (its event is not ours).
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.entries) ? data.entries : null;
  if (!list) return fileError('expected an array of entries, or an object with an "entries" array');
  if (list.length === 0) return fileError('no entries: the "entries" array is empty');
  if (list.length > MAX_ENTRIES) return fileError(`too many entries: ${list.length}; at most ${MAX_ENTRIES} can be imported`);

  const known = new Set<string>(ENTRY_COLUMNS);
  const position = (column: string) => (known.has(column) ? ENTRY_COLUMNS.indexOf(column as Field) : ENTRY_COLUMNS.length);
  const rows = list.map((item: unknown, i) => {
    const row = i + 1;
    if (!isObject(item)) return { errors: [{ row, column: '', message: 'must be an object with entry fields' }], entry: null };
    const unknown = Object.keys(item)
      .filter((key) => !known.has(key))
      .map((key) => ({ row, column: key, message: `unknown field "${key}"` }));
    const built = buildEntry(row, item, (f) => f, options);
    return { errors: sortRow([...built.errors, ...unknown], position), entry: built.entry };
  });
  return finish(rows, []);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
