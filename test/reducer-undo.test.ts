// Undo, and the version counters that every accepted command moves.
import { describe, expect, it } from 'vitest';
import { UNDO_DEPTH, type RollcallState } from '../lib/model';
import { controlOf } from '../lib/reducer';
import {
  type Raw,
  T0,
  SEC,
  MIN,
  SYSTEM,
  participant,
  OPENING,
  FMBA,
  KAMCHATKA,
  MAGADAN,
  SAKHALIN,
  KHABAROVSK,
  KALININGRAD,
  NEW_ENTRY,
  DEMO_ORDER,
  type Opts,
  Sim,
} from './support/reducer-sim';

// ---- undo -----------------------------------------------------------------------------------------

describe('undo', () => {
  it('restores the previous speaker after an accidental next; their clock counts from the original start', () => {
    const s = Sim.speaking()
      .tick(2 * MIN)
      .run({ type: 'speaker.next' })
      .tick(10 * SEC);
    expect(s.state.currentEntryId).toBe(FMBA);
    s.run({ type: 'undo' });
    expect(s.notices).toEqual([{ type: 'undo', command: 'speaker.next' }]);
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
    const s = Sim.speaking()
      .tick(MIN)
      .run({ type: 'queue.defer', entryId: OPENING })
      .tick(5 * SEC)
      .run({ type: 'undo' });
    expect(s.state.order).toEqual(DEMO_ORDER);
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.used(OPENING)).toBe(MIN + 5 * SEC);
    expect(s.status(FMBA)).toBe('waiting');
  });

  it('un-finishes an accidental finish', () => {
    const s = Sim.speaking()
      .tick(MIN)
      .run({ type: 'session.finish' })
      .tick(5 * SEC)
      .run({ type: 'undo' });
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
      expect(s.notices).toEqual([{ type: 'undo', command: commands[i]!.type }]);
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
    expect(s.notices).toEqual([{ type: 'undo', command: 'speaker.next' }]);
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.state.connections).toEqual({ [KAMCHATKA]: { state: 'online', since: T0 + MIN } });
    expect(s.state.signals).toEqual({ [KAMCHATKA]: { kind: 'technical_problem', at: T0 + MIN } });
  });

  it('a new command after an undo stacks on top of what is left', () => {
    const s = Sim.speaking().run({ type: 'speaker.next' }, { type: 'undo' }, { type: 'queue.defer', entryId: MAGADAN });
    expect(s.state.undo.map((f) => f.command)).toEqual(['session.start', 'speaker.next', 'queue.defer']);
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
