// RollcallService in-process: a fake clock, a real SQLite journal in a temp dir and a recording
// feed. Checks the dispatch pipeline (validate -> exactly-once -> stale -> reduce -> persist ->
// publish), and that nothing after the commit can turn an accepted command into an error.
import { describe, expect, it } from 'vitest';
import { createCommitFeed, type CommittedRecord } from '../server/commit-feed';
import { createJournal } from '../server/journal';
import { createRollcallService } from '../server/rollcall-service';
import { captureLog } from './support/log-capture';
import {
  FakeTime,
  MODERATOR,
  START,
  SYSTEM,
  errorOf,
  flakyJournal,
  fresh,
  ok,
  participant,
  useServiceHarness,
} from './support/service-harness';

const { open } = useServiceHarness();

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
    expect(h.feed.records).toHaveLength(0);
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
    expect(h.feed.records).toHaveLength(1);
    expect(h.feed.records[0]!.prev.version).toBe(0);
    expect(h.feed.records[0]!.next).toBe(h.service.state());
    expect(h.feed.records[0]!.ctx.now).toBe(START + 5_000);
    expect(h.feed.records[0]!.notices).toEqual([{ type: 'phase', phase: 'live' }]);
  });

  it('a command the state does not allow is refused without a journal record or broadcast', () => {
    const h = open();
    const error = errorOf(h.dispatch(MODERATOR, { type: 'speaker.next' }));
    expect(error.code).toBe('conflict');
    expect(error.reason).toBe('session_not_started');
    expect(h.service.state().version).toBe(0);
    expect(h.journal.records()).toHaveLength(0);
    expect(h.feed.records).toHaveLength(0);
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
    expect(h.feed.records).toHaveLength(1);
    expect(h.journal.records()).toHaveLength(1);

    // Once storage is back, the retry with the same client id is applied (the failure did not use
    // up the id) at the very next version.
    control.failing = false;
    expect(h.dispatch(MODERATOR, { id: 'click-1', type: 'speaker.next' })).toEqual({ ok: true, version: 2 });
    expect(h.service.state().currentEntryId).toBe('yakutsk');
    expect(h.feed.records).toHaveLength(2);
  });

  it('after a failed write, what a restart recovers is what everyone was shown', () => {
    const control = { failing: false };
    const h = open({ wrap: (j) => flakyJournal(j, control) });
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    control.failing = true;
    errorOf(h.dispatch(MODERATOR, { type: 'message.send', target: 'screens', text: 'Не сохранится' }));
    const shown = h.feed.records.at(-1)!.next;
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
    expect(h.feed.records).toHaveLength(2);
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
    expect(h.dispatch(participant('omsk'), { id: 'a', type: 'signal.send', kind: 'technical_problem' })).toEqual({
      ok: true,
      version: 2,
      duplicate: true,
    });
    expect(h.dispatch(MODERATOR, { id: 'a', type: 'message.send', target: 'screens', text: 'Начинаем' })).toEqual({
      ok: true,
      version: 3,
      duplicate: true,
    });
    expect(h.service.state().version).toBe(3);
  });

  it('a refused command does not use up its id', () => {
    const h = open();
    expect(errorOf(h.dispatch(MODERATOR, { id: 'go', type: 'speaker.next' })).code).toBe('conflict');
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    expect(h.dispatch(MODERATOR, { id: 'go', type: 'speaker.next' })).toEqual({ ok: true, version: 2 });
  });

  it('a different command under a used id is refused as id_reused, and nothing changes', () => {
    const h = open();
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    // A Stream Deck button with a fixed id: "next" once, then "extend" under the same id.
    expect(ok(h.dispatch(MODERATOR, { id: 'btn-1', type: 'speaker.next' }))).toBe(2);
    const before = h.service.state();
    const error = errorOf(h.dispatch(MODERATOR, { id: 'btn-1', type: 'speaker.extend', seconds: 30 }));
    expect(error).toMatchObject({ code: 'conflict', reason: 'id_reused' });
    expect(error.message).toMatch(/^id: "btn-1" was already used/);
    expect(h.service.state()).toBe(before);
    // The same id with other fields is another command too.
    expect(errorOf(h.dispatch(MODERATOR, { id: 'btn-1', type: 'speaker.next', expectedVersion: 2 })).reason).toBe('id_reused');
    // The true retry, with its fields in another order, is still the same command.
    const retry = h.dispatch(MODERATOR, JSON.parse('{"type":"speaker.next","id":"btn-1"}'));
    expect(retry).toEqual({ ok: true, version: 2, duplicate: true });
    expect(h.journal.records()).toHaveLength(2);
  });

  it('ids are remembered across a restart', () => {
    const h = open();
    ok(h.dispatch(MODERATOR, { type: 'session.start' }));
    ok(h.dispatch(MODERATOR, { id: 'next-1', type: 'speaker.next' }));
    h.db.close();

    const again = open({ clock: h.clock });
    expect(again.dispatch(MODERATOR, { id: 'next-1', type: 'speaker.next' })).toEqual({ ok: true, version: 2, duplicate: true });
    expect(again.service.state().currentEntryId).toBe('yakutsk');
    expect(again.feed.records).toHaveLength(0);
  });
});

describe('expectedVersion', () => {
  it('is stale once another moderator command landed; nothing changes', () => {
    const h = open();
    const v1 = ok(h.dispatch(MODERATOR, { type: 'session.start', expectedVersion: 0 }));
    ok(h.dispatch(MODERATOR, { type: 'message.send', target: 'screens', text: 'Перерыв 5 минут', expectedVersion: v1 }));
    const before = h.service.state();
    const broadcasts = h.feed.records.length;

    // A second console that still shows v1 presses "next".
    const error = errorOf(h.dispatch(MODERATOR, { type: 'speaker.next', expectedVersion: v1 }));

    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/expectedVersion/);
    expect(h.service.state()).toBe(before);
    expect(h.service.state().currentEntryId).toBeNull();
    expect(h.journal.records()).toHaveLength(2);
    expect(h.feed.records).toHaveLength(broadcasts);
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

describe('after the commit', () => {
  const { openDb } = useServiceHarness();

  it('subscribers hear of a record after the command is answered; one that throws is logged, the others still hear of it', async () => {
    const log = captureLog();
    const feed = createCommitFeed(log.logger);
    const heard: CommittedRecord[] = [];
    feed.subscribe('broken sockets', () => {
      throw new Error('socket write failed');
    });
    feed.subscribe('recorder', (record) => heard.push(record));
    const journal = createJournal(openDb(), 'main');
    const clock = new FakeTime(START);
    const service = createRollcallService(fresh(), { eventId: 'main', clock, journal, feed, logger: log.logger, newId: () => 'n1' });

    expect(service.dispatch(MODERATOR, { type: 'session.start' })).toEqual({ ok: true, version: 1 });
    expect(service.state().phase).toBe('live');
    expect(journal.records()).toHaveLength(1);
    // The transport writes the answer in this turn; the subscribers' work (views, diffs, frames) follows it.
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard.map((r) => [r.eventId, r.version, r.command.type])).toEqual([['main', 1, 'session.start']]);
    const [failure] = log.find(/subscriber failed/);
    expect(failure).toMatchObject({ level: 50, subscriber: 'broken sockets', eventId: 'main', version: 1, type: 'session.start' });
  });

  it('a storage failure is logged with the event and version, not the payload', () => {
    const log = captureLog();
    const control = { failing: true };
    const journal = flakyJournal(createJournal(openDb(), 'main'), control);
    const service = createRollcallService(fresh(), {
      eventId: 'main',
      clock: new FakeTime(START),
      journal,
      feed: createCommitFeed(log.logger),
      logger: log.logger,
      newId: () => 'n1',
    });
    const contact = 'secret-contact@example.org';
    expect(errorOf(service.dispatch(MODERATOR, { type: 'entry.update', entryId: 'omsk', fields: { contact } })).reason).toBe(
      'storage_failed',
    );
    expect(log.find(/storage failed/)[0]).toMatchObject({ level: 50, eventId: 'main', version: 1, type: 'entry.update' });
    expect(log.text()).not.toContain(contact);
  });
});
