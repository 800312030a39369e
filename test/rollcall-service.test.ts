// RollcallService in-process: a fake clock, a real SQLite journal in a temp dir and a recording
// broadcaster. Checks the dispatch pipeline (validate -> exactly-once -> stale -> reduce -> persist ->
// broadcast) and that a restart recovers exactly the state the room was in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, RollcallState } from '../lib/model';
import type { CommandResult } from '../lib/protocol';
import { initialState, parseRoundTable } from '../lib/seed';
import { usedMs } from '../lib/time';
import { createJournal, openDatabase, type Db, type Journal } from '../server/journal';
import {
  createRollcallService,
  recoverState,
  type Broadcaster,
  type RollcallService,
  type StateChange,
} from '../server/rollcall-service';

const MODERATOR: Actor = { role: 'moderator' };
const SYSTEM: Actor = { role: 'system' };
const participant = (entryId: string): Actor => ({ role: 'participant', entryId });

const ROUND_TABLE = {
  event: {
    title: 'Тестовая перекличка',
    titleEn: 'Test roll call',
    plannedStart: '2026-12-10T10:00:00+03:00',
    timeZone: 'Europe/Moscow',
    defaultTurnSeconds: 180,
    plannedTotalMinutes: 60,
    warnSeconds: 30,
  },
  entries: [
    ['Якутск', 'Yakutsk', 'Asia/Yakutsk', 129.7, 'online'],
    ['Казань', 'Kazan', 'Europe/Moscow', 49.1, 'in_person'],
    ['Омск', 'Omsk', 'Asia/Omsk', 73.4, 'online'],
    ['Минск', 'Minsk', 'Europe/Minsk', 27.6, 'in_person'],
  ].map(([nameRu, nameEn, timeZone, longitude, attendance]) => ({
    kind: 'city',
    nameRu,
    nameEn,
    country: nameEn === 'Minsk' ? 'BY' : 'RU',
    region: '',
    timeZone,
    longitude,
    representative: `Представитель ${nameRu}`,
    position: 'мэр',
    attendance,
    allottedSeconds: 120,
    practiceTitle: '',
    practiceSummary: '',
  })),
};
const fresh = () => initialState(parseRoundTable(ROUND_TABLE));

class FakeClock {
  constructor(public t: number) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

class RecordingBroadcaster implements Broadcaster {
  readonly changes: StateChange[] = [];
  publish(change: StateChange) {
    this.changes.push(change);
  }
}

/** A journal that refuses to write while `control.failing` is set, as a full disk would. */
function flakyJournal(inner: Journal, control: { failing: boolean }): Journal {
  return {
    load: () => inner.load(),
    append: (record, snapshot) => {
      if (control.failing) throw new Error('SQLITE_FULL: database or disk is full');
      inner.append(record, snapshot);
    },
    saveSnapshot: (state) => inner.saveSnapshot(state),
    versionFor: (key) => inner.versionFor(key),
    records: (from) => inner.records(from),
  };
}

let dir: string;
let openDbs: Db[];
const START = Date.parse('2026-12-10T10:00:00+03:00');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rollcall-service-'));
  openDbs = [];
});
afterEach(() => {
  for (const db of openDbs) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Harness {
  db: Db;
  journal: Journal;
  clock: FakeClock;
  broadcaster: RecordingBroadcaster;
  service: RollcallService;
  dispatch: (actor: Actor, raw: unknown) => CommandResult;
}

function open(options: { clock?: FakeClock; snapshotEvery?: number; wrap?: (j: Journal) => Journal } = {}): Harness {
  const db = openDatabase(join(dir, 'rollcall.db'));
  openDbs.push(db);
  const journal = (options.wrap ?? ((j) => j))(createJournal(db, 'main'));
  const clock = options.clock ?? new FakeClock(START);
  const broadcaster = new RecordingBroadcaster();
  let n = 0;
  const service = createRollcallService(recoverState(journal, fresh), {
    clock,
    journal,
    broadcaster,
    newId: () => `new-${++n}`,
    snapshotEvery: options.snapshotEvery,
  });
  return { db, journal, clock, broadcaster, service, dispatch: (actor, raw) => service.dispatch(actor, raw) };
}

function ok(result: CommandResult): number {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.version;
}

function errorOf(result: CommandResult) {
  if (result.ok) throw new Error(`expected an error, got version ${result.version}`);
  return result.error;
}

describe('dispatch validates before anything else', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a missing entryId', { type: 'speaker.start' }, /entryId/],
    ['a wrong field type', { type: 'queue.move', entryId: 'kazan', index: 'first' }, /index/],
    ['an unknown field', { type: 'session.start', force: true }, /force: unknown field/],
    ['an unknown command type', { type: 'session.explode' }, /type/],
    ['an empty message text', { type: 'message.send', target: 'screens', text: '   ' }, /text: must not be empty/],
    ['a malformed entry id', { type: 'entry.checkIn', entryId: 'Kazan City', present: true }, /entryId: must be an entry id/],
    ['a non-object', 'session.start', /payload/],
  ];

  it.each(cases)('rejects %s as bad_request naming the field, changing nothing', (_label, payload, field) => {
    const h = open();
    const before = h.service.state();
    const recordsBefore = h.journal.records().length;

    const error = errorOf(h.dispatch(MODERATOR, payload));

    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(field);
    expect(h.service.state()).toBe(before);
    expect(h.journal.records()).toHaveLength(recordsBefore);
    expect(h.broadcaster.changes).toHaveLength(0);
  });

  it('a valid command is journaled with its context and broadcast once with the server time', () => {
    const h = open();
    h.clock.advance(5_000);
    const version = ok(h.dispatch(MODERATOR, { type: 'session.start' }));

    expect(version).toBe(1);
    expect(h.service.state().phase).toBe('live');
    expect(h.service.state().session?.startedAt).toBe(START + 5_000);
    const records = h.journal.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ version: 1, command: { type: 'session.start' }, ctx: { now: START + 5_000, actor: MODERATOR } });
    expect(h.broadcaster.changes).toHaveLength(1);
    expect(h.broadcaster.changes[0]!.prev.version).toBe(0);
    expect(h.broadcaster.changes[0]!.next).toBe(h.service.state());
    expect(h.broadcaster.changes[0]!.serverTime).toBe(START + 5_000);
    expect(h.broadcaster.changes[0]!.events).toEqual([{ type: 'phase', phase: 'live' }]);
  });

  it('a command the state does not allow is refused without a journal record or broadcast', () => {
    const h = open();
    const error = errorOf(h.dispatch(MODERATOR, { type: 'speaker.next' }));
    expect(error.code).toBe('conflict');
    expect(error.reason).toBe('session_not_started');
    expect(h.service.state().version).toBe(0);
    expect(h.journal.records()).toHaveLength(0);
    expect(h.broadcaster.changes).toHaveLength(0);
  });
});

describe('persist before broadcast', () => {
  it('a command the journal cannot store is not accepted: internal error, state unchanged, nothing broadcast', () => {
    const control = { failing: false };
    const h = open({ wrap: (j) => flakyJournal(j, control) });
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    const before = h.service.state();

    control.failing = true;
    const error = errorOf(h.dispatch(MODERATOR, { id: 'click-1', type: 'speaker.next' }));

    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/disk is full/);
    expect(h.service.state()).toBe(before);
    expect(h.service.state().currentEntryId).toBeNull();
    expect(h.broadcaster.changes).toHaveLength(1);
    expect(h.journal.records()).toHaveLength(1);

    // Once storage is back, the retry with the same client id is applied (the failure did not use
    // up the id) at the very next version.
    control.failing = false;
    expect(h.dispatch(MODERATOR, { id: 'click-1', type: 'speaker.next' })).toEqual({ ok: true, version: 2 });
    expect(h.service.state().currentEntryId).toBe('yakutsk');
    expect(h.broadcaster.changes).toHaveLength(2);
  });

  it('after a failed write, what a restart recovers is what everyone was shown', () => {
    const control = { failing: false };
    const h = open({ wrap: (j) => flakyJournal(j, control) });
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    control.failing = true;
    errorOf(h.dispatch(MODERATOR, { type: 'message.send', target: 'screens', text: 'Не сохранится' }));
    const shown = h.broadcaster.changes.at(-1)!.next;
    h.db.close();

    const again = open({ clock: h.clock });
    expect(again.service.state()).toStrictEqual(shown);
    expect(again.service.state().messages).toEqual([]);
  });
});

describe('exactly-once client ids', () => {
  it('the same id twice is applied once; the retry answers duplicate with the same version', () => {
    const h = open();
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    const command = { id: 'extend-kazan-1', type: 'speaker.extend', entryId: 'kazan', seconds: 30 };

    const first = h.dispatch(MODERATOR, command);
    const second = h.dispatch(MODERATOR, command);

    expect(first).toEqual({ ok: true, version: 2 });
    expect(second).toEqual({ ok: true, version: 2, duplicate: true });
    expect(h.service.state().version).toBe(2);
    expect(h.service.state().entries.kazan!.extraMs).toBe(30_000);
    expect(h.journal.records()).toHaveLength(2);
    expect(h.broadcaster.changes).toHaveLength(2);
  });

  it('a retry after other commands still answers with the version it was applied at', () => {
    const h = open();
    ok(h.dispatch(MODERATOR, { id: 'start', type: 'session.start' }));
    ok(h.dispatch(MODERATOR, { type: 'speaker.next' }));
    ok(h.dispatch(MODERATOR, { type: 'speaker.next' }));
    expect(h.dispatch(MODERATOR, { id: 'start', type: 'session.start' })).toEqual({ ok: true, version: 1, duplicate: true });
    expect(h.service.state().version).toBe(3);
  });

  it('ids are scoped per actor: the same id from different senders is applied for each', () => {
    const h = open();
    expect(ok(h.dispatch(participant('yakutsk'), { id: 'a', type: 'signal.send', kind: 'ready' }))).toBe(1);
    expect(ok(h.dispatch(participant('omsk'), { id: 'a', type: 'signal.send', kind: 'technical_problem' }))).toBe(2);
    expect(ok(h.dispatch(MODERATOR, { id: 'a', type: 'message.send', target: 'screens', text: 'Начинаем' }))).toBe(3);

    const state = h.service.state();
    expect(state.signals.yakutsk?.kind).toBe('ready');
    expect(state.signals.omsk?.kind).toBe('technical_problem');
    expect(state.messages.map((m) => m.text)).toEqual(['Начинаем']);

    // Each sender's own retry is still recognised.
    expect(h.dispatch(participant('omsk'), { id: 'a', type: 'signal.send', kind: 'technical_problem' })).toEqual({ ok: true, version: 2, duplicate: true });
    expect(h.dispatch(MODERATOR, { id: 'a', type: 'message.send', target: 'screens', text: 'Начинаем' })).toEqual({ ok: true, version: 3, duplicate: true });
    expect(h.service.state().version).toBe(3);
  });

  it('a refused command does not use up its id', () => {
    const h = open();
    expect(errorOf(h.dispatch(MODERATOR, { id: 'go', type: 'speaker.next' })).code).toBe('conflict');
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    expect(h.dispatch(MODERATOR, { id: 'go', type: 'speaker.next' })).toEqual({ ok: true, version: 2 });
  });

  it('ids are remembered across a restart', () => {
    const h = open();
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    ok(h.dispatch(MODERATOR, { id: 'next-1', type: 'speaker.next' }));
    h.db.close();

    const again = open({ clock: h.clock });
    expect(again.dispatch(MODERATOR, { id: 'next-1', type: 'speaker.next' })).toEqual({ ok: true, version: 2, duplicate: true });
    expect(again.service.state().currentEntryId).toBe('yakutsk');
    expect(again.broadcaster.changes).toHaveLength(0);
  });
});

describe('expectedVersion', () => {
  it('is stale once another moderator command landed; nothing changes', () => {
    const h = open();
    const v1 = ok(h.dispatch(MODERATOR, { type: 'session.start', expectedVersion: 0 }));
    ok(h.dispatch(MODERATOR, { type: 'message.send', target: 'screens', text: 'Перерыв 5 минут', expectedVersion: v1 }));
    const before = h.service.state();
    const broadcasts = h.broadcaster.changes.length;

    // A second console that still shows v1 presses "next".
    const error = errorOf(h.dispatch(MODERATOR, { type: 'speaker.next', expectedVersion: v1 }));

    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/expectedVersion/);
    expect(h.service.state()).toBe(before);
    expect(h.service.state().currentEntryId).toBeNull();
    expect(h.journal.records()).toHaveLength(2);
    expect(h.broadcaster.changes).toHaveLength(broadcasts);
  });

  it('is not stale when only the server changed presence since', () => {
    const h = open();
    const v1 = ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    ok(h.dispatch(SYSTEM, { type: 'presence.set', entryId: 'yakutsk', state: 'online' }));
    ok(h.dispatch(SYSTEM, { type: 'presence.set', entryId: 'omsk', state: 'online' }));
    ok(h.dispatch(SYSTEM, { type: 'presence.set', entryId: 'omsk', state: 'reconnecting' }));
    expect(h.service.state().version).toBe(4);

    expect(h.dispatch(MODERATOR, { type: 'speaker.next', expectedVersion: v1 })).toEqual({ ok: true, version: 5 });
    expect(h.service.state().currentEntryId).toBe('yakutsk');

    // ...but now that a moderator command landed, v1 is stale.
    expect(errorOf(h.dispatch(MODERATOR, { type: 'speaker.next', expectedVersion: v1 })).code).toBe('stale');
    expect(h.dispatch(MODERATOR, { type: 'speaker.next', expectedVersion: 5 })).toEqual({ ok: true, version: 6 });
  });

  it('a version the server has not reached is stale too', () => {
    const h = open();
    expect(errorOf(h.dispatch(MODERATOR, { type: 'session.start', expectedVersion: 7 })).code).toBe('stale');
    expect(h.service.state().phase).toBe('planned');
  });
});

describe('recovery', () => {
  /** A morning's worth of commands; returns the yakutsk turn start. */
  function runSession(h: Harness): number {
    h.clock.advance(60_000);
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    ok(h.dispatch(SYSTEM, { type: 'presence.set', entryId: 'yakutsk', state: 'online' }));
    h.clock.advance(5_000);
    ok(h.dispatch(MODERATOR, { type: 'speaker.next' }));
    const turnStart = h.clock.now();
    h.clock.advance(10_000);
    ok(h.dispatch(participant('omsk'), { type: 'signal.send', kind: 'request_floor' }));
    ok(h.dispatch(MODERATOR, { type: 'message.send', target: 'speaker', text: 'Осталась минута' }));
    ok(h.dispatch(MODERATOR, { type: 'entry.add', entry: { nameRu: 'Гость из Твери', kind: 'guest' }, index: 1 }));
    ok(h.dispatch(MODERATOR, { type: 'speaker.extend', seconds: 60 }));
    h.clock.advance(3_000);
    ok(h.dispatch(MODERATOR, { type: 'session.pause' }));
    h.clock.advance(20_000);
    ok(h.dispatch(MODERATOR, { type: 'session.resume' }));
    ok(h.dispatch(MODERATOR, { type: 'queue.defer', entryId: 'omsk' }));
    ok(h.dispatch(MODERATOR, { type: 'entry.checkIn', entryId: 'kazan', present: true }));
    ok(h.dispatch(MODERATOR, { type: 'entry.update', entryId: 'minsk', fields: { representative: 'Новый представитель', allottedSeconds: 90 } }));
    ok(h.dispatch(MODERATOR, { type: 'undo' }));
    ok(h.dispatch(MODERATOR, { type: 'event.update', fields: { warnSeconds: 45 } }));
    h.clock.advance(7_000);
    return turnStart;
  }

  it('reopening the database reproduces exactly the same state, the speaker still mid-turn', () => {
    const h = open();
    const turnStart = runSession(h);
    const live = h.service.state();
    expect(live.currentEntryId).toBe('yakutsk');
    h.db.close();

    h.clock.advance(30_000); // the server was down for half a minute
    const again = open({ clock: h.clock });
    const recovered = again.service.state();

    expect(recovered).toStrictEqual(live);
    const speaker = recovered.entries.yakutsk!;
    expect(speaker.status).toBe('speaking');
    expect(speaker.turns).toHaveLength(1);
    expect(speaker.turns[0]!.startedAt).toBe(turnStart);
    // The clock counts from the original start (minus the 20 s pause), not from the restart.
    expect(usedMs(speaker, again.clock.now())).toBe(again.clock.now() - turnStart - 20_000);

    // And the room carries on from the next version.
    expect(again.dispatch(MODERATOR, { type: 'speaker.next' })).toEqual({ ok: true, version: live.version + 1 });
    expect(again.service.state().entries.yakutsk!.turns[0]!.endedAt).toBe(again.clock.now());
  });

  it('a fresh database starts from the initial state and recovers it unchanged', () => {
    const h = open();
    expect(h.service.state()).toStrictEqual(fresh());
    h.db.close();
    expect(open().service.state()).toStrictEqual(fresh());
  });

  it('with snapshots every N versions, recovery starts from the latest snapshot and is still exact', () => {
    const h = open({ snapshotEvery: 4 });
    runSession(h); // 14 commands
    const live = h.service.state();
    expect(live.version).toBe(14);

    const snapshotVersions = (h.db.prepare("SELECT version FROM snapshots WHERE event_id = 'main' ORDER BY version").all() as { version: number }[]).map(
      (r) => r.version,
    );
    expect(snapshotVersions).toEqual([4, 8, 12]);
    const loaded = h.journal.load()!;
    expect(loaded.snapshot.version).toBe(12);
    expect(loaded.records.map((r) => r.version)).toEqual([13, 14]);
    expect(h.journal.records()).toHaveLength(14); // the journal itself is kept whole

    // Recovery really starts at the snapshot: a damaged record before it does not matter.
    h.db.prepare("UPDATE journal SET command = '{broken' WHERE event_id = 'main' AND version = 2").run();
    h.db.close();

    const again = open({ clock: h.clock, snapshotEvery: 4 });
    expect(again.service.state()).toStrictEqual(live);
  });

  it('checkpoint writes the current state so a restart replays nothing', () => {
    const h = open();
    runSession(h);
    h.service.checkpoint();
    const loaded = h.journal.load()!;
    expect(loaded.snapshot).toStrictEqual(h.service.state());
    expect(loaded.records).toEqual([]);
  });

  const corruptions: [string, (db: Db) => void, RegExp][] = [
    ['a row that is not JSON', (db) => db.prepare("UPDATE journal SET command = '{\"type\": \"speaker.ne' WHERE version = 2").run(), /version 2/],
    ['an unknown command', (db) => db.prepare(`UPDATE journal SET command = '{"type":"speaker.teleport"}' WHERE version = 2`).run(), /version 2/],
    ['a command that no longer applies', (db) => db.prepare(`UPDATE journal SET command = '{"type":"speaker.stop"}' WHERE version = 2`).run(), /version 2/],
    ['a context without an actor', (db) => db.prepare(`UPDATE journal SET ctx = '{"now":1,"newId":"x"}' WHERE version = 2`).run(), /version 2/],
    ['a missing row', (db) => db.prepare('DELETE FROM journal WHERE version = 2').run(), /version 3: version mismatch/],
  ];

  it.each(corruptions)('%s makes recovery fail with an error naming the journal version', (_label, corrupt, where) => {
    const h = open();
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    ok(h.dispatch(MODERATOR, { type: 'speaker.next' }));
    ok(h.dispatch(MODERATOR, { type: 'message.send', target: 'screens', text: 'Спасибо' }));
    corrupt(h.db);
    h.db.close();

    const db = openDatabase(join(dir, 'rollcall.db'));
    openDbs.push(db);
    const journal = createJournal(db, 'main');
    let thrown: unknown;
    try {
      recoverState(journal, fresh);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/journal/);
    expect((thrown as Error).message).toMatch(where);
  });
});
