// Shared fixtures for the reducer tests: the demo round table, a hand-driven roll call (Sim) with a
// fake clock, a sample of every command, and set-ups that put a session in a given phase.
// The reducer never reads the clock: every test drives a fake `now` by hand.
import { expect } from 'vitest';
import type { z } from 'zod';
import demo from '../../server/demo-round-table.json';
import type { Actor, RollcallState } from '../../lib/model';
import {
  commandSchema,
  type CommandContext,
  type CommandType,
  type EntryFields,
  type ErrorCode,
  type RollcallError,
  type Notice,
} from '../../lib/protocol';
import { reduce, type ReduceResult } from '../../lib/reducer';
import { initialState, parseRoundTable } from '../../lib/seed';
import { usedMs } from '../../lib/time';

export type Raw = z.input<typeof commandSchema>;

export const T0 = Date.parse('2026-12-10T07:00:00Z'); // the demo's planned start, 10:00 Moscow time
export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const MODERATOR: Actor = { role: 'moderator' };
export const SYSTEM: Actor = { role: 'system' };
export const VIEWER: Actor = { role: 'viewer' };
export const participant = (entryId: string): Actor => ({ role: 'participant', entryId });

export const OPENING = 'opening-words'; // 300 s
export const FMBA = 'welcome-from-fmba-of-russia'; // 240 s
export const DONORS = 'word-from-the-donor-community'; // 240 s
export const KAMCHATKA = 'petropavlovsk-kamchatsky'; // 180 s, first city
export const MAGADAN = 'magadan';
export const SAKHALIN = 'yuzhno-sakhalinsk';
export const KHABAROVSK = 'khabarovsk';
export const KALININGRAD = 'kaliningrad'; // last in the list

export const NEW_ENTRY = {
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

export const demoState = (): RollcallState => initialState(parseRoundTable(demo));
export const DEMO_ORDER = demoState().order;

/** Freezes a state tree so that any mutation by the reducer throws instead of passing silently. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const cmd = (raw: Raw) => commandSchema.parse(raw);

export interface Opts {
  actor?: Actor;
  newId?: string;
}

/** A roll call driven by hand: a state, a fake clock and the notices of the last command. */
export class Sim {
  state: RollcallState;
  now = T0;
  notices: Notice[] = [];
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
      this.notices = result.notices;
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
export const SAMPLES: { [K in CommandType]: Extract<Raw, { type: K }> } = {
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
  'entry.register': {
    type: 'entry.register',
    entryId: MAGADAN,
    fields: { representative: 'Петрова Анна Сергеевна', attendance: 'online' },
  },
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

// ---- set-ups: a session in a given phase ----------------------------------------------------------

export const live = (s: Sim) => s.run({ type: 'session.start' });
export const withSpeaker = (s: Sim) => live(s).run({ type: 'speaker.next' }).tick(MIN);
export const paused = (s: Sim) => withSpeaker(s).run({ type: 'session.pause' });
export const finished = (s: Sim) => withSpeaker(s).run({ type: 'session.finish' });
export const everyoneAbsent = (s: Sim) => s.run(...DEMO_ORDER.map((entryId) => ({ type: 'entry.markAbsent', entryId }) as const));
