// The durable journal: every accepted command with the context it ran in, plus periodic snapshots,
// in one SQLite file. State on disk = latest snapshot + the journal after it, replayed by the reducer.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { z } from 'zod';
import type { Entry, RollcallState } from '../lib/model';
import { commandSchema, describeZodError, type Command, type CommandContext } from '../lib/protocol';
import { commandContextSchema, entrySchema, stateSchemaOf } from '../lib/state-schema';

export interface JournalRecord {
  version: number;
  command: Command;
  ctx: CommandContext;
  /** `<actor>:<client id>` when the client named its command, for exactly-once retries. */
  clientKey: string | null;
}

export interface Journal {
  /**
   * Latest snapshot and every record after it, or null for an empty event. With `atOrBefore`, the
   * latest snapshot not newer than that version (the webhook outbox replays from there).
   */
  load(atOrBefore?: number): { snapshot: RollcallState; records: JournalRecord[] } | null;
  /** Writes the record in one transaction (synchronous=FULL): on disk when it returns. */
  append(record: JournalRecord): void;
  saveSnapshot(state: RollcallState): void;
  /** The command a client key was used for, and the version it landed at; null if the key is new. */
  applied(clientKey: string): { version: number; command: string } | null;
  records(fromVersion?: number): JournalRecord[];
}

export type Db = Database.Database;

/** The database and SQLite's side files hold contacts and link hashes: owner only. */
export const DB_FILE_MODE = 0o600;
export const dbSideFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`];

export function openDatabase(file: string): Db {
  // SQLite gives the -wal and -shm files the database file's mode, so create it 600 before it does.
  if (!existsSync(file)) closeSync(openSync(file, 'a', DB_FILE_MODE));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS journal (
      event_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      client_key TEXT,
      command TEXT NOT NULL,
      ctx TEXT NOT NULL,
      PRIMARY KEY (event_id, version)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS journal_client_key ON journal (event_id, client_key) WHERE client_key IS NOT NULL;
    CREATE TABLE IF NOT EXISTS snapshots (
      event_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      state TEXT NOT NULL,
      PRIMARY KEY (event_id, version)
    );
    CREATE TABLE IF NOT EXISTS join_links (
      event_id TEXT NOT NULL,
      entry_id TEXT NOT NULL,
      token_hash BLOB,
      sealed TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (event_id, entry_id)
    );
  `);
  for (const path of dbSideFiles(file)) if (existsSync(path)) chmodSync(path, DB_FILE_MODE);
  return db;
}

/** At most this many problems are named: a damaged row has one cause, and the rest follow from it. */
const PROBLEMS_NAMED = 3;

/**
 * Reads a stored JSON column through its schema: a damaged row fails with an error naming where it
 * is and what is wrong, never with a crash later on.
 */
export function parseStored<T>(text: string, schema: z.ZodType<T>, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is corrupt: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = new z.ZodError(parsed.error.issues.slice(0, PROBLEMS_NAMED));
  throw new Error(`${where} is damaged: ${describeZodError(problems)}`);
}

/**
 * Snapshots hold the undo stack too, whose frames share most entry objects with the live state.
 * Each distinct entry object is written once and referenced by index, which keeps a snapshot near
 * the size of one state instead of thirty, and restores the sharing on load.
 */
type EntryRefs = Record<string, number>;
const encodedStateSchema = z.object({ pool: z.array(entrySchema), state: stateSchemaOf(z.number().int().min(0)) });
type EncodedState = z.infer<typeof encodedStateSchema>;

export function encodeState(state: RollcallState): string {
  const pool: Entry[] = [];
  const index = new Map<Entry, number>();
  const refs = (entries: Record<string, Entry>): EntryRefs => {
    const out: EntryRefs = {};
    for (const [id, entry] of Object.entries(entries)) {
      let i = index.get(entry);
      if (i === undefined) index.set(entry, (i = pool.push(entry) - 1));
      out[id] = i;
    }
    return out;
  };
  const encoded: EncodedState = {
    pool,
    state: {
      ...state,
      entries: refs(state.entries),
      undo: state.undo.map((frame) => ({ ...frame, control: { ...frame.control, entries: refs(frame.control.entries) } })),
    },
  };
  return JSON.stringify(encoded);
}

export function decodeState(text: string, where: string): RollcallState {
  // Valid JSON of the wrong shape fails here, naming the place, not later inside the reducer.
  const { pool, state } = parseStored(text, encodedStateSchema, where);
  const entries = (refs: EntryRefs) =>
    Object.fromEntries(
      Object.entries(refs).map(([id, i]) => {
        const entry = pool[i];
        if (!entry) throw new Error(`${where} is damaged: entry ${id} refers to a missing pool item ${i}`);
        return [id, entry];
      }),
    );
  return {
    ...state,
    entries: entries(state.entries),
    undo: state.undo.map((frame) => ({ ...frame, control: { ...frame.control, entries: entries(frame.control.entries) } })),
  };
}

/** A journal row as both stores keep it: command and context as JSON text. */
export interface JournalRow {
  version: number;
  client_key: string | null;
  command: string;
  ctx: string;
}

/** Reads a stored row through the schemas; damage is named with the event and version. */
export function recordOf(eventId: string, row: JournalRow): JournalRecord {
  const where = (part: string) => `the journal record of event "${eventId}" at version ${row.version} (${part})`;
  return {
    version: row.version,
    clientKey: row.client_key,
    command: parseStored(row.command, commandSchema, where('command')),
    ctx: parseStored(row.ctx, commandContextSchema, where('ctx')),
  };
}

/** Snapshots older than the newest few are pruned; the journal itself is kept whole for reports. */
export const SNAPSHOTS_KEPT = 3;

export function createJournal(db: Db, eventId: string): Journal {
  const insertRecord = db.prepare('INSERT INTO journal (event_id, version, client_key, command, ctx) VALUES (?, ?, ?, ?, ?)');
  const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (event_id, version, state) VALUES (?, ?, ?)');
  const pruneSnapshots = db.prepare(
    'DELETE FROM snapshots WHERE event_id = ? AND version NOT IN (SELECT version FROM snapshots WHERE event_id = ? ORDER BY version DESC LIMIT ?)',
  );
  const latestSnapshot = db.prepare(
    'SELECT version, state FROM snapshots WHERE event_id = ? AND version <= ? ORDER BY version DESC LIMIT 1',
  );
  const recordsAfter = db.prepare(
    'SELECT version, client_key, command, ctx FROM journal WHERE event_id = ? AND version > ? ORDER BY version',
  );
  const byClientKey = db.prepare('SELECT version, command FROM journal WHERE event_id = ? AND client_key = ?');

  const writeSnapshot = (state: RollcallState) => {
    insertSnapshot.run(eventId, state.version, encodeState(state));
    pruneSnapshots.run(eventId, eventId, SNAPSHOTS_KEPT);
  };
  const readRecords = (fromVersion: number): JournalRecord[] =>
    (recordsAfter.all(eventId, fromVersion) as JournalRow[]).map((row) => recordOf(eventId, row));

  return {
    load(atOrBefore = Number.MAX_SAFE_INTEGER) {
      const row = latestSnapshot.get(eventId, atOrBefore) as { version: number; state: string } | undefined;
      if (!row) return null;
      const where = `the snapshot of event "${eventId}" at version ${row.version}`;
      const snapshot = decodeState(row.state, where);
      if (snapshot.version !== row.version) throw new Error(`${where} is damaged: it holds version ${snapshot.version}`);
      return { snapshot, records: readRecords(row.version) };
    },
    // One statement is one transaction (autocommit): committed and synced when run() returns.
    append: (record) =>
      void insertRecord.run(eventId, record.version, record.clientKey, JSON.stringify(record.command), JSON.stringify(record.ctx)),
    saveSnapshot: (state) => db.transaction(writeSnapshot)(state),
    applied(clientKey) {
      return (byClientKey.get(eventId, clientKey) as { version: number; command: string } | undefined) ?? null;
    },
    records: (fromVersion = 0) => readRecords(fromVersion),
  };
}
