// Table and scenario tests for the pure roll-call model, run over the demo round table.
// The reducer never reads the clock: every test drives a fake `now` by hand.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import demo from '../server/demo-round-table.json';
import { MAX_MESSAGES, UNDO_DEPTH, type Actor, type RollcallState } from '../lib/model';
import {
  COMMAND_TYPES,
  commandSchema,
  parseCommand,
  type CommandContext,
  type CommandType,
  type EntryFields,
  type ErrorCode,
  type RollcallError,
  type RollcallEvent,
  type View,
} from '../lib/protocol';
import { controlOf, reduce, type ReduceResult } from '../lib/reducer';
import { initialState, parseRoundTable } from '../lib/seed';
import {
  allottedTotalMs,
  clockTone,
  openTurn,
  overtimeMs,
  remainingMs,
  scheduleFigures,
  spanMs,
  usedMs,
} from '../lib/time';
import { apiState, applyPatch, diffViews, eventsFor, viewFor, type ViewAudience } from '../lib/view';

// ---- fixtures and helpers -------------------------------------------------------------------------

type Raw = z.input<typeof commandSchema>;

const T0 = Date.parse('2026-12-10T07:00:00Z'); // the demo's planned start, 10:00 Moscow time
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const MODERATOR: Actor = { role: 'moderator' };
const SYSTEM: Actor = { role: 'system' };
const VIEWER: Actor = { role: 'viewer' };
const participant = (entryId: string): Actor => ({ role: 'participant', entryId });

const OPENING = 'opening-words'; // 300 s
const FMBA = 'welcome-from-fmba-of-russia'; // 240 s
const DONORS = 'word-from-the-donor-community'; // 240 s
const KAMCHATKA = 'petropavlovsk-kamchatsky'; // 180 s, first city
const MAGADAN = 'magadan';
const SAKHALIN = 'yuzhno-sakhalinsk';
const KHABAROVSK = 'khabarovsk';
const KALININGRAD = 'kaliningrad'; // last in the list

const NEW_ENTRY = {
  kind: 'city',
  nameRu: 'Тында',
  nameEn: 'Tynda',
  country: 'RU',
  region: 'Амурская область',
  timeZone: 'Asia/Yakutsk',
  longitude: 124.72,
  representative: 'Иванов Иван Иванович',
  position: 'глава города',
  attendance: 'online',
  allottedSeconds: 120,
  practiceTitle: 'БАМ-донор',
  practiceSummary: '',
} satisfies EntryFields;

const demoState = (): RollcallState => initialState(parseRoundTable(demo));
const DEMO_ORDER = demoState().order;

/** Freezes a state tree so that any mutation by the reducer throws instead of passing silently. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const cmd = (raw: Raw) => commandSchema.parse(raw);

interface Opts {
  actor?: Actor;
  newId?: string;
}

/** A roll call driven by hand: a state, a fake clock and the events of the last command. */
class Sim {
  state: RollcallState;
  now = T0;
  events: RollcallEvent[] = [];
  private ids = 0;

  constructor(state: RollcallState = demoState()) {
    this.state = deepFreeze(state);
  }

  tick(ms: number): this {
    this.now += ms;
    return this;
  }

  ctx(opts: Opts = {}): CommandContext {
    return { now: this.now, actor: opts.actor ?? MODERATOR, newId: opts.newId ?? `x${++this.ids}` };
  }

  attempt(raw: Raw, opts: Opts = {}): ReduceResult {
    return reduce(this.state, cmd(raw), this.ctx(opts));
  }

  /** Applies moderator commands, each of which must be accepted. */
  run(...commands: Raw[]): this {
    return this.as({}, ...commands);
  }

  as(opts: Opts, ...commands: Raw[]): this {
    for (const raw of commands) {
      const result = this.attempt(raw, opts);
      if (!result.ok) throw new Error(`${raw.type} was rejected: ${result.error.reason} (${result.error.message})`);
      this.state = deepFreeze(result.state);
      this.events = result.events;
    }
    return this;
  }

  /** Expects the command to be rejected with exactly this code and reason, leaving the state as it was. */
  reject(raw: Raw, code: ErrorCode, reason: string, opts: Opts = {}): RollcallError {
    const before = this.state;
    const copy = structuredClone(before);
    const result = this.attempt(raw, opts);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect({ code: result.error.code, reason: result.error.reason }).toEqual({ code, reason });
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(Object.keys(result)).toEqual(['ok', 'error']);
    expect(this.state).toBe(before);
    expect(before).toEqual(copy);
    return result.error;
  }

  entry(id: string) {
    const entry = this.state.entries[id];
    if (!entry) throw new Error(`no entry ${id}`);
    return entry;
  }
  status(id: string) {
    return this.entry(id).status;
  }
  used(id: string) {
    return usedMs(this.entry(id), this.now);
  }
  /** Live session whose first speaker (the opening words) has the floor since T0. */
  static speaking(): Sim {
    return new Sim().run({ type: 'session.start' }, { type: 'speaker.next' });
  }
}

/** A sample of every command, used to check who may send what. */
const SAMPLES: { [K in CommandType]: Extract<Raw, { type: K }> } = {
  'session.start': { type: 'session.start' },
  'session.pause': { type: 'session.pause' },
  'session.resume': { type: 'session.resume' },
  'session.finish': { type: 'session.finish' },
  'speaker.next': { type: 'speaker.next' },
  'speaker.start': { type: 'speaker.start', entryId: MAGADAN },
  'speaker.stop': { type: 'speaker.stop' },
  'speaker.extend': { type: 'speaker.extend', seconds: 30 },
  'queue.move': { type: 'queue.move', entryId: MAGADAN, index: 0 },
  'queue.defer': { type: 'queue.defer', entryId: MAGADAN },
  'entry.checkIn': { type: 'entry.checkIn', entryId: MAGADAN, present: true },
  'entry.markAbsent': { type: 'entry.markAbsent', entryId: MAGADAN },
  'entry.add': { type: 'entry.add', entry: NEW_ENTRY },
  'entry.update': { type: 'entry.update', entryId: MAGADAN, fields: { nameEn: 'Magadan city' } },
  'entry.remove': { type: 'entry.remove', entryId: MAGADAN },
  'entry.import': { type: 'entry.import', mode: 'append', entries: [NEW_ENTRY] },
  'entry.register': { type: 'entry.register', entryId: MAGADAN, fields: { representative: 'Петрова Анна Сергеевна', attendance: 'online' } },
  'entry.nominate': { type: 'entry.nominate', entryId: MAGADAN, nomination: 'За вовлечение студентов' },
  'queue.order': { type: 'queue.order', by: 'utcOffset' },
  'event.update': { type: 'event.update', fields: { warnSeconds: 20 } },
  'message.send': { type: 'message.send', target: 'speaker', text: 'one minute left' },
  'message.clear': { type: 'message.clear' },
  'signal.send': { type: 'signal.send', kind: 'ready', entryId: MAGADAN },
  'signal.clear': { type: 'signal.clear', entryId: MAGADAN },
  'presence.set': { type: 'presence.set', entryId: MAGADAN, state: 'online' },
  undo: { type: 'undo' },
};

// ---- the demo list --------------------------------------------------------------------------------

describe('demo round table', () => {
  it('loads 37 waiting entries in file order, with ids from the English names', () => {
    const state = demoState();
    expect(state.order).toHaveLength(37);
    expect(state.order.slice(0, 5)).toEqual([OPENING, FMBA, DONORS, KAMCHATKA, MAGADAN]);
    expect(state.order.at(-1)).toBe(KALININGRAD);
    expect(Object.keys(state.entries).sort()).toEqual([...state.order].sort());
    expect(Object.values(state.entries).every((e) => e.status === 'waiting' && e.turns.length === 0 && !e.checkedIn)).toBe(true);
    expect(state.entries[OPENING]!.allottedMs).toBe(300 * SEC);
    expect(state.entries[MAGADAN]!.allottedMs).toBe(180 * SEC);
    expect(state).toMatchObject({ phase: 'planned', session: null, currentEntryId: null, version: 0, controlVersion: 0, undo: [] });
  });

  it('has a sample for every command type in the protocol', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...COMMAND_TYPES].sort());
  });
});

// ---- every rejection, as a table ------------------------------------------------------------------

const live = (s: Sim) => s.run({ type: 'session.start' });
const withSpeaker = (s: Sim) => live(s).run({ type: 'speaker.next' }).tick(MIN);
const paused = (s: Sim) => withSpeaker(s).run({ type: 'session.pause' });
const finished = (s: Sim) => withSpeaker(s).run({ type: 'session.finish' });
const everyoneAbsent = (s: Sim) => s.run(...DEMO_ORDER.map((entryId) => ({ type: 'entry.markAbsent', entryId }) as const));

interface Rejection {
  name: string;
  setup?: (s: Sim) => unknown;
  command: Raw;
  opts?: Opts;
  code: ErrorCode;
  reason: string;
}

const REJECTIONS: Rejection[] = [
  { name: 'replace the list after the start', setup: live, command: { type: 'entry.import', mode: 'replace', entries: [NEW_ENTRY] }, code: 'conflict', reason: 'session_started' },
  { name: 'import past the limit', command: { type: 'entry.import', mode: 'append', entries: Array.from({ length: 170 }, () => NEW_ENTRY) }, code: 'conflict', reason: 'too_many_entries' },
  { name: 'register after the start', setup: live, command: { type: 'entry.register', entryId: MAGADAN, fields: { representative: 'Кто-то', attendance: 'online' } }, code: 'conflict', reason: 'registration_closed' },
  { name: 'register an unknown entry', command: { type: 'entry.register', entryId: 'atlantis', fields: { representative: 'Кто-то', attendance: 'online' } }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'register without naming the entry', command: { type: 'entry.register', fields: { representative: 'Кто-то', attendance: 'online' } }, code: 'bad_request', reason: 'entry_required' },
  { name: 'nominate an unknown entry', command: { type: 'entry.nominate', entryId: 'atlantis', nomination: 'Лучшая практика' }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'start while live', setup: live, command: { type: 'session.start' }, code: 'conflict', reason: 'session_already_started' },
  { name: 'start while paused', setup: paused, command: { type: 'session.start' }, code: 'conflict', reason: 'session_already_started' },
  { name: 'start after finish', setup: finished, command: { type: 'session.start' }, code: 'conflict', reason: 'session_already_started' },
  { name: 'pause before start', command: { type: 'session.pause' }, code: 'conflict', reason: 'session_not_live' },
  { name: 'pause twice', setup: paused, command: { type: 'session.pause' }, code: 'conflict', reason: 'session_not_live' },
  { name: 'pause after finish', setup: finished, command: { type: 'session.pause' }, code: 'conflict', reason: 'session_not_live' },
  { name: 'resume before start', command: { type: 'session.resume' }, code: 'conflict', reason: 'session_not_paused' },
  { name: 'resume while live', setup: live, command: { type: 'session.resume' }, code: 'conflict', reason: 'session_not_paused' },
  { name: 'resume after finish', setup: finished, command: { type: 'session.resume' }, code: 'conflict', reason: 'session_not_paused' },
  { name: 'finish before start', command: { type: 'session.finish' }, code: 'conflict', reason: 'session_not_live' },
  { name: 'finish twice', setup: finished, command: { type: 'session.finish' }, code: 'conflict', reason: 'session_not_live' },
  { name: 'next before start', command: { type: 'speaker.next' }, code: 'conflict', reason: 'session_not_started' },
  { name: 'next while paused', setup: paused, command: { type: 'speaker.next' }, code: 'conflict', reason: 'session_paused' },
  { name: 'next after finish', setup: finished, command: { type: 'speaker.next' }, code: 'conflict', reason: 'session_finished' },
  { name: 'next with nobody left', setup: (s) => live(everyoneAbsent(s)), command: { type: 'speaker.next' }, code: 'conflict', reason: 'queue_empty' },
  { name: 'start speaker before start', command: { type: 'speaker.start', entryId: MAGADAN }, code: 'conflict', reason: 'session_not_started' },
  { name: 'start speaker while paused', setup: paused, command: { type: 'speaker.start', entryId: MAGADAN }, code: 'conflict', reason: 'session_paused' },
  { name: 'start speaker after finish', setup: finished, command: { type: 'speaker.start', entryId: MAGADAN }, code: 'conflict', reason: 'session_finished' },
  { name: 'start unknown speaker', setup: live, command: { type: 'speaker.start', entryId: 'atlantis' }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'start the current speaker', setup: withSpeaker, command: { type: 'speaker.start', entryId: OPENING }, code: 'conflict', reason: 'already_speaking' },
  { name: 'stop with nobody speaking', setup: live, command: { type: 'speaker.stop' }, code: 'conflict', reason: 'no_speaker' },
  { name: 'stop before start', command: { type: 'speaker.stop' }, code: 'conflict', reason: 'no_speaker' },
  { name: 'extend with nobody speaking', setup: live, command: { type: 'speaker.extend', seconds: 60 }, code: 'conflict', reason: 'no_speaker' },
  { name: 'extend unknown entry', command: { type: 'speaker.extend', entryId: 'atlantis', seconds: 60 }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'extend below zero', setup: withSpeaker, command: { type: 'speaker.extend', seconds: -301 }, code: 'bad_request', reason: 'allotment_negative' },
  { name: 'move unknown entry', command: { type: 'queue.move', entryId: 'atlantis', index: 0 }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'move past the end', command: { type: 'queue.move', entryId: MAGADAN, index: 37 }, code: 'bad_request', reason: 'index_out_of_range' },
  { name: 'defer unknown entry', command: { type: 'queue.defer', entryId: 'atlantis' }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'un-defer a waiting entry', command: { type: 'queue.defer', entryId: MAGADAN, deferred: false }, code: 'conflict', reason: 'not_deferred' },
  { name: 'defer twice', setup: (s) => s.run({ type: 'queue.defer', entryId: MAGADAN }), command: { type: 'queue.defer', entryId: MAGADAN }, code: 'conflict', reason: 'cannot_defer' },
  { name: 'defer an absent entry', setup: (s) => s.run({ type: 'entry.markAbsent', entryId: MAGADAN }), command: { type: 'queue.defer', entryId: MAGADAN }, code: 'conflict', reason: 'cannot_defer' },
  { name: 'defer an entry that has spoken', setup: (s) => withSpeaker(s).run({ type: 'speaker.next' }), command: { type: 'queue.defer', entryId: OPENING }, code: 'conflict', reason: 'cannot_defer' },
  { name: 'check in unknown entry', command: { type: 'entry.checkIn', entryId: 'atlantis', present: true }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'mark unknown entry absent', command: { type: 'entry.markAbsent', entryId: 'atlantis' }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'un-mark a present entry', command: { type: 'entry.markAbsent', entryId: MAGADAN, absent: false }, code: 'conflict', reason: 'not_absent' },
  { name: 'mark the speaker absent', setup: withSpeaker, command: { type: 'entry.markAbsent', entryId: OPENING }, code: 'conflict', reason: 'entry_speaking' },
  { name: 'mark an entry that has spoken absent', setup: (s) => withSpeaker(s).run({ type: 'speaker.next' }), command: { type: 'entry.markAbsent', entryId: OPENING }, code: 'conflict', reason: 'already_spoken' },
  { name: 'add with an id already taken', command: { type: 'entry.add', entry: NEW_ENTRY }, opts: { newId: MAGADAN }, code: 'conflict', reason: 'duplicate_id' },
  {
    name: 'add the 201st entry',
    setup: (s) => {
      for (let i = 0; i < 200 - 37; i++) s.as({ newId: `extra-${i}` }, { type: 'entry.add', entry: NEW_ENTRY });
    },
    command: { type: 'entry.add', entry: NEW_ENTRY },
    code: 'conflict',
    reason: 'too_many_entries',
  },
  { name: 'update unknown entry', command: { type: 'entry.update', entryId: 'atlantis', fields: { nameEn: 'A' } }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'update with no fields', command: { type: 'entry.update', entryId: MAGADAN, fields: {} }, code: 'bad_request', reason: 'nothing_to_update' },
  { name: 'remove unknown entry', command: { type: 'entry.remove', entryId: 'atlantis' }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'remove the speaker', setup: withSpeaker, command: { type: 'entry.remove', entryId: OPENING }, code: 'conflict', reason: 'entry_speaking' },
  { name: 'update event with no fields', command: { type: 'event.update', fields: {} }, code: 'bad_request', reason: 'nothing_to_update' },
  { name: 'message to unknown entry', command: { type: 'message.send', target: 'atlantis', text: 'hello' }, code: 'bad_request', reason: 'unknown_entry' },
  {
    name: 'signal from a removed entry',
    setup: (s) => s.run({ type: 'entry.remove', entryId: MAGADAN }),
    command: { type: 'signal.send', kind: 'ready' },
    opts: { actor: participant(MAGADAN) },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  { name: 'moderator clears a signal without naming the entry', command: { type: 'signal.clear' }, code: 'bad_request', reason: 'entry_required' },
  { name: 'presence of unknown entry', command: { type: 'presence.set', entryId: 'atlantis', state: 'online' }, opts: { actor: SYSTEM }, code: 'bad_request', reason: 'unknown_entry' },
  { name: 'undo with nothing done', command: { type: 'undo' }, code: 'conflict', reason: 'nothing_to_undo' },
  { name: 'undo after only signals and presence', setup: (s) => s.as({ actor: SYSTEM }, SAMPLES['presence.set']).as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' }), command: { type: 'undo' }, code: 'conflict', reason: 'nothing_to_undo' },
];

describe('rejected commands', () => {
  it.each(REJECTIONS)('$command.type: $name → $code/$reason', ({ setup, command, opts, code, reason }) => {
    const s = new Sim();
    setup?.(s);
    s.tick(5 * SEC);
    const before = s.state;
    s.reject(command, code, reason, opts);
    // nothing moved: same version, and the clocks keep counting as before
    expect(s.state.version).toBe(before.version);
  });

  it('covers a rejection for every command type that has one', () => {
    const rejected = new Set(REJECTIONS.map((r) => r.command.type));
    const alwaysAccepted: CommandType[] = ['message.clear', 'queue.order'];
    expect([...COMMAND_TYPES].filter((t) => !rejected.has(t) && !alwaysAccepted.includes(t))).toEqual([]);
  });

  it('invalid commands are rejected by the protocol before the reducer', () => {
    for (const raw of [
      { type: 'speaker.extend', seconds: 0 },
      { type: 'speaker.start', entryId: 'Not An Id' },
      { type: 'queue.move', entryId: MAGADAN, index: -1 },
      { type: 'message.send', target: 'screens', text: '   ' },
      { type: 'session.start', extra: true },
      { type: 'speaker.jump' },
    ]) {
      const parsed = parseCommand(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatchObject({ code: 'bad_request', reason: 'invalid_command' });
    }
  });
});

// ---- session --------------------------------------------------------------------------------------

describe('session.start / pause / resume / finish', () => {
  it('start opens the session clock at now with nobody on the floor', () => {
    const s = new Sim().tick(2 * MIN).run({ type: 'session.start' });
    expect(s.state.phase).toBe('live');
    expect(s.state.session).toEqual({ startedAt: T0 + 2 * MIN, endedAt: null, pausedAt: null, pausedMs: 0 });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.events).toEqual([{ type: 'phase', phase: 'live' }]);
  });

  it('pause freezes the speaker and the session clock; resume continues where they stopped', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.pause' });
    expect(s.state.phase).toBe('paused');
    expect(s.events).toEqual([{ type: 'phase', phase: 'paused' }]);
    expect(openTurn(s.entry(OPENING))).toMatchObject({ pausedAt: T0 + MIN });
    s.tick(10 * MIN);
    expect(s.used(OPENING)).toBe(MIN);
    expect(spanMs(s.state.session!, s.now)).toBe(MIN);
    s.run({ type: 'session.resume' });
    expect(s.state.phase).toBe('live');
    expect(s.events).toEqual([{ type: 'phase', phase: 'live' }]);
    expect(s.status(OPENING)).toBe('speaking');
    s.tick(30 * SEC);
    expect(s.used(OPENING)).toBe(90 * SEC);
    expect(spanMs(s.state.session!, s.now)).toBe(90 * SEC);
    expect(openTurn(s.entry(OPENING))).toMatchObject({ pausedAt: null, pausedMs: 10 * MIN });
  });

  it('finish ends the speaker turn, marks it done and stops the session clock', () => {
    const s = Sim.speaking().tick(4 * MIN).run({ type: 'session.finish' });
    expect(s.state.phase).toBe('finished');
    expect(s.state.currentEntryId).toBeNull();
    expect(s.status(OPENING)).toBe('done');
    expect(s.entry(OPENING).turns).toEqual([{ startedAt: T0, endedAt: T0 + 4 * MIN, pausedAt: null, pausedMs: 0 }]);
    expect(s.state.session).toMatchObject({ endedAt: T0 + 4 * MIN });
    expect(s.events).toEqual([
      { type: 'floor', entryId: null, previousId: OPENING },
      { type: 'phase', phase: 'finished' },
    ]);
    s.tick(30 * MIN);
    expect(s.used(OPENING)).toBe(4 * MIN);
    expect(spanMs(s.state.session!, s.now)).toBe(4 * MIN);
  });

  it('finish while paused does not count the pause', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.pause' }).tick(10 * MIN).run({ type: 'session.finish' });
    expect(s.events).toEqual([
      { type: 'floor', entryId: null, previousId: OPENING },
      { type: 'phase', phase: 'finished' },
    ]);
    expect(s.entry(OPENING).turns).toEqual([{ startedAt: T0, endedAt: T0 + 11 * MIN, pausedAt: null, pausedMs: 10 * MIN }]);
    expect(s.used(OPENING)).toBe(MIN);
    expect(s.state.session).toMatchObject({ endedAt: T0 + 11 * MIN, pausedAt: null, pausedMs: 10 * MIN });
  });

  it('finish with nobody on the floor only announces the phase', () => {
    const s = new Sim().run({ type: 'session.start' }).tick(MIN).run({ type: 'session.finish' });
    expect(s.events).toEqual([{ type: 'phase', phase: 'finished' }]);
  });
});

// ---- the floor ------------------------------------------------------------------------------------

describe('speaker.next', () => {
  it('gives the floor to the first in line, then moves on, marking the previous speaker done', () => {
    const s = new Sim().run({ type: 'session.start' }).tick(SEC).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.events).toEqual([{ type: 'floor', entryId: OPENING, previousId: null }]);
    expect(s.entry(OPENING).turns).toEqual([{ startedAt: T0 + SEC, endedAt: null, pausedAt: null, pausedMs: 0 }]);
    s.tick(5 * MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(FMBA);
    expect(s.status(OPENING)).toBe('done');
    expect(s.status(FMBA)).toBe('speaking');
    expect(s.used(OPENING)).toBe(5 * MIN);
    expect(s.events).toEqual([{ type: 'floor', entryId: FMBA, previousId: OPENING }]);
  });

  it('skips deferred, absent and done entries wherever they stand', () => {
    const s = new Sim().run(
      { type: 'session.start' },
      { type: 'queue.defer', entryId: FMBA },
      { type: 'entry.markAbsent', entryId: DONORS },
      { type: 'speaker.start', entryId: MAGADAN },
    );
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(OPENING);
    s.run({ type: 'queue.move', entryId: FMBA, index: 0 }); // deferred, even at the head of the line
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(KAMCHATKA); // not FMBA (deferred), OPENING (done), DONORS (absent)
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(SAKHALIN); // not MAGADAN (done)
    expect(s.status(MAGADAN)).toBe('done');
    expect(s.status(FMBA)).toBe('deferred');
    expect(s.status(DONORS)).toBe('absent');
  });

  it('when nobody is waiting, deferred entries come back in the order they were deferred', () => {
    const s = new Sim().run(
      { type: 'queue.defer', entryId: MAGADAN },
      { type: 'queue.defer', entryId: KAMCHATKA }, // earlier in the list, but deferred later
      ...DEMO_ORDER.filter((id) => ![OPENING, MAGADAN, KAMCHATKA].includes(id)).map((entryId) => ({ type: 'entry.markAbsent', entryId }) as const),
      { type: 'session.start' },
    );
    const floor: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      s.tick(MIN).run({ type: 'speaker.next' });
      floor.push(s.state.currentEntryId);
    }
    expect(floor).toEqual([OPENING, MAGADAN, KAMCHATKA, null]);
    expect(s.events).toEqual([{ type: 'floor', entryId: null, previousId: KAMCHATKA }]);
    expect([OPENING, MAGADAN, KAMCHATKA].map((id) => s.status(id))).toEqual(['done', 'done', 'done']);
    s.reject({ type: 'speaker.next' }, 'conflict', 'queue_empty');
  });

  it('with the last speaker on the floor and nobody left, next just ends the turn', () => {
    const s = new Sim().run(
      ...DEMO_ORDER.filter((id) => id !== OPENING).map((entryId) => ({ type: 'entry.markAbsent', entryId }) as const),
      { type: 'session.start' },
      { type: 'speaker.next' },
    );
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.status(OPENING)).toBe('done');
    expect(s.used(OPENING)).toBe(MIN);
  });
});

describe('speaker.start / stop', () => {
  it('start gives the floor out of order and closes the current turn', () => {
    const s = Sim.speaking().tick(2 * MIN).run({ type: 'speaker.start', entryId: KHABAROVSK });
    expect(s.state.currentEntryId).toBe(KHABAROVSK);
    expect(s.status(OPENING)).toBe('done');
    expect(s.events).toEqual([{ type: 'floor', entryId: KHABAROVSK, previousId: OPENING }]);
    expect(s.entry(KHABAROVSK).turns).toEqual([{ startedAt: T0 + 2 * MIN, endedAt: null, pausedAt: null, pausedMs: 0 }]);
    expect(s.status(FMBA)).toBe('waiting');
  });

  it('stop leaves the floor empty and the speaker done; the clock stops', () => {
    const s = Sim.speaking().tick(2 * MIN).run({ type: 'speaker.stop' });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.status(OPENING)).toBe('done');
    expect(s.events).toEqual([{ type: 'floor', entryId: null, previousId: OPENING }]);
    s.tick(MIN);
    expect(s.used(OPENING)).toBe(2 * MIN);
  });

  it('stop is allowed while paused and does not count the pause', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.pause' }).tick(3 * MIN).run({ type: 'speaker.stop' });
    expect(s.used(OPENING)).toBe(MIN);
    expect(openTurn(s.entry(OPENING))).toBeNull();
    s.run({ type: 'session.resume' }).tick(MIN);
    expect(s.used(OPENING)).toBe(MIN);
    expect(s.state.currentEntryId).toBeNull();
  });
});

describe('time used', () => {
  it('is cumulative across several turns of the same entry', () => {
    const s = Sim.speaking().tick(2 * MIN);
    s.run({ type: 'queue.defer', entryId: OPENING }); // comes back later
    expect(s.state.currentEntryId).toBe(FMBA);
    s.tick(4 * MIN).run({ type: 'speaker.next' }).tick(3 * MIN);
    s.run({ type: 'speaker.start', entryId: OPENING }).tick(90 * SEC);
    expect(s.used(OPENING)).toBe(3.5 * MIN);
    s.run({ type: 'speaker.stop' }).tick(MIN).run({ type: 'speaker.start', entryId: OPENING }).tick(20 * SEC);
    expect(s.entry(OPENING).turns).toHaveLength(3);
    expect(s.used(OPENING)).toBe(3.5 * MIN + 20 * SEC);
    expect(remainingMs(s.entry(OPENING), s.now)).toBe(5 * MIN - (3.5 * MIN + 20 * SEC));
    expect(s.used(FMBA)).toBe(4 * MIN);
  });

  it('does not count pauses', () => {
    const s = Sim.speaking().tick(MIN);
    for (let i = 0; i < 3; i++) s.run({ type: 'session.pause' }).tick(7 * MIN).run({ type: 'session.resume' }).tick(10 * SEC);
    expect(s.used(OPENING)).toBe(MIN + 30 * SEC);
    expect(scheduleFigures(s.state, s.now).elapsedMs).toBe(MIN + 30 * SEC);
  });

  it('overtime is the time beyond the allotment including extensions', () => {
    const s = Sim.speaking().run({ type: 'speaker.extend', seconds: 60 });
    expect(s.entry(OPENING).extraMs).toBe(MIN);
    expect(allottedTotalMs(s.entry(OPENING))).toBe(6 * MIN);
    s.tick(6 * MIN);
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(0);
    expect(remainingMs(s.entry(OPENING), s.now)).toBe(0);
    s.tick(40 * SEC);
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(40 * SEC);
    expect(remainingMs(s.entry(OPENING), s.now)).toBe(-40 * SEC);
    s.run({ type: 'speaker.extend', seconds: 30 });
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(10 * SEC);
    s.run({ type: 'speaker.extend', seconds: -120 });
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(130 * SEC);
  });
});

describe('speaker.extend', () => {
  it('extends a named entry that does not hold the floor, and may cut an allotment down to zero', () => {
    const s = new Sim().run({ type: 'speaker.extend', entryId: MAGADAN, seconds: 45 });
    expect(s.entry(MAGADAN).extraMs).toBe(45 * SEC);
    expect(allottedTotalMs(s.entry(MAGADAN))).toBe(225 * SEC);
    s.run({ type: 'speaker.extend', entryId: MAGADAN, seconds: -225 });
    expect(allottedTotalMs(s.entry(MAGADAN))).toBe(0);
    s.reject({ type: 'speaker.extend', entryId: MAGADAN, seconds: -1 }, 'bad_request', 'allotment_negative');
    expect(s.entry(MAGADAN).allottedMs).toBe(180 * SEC); // the plan itself is untouched
  });
});

describe('queue.move / queue.defer', () => {
  it('move puts an entry at an index of the running order, and next follows the new order', () => {
    const s = new Sim().run({ type: 'queue.move', entryId: KALININGRAD, index: 0 });
    expect(s.state.order.slice(0, 2)).toEqual([KALININGRAD, OPENING]);
    expect(s.state.order).toHaveLength(37);
    s.run({ type: 'session.start' }, { type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(KALININGRAD);
    s.run({ type: 'queue.move', entryId: OPENING, index: 36 });
    expect(s.state.order.at(-1)).toBe(OPENING);
    expect([...s.state.order].sort()).toEqual([...DEMO_ORDER].sort());
  });

  it('defer sends a waiting entry to the end; un-defer makes it wait again', () => {
    const s = new Sim().run({ type: 'queue.defer', entryId: FMBA });
    expect(s.status(FMBA)).toBe('deferred');
    expect(s.state.order.at(-1)).toBe(FMBA);
    expect(s.state.order).toHaveLength(37);
    s.run({ type: 'queue.defer', entryId: FMBA, deferred: false });
    expect(s.status(FMBA)).toBe('waiting');
  });

  it('deferring the current speaker gives the floor to the next and keeps the time used', () => {
    const s = Sim.speaking().tick(2 * MIN).run({ type: 'queue.defer', entryId: OPENING });
    expect(s.state.currentEntryId).toBe(FMBA);
    expect(s.status(OPENING)).toBe('deferred');
    expect(s.state.order.at(-1)).toBe(OPENING);
    expect(s.events).toEqual([{ type: 'floor', entryId: FMBA, previousId: OPENING }]);
    expect(openTurn(s.entry(OPENING))).toBeNull();
    expect(s.entry(FMBA).turns).toEqual([{ startedAt: T0 + 2 * MIN, endedAt: null, pausedAt: null, pausedMs: 0 }]);
    s.tick(MIN);
    expect(s.used(OPENING)).toBe(2 * MIN);
  });

  it('deferring the speaker while paused leaves the floor empty', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.pause' }).tick(MIN).run({ type: 'queue.defer', entryId: OPENING });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.events).toEqual([{ type: 'floor', entryId: null, previousId: OPENING }]);
    expect(Object.values(s.state.entries).filter((e) => openTurn(e))).toEqual([]);
    s.run({ type: 'session.resume' }).tick(MIN);
    expect(s.used(OPENING)).toBe(MIN);
  });
});

// ---- entries --------------------------------------------------------------------------------------

describe('entry.checkIn / entry.markAbsent', () => {
  it('check-in marks presence; checking in an absent entry puts it back in line', () => {
    const s = new Sim().run({ type: 'entry.checkIn', entryId: MAGADAN, present: true });
    expect(s.entry(MAGADAN)).toMatchObject({ checkedIn: true, status: 'waiting' });
    s.run({ type: 'entry.checkIn', entryId: MAGADAN, present: false });
    expect(s.entry(MAGADAN)).toMatchObject({ checkedIn: false, status: 'waiting' });
    s.run({ type: 'entry.markAbsent', entryId: MAGADAN }, { type: 'entry.checkIn', entryId: MAGADAN, present: true });
    expect(s.entry(MAGADAN)).toMatchObject({ checkedIn: true, status: 'waiting' });
  });

  it('check-in keeps a deferred or speaking entry as it is', () => {
    const s = Sim.speaking().run({ type: 'queue.defer', entryId: MAGADAN }, { type: 'entry.checkIn', entryId: MAGADAN, present: true }, { type: 'entry.checkIn', entryId: OPENING, present: true });
    expect(s.entry(MAGADAN)).toMatchObject({ checkedIn: true, status: 'deferred' });
    expect(s.entry(OPENING)).toMatchObject({ checkedIn: true, status: 'speaking' });
  });

  it('marking absent clears the check-in; un-marking puts the entry back in line', () => {
    const s = new Sim().run({ type: 'entry.checkIn', entryId: MAGADAN, present: true }, { type: 'entry.markAbsent', entryId: MAGADAN });
    expect(s.entry(MAGADAN)).toMatchObject({ checkedIn: false, status: 'absent' });
    s.run({ type: 'entry.markAbsent', entryId: MAGADAN, absent: false });
    expect(s.status(MAGADAN)).toBe('waiting');
    s.run({ type: 'queue.defer', entryId: MAGADAN }, { type: 'entry.markAbsent', entryId: MAGADAN });
    expect(s.status(MAGADAN)).toBe('absent');
  });
});

describe('entry.add / update / remove', () => {
  it('adds a waiting entry at the end, with the id from the context and seconds turned into ms', () => {
    const s = new Sim().as({ newId: 'tynda' }, { type: 'entry.add', entry: NEW_ENTRY });
    expect(s.state.order.at(-1)).toBe('tynda');
    expect(s.entry('tynda')).toMatchObject({ id: 'tynda', nameEn: 'Tynda', allottedMs: 120 * SEC, extraMs: 0, status: 'waiting', checkedIn: false, turns: [] });
    expect(s.entry('tynda')).not.toHaveProperty('allottedSeconds');
  });

  it('a new entry needs only a name; the rest comes from defaults and the event turn length', () => {
    const s = new Sim().as({ newId: 'tynda' }, { type: 'entry.add', entry: { nameRu: 'Тында' } });
    expect(s.entry('tynda')).toMatchObject({ nameRu: 'Тында', kind: 'city', country: 'RU', attendance: 'online', timeZone: 'Europe/Moscow', allottedMs: 180 * SEC, status: 'waiting', turns: [] });
    s.run({ type: 'event.update', fields: { defaultTurnSeconds: 150 } }).as({ newId: 'bam' }, { type: 'entry.add', entry: { nameRu: 'БАМ' } });
    expect(s.entry('bam').allottedMs).toBe(150 * SEC);
    expect(s.entry('tynda').allottedMs).toBe(180 * SEC); // existing entries keep their allotment
  });

  it('adds at an index, clamping an index past the end', () => {
    const s = new Sim().as({ newId: 'tynda' }, { type: 'entry.add', entry: NEW_ENTRY, index: 1 });
    expect(s.state.order.slice(0, 3)).toEqual([OPENING, 'tynda', FMBA]);
    s.as({ newId: 'bam' }, { type: 'entry.add', entry: NEW_ENTRY, index: 1000 });
    expect(s.state.order.at(-1)).toBe('bam');
    expect(s.state.order).toHaveLength(39);
    s.run({ type: 'session.start' }, { type: 'speaker.next' }, { type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe('tynda');
  });

  it('updates profile fields and the allotment, leaving the rest', () => {
    const before = new Sim().entry(MAGADAN);
    const s = new Sim().run({ type: 'entry.update', entryId: MAGADAN, fields: { representative: 'Новый представитель', allottedSeconds: 240 } });
    expect(s.entry(MAGADAN)).toEqual({ ...before, representative: 'Новый представитель', allottedMs: 240 * SEC });
  });

  it('removes an entry from the list, the order and the messages addressed to it', () => {
    const s = new Sim().run(
      { type: 'message.send', target: MAGADAN, text: 'you are next' },
      { type: 'message.send', target: 'screens', text: 'welcome' },
      { type: 'entry.remove', entryId: MAGADAN },
    );
    expect(s.state.entries[MAGADAN]).toBeUndefined();
    expect(s.state.order).not.toContain(MAGADAN);
    expect(s.state.order).toHaveLength(36);
    expect(s.state.messages.map((m) => m.target)).toEqual(['screens']);
  });

  it('a removed entry that has spoken takes its time with it; the rest keep theirs', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'speaker.next' }).tick(MIN).run({ type: 'entry.remove', entryId: OPENING });
    expect(s.state.currentEntryId).toBe(FMBA);
    expect(s.used(FMBA)).toBe(MIN);
  });
});

describe('event.update', () => {
  it('updates the event, turning seconds and minutes into ms', () => {
    const s = new Sim().run({ type: 'event.update', fields: { title: 'Новый заголовок', defaultTurnSeconds: 120, plannedTotalMinutes: 90, warnSeconds: 15 } });
    expect(s.state.event).toEqual({ ...demoState().event, title: 'Новый заголовок', defaultTurnMs: 120 * SEC, plannedTotalMs: 90 * MIN, warnMs: 15 * SEC });
  });
});

// ---- messages, signals, presence ------------------------------------------------------------------

describe('message.send / message.clear', () => {
  it('sends a message with the context id and time; a new message replaces the previous one to the same target', () => {
    const s = new Sim().as({ newId: 'm1' }, { type: 'message.send', target: 'speaker', text: 'one minute' });
    expect(s.state.messages).toEqual([{ id: 'm1', target: 'speaker', text: 'one minute', sentAt: T0 }]);
    expect(s.events).toEqual([{ type: 'message', target: 'speaker', text: 'one minute' }]);
    s.tick(SEC).as({ newId: 'm2' }, { type: 'message.send', target: 'screens', text: 'break at 11:00' });
    s.tick(SEC).as({ newId: 'm3' }, { type: 'message.send', target: 'speaker', text: 'time is up' });
    expect(s.state.messages.map((m) => [m.id, m.target, m.text])).toEqual([
      ['m2', 'screens', 'break at 11:00'],
      ['m3', 'speaker', 'time is up'],
    ]);
  });

  it(`keeps at most ${MAX_MESSAGES} messages, the latest`, () => {
    const s = new Sim();
    DEMO_ORDER.slice(0, 25).forEach((target, i) => s.as({ newId: `m${i}` }, { type: 'message.send', target, text: `hello ${i}` }));
    expect(s.state.messages).toHaveLength(MAX_MESSAGES);
    expect(s.state.messages[0]!.id).toBe('m5');
    expect(s.state.messages.at(-1)!.id).toBe('m24');
  });

  it('clears one target or all', () => {
    const s = new Sim().run(
      { type: 'message.send', target: 'speaker', text: 'a' },
      { type: 'message.send', target: 'screens', text: 'b' },
      { type: 'message.send', target: MAGADAN, text: 'c' },
      { type: 'message.clear', target: 'screens' },
    );
    expect(s.state.messages.map((m) => m.target)).toEqual(['speaker', MAGADAN]);
    s.run({ type: 'message.clear' });
    expect(s.state.messages).toEqual([]);
  });

  it('clearing nothing is accepted but leaves nothing to undo', () => {
    const s = new Sim().run({ type: 'message.clear' }, { type: 'message.clear', target: 'screens' });
    expect(s.state.version).toBe(2);
    expect(s.state.undo).toEqual([]);
  });
});

describe('signal.send / signal.clear', () => {
  it('a participant raises a signal for its own entry; the latest replaces the previous', () => {
    const s = new Sim().as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'technical_problem' });
    expect(s.state.signals).toEqual({ [MAGADAN]: { kind: 'technical_problem', at: T0 } });
    expect(s.events).toEqual([{ type: 'signal', entryId: MAGADAN, kind: 'technical_problem' }]);
    s.tick(SEC).as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready', entryId: MAGADAN });
    expect(s.state.signals).toEqual({ [MAGADAN]: { kind: 'ready', at: T0 + SEC } });
  });

  it('the moderator clears a named signal; a participant clears its own', () => {
    const s = new Sim()
      .as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'request_floor' })
      .as({ actor: participant(KAMCHATKA) }, { type: 'signal.send', kind: 'ready' })
      .run({ type: 'signal.clear', entryId: MAGADAN });
    expect(Object.keys(s.state.signals)).toEqual([KAMCHATKA]);
    s.as({ actor: participant(KAMCHATKA) }, { type: 'signal.clear' });
    expect(s.state.signals).toEqual({});
  });
});

describe('presence.set', () => {
  it('the server records a connection change with its time, and keeps the time for a repeat', () => {
    const s = new Sim().as({ actor: SYSTEM }, { type: 'presence.set', entryId: MAGADAN, state: 'online' });
    expect(s.state.connections).toEqual({ [MAGADAN]: { state: 'online', since: T0 } });
    s.tick(MIN).as({ actor: SYSTEM }, { type: 'presence.set', entryId: MAGADAN, state: 'online' });
    expect(s.state.connections[MAGADAN]).toEqual({ state: 'online', since: T0 });
    s.tick(MIN).as({ actor: SYSTEM }, { type: 'presence.set', entryId: MAGADAN, state: 'reconnecting' });
    expect(s.state.connections[MAGADAN]).toEqual({ state: 'reconnecting', since: T0 + 2 * MIN });
  });
});

// ---- undo -----------------------------------------------------------------------------------------

describe('undo', () => {
  it('restores the previous speaker after an accidental next; their clock counts from the original start', () => {
    const s = Sim.speaking().tick(2 * MIN).run({ type: 'speaker.next' }).tick(10 * SEC);
    expect(s.state.currentEntryId).toBe(FMBA);
    s.run({ type: 'undo' });
    expect(s.events).toEqual([{ type: 'undo', command: 'speaker.next' }]);
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.status(OPENING)).toBe('speaking');
    expect(s.entry(OPENING).turns).toEqual([{ startedAt: T0, endedAt: null, pausedAt: null, pausedMs: 0 }]);
    expect(s.status(FMBA)).toBe('waiting');
    expect(s.entry(FMBA).turns).toEqual([]);
    expect(s.used(OPENING)).toBe(2 * MIN + 10 * SEC);
    s.tick(MIN);
    expect(s.used(OPENING)).toBe(3 * MIN + 10 * SEC);
  });

  it('restores the floor after an accidental defer of the speaker', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'queue.defer', entryId: OPENING }).tick(5 * SEC).run({ type: 'undo' });
    expect(s.state.order).toEqual(DEMO_ORDER);
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.used(OPENING)).toBe(MIN + 5 * SEC);
    expect(s.status(FMBA)).toBe('waiting');
  });

  it('un-finishes an accidental finish', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.finish' }).tick(5 * SEC).run({ type: 'undo' });
    expect(s.state.phase).toBe('live');
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.used(OPENING)).toBe(MIN + 5 * SEC);
    expect(s.state.session).toEqual({ startedAt: T0, endedAt: null, pausedAt: null, pausedMs: 0 });
  });

  it('is at least 20 deep, and each step takes back exactly one command', () => {
    const s = new Sim();
    const states: RollcallState[] = [];
    const commands: Raw[] = [
      { type: 'session.start' },
      { type: 'speaker.next' },
      { type: 'speaker.extend', seconds: 30 },
      { type: 'session.pause' },
      { type: 'session.resume' },
      { type: 'queue.defer', entryId: MAGADAN },
      { type: 'entry.markAbsent', entryId: SAKHALIN },
      { type: 'entry.checkIn', entryId: KHABAROVSK, present: true },
      { type: 'message.send', target: 'screens', text: 'hi' },
      { type: 'speaker.next' },
      { type: 'queue.move', entryId: KALININGRAD, index: 3 },
      { type: 'entry.add', entry: NEW_ENTRY },
      { type: 'entry.update', entryId: KAMCHATKA, fields: { position: 'главврач' } },
      { type: 'event.update', fields: { warnSeconds: 10 } },
      { type: 'speaker.start', entryId: KAMCHATKA },
      { type: 'message.send', target: 'speaker', text: 'wrap up' },
      { type: 'speaker.stop' },
      { type: 'entry.remove', entryId: KALININGRAD },
      { type: 'queue.defer', entryId: MAGADAN, deferred: false },
      { type: 'message.clear' },
      { type: 'speaker.next' },
      { type: 'session.finish' },
    ];
    for (const command of commands) {
      states.push(s.state);
      s.tick(7 * SEC).run(command);
    }
    expect(commands.length).toBeGreaterThanOrEqual(20);
    expect(s.state.undo).toHaveLength(commands.length);
    for (let i = commands.length - 1; i >= 0; i--) {
      s.tick(SEC).run({ type: 'undo' });
      expect(s.events).toEqual([{ type: 'undo', command: commands[i]!.type }]);
      expect(controlOf(s.state)).toEqual(controlOf(states[i]!));
    }
    expect(s.state.phase).toBe('planned');
    s.reject({ type: 'undo' }, 'conflict', 'nothing_to_undo');
  });

  it(`keeps the last ${UNDO_DEPTH} steps and forgets older ones`, () => {
    const s = new Sim();
    for (let i = 0; i < UNDO_DEPTH + 5; i++) s.run({ type: 'speaker.extend', entryId: MAGADAN, seconds: 1 });
    expect(s.state.undo).toHaveLength(UNDO_DEPTH);
    for (let i = 0; i < UNDO_DEPTH; i++) s.run({ type: 'undo' });
    expect(s.entry(MAGADAN).extraMs).toBe(5 * SEC);
    s.reject({ type: 'undo' }, 'conflict', 'nothing_to_undo');
  });

  it('does not revert presence or signals, and skips them when choosing what to undo', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'speaker.next' });
    s.as({ actor: SYSTEM }, { type: 'presence.set', entryId: KAMCHATKA, state: 'online' });
    s.as({ actor: participant(KAMCHATKA) }, { type: 'signal.send', kind: 'technical_problem' });
    s.as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' });
    s.run({ type: 'signal.clear', entryId: MAGADAN }); // a moderator command, but not an undoable one
    s.tick(SEC).run({ type: 'undo' });
    expect(s.events).toEqual([{ type: 'undo', command: 'speaker.next' }]);
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.state.connections).toEqual({ [KAMCHATKA]: { state: 'online', since: T0 + MIN } });
    expect(s.state.signals).toEqual({ [KAMCHATKA]: { kind: 'technical_problem', at: T0 + MIN } });
  });

  it('a new command after an undo stacks on top of what is left', () => {
    const s = Sim.speaking().run({ type: 'speaker.next' }, { type: 'undo' }, { type: 'queue.defer', entryId: MAGADAN });
    expect(s.state.undo.map((f) => f.command)).toEqual(['session.start', 'speaker.next', 'queue.defer']);
  });
});

// ---- who may do what ------------------------------------------------------------------------------

describe('authorization', () => {
  const allTypes = Object.keys(SAMPLES) as CommandType[];

  it('a participant may only raise and clear its own signal', () => {
    const s = Sim.speaking();
    const me = participant(MAGADAN);
    for (const type of allTypes.filter((t) => t !== 'signal.send' && t !== 'signal.clear' && t !== 'entry.register')) {
      s.reject(SAMPLES[type], 'forbidden', 'forbidden', { actor: me });
    }
    const other = s.reject({ type: 'signal.send', kind: 'ready', entryId: KAMCHATKA }, 'forbidden', 'forbidden', { actor: me });
    expect(other.message).toMatch(/own entry/);
    s.reject({ type: 'signal.clear', entryId: KAMCHATKA }, 'forbidden', 'forbidden', { actor: me });
    s.as({ actor: me }, { type: 'signal.send', kind: 'ready', entryId: MAGADAN }, { type: 'signal.clear', entryId: MAGADAN });
  });

  it('a screen (viewer) may do nothing', () => {
    const s = Sim.speaking();
    for (const type of allTypes) s.reject(SAMPLES[type], 'forbidden', 'forbidden', { actor: VIEWER });
  });

  it('the server (system) may only set presence', () => {
    const s = Sim.speaking();
    for (const type of allTypes.filter((t) => t !== 'presence.set')) s.reject(SAMPLES[type], 'forbidden', 'forbidden', { actor: SYSTEM });
    s.as({ actor: SYSTEM }, SAMPLES['presence.set']);
  });

  it('the moderator may not fake a signal or a presence, and is not forbidden anything else', () => {
    const s = Sim.speaking();
    s.reject(SAMPLES['signal.send'], 'forbidden', 'forbidden');
    s.reject(SAMPLES['presence.set'], 'forbidden', 'forbidden');
    for (const type of allTypes.filter((t) => t !== 'signal.send' && t !== 'presence.set')) {
      const result = s.attempt(SAMPLES[type]);
      expect(result.ok || result.error.code !== 'forbidden', type).toBe(true);
    }
  });
});

describe('versions', () => {
  it('version goes up by exactly one per accepted command, whoever sends it, even when nothing changes', () => {
    const s = new Sim();
    const steps: [Opts, Raw][] = [
      [{}, { type: 'session.start' }],
      [{}, { type: 'speaker.next' }],
      [{ actor: SYSTEM }, { type: 'presence.set', entryId: MAGADAN, state: 'online' }],
      [{ actor: SYSTEM }, { type: 'presence.set', entryId: MAGADAN, state: 'online' }],
      [{ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' }],
      [{}, { type: 'message.clear' }],
      [{}, { type: 'undo' }],
    ];
    steps.forEach(([opts, raw], i) => {
      s.tick(SEC).as(opts, raw);
      expect(s.state.version).toBe(i + 1);
    });
    s.reject({ type: 'speaker.stop' }, 'conflict', 'no_speaker');
    expect(s.state.version).toBe(steps.length);
  });

  it('controlVersion only moves for moderator commands', () => {
    const s = new Sim().run({ type: 'session.start' });
    expect(s.state.controlVersion).toBe(1);
    s.as({ actor: SYSTEM }, { type: 'presence.set', entryId: MAGADAN, state: 'online' });
    s.as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' });
    expect(s.state).toMatchObject({ version: 3, controlVersion: 1 });
    s.run({ type: 'signal.clear', entryId: MAGADAN });
    expect(s.state).toMatchObject({ version: 4, controlVersion: 4 });
    s.run({ type: 'undo' });
    expect(s.state).toMatchObject({ version: 5, controlVersion: 5 });
  });
});

// ---- lib/time.ts ----------------------------------------------------------------------------------

describe('clockTone', () => {
  it.each([
    [181 * SEC, 30 * SEC, 'normal'],
    [30 * SEC + 1, 30 * SEC, 'normal'],
    [30 * SEC, 30 * SEC, 'warning'],
    [1, 30 * SEC, 'warning'],
    [0, 30 * SEC, 'warning'],
    [-1, 30 * SEC, 'overtime'],
    [-5 * MIN, 30 * SEC, 'overtime'],
    [0, 0, 'warning'],
    [1, 0, 'normal'],
  ] as const)('remaining %i ms with warning at %i ms → %s', (remaining, warn, tone) => {
    expect(clockTone(remaining, warn)).toBe(tone);
  });
});

describe('scheduleFigures', () => {
  const TOTAL = (300 + 240 + 240 + 34 * 180) * SEC; // 115 min of allotments; the plan is 125 min
  const PLANNED_END = T0 + 125 * MIN;

  it('before the start, projects from the planned start (or now, if later)', () => {
    const s = new Sim().tick(-30 * MIN);
    expect(scheduleFigures(s.state, s.now)).toEqual({
      elapsedMs: 0,
      remainingPlannedMs: TOTAL,
      projectedEndAt: T0 + TOTAL,
      plannedEndAt: PLANNED_END,
      driftMs: -10 * MIN,
    });
    s.tick(40 * MIN); // ten minutes late and still not started
    expect(scheduleFigures(s.state, s.now)).toMatchObject({ projectedEndAt: T0 + 10 * MIN + TOTAL, driftMs: 0 });
  });

  it('while live, counts what the speaker has left and leaves out done and absent entries', () => {
    const s = new Sim().tick(5 * MIN).run({ type: 'session.start' }, { type: 'entry.markAbsent', entryId: KALININGRAD }, { type: 'speaker.next' });
    s.tick(6 * MIN).run({ type: 'speaker.next' }).tick(MIN); // the opening words ran 1 min over
    const f = scheduleFigures(s.state, s.now);
    const remaining = TOTAL - 300 * SEC - 180 * SEC - MIN; // minus opening (done), Kaliningrad (absent), FMBA's first minute
    expect(f).toEqual({
      elapsedMs: 7 * MIN,
      remainingPlannedMs: remaining,
      projectedEndAt: s.now + remaining,
      plannedEndAt: PLANNED_END,
      driftMs: s.now + remaining - PLANNED_END,
    });
  });

  it('a speaker over time adds nothing (not a negative amount) to what remains', () => {
    const s = Sim.speaking().tick(10 * MIN);
    expect(scheduleFigures(s.state, s.now).remainingPlannedMs).toBe(TOTAL - 300 * SEC);
  });

  it('elapsed leaves out pauses; after finish the projected end is the actual end', () => {
    const s = Sim.speaking().tick(2 * MIN).run({ type: 'session.pause' }).tick(15 * MIN).run({ type: 'session.resume' }).tick(MIN);
    expect(scheduleFigures(s.state, s.now).elapsedMs).toBe(3 * MIN);
    s.run({ type: 'session.finish' });
    const endedAt = s.now;
    s.tick(HOUR);
    expect(scheduleFigures(s.state, s.now)).toMatchObject({ elapsedMs: 3 * MIN, projectedEndAt: endedAt, driftMs: endedAt - PLANNED_END });
  });
});

// ---- lib/view.ts ----------------------------------------------------------------------------------

describe('viewFor', () => {
  const setup = () =>
    Sim.speaking()
      .as({ newId: 'm-speaker' }, { type: 'message.send', target: 'speaker', text: 'one minute left' })
      .as({ newId: 'm-screens' }, { type: 'message.send', target: 'screens', text: 'coffee at 11:30' })
      .as({ newId: 'm-magadan' }, { type: 'message.send', target: MAGADAN, text: 'you are next' })
      .as({ newId: 'm-opening' }, { type: 'message.send', target: OPENING, text: 'mic is on' })
      .as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' })
      .as({ actor: participant(OPENING) }, { type: 'signal.send', kind: 'technical_problem' });
  const ids = (view: View) => view.messages.map((m) => m.id);

  it('the moderator sees everything and how deep undo goes, but not the undo frames', () => {
    const s = setup();
    const view = viewFor(s.state, { role: 'moderator' });
    expect(ids(view)).toEqual(['m-speaker', 'm-screens', 'm-magadan', 'm-opening']);
    expect(Object.keys(view.signals).sort()).toEqual([MAGADAN, OPENING].sort());
    expect(view.undoDepth).toBe(s.state.undo.length);
    expect(view.undoDepth).toBeGreaterThan(0);
    expect(view).not.toHaveProperty('undo');
  });

  it('screens see only messages for the screens, and no signals', () => {
    const view = viewFor(setup().state, { role: 'viewer' });
    expect(ids(view)).toEqual(['m-screens']);
    expect(view.signals).toEqual({});
    expect(view.undoDepth).toBe(0);
    expect(view).not.toHaveProperty('undo');
  });

  it('a participant sees screens, its own messages, speaker messages while it holds the floor, and only its own signal', () => {
    const s = setup();
    const speaker = viewFor(s.state, { role: 'participant', entryId: OPENING });
    expect(ids(speaker)).toEqual(['m-speaker', 'm-screens', 'm-opening']);
    expect(Object.keys(speaker.signals)).toEqual([OPENING]);
    const waiting = viewFor(s.state, { role: 'participant', entryId: MAGADAN });
    expect(ids(waiting)).toEqual(['m-screens', 'm-magadan']);
    expect(waiting.signals).toEqual({ [MAGADAN]: { kind: 'ready', at: T0 } });
    expect(waiting.undoDepth).toBe(0);
    const quiet = viewFor(s.state, { role: 'participant', entryId: KALININGRAD });
    expect(quiet.signals).toEqual({});
  });
});

describe('eventsFor', () => {
  it('each audience hears only the events about what it can see', () => {
    const s = Sim.speaking().tick(MIN);
    const prev = s.state;
    s.run({ type: 'speaker.next' });
    const floor = s.events;
    s.run({ type: 'message.send', target: 'speaker', text: 'one minute' });
    const toSpeaker = s.events;
    s.run({ type: 'message.send', target: 'screens', text: 'coffee' });
    const toScreens = s.events;
    s.as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' });
    const signal = s.events;
    const all = [...floor, ...toSpeaker, ...toScreens, ...signal];
    const hear = (audience: ViewAudience) => eventsFor(all, audience, viewFor(s.state, audience));
    expect(prev.currentEntryId).toBe(OPENING);
    expect(hear({ role: 'moderator' })).toEqual(all);
    expect(hear({ role: 'viewer' })).toEqual([...floor, ...toScreens]);
    expect(hear({ role: 'participant', entryId: FMBA })).toEqual([...floor, ...toSpeaker, ...toScreens]);
    expect(hear({ role: 'participant', entryId: MAGADAN })).toEqual([...floor, ...toScreens, ...signal]);
  });
});

describe('diffViews / applyPatch', () => {
  const audiences: ViewAudience[] = [
    { role: 'moderator' },
    { role: 'viewer' },
    { role: 'participant', entryId: OPENING },
    { role: 'participant', entryId: FMBA },
  ];

  it('applying the diff to the previous view gives exactly the next view, for every audience and step', () => {
    const s = new Sim();
    const steps: [Opts, Raw][] = [
      [{}, { type: 'session.start' }],
      [{}, { type: 'speaker.next' }],
      [{}, { type: 'message.send', target: 'speaker', text: 'one minute' }],
      [{ actor: participant(FMBA) }, { type: 'signal.send', kind: 'ready' }],
      [{ actor: SYSTEM }, { type: 'presence.set', entryId: FMBA, state: 'online' }],
      [{}, { type: 'speaker.next' }],
      [{}, { type: 'speaker.extend', seconds: 30 }],
      [{}, { type: 'session.pause' }],
      [{}, { type: 'session.resume' }],
      [{ newId: 'tynda' }, { type: 'entry.add', entry: NEW_ENTRY, index: 2 }],
      [{}, { type: 'entry.remove', entryId: KALININGRAD }],
      [{}, { type: 'queue.defer', entryId: FMBA }],
      [{}, { type: 'undo' }],
      [{}, { type: 'undo' }],
      [{}, { type: 'message.clear' }],
      [{}, { type: 'event.update', fields: { title: 'Новое' } }],
      [{}, { type: 'session.finish' }],
    ];
    for (const [opts, raw] of steps) {
      const prev = s.state;
      s.tick(17 * SEC).as(opts, raw);
      for (const audience of audiences) {
        const before = viewFor(prev, audience);
        const after = viewFor(s.state, audience);
        const patch = diffViews(before, after, s.now, s.events);
        expect(patch).toMatchObject({ baseVersion: prev.version, version: s.state.version, serverTime: s.now, events: s.events });
        expect(applyPatch(before, patch), `${raw.type} for ${audience.role}`).toEqual(after);
        // the patch travels as JSON
        expect(applyPatch(JSON.parse(JSON.stringify(before)), JSON.parse(JSON.stringify(patch)))).toEqual(JSON.parse(JSON.stringify(after)));
      }
    }
  });

  it('a patch carries only what changed', () => {
    const s = Sim.speaking().tick(MIN);
    const before = viewFor(s.state, { role: 'moderator' });
    s.run({ type: 'speaker.next' });
    const patch = diffViews(before, viewFor(s.state, { role: 'moderator' }), s.now, s.events);
    expect(Object.keys(patch.entries).sort()).toEqual([OPENING, FMBA].sort());
    expect(Object.keys(patch.set).sort()).toEqual(['controlVersion', 'currentEntryId', 'undoDepth', 'version']);
    expect(patch.removed).toEqual([]);
    const prev = s.state;
    s.run({ type: 'entry.remove', entryId: MAGADAN });
    const removal = diffViews(viewFor(prev, { role: 'moderator' }), viewFor(s.state, { role: 'moderator' }), s.now, s.events);
    expect(removal.removed).toEqual([MAGADAN]);
    expect(removal.entries).toEqual({});
  });

  it('returns null for a patch that does not follow the view (the client must resync)', () => {
    const s = Sim.speaking();
    const v1 = viewFor(s.state, { role: 'viewer' });
    s.run({ type: 'speaker.next' });
    const v2 = viewFor(s.state, { role: 'viewer' });
    s.run({ type: 'speaker.next' });
    const v3 = viewFor(s.state, { role: 'viewer' });
    const patch23 = diffViews(v2, v3, s.now, []);
    expect(applyPatch(v1, patch23)).toBeNull();
    expect(applyPatch(v3, patch23)).toBeNull();
    expect(applyPatch(v2, patch23)).toEqual(v3);
  });
});

describe('apiState', () => {
  it('lists entries in running order with time used including the running turn', () => {
    const s = Sim.speaking()
      .tick(6 * MIN)
      .run({ type: 'speaker.next' }, { type: 'queue.move', entryId: KALININGRAD, index: 0 }, { type: 'entry.markAbsent', entryId: MAGADAN }, { type: 'entry.checkIn', entryId: KAMCHATKA, present: true })
      .as({ actor: SYSTEM }, { type: 'presence.set', entryId: SAKHALIN, state: 'online' })
      .tick(MIN);
    const api = apiState(s.state, s.now, { viewers: 12 });
    expect(api.entries.map((e) => e.id)).toEqual(s.state.order);
    expect(api.entries[0]!.id).toBe(KALININGRAD);
    expect(api).toMatchObject({ version: s.state.version, serverTime: s.now, phase: 'live', currentEntryId: FMBA });
    expect(api.counts).toEqual({ online: 1, inHall: 1, absent: 1, viewers: 12 });
    const byId = Object.fromEntries(api.entries.map((e) => [e.id, e]));
    expect(byId[OPENING]).toMatchObject({ status: 'done', usedMs: 6 * MIN, allottedMs: 5 * MIN, overtimeMs: MIN, turns: 1, name: 'Вступительное слово', nameEn: 'Opening words' });
    expect(byId[FMBA]).toMatchObject({ status: 'speaking', usedMs: MIN, overtimeMs: 0, turns: 1 });
    expect(byId[MAGADAN]).toMatchObject({ status: 'absent', presence: 'absent', usedMs: 0, turns: 0 });
    expect(byId[KAMCHATKA]).toMatchObject({ presence: 'in_hall' });
    expect(byId[SAKHALIN]).toMatchObject({ presence: 'online' });
    expect(byId[KHABAROVSK]).toMatchObject({ presence: 'offline', status: 'waiting' });
    // the running turn keeps counting for whoever asks later
    expect(apiState(s.state, s.now + 30 * SEC, { viewers: 0 }).entries.find((e) => e.id === FMBA)!.usedMs).toBe(MIN + 30 * SEC);
  });
});

// ---- follow-ups found in review ---------------------------------------------------------------------

describe('review follow-ups', () => {
  it('a message to the speaker ends with their turn, so the next speaker does not inherit it', () => {
    const s = Sim.speaking().run({ type: 'message.send', target: 'speaker', text: 'Заканчивайте, пожалуйста' }, { type: 'message.send', target: 'screens', text: 'Перерыв в 12:00' });
    expect(s.state.messages.map((m) => m.target)).toEqual(['speaker', 'screens']);
    s.tick(10 * SEC).run({ type: 'speaker.next' });
    expect(s.state.messages.map((m) => m.target)).toEqual(['screens']);
  });

  it('removing an entry drops its pending signal', () => {
    const s = live(new Sim()).as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'technical_problem' });
    expect(s.state.signals[MAGADAN]).toBeDefined();
    s.run({ type: 'entry.remove', entryId: MAGADAN });
    expect(s.state.signals[MAGADAN]).toBeUndefined();
  });

  it('a command that changes nothing leaves no undo step', () => {
    const s = live(new Sim()).run({ type: 'entry.checkIn', entryId: MAGADAN, present: true });
    const depth = s.state.undo.length;
    s.run({ type: 'entry.checkIn', entryId: MAGADAN, present: true }, { type: 'queue.move', entryId: MAGADAN, index: DEMO_ORDER.indexOf(MAGADAN) });
    expect(s.state.undo.length).toBe(depth);
    s.run({ type: 'undo' });
    expect(s.entry(MAGADAN).checkedIn).toBe(false);
  });
});

// ---- before and after the roll call ------------------------------------------------------------------

describe('set-up, registration and nominations', () => {
  const TYNDA = { ...NEW_ENTRY };
  const MINSK_LIKE = { ...NEW_ENTRY, nameRu: 'Гродно', nameEn: 'Grodno', country: 'BY', timeZone: 'Europe/Minsk', longitude: 23.83 };

  it('replaces the whole list before the start, with ids from the names', () => {
    const s = new Sim().run({ type: 'entry.import', mode: 'replace', entries: [TYNDA, MINSK_LIKE, TYNDA] });
    expect(s.state.order).toEqual(['tynda', 'grodno', 'tynda-2']);
    expect(s.entry('grodno')).toMatchObject({ status: 'waiting', allottedMs: 120 * SEC, contact: '', registeredAt: null, nomination: null });
    s.run({ type: 'undo' });
    expect(s.state.order).toEqual(DEMO_ORDER);
  });

  it('appends without clashing with existing ids', () => {
    const s = live(new Sim()).run({ type: 'entry.import', mode: 'append', entries: [{ ...TYNDA, nameEn: 'Magadan' }] });
    expect(s.state.order.at(-1)).toBe('magadan-2');
    expect(s.state.order).toHaveLength(DEMO_ORDER.length + 1);
  });

  it('orders guests first, then cities east to west by longitude', () => {
    const s = new Sim().run(
      { type: 'queue.move', entryId: KALININGRAD, index: 0 },
      { type: 'queue.move', entryId: OPENING, index: 20 },
      { type: 'queue.order', by: 'longitude' },
    );
    const kinds = s.state.order.map((id) => s.entry(id).kind);
    expect(kinds.slice(0, 3)).toEqual(['guest', 'guest', 'guest']);
    expect(s.state.order.slice(0, 3)).toEqual([FMBA, DONORS, OPENING]);
    const longitudes = s.state.order.slice(3).map((id) => s.entry(id).longitude);
    expect(longitudes).toEqual([...longitudes].sort((a, b) => b - a));
    expect(s.state.order.at(-1)).toBe(KALININGRAD);
  });

  it('orders by UTC offset, then by longitude within one zone', () => {
    const s = new Sim().run({ type: 'queue.order', by: 'utcOffset' });
    const cities = s.state.order.filter((id) => s.entry(id).kind === 'city');
    // Kamchatka (UTC+12) before Magadan (+11) before Vladivostok (+10) before Yakutsk (+9).
    const pos = (id: string) => cities.indexOf(id);
    expect(pos(KAMCHATKA)).toBeLessThan(pos(MAGADAN));
    expect(pos(MAGADAN)).toBeLessThan(pos('vladivostok'));
    expect(pos('vladivostok')).toBeLessThan(pos('yakutsk'));
    // Moscow time (+3): Arkhangelsk (40.5° E) before Moscow (37.6° E); Kaliningrad (+2) last.
    expect(pos('arkhangelsk')).toBeLessThan(pos('moscow'));
    expect(cities.at(-1)).toBe(KALININGRAD);
  });

  it('a city registers through its link before the day, and may edit it later', () => {
    const s = new Sim().as({ actor: participant(MAGADAN) }, { type: 'entry.register', fields: { representative: 'Петрова Анна Сергеевна', position: 'главный врач', attendance: 'in_person', practiceTitle: 'Донорская суббота', practiceSummary: 'Выездные акции', contact: 'donor@magadan.example' } });
    expect(s.entry(MAGADAN)).toMatchObject({ representative: 'Петрова Анна Сергеевна', attendance: 'in_person', contact: 'donor@magadan.example', registeredAt: T0 });
    s.tick(HOUR).as({ actor: participant(MAGADAN) }, { type: 'entry.register', fields: { representative: 'Петрова Анна Сергеевна', attendance: 'online' } });
    expect(s.entry(MAGADAN)).toMatchObject({ attendance: 'online', practiceTitle: 'Донорская суббота', registeredAt: T0 + HOUR });
  });

  it('undoing a moderator command does not take back a registration sent since', () => {
    const s = new Sim()
      .run({ type: 'entry.update', entryId: MAGADAN, fields: { position: 'мэр' } })
      .tick(MIN)
      .as({ actor: participant(MAGADAN) }, { type: 'entry.register', fields: { representative: 'Петрова Анна Сергеевна', position: 'главный врач', attendance: 'online' } })
      .run({ type: 'undo' });
    expect(s.entry(MAGADAN)).toMatchObject({ representative: 'Петрова Анна Сергеевна', position: 'главный врач', registeredAt: T0 + MIN });
  });

  it('registration closes when the session starts; the moderator edits on behalf of the city instead', () => {
    const s = live(new Sim());
    s.reject({ type: 'entry.register', fields: { representative: 'Кто-то', attendance: 'online' } }, 'conflict', 'registration_closed', { actor: participant(MAGADAN) });
    s.run({ type: 'entry.update', entryId: MAGADAN, fields: { representative: 'Кто-то' } });
    expect(s.entry(MAGADAN).representative).toBe('Кто-то');
  });

  it('nominates a practice for a diploma and withdraws it', () => {
    const s = finished(new Sim()).run({ type: 'entry.nominate', entryId: MAGADAN, nomination: 'За работу с молодёжью' });
    expect(s.entry(MAGADAN).nomination).toBe('За работу с молодёжью');
    s.run({ type: 'entry.nominate', entryId: MAGADAN, nomination: null });
    expect(s.entry(MAGADAN).nomination).toBeNull();
  });
});

describe('privacy of contacts', () => {
  it('screens and other cities never receive a city\'s contact; the city itself and the moderator do', () => {
    const s = new Sim().as({ actor: participant(MAGADAN) }, { type: 'entry.register', fields: { representative: 'Петрова Анна', attendance: 'online', contact: '+7 900 000-00-00' } });
    expect(viewFor(s.state, { role: 'moderator' }).entries[MAGADAN]!.contact).toBe('+7 900 000-00-00');
    expect(viewFor(s.state, { role: 'participant', entryId: MAGADAN }).entries[MAGADAN]!.contact).toBe('+7 900 000-00-00');
    expect(viewFor(s.state, { role: 'participant', entryId: KAMCHATKA }).entries[MAGADAN]!.contact).toBe('');
    expect(viewFor(s.state, { role: 'viewer' }).entries[MAGADAN]!.contact).toBe('');
  });

  it('an unchanged entry keeps its identity in a redacted view, so patches stay small', () => {
    const s = new Sim().as({ actor: participant(MAGADAN) }, { type: 'entry.register', fields: { representative: 'Петрова Анна', attendance: 'online', contact: 'a@b.example' } });
    const before = viewFor(s.state, { role: 'viewer' });
    s.run({ type: 'session.start' });
    const patch = diffViews(before, viewFor(s.state, { role: 'viewer' }), s.now, []);
    expect(Object.keys(patch.entries)).toEqual([]);
  });
});
