// The demo round table, every command the reducer rejects (as a table), and who may send what.
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, parseCommand, type CommandType, type ErrorCode } from '../lib/protocol';
import {
  type Raw,
  SEC,
  SYSTEM,
  VIEWER,
  participant,
  OPENING,
  FMBA,
  DONORS,
  KAMCHATKA,
  MAGADAN,
  KALININGRAD,
  NEW_ENTRY,
  demoState,
  type Opts,
  Sim,
  SAMPLES,
  live,
  withSpeaker,
  paused,
  finished,
  everyoneAbsent,
} from './support/reducer-sim';

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

interface Rejection {
  name: string;
  setup?: (s: Sim) => unknown;
  command: Raw;
  opts?: Opts;
  code: ErrorCode;
  reason: string;
}

const REJECTIONS: Rejection[] = [
  {
    name: 'replace the list after the start',
    setup: live,
    command: { type: 'entry.import', mode: 'replace', entries: [NEW_ENTRY] },
    code: 'conflict',
    reason: 'session_started',
  },
  {
    name: 'import past the limit',
    command: { type: 'entry.import', mode: 'append', entries: Array.from({ length: 170 }, () => NEW_ENTRY) },
    code: 'conflict',
    reason: 'too_many_entries',
  },
  {
    name: 'register after the start',
    setup: live,
    command: { type: 'entry.register', entryId: MAGADAN, fields: { representative: 'Кто-то', attendance: 'online' } },
    code: 'conflict',
    reason: 'registration_closed',
  },
  {
    name: 'register an unknown entry',
    command: { type: 'entry.register', entryId: 'atlantis', fields: { representative: 'Кто-то', attendance: 'online' } },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'register without naming the entry',
    command: { type: 'entry.register', fields: { representative: 'Кто-то', attendance: 'online' } },
    code: 'bad_request',
    reason: 'entry_required',
  },
  {
    name: 'nominate an unknown entry',
    command: { type: 'entry.nominate', entryId: 'atlantis', nomination: 'Лучшая практика' },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
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
  {
    name: 'next with nobody left',
    setup: (s) => live(everyoneAbsent(s)),
    command: { type: 'speaker.next' },
    code: 'conflict',
    reason: 'queue_empty',
  },
  {
    name: 'start speaker before start',
    command: { type: 'speaker.start', entryId: MAGADAN },
    code: 'conflict',
    reason: 'session_not_started',
  },
  {
    name: 'start speaker while paused',
    setup: paused,
    command: { type: 'speaker.start', entryId: MAGADAN },
    code: 'conflict',
    reason: 'session_paused',
  },
  {
    name: 'start speaker after finish',
    setup: finished,
    command: { type: 'speaker.start', entryId: MAGADAN },
    code: 'conflict',
    reason: 'session_finished',
  },
  {
    name: 'start unknown speaker',
    setup: live,
    command: { type: 'speaker.start', entryId: 'atlantis' },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'start the current speaker',
    setup: withSpeaker,
    command: { type: 'speaker.start', entryId: OPENING },
    code: 'conflict',
    reason: 'already_speaking',
  },
  { name: 'stop with nobody speaking', setup: live, command: { type: 'speaker.stop' }, code: 'conflict', reason: 'no_speaker' },
  { name: 'stop before start', command: { type: 'speaker.stop' }, code: 'conflict', reason: 'no_speaker' },
  {
    name: 'extend with nobody speaking',
    setup: live,
    command: { type: 'speaker.extend', seconds: 60 },
    code: 'conflict',
    reason: 'no_speaker',
  },
  {
    name: 'extend unknown entry',
    command: { type: 'speaker.extend', entryId: 'atlantis', seconds: 60 },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'extend below zero',
    setup: withSpeaker,
    command: { type: 'speaker.extend', seconds: -301 },
    code: 'bad_request',
    reason: 'allotment_negative',
  },
  {
    name: 'move unknown entry',
    command: { type: 'queue.move', entryId: 'atlantis', index: 0 },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'move past the end',
    command: { type: 'queue.move', entryId: MAGADAN, index: 37 },
    code: 'bad_request',
    reason: 'index_out_of_range',
  },
  { name: 'defer unknown entry', command: { type: 'queue.defer', entryId: 'atlantis' }, code: 'bad_request', reason: 'unknown_entry' },
  {
    name: 'un-defer a waiting entry',
    command: { type: 'queue.defer', entryId: MAGADAN, deferred: false },
    code: 'conflict',
    reason: 'not_deferred',
  },
  {
    name: 'defer twice',
    setup: (s) => s.run({ type: 'queue.defer', entryId: MAGADAN }),
    command: { type: 'queue.defer', entryId: MAGADAN },
    code: 'conflict',
    reason: 'cannot_defer',
  },
  {
    name: 'defer an absent entry',
    setup: (s) => s.run({ type: 'entry.markAbsent', entryId: MAGADAN }),
    command: { type: 'queue.defer', entryId: MAGADAN },
    code: 'conflict',
    reason: 'cannot_defer',
  },
  {
    name: 'defer an entry that has spoken',
    setup: (s) => withSpeaker(s).run({ type: 'speaker.next' }),
    command: { type: 'queue.defer', entryId: OPENING },
    code: 'conflict',
    reason: 'cannot_defer',
  },
  {
    name: 'check in unknown entry',
    command: { type: 'entry.checkIn', entryId: 'atlantis', present: true },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'mark unknown entry absent',
    command: { type: 'entry.markAbsent', entryId: 'atlantis' },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'un-mark a present entry',
    command: { type: 'entry.markAbsent', entryId: MAGADAN, absent: false },
    code: 'conflict',
    reason: 'not_absent',
  },
  {
    name: 'mark the speaker absent',
    setup: withSpeaker,
    command: { type: 'entry.markAbsent', entryId: OPENING },
    code: 'conflict',
    reason: 'entry_speaking',
  },
  {
    name: 'mark an entry that has spoken absent',
    setup: (s) => withSpeaker(s).run({ type: 'speaker.next' }),
    command: { type: 'entry.markAbsent', entryId: OPENING },
    code: 'conflict',
    reason: 'already_spoken',
  },
  {
    name: 'add with an id already taken',
    command: { type: 'entry.add', entry: NEW_ENTRY },
    opts: { newId: MAGADAN },
    code: 'conflict',
    reason: 'duplicate_id',
  },
  {
    name: 'add the 201st entry',
    setup: (s) => {
      for (let i = 0; i < 200 - 37; i++) s.as({ newId: `extra-${i}` }, { type: 'entry.add', entry: NEW_ENTRY });
    },
    command: { type: 'entry.add', entry: NEW_ENTRY },
    code: 'conflict',
    reason: 'too_many_entries',
  },
  {
    name: 'update unknown entry',
    command: { type: 'entry.update', entryId: 'atlantis', fields: { nameEn: 'A' } },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'update with no fields',
    command: { type: 'entry.update', entryId: MAGADAN, fields: {} },
    code: 'bad_request',
    reason: 'nothing_to_update',
  },
  { name: 'remove unknown entry', command: { type: 'entry.remove', entryId: 'atlantis' }, code: 'bad_request', reason: 'unknown_entry' },
  {
    name: 'remove the speaker',
    setup: withSpeaker,
    command: { type: 'entry.remove', entryId: OPENING },
    code: 'conflict',
    reason: 'entry_speaking',
  },
  { name: 'update event with no fields', command: { type: 'event.update', fields: {} }, code: 'bad_request', reason: 'nothing_to_update' },
  {
    name: 'message to unknown entry',
    command: { type: 'message.send', target: 'atlantis', text: 'hello' },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'signal from a removed entry',
    setup: (s) => s.run({ type: 'entry.remove', entryId: MAGADAN }),
    command: { type: 'signal.send', kind: 'ready' },
    opts: { actor: participant(MAGADAN) },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  {
    name: 'moderator clears a signal without naming the entry',
    command: { type: 'signal.clear' },
    code: 'bad_request',
    reason: 'entry_required',
  },
  {
    name: 'presence of unknown entry',
    command: { type: 'presence.set', entryId: 'atlantis', state: 'online' },
    opts: { actor: SYSTEM },
    code: 'bad_request',
    reason: 'unknown_entry',
  },
  { name: 'undo with nothing done', command: { type: 'undo' }, code: 'conflict', reason: 'nothing_to_undo' },
  {
    name: 'undo after only signals and presence',
    setup: (s) =>
      s.as({ actor: SYSTEM }, SAMPLES['presence.set']).as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' }),
    command: { type: 'undo' },
    code: 'conflict',
    reason: 'nothing_to_undo',
  },
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
