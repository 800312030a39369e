// RollcallService in-process, restarted on the same SQLite journal: a restart recovers exactly the
// state the room was in, from the journal or from its latest snapshot, and a damaged journal makes
// recovery fail naming the version.
import { describe, expect, it } from 'vitest';
import { usedMs } from '../lib/time';
import { createJournal, type Db } from '../server/journal';
import { recoverState } from '../server/rollcall-service';
import { MODERATOR, SYSTEM, fresh, ok, participant, useServiceHarness, type Harness } from './support/service-harness';

const { open, openDb } = useServiceHarness();

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
    ok(
      h.dispatch(MODERATOR, {
        type: 'entry.update',
        entryId: 'minsk',
        fields: { representative: 'Новый представитель', allottedSeconds: 90 },
      }),
    );
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

  it('with snapshots every N versions, written after the commands, recovery starts from the latest and is still exact', () => {
    const held: (() => void)[] = [];
    const h = open({ snapshotEvery: 4, deferSnapshot: (write) => void held.push(write) });
    runSession(h); // 14 commands
    const live = h.service.state();
    expect(live.version).toBe(14);

    const snapshotVersions = () =>
      (h.db.prepare("SELECT version FROM snapshots WHERE event_id = 'main' ORDER BY version").all() as { version: number }[]).map(
        (r) => r.version,
      );
    // No command waited for a snapshot: each was journaled alone, and the one write still to come
    // holds the latest version due (4 and 8 were overtaken before it ran).
    expect(snapshotVersions()).toEqual([0]);
    expect(held).toHaveLength(1);
    held.shift()!();
    expect(snapshotVersions()).toEqual([0, 12]);
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
    [
      'a row that is not JSON',
      (db) => db.prepare('UPDATE journal SET command = \'{"type": "speaker.ne\' WHERE version = 2').run(),
      /journal record of event "main" at version 2/,
    ],
    [
      'an unknown command',
      (db) => db.prepare(`UPDATE journal SET command = '{"type":"speaker.teleport"}' WHERE version = 2`).run(),
      /the journal record of event "main" at version 2 \(command\) is damaged: type: /,
    ],
    [
      'a command that no longer applies',
      (db) => db.prepare(`UPDATE journal SET command = '{"type":"speaker.stop"}' WHERE version = 2`).run(),
      /journal replay failed at version 2/,
    ],
    [
      'a context without an actor',
      (db) => db.prepare(`UPDATE journal SET ctx = '{"now":1,"newId":"x"}' WHERE version = 2`).run(),
      /the journal record of event "main" at version 2 \(ctx\) is damaged: actor: /,
    ],
    [
      'a missing row',
      (db) => db.prepare('DELETE FROM journal WHERE version = 2').run(),
      /journal replay failed at version 3: it leads to version 2/,
    ],
    // Valid JSON of the wrong shape used to fail deep inside with "Cannot read properties of undefined".
    [
      'a snapshot of the wrong shape',
      (db) => db.prepare(`UPDATE snapshots SET state = '{"pool":[],"state":{"version":0}}'`).run(),
      /the snapshot of event "main" at version 0 is damaged: state\.\w+: /,
    ],
    [
      'a snapshot whose entries point nowhere',
      (db) => db.prepare("UPDATE snapshots SET state = json_set(state, '$.pool', json('[]'))").run(),
      /the snapshot of event "main" at version 0 is damaged: entry \S+ refers to a missing pool item/,
    ],
    [
      'a snapshot holding another version',
      (db) => db.prepare("UPDATE snapshots SET state = json_set(state, '$.state.version', 7)").run(),
      /the snapshot of event "main" at version 0 is damaged: it holds version 7/,
    ],
  ];

  it.each(corruptions)('%s makes recovery fail with an error naming where and which version', (_label, corrupt, where) => {
    const h = open();
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    ok(h.dispatch(MODERATOR, { type: 'speaker.next' }));
    ok(h.dispatch(MODERATOR, { type: 'message.send', target: 'screens', text: 'Спасибо' }));
    corrupt(h.db);
    h.db.close();

    const db = openDb();
    const journal = createJournal(db, 'main');
    let thrown: unknown;
    try {
      recoverState(journal, fresh);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(where);
  });
});
