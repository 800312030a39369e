// The CSV reader and writer on their own: what Excel (Russian or not) writes, what it must not run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvError, neutraliseCell, parseCsv, toCsv, unneutraliseCell } from '../lib/csv';

describe('parseCsv', () => {
  it('reads comma- and semicolon-separated files, guessing the delimiter from the header', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual({
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
      delimiter: ',',
      lines: [1, 2],
    });
    expect(parseCsv('a;b\n1,5;2\n')).toEqual({
      rows: [
        ['a', 'b'],
        ['1,5', '2'],
      ],
      delimiter: ';',
      lines: [1, 2],
    });
  });

  it("counts delimiters outside quotes only, and lets ';' win a tie", () => {
    expect(parseCsv('"a,b,c";d\n').delimiter).toBe(';');
    expect(parseCsv('a,b;c\n').delimiter).toBe(';');
    expect(parseCsv('single\n').delimiter).toBe(';');
    expect(parseCsv('a,b,c;d\n').delimiter).toBe(',');
  });

  it('strips a BOM at the start only', () => {
    expect(parseCsv('\uFEFFгород;долгота\r\nЯкутск;129,73\r\n').rows).toEqual([
      ['город', 'долгота'],
      ['Якутск', '129,73'],
    ]);
    expect(parseCsv('a;\uFEFFb').rows).toEqual([['a', '\uFEFFb']]);
  });

  it('accepts CRLF, LF and lone CR line ends, with or without a final one', () => {
    const want = [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ];
    for (const text of ['a;b\r\n1;2\r\n3;4\r\n', 'a;b\n1;2\n3;4', 'a;b\r1;2\r3;4\r', 'a;b\r\n1;2\n3;4']) {
      expect(parseCsv(text).rows).toEqual(want);
    }
  });

  it('reads quoted cells with "" escapes, delimiters and line breaks, counting the lines they span', () => {
    const text = 'name;summary;n\r\n"Якутск";"Акция ""Сердце""; два\r\nабзаца\nи ещё";1\r\n"";"x";2\r\n';
    const result = parseCsv(text);
    expect(result.rows).toEqual([
      ['name', 'summary', 'n'],
      ['Якутск', 'Акция "Сердце"; два\r\nабзаца\nи ещё', '1'],
      ['', 'x', '2'],
    ]);
    expect(result.lines).toEqual([1, 2, 5]);
  });

  it('counts a lone CR inside quotes as a line break too', () => {
    expect(parseCsv('a\r"x\ry"\rb\r').lines).toEqual([1, 2, 4]);
  });

  it('keeps empty cells and keeps stray quotes inside unquoted cells like Excel does', () => {
    expect(parseCsv(';a;;\nsay "hi";"q"x;\n').rows).toEqual([
      ['', 'a', '', ''],
      ['say "hi"', 'qx', ''],
    ]);
  });

  it('ignores trailing empty lines and trailing rows of empty cells, but keeps blank lines inside', () => {
    const result = parseCsv('a;b\n\n1;2\n\n;\n\r\n');
    expect(result.rows).toEqual([['a', 'b'], [''], ['1', '2']]);
    expect(result.lines).toEqual([1, 2, 3]);
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv('\uFEFF\r\n\r\n').rows).toEqual([]);
  });

  it('throws a CsvError naming the line where an unterminated quote opens', () => {
    const text = 'a;b\n1;2\n3;"never\nclosed\n';
    expect(() => parseCsv(text)).toThrow(CsvError);
    try {
      parseCsv(text);
    } catch (e) {
      expect((e as CsvError).line).toBe(3);
      expect((e as CsvError).message).toMatch(/unterminated quote.*line 3/);
    }
  });
});

describe('toCsv', () => {
  it("defaults to ';', a BOM and CRLF, writing numbers as numbers and nullish as empty", () => {
    expect(
      toCsv([
        ['город', 'долгота'],
        ['Якутск', 129.73],
        [null, undefined],
        ['Бразилиа', -47.93],
      ]),
    ).toBe('\uFEFFгород;долгота\r\nЯкутск;129.73\r\n;\r\nБразилиа;-47.93\r\n');
    expect(toCsv([['a', 1]], { delimiter: ',', bom: false })).toBe('a,1\r\n');
    expect(toCsv([])).toBe('\uFEFF');
  });

  it('quotes cells with quotes, either delimiter, line breaks or edge spaces', () => {
    expect(toCsv([['say "hi"', 'a;b', 'a,b', 'two\nlines', ' pad', 'plain']], { bom: false })).toBe(
      '"say ""hi""";"a;b";"a,b";"two\nlines";" pad";plain\r\n',
    );
  });

  it('neutralises formula cells with a quote but leaves numbers alone', () => {
    expect(toCsv([['=1+2', '+7 914 000-00-00', '-done', '@SUM(A1)', '\tx', '-70.5', -70.5, '+5', '1e3']], { bom: false })).toBe(
      "'=1+2;'+7 914 000-00-00;'-done;'@SUM(A1);'\tx;-70.5;-70.5;+5;1e3\r\n",
    );
  });
});

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@A1', "'@A1"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["'=1", "''=1"],
    ['-70.5', '-70.5'],
    ['+7', '+7'],
    ['-0,5', '-0,5'],
    ['Якутск', 'Якутск'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('%j -> %j, and back', (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
    expect(unneutraliseCell(neutraliseCell(input))).toBe(input);
  });

  it('leaves foreign cells without our quote as they are', () => {
    expect(unneutraliseCell('=1')).toBe('=1');
    expect(unneutraliseCell("'hello")).toBe("'hello");
  });
});

describe('toCsv then parseCsv', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'Я', ';', ',', '"', '\n', '\r', ' ', '=', '-', '@', '1', '.', "'", '\uFEFF') });
  // A table: every row as wide as the header, which needs two columns for the delimiter to show.
  const rows = fc
    .integer({ min: 2, max: 4 })
    .chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }))
    .filter((rs) => rs[rs.length - 1]!.some((c) => c !== ''));

  it('gives back the (neutralised) cells for any text, either delimiter, with or without BOM', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom<',' | ';'>(',', ';'), fc.boolean(), (input, delimiter, bom) => {
        const parsed = parseCsv(toCsv(input, { delimiter, bom }));
        expect(parsed.rows).toEqual(input.map((r) => r.map(neutraliseCell)));
        expect(parsed.delimiter).toBe(delimiter);
      }),
      { numRuns: 300 },
    );
  });
});
