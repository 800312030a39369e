// CSV reading and writing for the entry list (RFC 4180, plus what spreadsheets actually produce).
// Pure: no I/O. Organisers edit these files in Excel, often a Russian one, which writes ';' between
// fields (',' is its decimal separator) and needs a BOM to read UTF-8 Cyrillic.

export type CsvDelimiter = ',' | ';';

export interface CsvParseResult {
  rows: string[][];
  delimiter: CsvDelimiter;
  /** The physical line (1-based) on which each row starts; a quoted cell may span several lines. */
  lines: number[];
}

/** Thrown by `parseCsv` for text it cannot read (an unterminated quote); `line` is 1-based. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const BOM = '\uFEFF';

/** Caps checked while reading, so a huge or absurdly wide file stops early instead of filling memory. */
export interface CsvLimits {
  maxColumns?: number;
  maxRows?: number;
}

/**
 * Splits CSV text into rows of raw (untrimmed) cells. Quoted cells keep their delimiters, `""`
 * escapes and line breaks; CRLF, LF and lone CR all end a row. The delimiter is guessed from the
 * first line. Trailing rows with nothing in them are dropped (editors leave blank lines and `;;;`).
 * @throws CsvError when a quoted cell is never closed, naming the line where it opens, or when a
 * row has more than `maxColumns` cells or the file more than `maxRows` rows.
 */
export function parseCsv(text: string, limits: CsvLimits = {}): CsvParseResult {
  const { maxColumns = Infinity, maxRows = Infinity } = limits;
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const delimiter = detectDelimiter(src);
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let rowStarted = false; // anything (even an empty quoted cell) read since the last row break
  let fieldStart = true;
  let quoted = false;
  let quoteLine = 0;

  const endRow = () => {
    row.push(field);
    if (rows.length >= maxRows) throw new CsvError(`too many rows: more than ${maxRows}`, rowLine);
    rows.push(row);
    lines.push(rowLine);
    row = [];
    field = '';
    rowStarted = false;
    fieldStart = true;
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
        continue;
      }
      // Line breaks inside a quoted cell are data, but still count for the line numbers we report.
      if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
      field += c;
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
      continue;
    }
    rowStarted = true;
    if (c === delimiter) {
      if (row.length + 1 >= maxColumns) throw new CsvError(`too many columns on line ${rowLine}: more than ${maxColumns}`, rowLine);
      row.push(field);
      field = '';
      fieldStart = true;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      quoteLine = line;
      fieldStart = false;
      continue;
    }
    // Lenient like Excel: a quote inside an unquoted cell, or text after a closing quote, is kept.
    field += c;
    fieldStart = false;
  }
  if (quoted) throw new CsvError(`unterminated quote: the quoted cell opened on line ${quoteLine} is never closed`, quoteLine);
  if (rowStarted || row.length > 0 || field !== '') endRow();
  while (rows.length > 0 && rows[rows.length - 1]!.every((cell) => cell === '')) {
    rows.pop();
    lines.pop();
  }
  return { rows, delimiter, lines };
}

/** Counts ',' and ';' outside quotes on the first line; ';' wins ties (Russian Excel's choice). */
function detectDelimiter(src: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of src) {
    if (c === '"')
      quoted = !quoted; // a doubled "" toggles twice, so it stays inside
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') break;
    else if (c === ',') commas++;
    else if (c === ';') semicolons++;
  }
  return commas > semicolons ? ',' : ';';
}

// Spreadsheets run a cell starting with one of these as a formula (CSV injection, OWASP). A leading
// quote is included so that text already starting with `'=` survives our own import, which strips
// exactly one quote.
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A cell a spreadsheet reads as a plain number: harmless, and must stay a number. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** Prefixes `'` to text a spreadsheet would run as a formula; plain numbers like "-70.5" stay. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` on a cell read back (one quote before a formula character). */
export function unneutraliseCell(value: string): string {
  return FORMULA_START.test(value) && value.startsWith("'") ? value.slice(1) : value;
}

export interface ToCsvOptions {
  /** Default ';', what Russian Excel expects. */
  delimiter?: CsvDelimiter;
  /** Default true: without a BOM Excel reads UTF-8 Cyrillic as mojibake. */
  bom?: boolean;
}

type Cell = string | number | null | undefined;

/** Writes rows as CSV with CRLF line ends; text cells are neutralised against formulas. */
export function toCsv(rows: readonly (readonly Cell[])[], options: ToCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  const body = rows.map((row) => row.map(formatCell).join(delimiter) + '\r\n').join('');
  return ((options.bom ?? true) ? BOM : '') + body;
}

function formatCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseCell(cell);
  // Quote both delimiters, not only the one in use, so that `parseCsv` (which guesses from the first
  // line) can never mistake a header cell's comma for the delimiter. Edge spaces are quoted so other
  // readers keep them; a leading BOM is quoted so it is not taken for the file's own.
  return /[",;\r\n]|^\s|\s$|^\uFEFF/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
