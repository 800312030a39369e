// The list import must not stall a live server: an absurdly wide or long file stops at the CSV
// reader's caps with one error, and however many errors a file has, the reply lists a bounded number
// and says how many more there are. (A 1 MiB header of unknown columns used to build a 125 MB reply.)
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from '../lib/csv';
import { CSV_IMPORT_LIMITS } from '../lib/entry-import';
import { MAX_IMPORT_ERRORS } from '../server/http-organiser';
import { useOrganiserServer } from './support/organiser-server';

const HEADER = 'Город;Часовой пояс;Долгота';

describe("the CSV reader's caps", () => {
  it('stops at the first row wider than maxColumns, naming its line', () => {
    const wide = `${HEADER}\nОмск;Asia/Omsk;73,4${';x'.repeat(100)}\n`;
    expect(() => parseCsv(wide, { maxColumns: 64 })).toThrow(CsvError);
    expect(() => parseCsv(wide, { maxColumns: 64 })).toThrow('too many columns on line 2: more than 64');
    expect(parseCsv(`a${';b'.repeat(63)}`, { maxColumns: 64 }).rows[0]).toHaveLength(64);
  });

  it('stops after maxRows rows', () => {
    expect(() => parseCsv('a\n'.repeat(11), { maxRows: 10 })).toThrow('too many rows: more than 10');
    expect(parseCsv('a\n'.repeat(10), { maxRows: 10 }).rows).toHaveLength(10);
  });
});

describe('importing a hostile file over HTTP', () => {
  const s = useOrganiserServer();

  it('a header of hundreds of thousands of unknown columns: one error, a small reply, nothing imported', async () => {
    const file = `${'неизвестно;'.repeat(40_000)}\nОмск`;
    expect(Buffer.byteLength(file)).toBeGreaterThan(800_000);
    const reply = await s.refused(() => s.importFile('?format=csv&mode=replace', file), 400, 'bad_request', /1 error/);
    expect(reply.body.errors).toEqual([
      { row: 1, column: '', message: `too many columns on line 1: more than ${CSV_IMPORT_LIMITS.maxColumns}` },
    ]);
    expect(reply.bytes.length).toBeLessThan(2_000);
  });

  it('a file of endless blank lines stops at the row cap', async () => {
    const file = `${HEADER}\n${';;\n'.repeat(200_000)}`;
    const reply = await s.refused(() => s.importFile('?format=csv&mode=replace', file), 400, 'bad_request');
    expect(reply.body.errors).toEqual([
      { row: CSV_IMPORT_LIMITS.maxRows + 1, column: '', message: `too many rows: more than ${CSV_IMPORT_LIMITS.maxRows}` },
    ]);
  });

  it('lists at most MAX_IMPORT_ERRORS errors and says how many more there are', async () => {
    // 150 rows, each with two bad cells: 300 errors.
    const rows = Array.from({ length: 150 }, () => `Омск;Mars/Olympus;abc`);
    const reply = await s.refused(() => s.importFile('?format=csv&mode=replace', [HEADER, ...rows].join('\n')), 400, 'bad_request');
    expect(reply.body.errors).toHaveLength(MAX_IMPORT_ERRORS);
    expect(reply.body.more).toBe(300 - MAX_IMPORT_ERRORS);
    expect(reply.body.error.message).toBe(
      `the file has 300 error(s); the first ${MAX_IMPORT_ERRORS} are listed, and ${300 - MAX_IMPORT_ERRORS} more; nothing was imported`,
    );
    expect(reply.body.errors[0]).toMatchObject({ row: 2, column: 'Часовой пояс' });
  });
});
