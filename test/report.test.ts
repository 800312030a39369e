// The after-meeting report, the planned timetable and the practices library, over a scripted
// session: the reducer driven by a fake clock, every accepted command kept as a journal record.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import demo from '../server/demo-round-table.json';
import type { Actor, RollcallState } from '../lib/model';
import { commandSchema, type EntryFields } from '../lib/protocol';
import { reduce } from '../lib/reducer';
import { initialState, parseRoundTable } from '../lib/seed';
import { plannedSchedule } from '../lib/schedule';
import { formatZonedTime } from '../lib/format';
import { parseCsv } from '../lib/csv';
import { buildReport, reportCsv, reportJson, type ReportRecord } from '../lib/report';
import { escapeMarkdownBlock, practicesCsv, practicesMarkdown } from '../lib/practices';

type Raw = z.input<typeof commandSchema>;

const T0 = Date.parse('2026-12-10T07:00:00Z'); // planned start, 10:00 Moscow time
const SEC = 1000;
const MIN = 60 * SEC;
const S = T0 + 2 * MIN; // the session starts two minutes late
const MODERATOR: Actor = { role: 'moderator' };
const SYSTEM: Actor = { role: 'system' };

const pick = (nameEn: string, over: Partial<EntryFields> = {}): EntryFields => {
  const fields = demo.entries.find((e) => e.nameEn === nameEn);
  if (!fields) throw new Error(`no ${nameEn} in the demo`);
  return { ...(fields as EntryFields), ...over };
};

const INJECTION = '=HYPERLINK("http://evil.example","клик")';
const TABLE = parseRoundTable({
  event: { ...demo.event, plannedTotalMinutes: 25 },
  entries: [
    pick('Opening words'), // 300 s, in the hall
    pick('Petropavlovsk-Kamchatsky', { practiceTitle: '*Вулкан* жизни [2026] #1', practiceSummary: '- первая строка\n1. вторая & <b>' }),
    pick('Magadan'),
    pick('Yakutsk'), // in person, not checked in
    pick('Chita'), // marked absent, never connected
    pick('Omsk'), // deferred, comes back
    pick('Tomsk'), // deferred, never gets the floor
    pick('Minsk', { representative: INJECTION, practiceSummary: 'Сбор; "ИТ" с сердцем\nвторая строка' }),
  ],
});

/** The reducer with a fake clock, keeping every accepted command as the journal does. */
class Sim {
  state: RollcallState = initialState(TABLE);
  records: ReportRecord[] = [];
  now = T0;

  at(t: number): this {
    this.now = t;
    return this;
  }
  run(actor: Actor, ...commands: Raw[]): this {
    for (const raw of commands) {
      const command = commandSchema.parse(raw);
      const ctx = { now: this.now, actor, newId: `x${this.records.length}` };
      const result = reduce(this.state, command, ctx);
      if (!result.ok) throw new Error(`${raw.type} was rejected: ${result.error.message}`);
      this.state = result.state;
      this.records.push({ version: result.state.version, command, ctx });
    }
    return this;
  }
  mod(...commands: Raw[]) {
    return this.run(MODERATOR, ...commands);
  }
  presence(entryId: string, state: 'online' | 'reconnecting' | 'offline') {
    return this.run(SYSTEM, { type: 'presence.set', entryId, state });
  }
}

const [OPENING, KAMCHATKA, MAGADAN, YAKUTSK, CHITA, OMSK, TOMSK, MINSK] = initialState(TABLE).order as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

/** The whole session; `stopAt` returns a copy of the sim as it was right after the pause. */
function session() {
  const s = new Sim();
  s.at(T0 - 24 * 60 * MIN).run(
    { role: 'participant', entryId: OMSK },
    { type: 'entry.register', fields: { representative: 'Юрченко Алексей Борисович', attendance: 'online', contact: '+7 999 000-00-00' } },
  );
  s.at(T0 - 10 * MIN)
    .presence(KAMCHATKA, 'online')
    .presence(MAGADAN, 'online');
  s.at(S).mod(
    { type: 'session.start' },
    { type: 'entry.checkIn', entryId: OPENING, present: true },
    { type: 'entry.checkIn', entryId: MINSK, present: true },
    { type: 'entry.markAbsent', entryId: CHITA },
    { type: 'speaker.next' }, // opening words
  );
  s.at(S + 10 * SEC).mod({ type: 'queue.defer', entryId: OMSK });
  s.at(S + 20 * SEC).mod({ type: 'queue.defer', entryId: TOMSK });
  s.at(S + 30 * SEC).presence(TOMSK, 'online');
  s.at(S + 60 * SEC).presence(OMSK, 'online');
  s.at(S + 320 * SEC).mod({ type: 'speaker.next' }); // opening: 320 s of 300 -> Kamchatka
  s.at(S + 380 * SEC).presence(KAMCHATKA, 'reconnecting'); // drops for 40 s mid-turn
  s.at(S + 395 * SEC).presence(KAMCHATKA, 'offline');
  s.at(S + 420 * SEC).presence(KAMCHATKA, 'online');
  s.at(S + 490 * SEC).mod({ type: 'speaker.next' }); // Kamchatka: 170 s -> Magadan
  s.at(S + 500 * SEC).presence(MAGADAN, 'online'); // a repeat: changes nothing
  s.at(S + 590 * SEC).mod({ type: 'session.pause' });
  const paused = { state: s.state, records: [...s.records] };
  s.at(S + 650 * SEC).mod({ type: 'session.resume' });
  s.at(S + 700 * SEC).mod({ type: 'speaker.next' }); // Magadan: 150 s -> Yakutsk
  s.at(S + 880 * SEC).mod({ type: 'speaker.next' }); // Yakutsk: 180 s -> (Chita absent) Minsk
  s.at(S + 1080 * SEC).mod({ type: 'speaker.next' }); // Minsk: 200 s of 180 -> deferred Omsk
  s.at(S + 1200 * SEC).mod({ type: 'speaker.start', entryId: MAGADAN }, { type: 'speaker.extend', seconds: 60 }); // Omsk: 120 s
  s.at(S + 1250 * SEC).presence(OMSK, 'offline');
  s.at(S + 1280 * SEC).mod({ type: 'session.finish' }); // Magadan's second turn: 80 s
  s.at(S + 1290 * SEC).mod(
    { type: 'entry.nominate', entryId: KAMCHATKA, nomination: 'За работу с молодёжью' },
    { type: 'entry.nominate', entryId: MINSK, nomination: 'За цифровые решения' },
  );
  return { s, paused };
}

const finished = () => {
  const { s } = session();
  return buildReport(s.state, s.records, S + 1300 * SEC);
};

describe('plannedSchedule', () => {
  it('lays the demo out back to back from 10:00 Moscow time', () => {
    const state = initialState(parseRoundTable(demo));
    const slots = plannedSchedule(state);
    expect(slots.map((s) => s.entryId)).toEqual(state.order);
    const moscow = slots.slice(0, 5).map((s) => formatZonedTime(s.plannedStartAt, 'Europe/Moscow', 'ru'));
    expect(moscow).toEqual(['10:00', '10:05', '10:09', '10:13', '10:16']);
    expect(slots[3]).toEqual({ entryId: 'petropavlovsk-kamchatsky', plannedStartAt: T0 + 13 * MIN, plannedEndAt: T0 + 16 * MIN });
    expect(formatZonedTime(slots[3]!.plannedStartAt, 'Asia/Kamchatka', 'ru')).toBe('19:13');
    expect(slots.at(-1)!.plannedEndAt).toBe(T0 + (300 + 240 + 240 + 34 * 180) * SEC);
  });

  it('gives absent entries no time and counts extensions', () => {
    let state = initialState(parseRoundTable(demo));
    const [, fmba, donors, kamchatka] = state.order as [string, string, string, string];
    state = {
      ...state,
      entries: {
        ...state.entries,
        [fmba]: { ...state.entries[fmba]!, status: 'absent' },
        [donors]: { ...state.entries[donors]!, extraMs: 60 * SEC },
      },
    };
    const slots = plannedSchedule(state);
    expect(slots[1]).toEqual({ entryId: fmba, plannedStartAt: T0 + 5 * MIN, plannedEndAt: T0 + 5 * MIN });
    expect(slots[2]).toEqual({ entryId: donors, plannedStartAt: T0 + 5 * MIN, plannedEndAt: T0 + 10 * MIN });
    expect(slots[3]!.entryId).toBe(kamchatka);
    expect(slots[3]!.plannedStartAt).toBe(T0 + 10 * MIN);
  });
});

describe('buildReport', () => {
  it('measures every entry of a finished session', () => {
    const report = finished();
    expect(report.phase).toBe('finished');
    expect(report.entries.map((e) => e.id)).toEqual([OPENING, KAMCHATKA, MAGADAN, YAKUTSK, CHITA, MINSK, OMSK, TOMSK]);
    const row = (id: string) => {
      const e = report.entries.find((x) => x.id === id)!;
      const s = (ms: number | null) => (ms === null ? null : ms / SEC);
      return {
        participation: e.participation,
        status: e.status,
        allotted: s(e.allottedMs),
        extra: s(e.extraMs),
        used: s(e.usedMs),
        overtime: s(e.overtimeMs),
        turns: e.turns,
        first: s(e.firstStartedAt === null ? null : e.firstStartedAt - S),
        last: s(e.lastEndedAt === null ? null : e.lastEndedAt - S),
        planned: [s(e.plannedStartAt - T0), s(e.plannedEndAt - T0)],
        offline: s(e.offlineMs),
      };
    };
    expect(row(OPENING)).toEqual({
      participation: 'hall',
      status: 'done',
      allotted: 300,
      extra: 0,
      used: 320,
      overtime: 20,
      turns: 1,
      first: 0,
      last: 320,
      planned: [0, 300],
      offline: null,
    });
    expect(row(KAMCHATKA)).toEqual({
      participation: 'online',
      status: 'done',
      allotted: 180,
      extra: 0,
      used: 170,
      overtime: 0,
      turns: 1,
      first: 320,
      last: 490,
      planned: [300, 480],
      offline: 40,
    });
    expect(row(MAGADAN)).toEqual({
      participation: 'online',
      status: 'done',
      allotted: 240,
      extra: 60,
      used: 230,
      overtime: 0,
      turns: 2,
      first: 490,
      last: 1280,
      planned: [480, 720],
      offline: 0,
    });
    expect(row(YAKUTSK)).toEqual({
      participation: 'hall',
      status: 'done',
      allotted: 180,
      extra: 0,
      used: 180,
      overtime: 0,
      turns: 1,
      first: 700,
      last: 880,
      planned: [720, 900],
      offline: null,
    });
    expect(row(CHITA)).toEqual({
      participation: 'absent',
      status: 'absent',
      allotted: 180,
      extra: 0,
      used: 0,
      overtime: 0,
      turns: 0,
      first: null,
      last: null,
      planned: [900, 900],
      offline: 1280,
    });
    expect(row(MINSK)).toEqual({
      participation: 'hall',
      status: 'done',
      allotted: 180,
      extra: 0,
      used: 200,
      overtime: 20,
      turns: 1,
      first: 880,
      last: 1080,
      planned: [900, 1080],
      offline: null,
    });
    expect(row(OMSK)).toEqual({
      participation: 'online',
      status: 'done',
      allotted: 180,
      extra: 0,
      used: 120,
      overtime: 0,
      turns: 1,
      first: 1080,
      last: 1200,
      planned: [1080, 1260],
      offline: 90,
    });
    expect(row(TOMSK)).toEqual({
      participation: 'online',
      status: 'deferred',
      allotted: 180,
      extra: 0,
      used: 0,
      overtime: 0,
      turns: 0,
      first: null,
      last: null,
      planned: [1260, 1440],
      offline: 30,
    });
    const omsk = report.entries.find((e) => e.id === OMSK)!;
    expect(omsk).toMatchObject({
      place: 7,
      registeredAt: T0 - 24 * 60 * MIN,
      contact: '+7 999 000-00-00',
      nomination: null,
      attendance: 'online',
    });
    expect(report.entries.find((e) => e.id === MINSK)).toMatchObject({
      nomination: 'За цифровые решения',
      country: 'BY',
      representative: INJECTION,
    });
  });

  it('totals the session and compares it with the plan', () => {
    expect(finished().totals).toEqual({
      entries: 8,
      spoke: 6,
      markedAbsent: 1,
      notCalled: 1, // Tomsk: deferred, connected, never got the floor
      participation: { hall: 3, online: 4, absent: 1, not_called: 0, pending: 0 },
      allottedMs: 1440 * SEC, // Chita's 180 s is not counted
      usedMs: 1220 * SEC,
      overtimeMs: 40 * SEC,
      overTime: 2,
      sessionElapsedMs: 1220 * SEC,
      pausedMs: 60 * SEC,
      plannedStartAt: T0,
      plannedEndAt: T0 + 25 * MIN,
      scheduledEndAt: T0 + 1440 * SEC,
      actualStartAt: S,
      actualEndAt: S + 1280 * SEC,
      startDriftMs: 120 * SEC,
      driftMs: -100 * SEC, // ended at 10:23:20, planned 10:25
    });
  });

  it('reports a running session up to now, with the open pause counted', () => {
    const { paused } = session();
    const report = buildReport(paused.state, paused.records, S + 620 * SEC);
    const offline = Object.fromEntries(report.entries.map((e) => [e.id, e.offlineMs === null ? null : e.offlineMs / SEC]));
    expect(offline).toMatchObject({ [KAMCHATKA]: 40, [MAGADAN]: 0, [CHITA]: 620, [OMSK]: 60, [TOMSK]: 30, [OPENING]: null });
    expect(report.entries.find((e) => e.id === MAGADAN)).toMatchObject({ usedMs: 100 * SEC, lastEndedAt: null, status: 'speaking' });
    expect(report.totals).toMatchObject({ sessionElapsedMs: 590 * SEC, pausedMs: 30 * SEC, actualEndAt: null, spoke: 3 });
  });

  it('while the meeting goes on, a city that has not had its turn is not called (yet), not absent', () => {
    const { paused } = session();
    const live = buildReport(paused.state, paused.records, S + 620 * SEC);
    const done = finished();
    const row = (report: typeof live, id: string) => report.entries.find((e) => e.id === id)!;
    // Mid-meeting Yakutsk has neither spoken nor connected yet: it has not been called, it is not absent.
    expect(row(live, YAKUTSK)).toMatchObject({ turns: 0, status: 'waiting', participation: 'not_called' });
    expect(row(done, YAKUTSK).participation).toBe('hall'); // spoke, booked in the hall
    expect(row(live, CHITA).participation).toBe('absent'); // marked absent by the moderator
    expect(live.totals).toMatchObject({ spoke: 3, markedAbsent: 1, notCalled: 4, participation: { absent: 1, not_called: 1 } }); // Omsk and Tomsk were connected
    const before = buildReport(initialState(TABLE), [], T0 - MIN);
    expect(before.totals).toMatchObject({ notCalled: 0, participation: { pending: 8, not_called: 0, absent: 0 } });
  });

  it('finishing early leaves the cities not reached «не вызваны», never «отсутствовали»', () => {
    const s = new Sim();
    s.at(S).mod({ type: 'session.start' }, { type: 'speaker.next' });
    s.at(S + 60 * SEC).mod({ type: 'speaker.next' });
    s.at(S + 120 * SEC).mod({ type: 'session.finish' });
    const report = buildReport(s.state, s.records, S + 130 * SEC);
    expect(report.totals).toMatchObject({
      entries: 8,
      spoke: 2,
      markedAbsent: 0,
      notCalled: 6,
      participation: { absent: 0, not_called: 6 },
    });
    expect(report.entries.filter((e) => e.participation === 'absent')).toEqual([]);
    const csv = parseCsv(reportCsv(report)).rows;
    expect(csv.slice(1).map((r) => r[8])).toEqual(['В зале', 'По видеосвязи', ...Array(6).fill('Не вызван')]);
  });

  it('round-trips through JSON', () => {
    const report = finished();
    expect(JSON.parse(reportJson(report))).toEqual(report);
  });
});

describe('reportCsv', () => {
  const csv = reportCsv(finished());
  const lines = csv.slice(1).split('\r\n');
  const [header, ...rows] = parseCsv(csv).rows as [string[], ...string[][]];
  const cell = (id: string, name: string) => rows.find((r) => r.at(-1) === id)![header.indexOf(name)];

  it('starts with a BOM and Russian headers, and ends every row with CRLF', () => {
    expect(csv.startsWith('\uFEFF№;Город;Тип;Страна;')).toBe(true);
    for (const h of [
      'Представитель',
      'Отведено (мин:с)',
      'Использовано (мин:с)',
      'Сверх времени (мин:с)',
      'Выступлений',
      'Участие',
      'Вне сети (мин:с)',
      'Вне сети, с',
    ]) {
      expect(header).toContain(h);
    }
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(reportCsv(finished(), 'en').slice(1).startsWith('No.;City;Kind;Country;')).toBe(true);
  });

  it('writes durations as m:ss, labelled so, and seconds', () => {
    const cells = (id: string, ...names: string[]) => names.map((name) => cell(id, name));
    expect(
      cells(
        OPENING,
        'Отведено (мин:с)',
        'Отведено, с',
        'Использовано (мин:с)',
        'Использовано, с',
        'Сверх времени (мин:с)',
        'Сверх времени, с',
        'Выступлений',
      ),
    ).toEqual(['5:00', '300', '5:20', '320', '0:20', '20', '1']);
    expect(cells(OPENING, 'Участие', 'Вне сети (мин:с)', 'План: начало', 'Начало', 'Окончание')).toEqual([
      'В зале',
      '',
      '10:00:00',
      '10:02:00',
      '10:07:20',
    ]);
    expect(cells(MAGADAN, 'Отведено (мин:с)', 'Продление, с', 'Использовано (мин:с)', 'Выступлений', 'Окончание')).toEqual([
      '4:00',
      '60',
      '3:50',
      '2',
      '10:23:20',
    ]);
    expect(cells(CHITA, 'Участие', 'Статус', 'Вне сети (мин:с)', 'Вне сети, с', 'Начало')).toEqual([
      'Отсутствовал (отмечен ведущим)',
      'Отсутствует',
      '21:20',
      '1280',
      '',
    ]);
    expect(cells(KAMCHATKA, 'Вне сети (мин:с)', 'Вне сети, с')).toEqual(['0:40', '40']);
    expect(cells(OMSK, 'Регистрация', 'Контакт')).toEqual(['2026-12-09 10:00:00', "'+7 999 000-00-00"]);
    expect(lines[1]!.startsWith('1;Вступительное слово;Гость;Россия;Москва;')).toBe(true);
  });

  it('quotes delimiters, quotes and newlines and neutralises formulas', () => {
    expect(csv).toContain(';"\'=HYPERLINK(""http://evil.example"",""клик"")";');
    expect(csv).toContain(';"Сбор; ""ИТ"" с сердцем\nвторая строка";');
    expect(csv).toContain(';Минск;Город;Беларусь;');
    expect(csv).toContain(";'+7 999 000-00-00;"); // a phone number opens with '+'
    expect(csv).not.toMatch(/;=/);
  });

  it('reads back cell for cell', () => {
    expect(parseCsv(csv).delimiter).toBe(';');
    expect(rows).toHaveLength(8);
    expect(cell(MINSK, 'Представитель')).toBe(`'${INJECTION}`);
    expect(cell(MINSK, 'Описание практики')).toBe('Сбор; "ИТ" с сердцем\nвторая строка');
    expect([header, ...rows].every((r) => r.length === header.length && r.every((c) => !/^[=+\-@]/.test(c)))).toBe(true);
  });
});

describe('practices', () => {
  const report = finished();
  const md = practicesMarkdown(report);

  it('lists the nominated practices first, then every practice in running order', () => {
    expect(
      md.startsWith('# Круглый стол «Эстафета горячих сердец»\n\n10 декабря 2026 г. · Библиотека практик\n\n## Номинированы на диплом\n\n'),
    ).toBe(true);
    expect(md).toContain(
      '- **Петропавловск-Камчатский** — \\*Вулкан\\* жизни \\[2026\\] \\#1: За работу с молодёжью\n- **Минск (Беларусь)** — «ИТ с горячим сердцем»: За цифровые решения\n',
    );
    const headings = md.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### Петропавловск-Камчатский',
      '### Магадан',
      '### Якутск',
      '### Чита',
      '### Минск (Беларусь)',
      '### Омск',
      '### Томск',
    ]);
    expect(md.indexOf('## Номинированы')).toBeLessThan(md.indexOf('## Практики'));
    expect(md).not.toContain('Вступительное слово');
    expect(md).not.toContain('+7 999'); // contacts are not published
  });

  it('writes each city with its representative, practice, time and nomination, escaped', () => {
    const section = md.slice(md.indexOf('### Петропавловск-Камчатский'), md.indexOf('### Магадан'));
    expect(section).toBe(
      '### Петропавловск-Камчатский\n\nКовальчук Андрей Викторович, главный врач краевой станции переливания крови\n\n' +
        '**Практика:** \\*Вулкан\\* жизни \\[2026\\] \\#1\n\n\\- первая строка\n1\\. вторая \\& \\<b\\>\n\n' +
        'Время выступления: 2 мин 50 с\n\nНоминирована на диплом: За работу с молодёжью\n\n',
    );
    expect(md).toContain('\\=HYPERLINK("http://evil.example","клик"), главный врач');
    expect(md).toContain('### Чита\n\nШестаков Павел Андреевич');
    expect(md).toContain('Время выступления: выступления не было');
    expect(escapeMarkdownBlock('    code?\n\n\n\n## no\n===\n3) x_y')).toBe('code?\n\n\\#\\# no\n\\===\n3\\) x\\_y');
  });

  it('has an English version', () => {
    const en = practicesMarkdown(report, 'en');
    expect(en).toContain('# Round table “Relay of Hot Hearts”\n\nDecember 10, 2026 · Library of practices');
    expect(en).toContain('### Minsk (Belarus)');
    expect(en).toContain('Nominated for a diploma: За цифровые решения');
  });

  it('exports the same entries as CSV', () => {
    const csv = practicesCsv(report);
    const { rows } = parseCsv(csv);
    expect(
      csv.startsWith(
        '\uFEFF№;Город;Тип;Страна;Регион;Представитель;Должность;Практика;Описание практики;Использовано (мин:с);"Использовано, с";Номинация\r\n',
      ),
    ).toBe(true);
    expect(rows.map((r) => r[1])).toEqual(['Город', 'Петропавловск-Камчатский', 'Магадан', 'Якутск', 'Чита', 'Минск', 'Омск', 'Томск']);
    expect(rows[4]!.slice(-3)).toEqual(['', '0', '']); // Chita did not speak
    expect(csv.slice(1).split('\r\n')[1]).toBe(
      '2;Петропавловск-Камчатский;Город;Россия;Камчатский край;Ковальчук Андрей Викторович;главный врач краевой станции переливания крови;*Вулкан* жизни [2026] #1;"\'- первая строка\n1. вторая & <b>";2:50;170;За работу с молодёжью',
    );
    expect(csv).toContain(';"\'=HYPERLINK(""http://evil.example"",""клик"")";');
    expect(csv).not.toContain('+7 999');
  });
});
