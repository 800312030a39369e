// Importing the entry list from CSV/JSON, every way a file can be wrong, and export -> import.
import { describe, expect, it } from 'vitest';
import demo from '../server/demo-round-table.json';
import type { EntryFields } from '../lib/protocol';
import { entryFromFields, entryIds, eventInfo, parseRoundTable } from '../lib/seed';
import { detectFormat, importEntries, type ImportError, type ImportResult } from '../lib/entry-import';
import { ENTRY_COLUMNS, entriesToCsv, entriesToJson } from '../lib/entry-export';

const AT = Date.parse('2026-12-10T10:00:00+03:00');
const options = { defaultTurnSeconds: 180, eventTimeZone: 'Europe/Moscow', at: AT };
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const importCsv = (text: string) => importEntries(text, 'csv', options);
const importJson = (value: unknown) => importEntries(typeof value === 'string' ? value : JSON.stringify(value), 'json', options);

function entriesOf(result: ImportResult): EntryFields[] {
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.entries;
}
/** Asserts the import failed as a whole (no entries at all) and returns its errors. */
function errorsOf(result: ImportResult): ImportError[] {
  expect(result.ok).toBe(false);
  expect('entries' in result).toBe(false);
  return result.ok ? [] : result.errors;
}

const defaults = {
  kind: 'city',
  nameEn: '',
  country: 'RU',
  region: '',
  representative: '',
  position: '',
  attendance: 'online',
  allottedSeconds: 180,
  practiceTitle: '',
  practiceSummary: '',
  contact: '',
} as const;

const HEADER = 'Город;Часовой пояс;Долгота;Участие;Тип;Страна;Время (сек)';
const GOOD = 'Якутск;Asia/Yakutsk;129,73;онлайн;город;RU;180';

describe('importEntries: good CSV', () => {
  it('reads a Russian Excel file: BOM, ;, CRLF, Russian headers and values, decimal comma', () => {
    const text = `\uFEFF${csv(
      'Тип;Город;Название (англ.);Страна;Регион;Часовой пояс;Долгота;ФИО;Должность;Формат;Регламент;Название практики;Описание практики;Контакт',
      'гость;Вступительное слово;Opening;РФ;Москва;Europe/Moscow;37,62;Беляев К. А.;председатель;в зале;300;;;',
      'город;Минск;Minsk;Беларусь;;Europe/Minsk;27,56;Иванов И. И.;главврач;дистанционно;240,0;"Донор; ""Минск""";"Строка 1\nстрока 2";+375 17 000-00-00',
    )}`;
    expect(entriesOf(importCsv(text))).toEqual([
      {
        ...defaults,
        kind: 'guest',
        nameRu: 'Вступительное слово',
        nameEn: 'Opening',
        region: 'Москва',
        timeZone: 'Europe/Moscow',
        longitude: 37.62,
        representative: 'Беляев К. А.',
        position: 'председатель',
        attendance: 'in_person',
        allottedSeconds: 300,
      },
      {
        ...defaults,
        nameRu: 'Минск',
        nameEn: 'Minsk',
        country: 'BY',
        region: 'Минск',
        timeZone: 'Europe/Minsk',
        longitude: 27.56,
        representative: 'Иванов И. И.',
        position: 'главврач',
        allottedSeconds: 240,
        practiceTitle: 'Донор; "Минск"',
        practiceSummary: 'Строка 1\nстрока 2',
        contact: '+375 17 000-00-00',
      },
    ]);
  });

  it('reads a comma file with English headers in any case, with spaces/underscores, LF, no BOM', () => {
    const text =
      'name_ru,Time Zone,LONGITUDE,attendance,Kind,country,allotted_seconds,practice summary\n' +
      '"Якутск","Asia/Yakutsk",129.73,in_person,guest,kz,90,"one,\r\ntwo"\n' +
      'Brasília,America/Sao_Paulo,-47.93,online,city,br,60,\n';
    expect(entriesOf(importCsv(text))).toEqual([
      {
        ...defaults,
        kind: 'guest',
        nameRu: 'Якутск',
        timeZone: 'Asia/Yakutsk',
        longitude: 129.73,
        attendance: 'in_person',
        country: 'KZ',
        allottedSeconds: 90,
        practiceSummary: 'one,\r\ntwo',
      },
      { ...defaults, nameRu: 'Brasília', timeZone: 'America/Sao_Paulo', longitude: -47.93, country: 'BR', allottedSeconds: 60 },
    ]);
  });

  it('gives defaults to missing optional columns and to empty optional cells, and trims cells', () => {
    const chita = { nameRu: 'Чита', nameEn: 'Chita', region: 'Забайкальский край', timeZone: 'Asia/Chita', longitude: 113.5 };
    expect(entriesOf(importCsv(csv('город;часовой пояс;долгота', '  Чита ; Asia/Chita ; 113,5 ')))).toEqual([{ ...defaults, ...chita }]);
    expect(entriesOf(importEntries(csv(HEADER, 'Чита;Asia/Chita;113,5;;;;'), 'csv', { ...options, defaultTurnSeconds: 240 }))).toEqual([
      { ...defaults, ...chita, allottedSeconds: 240 },
    ]);
  });

  it('skips fully empty rows and trailing empty lines', () => {
    const result = importCsv(csv(HEADER, ';;;;;;', GOOD, '', ' ; ;;;;;', GOOD, '', ''));
    expect(entriesOf(result)).toHaveLength(2);
  });

  it('strips the quote our export puts before =, +, - and @, and only that', () => {
    const text = csv('город;часовой пояс;долгота;практика;контакт;должность', "'=Чита;Asia/Chita;113,5;'@donor;'+7 914;'Врач'");
    expect(entriesOf(importCsv(text))[0]).toMatchObject({
      nameRu: '=Чита',
      practiceTitle: '@donor',
      contact: '+7 914',
      position: "'Врач'",
    });
  });
});

describe('importEntries: bad CSV rows', () => {
  const one = (row: string) => errorsOf(importCsv(csv(HEADER, GOOD, row)));

  it.each([
    ['bad number', 'Чита;Asia/Chita;сто;онлайн;город;RU;180', 'Долгота', 'not a number: "сто"'],
    [
      'bad turn length',
      'Чита;Asia/Chita;113;онлайн;город;RU;три',
      'Время (сек)',
      'not a turn length: "три"; expected seconds (180), minutes (3 мин) or m:ss (3:00)',
    ],
    [
      'bad time zone',
      'Чита;Asia/Nowhere;113;онлайн;город;RU;180',
      'Часовой пояс',
      'unknown time zone "Asia/Nowhere"; expected an IANA name (Asia/Yakutsk), МСК+6, UTC+9 or a city',
    ],
    [
      'bad attendance',
      'Чита;Asia/Chita;113;вживую;город;RU;180',
      'Участие',
      'unknown value "вживую"; expected in_person/online (в зале/онлайн)',
    ],
    ['bad kind', 'Чита;Asia/Chita;113;онлайн;мэр;RU;180', 'Тип', 'unknown value "мэр"; expected city/guest (город/гость)'],
    ['empty name', ' ;Asia/Chita;113;онлайн;город;RU;180', 'Город', 'must not be empty'],
    [
      'unknown city without a zone',
      'Атлантида;;113;онлайн;город;RU;180',
      'Город',
      'unknown city "Атлантида"; a place not in the built-in list needs its time zone and longitude',
    ],
    ['bad country', 'Чита;Asia/Chita;113;онлайн;город;RUS;180', 'Страна', 'must be a two-letter country code'],
  ])('%s: reports the row and column', (_, row, column, message) => {
    expect(one(row)).toEqual([{ row: 3, column, message }]);
  });

  it.each([
    ['too-long name', `${'Ч'.repeat(121)};Asia/Chita;113;онлайн;город;RU;180`, 'Город', /120/],
    ['longitude out of range', 'Чита;Asia/Chita;-180,5;онлайн;город;RU;180', 'Долгота', /-180/],
    ['fractional seconds', 'Чита;Asia/Chita;113;онлайн;город;RU;90,5', 'Время (сек)', /^must be a whole number of seconds$/],
    [
      'too few seconds',
      'Чита;Asia/Chita;113;онлайн;город;RU;5',
      'Время (сек)',
      /^5 seconds is too short; for minutes write "5 мин" or "5:00"$/,
    ],
  ])('%s: reports the schema problem at the row and column', (_, row, column, message) => {
    const errors = one(row);
    expect(errors).toEqual([{ row: 3, column, message: expect.stringMatching(message) }]);
  });

  it('reports too-long practice text under its own header', () => {
    const errors = errorsOf(importCsv(csv('город;часовой пояс;долгота;описание практики', `Чита;Asia/Chita;113;"${'x'.repeat(4001)}"`)));
    expect(errors).toEqual([{ row: 2, column: 'описание практики', message: expect.stringMatching(/4000/) }]);
  });

  it('reports an unknown column and a duplicate column on the header line', () => {
    expect(errorsOf(importCsv(csv(`${HEADER};Мэр`, `${GOOD};x`)))).toEqual([
      { row: 1, column: 'Мэр', message: expect.stringMatching(/^unknown column "Мэр"/) },
    ]);
    expect(errorsOf(importCsv(csv(`${HEADER};name_ru`, `${GOOD};Якутск`)))).toEqual([
      { row: 1, column: 'name_ru', message: 'duplicate column: "Город" and "name_ru" both mean nameRu' },
    ]);
  });

  it('reports a missing name column once for the file, not for every row', () => {
    expect(errorsOf(importCsv(csv('тип;долгота', 'город;113', 'город;73')))).toEqual([
      { row: 0, column: '', message: 'missing required column: nameRu (город)' },
    ]);
  });

  it('still checks the rows when the header has a problem', () => {
    expect(errorsOf(importCsv(csv('тип;долгота;ещё', 'город;сто;1')))).toEqual([
      { row: 0, column: '', message: 'missing required column: nameRu (город)' },
      { row: 1, column: 'ещё', message: expect.stringMatching(/^unknown column/) },
      { row: 2, column: 'долгота', message: 'not a number: "сто"' },
    ]);
  });

  it('reports a value under no header', () => {
    expect(errorsOf(importCsv(csv(`${HEADER};`, `${GOOD};`, `${GOOD};лишнее`)))).toEqual([
      { row: 3, column: '', message: 'a value in column 8, which has no header' },
    ]);
  });

  it('reports an unterminated quote at the line where it opens', () => {
    expect(errorsOf(importCsv(csv(HEADER, GOOD, '"Чита;Asia/Chita;113;онлайн;город;RU;180', GOOD)))).toEqual([
      { row: 3, column: '', message: expect.stringMatching(/unterminated quote.*line 3/) },
    ]);
  });

  it('rejects more than MAX_ENTRIES rows, and a file without rows', () => {
    expect(errorsOf(importCsv(csv(HEADER, ...Array<string>(201).fill(GOOD))))).toEqual([
      { row: 0, column: '', message: 'too many entries: 201; at most 200 can be imported' },
    ]);
    expect(entriesOf(importCsv(csv(HEADER, ...Array<string>(200).fill(GOOD))))).toHaveLength(200);
    expect(errorsOf(importCsv(csv(HEADER, ';;;;;;')))).toEqual([{ row: 0, column: '', message: expect.stringMatching(/^no entries/) }]);
    expect(errorsOf(importCsv('\uFEFF\r\n'))).toEqual([{ row: 0, column: '', message: expect.stringMatching(/^the file is empty/) }]);
  });

  it('reports every error of every row together, by physical line, left to right', () => {
    const text = csv(
      HEADER,
      '"Якутск";Asia/Yakutsk;129;онлайн;город;RU;"180"',
      'Чита;Asia/Nowhere;сто;вживую;город;RUS;180',
      '"Два',
      'строки";Asia/Chita;113;онлайн;город;RU;180',
      GOOD,
      ';Asia/Chita;113;онлайн;кто;RU;1',
    );
    expect(errorsOf(importCsv(text))).toEqual([
      { row: 3, column: 'Часовой пояс', message: expect.stringMatching(/^unknown time zone "Asia\/Nowhere"/) },
      { row: 3, column: 'Долгота', message: 'not a number: "сто"' },
      { row: 3, column: 'Участие', message: expect.stringMatching(/^unknown value "вживую"/) },
      { row: 3, column: 'Страна', message: 'must be a two-letter country code' },
      { row: 7, column: 'Город', message: 'must not be empty' },
      { row: 7, column: 'Тип', message: expect.stringMatching(/^unknown value "кто"/) },
      { row: 7, column: 'Время (сек)', message: expect.stringMatching(/too short/) },
    ]);
  });
});

describe('importEntries: JSON', () => {
  const yakutsk = { nameRu: 'Якутск', timeZone: 'Asia/Yakutsk', longitude: 129.73 };

  it('reads an array, { entries } and a whole round table, with the same defaults', () => {
    const want = [{ ...defaults, ...yakutsk, nameEn: 'Yakutsk', region: 'Республика Саха (Якутия)' }];
    expect(entriesOf(importJson([yakutsk]))).toEqual(want);
    expect(entriesOf(importJson({ entries: [yakutsk] }))).toEqual(want);
    expect(entriesOf(importJson(`\uFEFF${JSON.stringify({ event: demo.event, entries: [yakutsk] })}`))).toEqual(want);
    expect(entriesOf(importJson([{ ...yakutsk, kind: 'гость', attendance: 'очно', country: 'Россия', contact: null }]))).toEqual([
      { ...defaults, ...yakutsk, kind: 'guest', attendance: 'in_person' },
    ]);
  });

  it('reports invalid JSON with the parser message', () => {
    expect(errorsOf(importJson('[{"nameRu": }]'))).toEqual([{ row: 0, column: '', message: expect.stringMatching(/^invalid JSON: .+/) }]);
  });

  it('reports unknown fields, bad values and non-objects by 1-based index and field name', () => {
    const errors = errorsOf(
      importJson([
        yakutsk,
        { ...yakutsk, mayor: 'x', longitude: 'сто' },
        5,
        { ...yakutsk, nameRu: '', allottedSeconds: true, timeZone: undefined },
        { ...yakutsk, allottedSeconds: 12.5 },
      ]),
    );
    expect(errors).toEqual([
      { row: 2, column: 'longitude', message: 'not a number: "сто"' },
      { row: 2, column: 'mayor', message: 'unknown field "mayor"' },
      { row: 3, column: '', message: 'must be an object with entry fields' },
      { row: 4, column: 'nameRu', message: 'must not be empty' },
      { row: 4, column: 'allottedSeconds', message: expect.stringMatching(/expected number/) },
      { row: 5, column: 'allottedSeconds', message: 'must be a whole number of seconds' },
    ]);
  });

  it('rejects a wrong shape, an empty list and too many entries', () => {
    expect(errorsOf(importJson({ cities: [] }))[0]).toMatchObject({ row: 0, column: '' });
    expect(errorsOf(importJson([]))).toEqual([{ row: 0, column: '', message: expect.stringMatching(/^no entries/) }]);
    expect(errorsOf(importJson(Array(201).fill(yakutsk)))).toEqual([
      { row: 0, column: '', message: expect.stringMatching(/^too many entries: 201/) },
    ]);
  });
});

describe('detectFormat', () => {
  it('goes by extension, then by content', () => {
    expect(detectFormat('Города.CSV', '[')).toBe('csv');
    expect(detectFormat('table.json', 'a;b')).toBe('json');
    expect(detectFormat('export.txt', '\uFEFF  {"entries": []}')).toBe('json');
    expect(detectFormat('', 'город;долгота')).toBe('csv');
  });
});

describe('export then import', () => {
  // The demo list plus the awkward cases: quotes, both delimiters, line breaks, formula starts,
  // a negative longitude and a contact.
  const table = parseRoundTable({
    event: demo.event,
    entries: [
      ...demo.entries,
      {
        ...demo.entries[3],
        nameRu: 'Гавана; "Куба"',
        nameEn: '-Havana, Cuba',
        country: 'CU',
        timeZone: 'America/Havana',
        longitude: -82.38,
        practiceTitle: '=HYPERLINK("http://evil")',
        practiceSummary: 'Первая строка; вторая, "в кавычках"\nтретья\r\nчетвёртая\n@упоминание',
        contact: '+53 7 000 0000',
      },
      { ...demo.entries[4], nameRu: "'=уже с кавычкой", longitude: -0.5, contact: 'donor@example.org', position: '-' },
    ],
  });
  const ids = entryIds(table.entries);
  const entries = table.entries.map((fields, i) => entryFromFields(ids[i]!, fields));
  const want = table.entries.map((fields) => ({ contact: '', ...fields }));

  it.each([';', ','] as const)('round-trips the whole list through CSV with %j', (delimiter) => {
    const text = entriesToCsv(entries, { delimiter });
    expect(text.startsWith(`\uFEFF${ENTRY_COLUMNS.join(delimiter)}\r\n`)).toBe(true);
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain(`;-82.38;`.replaceAll(';', delimiter));
    expect(entriesOf(importEntries(text, detectFormat('entries.csv', text), options))).toEqual(want);
  });

  it('round-trips the whole list through JSON, which is also a loadable round table', () => {
    const text = entriesToJson(entries, table.event);
    expect(entriesOf(importEntries(text, detectFormat('x', text), options))).toEqual(want);
    expect(parseRoundTable(JSON.parse(text))).toEqual({ event: table.event, entries: want });
    // The event as the state holds it (in ms) is written back in the file's units.
    const fromState = parseRoundTable(JSON.parse(entriesToJson(entries, eventInfo(table.event))));
    expect(fromState.event).toEqual({ ...table.event, registrationDeadline: null });
    expect(entriesOf(importJson(entriesToJson(entries)))).toEqual(want);
  });
});
