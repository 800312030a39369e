// The running order and the entries in it: move, defer, check-in and absence, add, update and remove,
// the event settings, and messages, signals and presence.
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGES } from '../lib/model';
import { openTurn } from '../lib/time';
import {
  T0,
  SEC,
  MIN,
  SYSTEM,
  participant,
  OPENING,
  FMBA,
  KAMCHATKA,
  MAGADAN,
  KALININGRAD,
  NEW_ENTRY,
  demoState,
  DEMO_ORDER,
  Sim,
} from './support/reducer-sim';

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
    const s = Sim.speaking()
      .tick(2 * MIN)
      .run({ type: 'queue.defer', entryId: OPENING });
    expect(s.state.currentEntryId).toBe(FMBA);
    expect(s.status(OPENING)).toBe('deferred');
    expect(s.state.order.at(-1)).toBe(OPENING);
    expect(s.notices).toEqual([{ type: 'floor', entryId: FMBA, previousId: OPENING }]);
    expect(openTurn(s.entry(OPENING))).toBeNull();
    expect(s.entry(FMBA).turns).toEqual([{ startedAt: T0 + 2 * MIN, endedAt: null, pausedAt: null, pausedMs: 0 }]);
    s.tick(MIN);
    expect(s.used(OPENING)).toBe(2 * MIN);
  });

  it('deferring the speaker while paused leaves the floor empty', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.pause' }).tick(MIN).run({ type: 'queue.defer', entryId: OPENING });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.notices).toEqual([{ type: 'floor', entryId: null, previousId: OPENING }]);
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
    const s = Sim.speaking().run(
      { type: 'queue.defer', entryId: MAGADAN },
      { type: 'entry.checkIn', entryId: MAGADAN, present: true },
      { type: 'entry.checkIn', entryId: OPENING, present: true },
    );
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
    expect(s.entry('tynda')).toMatchObject({
      id: 'tynda',
      nameEn: 'Tynda',
      allottedMs: 120 * SEC,
      extraMs: 0,
      status: 'waiting',
      checkedIn: false,
      turns: [],
    });
    expect(s.entry('tynda')).not.toHaveProperty('allottedSeconds');
  });

  it('a new entry needs only a name; the rest comes from defaults and the event turn length', () => {
    const s = new Sim().as({ newId: 'tynda' }, { type: 'entry.add', entry: { nameRu: 'Тында' } });
    expect(s.entry('tynda')).toMatchObject({
      nameRu: 'Тында',
      kind: 'city',
      country: 'RU',
      attendance: 'online',
      timeZone: 'Europe/Moscow',
      allottedMs: 180 * SEC,
      status: 'waiting',
      turns: [],
    });
    s.run({ type: 'event.update', fields: { defaultTurnSeconds: 150 } }).as(
      { newId: 'bam' },
      { type: 'entry.add', entry: { nameRu: 'БАМ' } },
    );
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
    const s = new Sim().run({
      type: 'entry.update',
      entryId: MAGADAN,
      fields: { representative: 'Новый представитель', allottedSeconds: 240 },
    });
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
    const s = new Sim().run({
      type: 'event.update',
      fields: { title: 'Новый заголовок', defaultTurnSeconds: 120, plannedTotalMinutes: 90, warnSeconds: 15 },
    });
    expect(s.state.event).toEqual({
      ...demoState().event,
      title: 'Новый заголовок',
      defaultTurnMs: 120 * SEC,
      plannedTotalMs: 90 * MIN,
      warnMs: 15 * SEC,
    });
  });
});

// ---- messages, signals, presence ------------------------------------------------------------------

describe('message.send / message.clear', () => {
  it('sends a message with the context id and time; a new message replaces the previous one to the same target', () => {
    const s = new Sim().as({ newId: 'm1' }, { type: 'message.send', target: 'speaker', text: 'one minute' });
    expect(s.state.messages).toEqual([{ id: 'm1', target: 'speaker', text: 'one minute', sentAt: T0 }]);
    expect(s.notices).toEqual([{ type: 'message', target: 'speaker', text: 'one minute' }]);
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
    expect(s.notices).toEqual([{ type: 'signal', entryId: MAGADAN, kind: 'technical_problem' }]);
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
