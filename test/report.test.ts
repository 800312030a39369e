// The after-meeting report and the planned timetable over a scripted session (test/support/
// report-session.ts): the reducer driven by a fake clock, every accepted command kept as a journal record.
import { describe, expect, it } from 'vitest';
import demo from '../server/demo-round-table.json';
import { initialState, parseRoundTable } from '../lib/seed';
import { plannedSchedule } from '../lib/schedule';
import { formatZonedTime } from '../lib/format';
import { parseCsv } from '../lib/csv';
import { buildReport, reportCsv, reportJson } from '../lib/report';
import {
  CHITA,
  INJECTION,
  KAMCHATKA,
  MAGADAN,
  MIN,
  MINSK,
  OMSK,
  OPENING,
  S,
  SEC,
  Sim,
  T0,
  TABLE,
  TOMSK,
  YAKUTSK,
  finished,
  session,
} from './support/report-session';

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
