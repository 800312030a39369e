// Imports the entry list from a CSV (edited in Excel, Russian headers welcome) or JSON file. Pure.
// All or nothing: one bad cell rejects the file, and every problem of every row is reported at once
// so the organiser fixes the file in one pass instead of one error per upload.
import { MAX_ENTRIES, entryFieldsSchema, type EntryFields } from './protocol';
import { CsvError, parseCsv, unneutraliseCell } from './csv';
import { ENTRY_COLUMNS, type EntryColumn } from './entry-export';

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
}

type Field = EntryColumn;
const REQUIRED: readonly Field[] = ['nameRu', 'timeZone', 'longitude'];
/** A list has 14 columns and at most MAX_ENTRIES rows; far beyond that a file is the wrong file. */
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

/** Header cells compare without case, spaces, underscores or the ё/е difference. */
const normalise = (header: string) => header.toLowerCase().replace(/[\s_]+/g, '').replace(/ё/g, 'е');

const ALIASES: Record<Field, readonly string[]> = {
  kind: ['тип', 'вид'],
  nameRu: ['город', 'название', 'наименование'],
  nameEn: ['название (англ.)', 'название (англ)', 'город (англ.)', 'name (en)', 'name en'],
  country: ['страна', 'код страны'],
  region: ['регион', 'субъект'],
  timeZone: ['часовой пояс', 'time zone', 'tz'],
  longitude: ['долгота'],
  representative: ['представитель', 'фио', 'спикер', 'докладчик'],
  position: ['должность'],
  attendance: ['участие', 'формат', 'формат участия'],
  allottedSeconds: ['время (сек)', 'время (с)', 'время, сек', 'регламент', 'регламент (сек)', 'seconds'],
  practiceTitle: ['практика', 'название практики'],
  practiceSummary: ['описание практики', 'описание'],
  contact: ['контакт', 'контакты'],
};
const HEADER_FIELD = new Map<string, Field>(
  ENTRY_COLUMNS.flatMap((field) => [field, ...ALIASES[field]].map((name) => [normalise(name), field] as const)),
);

// ---- values -------------------------------------------------------------------------------------

const KINDS: Record<string, EntryFields['kind']> = { city: 'city', guest: 'guest', город: 'city', гость: 'guest' };
const ATTENDANCE: Record<string, EntryFields['attendance']> = {
  in_person: 'in_person',
  'in person': 'in_person',
  'в зале': 'in_person',
  очно: 'in_person',
  online: 'online',
  онлайн: 'online',
  дистанционно: 'online',
};
const COUNTRIES: Record<string, string> = {
  рф: 'RU',
  россия: 'RU',
  'российская федерация': 'RU',
  рб: 'BY',
  беларусь: 'BY',
  белоруссия: 'BY',
  'республика беларусь': 'BY',
};

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

/** Accepts a decimal comma ('129,73'), a Unicode minus and spaces between digit groups. */
function parseNumber(text: string): number | null {
  const t = text.replace(/[\s\u00a0]/g, '').replace('\u2212', '-').replace(',', '.');
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : null;
}

/** Turns one written value into what the schema expects, or says why it cannot. */
function convert(field: Field, value: unknown): { value: unknown } | { error: string } {
  // zod's own wording here is "expected int, received number"; say it in the organiser's terms.
  if (field === 'allottedSeconds' && typeof value === 'number' && !Number.isInteger(value)) return { error: 'must be a whole number of seconds' };
  if (typeof value !== 'string') return { value };
  const t = value.trim();
  const key = t.toLowerCase().replace(/\s+/g, ' ');
  switch (field) {
    case 'kind':
      return key in KINDS ? { value: KINDS[key] } : { error: `unknown value "${t}"; expected city/guest (город/гость)` };
    case 'attendance':
      return key in ATTENDANCE ? { value: ATTENDANCE[key] } : { error: `unknown value "${t}"; expected in_person/online (в зале/онлайн)` };
    case 'country':
      return { value: COUNTRIES[key] ?? t.toUpperCase() };
    case 'longitude':
    case 'allottedSeconds': {
      const n = parseNumber(t);
      return n === null ? { error: `not a number: "${t}"` } : convert(field, n);
    }
    default:
      return { value: t };
  }
}

interface RowErrors {
  errors: ImportError[];
  entry: EntryFields | null;
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
): RowErrors {
  const errors: ImportError[] = [];
  const bad = new Set<Field>(skip);
  const fill: Record<string, unknown> = defaults(options);
  for (const field of ENTRY_COLUMNS) {
    const value = raw[field];
    const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (blank) {
      if (!REQUIRED.includes(field)) continue; // keeps the default
      if (!bad.has(field)) errors.push({ row, column: columnOf(field), message: 'must not be empty' });
      bad.add(field);
      continue;
    }
    const converted = convert(field, value);
    if ('error' in converted) {
      errors.push({ row, column: columnOf(field), message: converted.error });
      bad.add(field);
    } else {
      fill[field] = converted.value;
    }
  }
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
  const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
  const records = parsed.rows.map((cells, i) => ({ cells, line: parsed.lines[i]! })).filter((r) => !isBlank(r.cells));
  const [header, ...data] = records;
  if (!header) return fileError('the file is empty: expected a header row and at least one entry');

  const headerErrors: ImportError[] = [];
  const columns: (Field | null)[] = []; // the field each column fills; null = ignored
  const columnName = new Map<Field, string>();
  header.cells.forEach((cell, index) => {
    const written = cell.trim();
    const field = written === '' ? undefined : HEADER_FIELD.get(normalise(written));
    columns.push(field && !columnName.has(field) ? field : null);
    if (written === '') return; // a trailing empty header cell (Excel); values under it are reported per row
    if (!field) {
      headerErrors.push({ row: header.line, column: written, message: `unknown column "${written}"; expected one of ${ENTRY_COLUMNS.join(', ')} or their Russian names` });
    } else if (columnName.has(field)) {
      headerErrors.push({ row: header.line, column: written, message: `duplicate column: "${columnName.get(field)}" and "${written}" both mean ${field}` });
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
      else if (cell.trim() !== '' && (index >= header.cells.length || header.cells[index]!.trim() === '')) {
        stray.push({ row: line, column: '', message: `a value in column ${index + 1}, which has no header` });
      }
    });
    const built = buildEntry(line, raw, columnOf, options, new Set(missing));
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
    const built = buildEntry(row, item as Partial<Record<Field, unknown>>, (f) => f, options);
    return { errors: sortRow([...built.errors, ...unknown], position), entry: built.entry };
  });
  return finish(rows, []);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
