// RollcallService in-process for the service tests: a small round table of four cities, a fake
// clock, a real SQLite journal in a temp dir (a fresh one for every test) and a feed that records
// every committed record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Actor } from '../../lib/model';
import type { CommandResult } from '../../lib/protocol';
import { initialState, parseRoundTable } from '../../lib/seed';
import type { CommitFeed, CommittedRecord } from '../../server/commit-feed';
import { createJournal, openDatabase, type Db, type Journal } from '../../server/journal';
import { silentLogger } from '../../server/logger';
import { FakeTime } from './fake-time';
import { createRollcallService, recoverState, type RollcallService } from '../../server/rollcall-service';

export const MODERATOR: Actor = { role: 'moderator' };
export const SYSTEM: Actor = { role: 'system' };
export const participant = (entryId: string): Actor => ({ role: 'participant', entryId });

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
export const fresh = () => initialState(parseRoundTable(ROUND_TABLE));

export class RecordingFeed implements Pick<CommitFeed, 'publish'> {
  readonly records: CommittedRecord[] = [];
  publish(record: CommittedRecord) {
    this.records.push(record);
  }
}

/** A journal that refuses to write while `control.failing` is set, as a full disk would. */
export function flakyJournal(inner: Journal, control: { failing: boolean }): Journal {
  return {
    load: () => inner.load(),
    append: (record) => {
      if (control.failing) throw new Error('SQLITE_FULL: database or disk is full');
      inner.append(record);
    },
    saveSnapshot: (state) => inner.saveSnapshot(state),
    applied: (key) => inner.applied(key),
    records: (from) => inner.records(from),
  };
}

export { FakeTime };
export const START = Date.parse('2026-12-10T10:00:00+03:00');

export interface Harness {
  db: Db;
  journal: Journal;
  clock: FakeTime;
  feed: RecordingFeed;
  service: RollcallService;
  dispatch: (actor: Actor, raw: unknown) => CommandResult;
}

/**
 * A fresh temp dir for every test, removed (its databases closed) afterwards. `open()` starts a
 * service on the dir's database, recovering what an earlier `open()` left there; `openDb()` opens
 * that database alone.
 */
export function useServiceHarness() {
  let dir: string;
  let openDbs: Db[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rollcall-service-'));
    openDbs = [];
  });
  afterEach(() => {
    for (const db of openDbs) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function openDb(): Db {
    const db = openDatabase(join(dir, 'rollcall.db'));
    openDbs.push(db);
    return db;
  }

  function open(
    options: { clock?: FakeTime; snapshotEvery?: number; deferSnapshot?: (write: () => void) => void; wrap?: (j: Journal) => Journal } = {},
  ): Harness {
    const db = openDb();
    const journal = (options.wrap ?? ((j) => j))(createJournal(db, 'main'));
    const clock = options.clock ?? new FakeTime(START);
    const feed = new RecordingFeed();
    let n = 0;
    const service = createRollcallService(recoverState(journal, fresh), {
      eventId: 'main',
      clock,
      journal,
      feed,
      logger: silentLogger(),
      newId: () => `new-${++n}`,
      snapshotEvery: options.snapshotEvery,
      deferSnapshot: options.deferSnapshot,
    });
    return { db, journal, clock, feed, service, dispatch: (actor, raw) => service.dispatch(actor, raw) };
  }

  return { open, openDb };
}

export function ok(result: CommandResult): number {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.version;
}

export function errorOf(result: CommandResult) {
  if (result.ok) throw new Error(`expected an error, got version ${result.version}`);
  return result.error;
}
