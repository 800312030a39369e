// Moving an embedded data dir into Postgres for cluster mode: every table copied as it is, in one
// transaction, into an empty database; then each event recovered on both sides (snapshot + journal,
// replayed by the reducer) and compared. Nothing is written unless all of it can be, and a database
// that already holds a roll call is refused, never merged into.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { unsealToken } from '../credentials';
import { LINKS_KEY, StartupError } from '../data-dir';
import { createJournal, decodeState, encodeState, recordOf, type JournalRow } from '../journal';
import { recoverState, replayRecord } from '../rollcall-service';
import { createPgStore } from './pg-store';

export interface MigrationReport {
  events: { id: string; version: number; records: number }[];
  links: number;
  /** The links key the nodes need (ROLLCALL_LINKS_KEY), as it is in the data dir's links.key. */
  linksKey: string;
}

const TABLES = {
  events: ['id', 'created_at', 'rehearsal_of'],
  settings: ['key', 'value'],
  journal: ['event_id', 'version', 'client_key', 'command', 'ctx'],
  snapshots: ['event_id', 'version', 'state'],
  join_links: ['event_id', 'entry_id', 'token_hash', 'sealed', 'created_at'],
} as const;

export async function migrateDataDir(from: string, databaseUrl: string, linksKeyFromEnv?: string): Promise<MigrationReport> {
  if (!existsSync(from)) throw new StartupError(`${from} does not exist.\nFix: name the embedded database, e.g. --from data/rollcall.db`);
  const keyFile = join(dirname(from), LINKS_KEY);
  if (!existsSync(keyFile))
    throw new StartupError(
      `${keyFile} is missing: the join links in ${from} cannot be opened without it.\nFix: restore it beside the database.`,
    );
  const linksKey = readFileSync(keyFile, 'utf8').trim();
  if (linksKeyFromEnv && linksKeyFromEnv.trim() !== linksKey)
    throw new StartupError(
      `ROLLCALL_LINKS_KEY is not the key in ${keyFile}: the cities' links would stop working.\nFix: set ROLLCALL_LINKS_KEY to the content of ${keyFile} (or unset it for the migration).`,
    );
  const sealingKey = Buffer.from(linksKey, 'base64');

  const db = new Database(from, { fileMustExist: true, readonly: true });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const rows = Object.fromEntries(
      Object.entries(TABLES).map(([table, columns]) => [
        table,
        db
          .prepare(`SELECT ${columns.join(', ')} FROM ${table}`)
          .raw()
          .all() as unknown[][],
      ]),
    ) as Record<keyof typeof TABLES, unknown[][]>;
    if (rows.events.length === 0) throw new StartupError(`${from} holds no event: there is nothing to migrate.`);
    // Links that the key cannot open would be lost silently in the cluster: stop here instead.
    for (const [eventId, entryId, , sealed] of rows.join_links as [string, string, Buffer | null, string | null][]) {
      if (!sealed) continue;
      try {
        unsealToken(sealingKey, sealed);
      } catch {
        throw new StartupError(
          `${keyFile} does not open the link of "${entryId}" in event "${eventId}".\nFix: restore the links.key that belongs with ${from}.`,
        );
      }
    }

    const events: MigrationReport['events'] = [];
    const store = createPgStore(pool, 'migrate');
    await store.createSchema();
    await store.transaction(async (c) => {
      const held = await c.query('SELECT count(*)::int AS n FROM events');
      if ((held.rows[0] as { n: number }).n > 0)
        throw new StartupError(
          'the Postgres database already holds events: migrate into an empty database (CREATE DATABASE …), never over a roll call.',
        );
      for (const [table, columns] of Object.entries(TABLES)) {
        const marks = columns.map((_, i) => `$${i + 1}`).join(', ');
        for (const row of rows[table as keyof typeof TABLES])
          await c.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${marks})`, row);
      }
      // Verified before the commit, by replay: each event recovered from the file and from what
      // Postgres now holds must be the same state; any difference rolls the whole copy back.
      for (const [id] of rows.events as [string][]) {
        const expected = recoverState(createJournal(db, id), () => {
          throw new Error(`event "${id}" has no snapshot in ${from}`);
        });
        const snapshot = (await c.query('SELECT version, state FROM snapshots WHERE event_id = $1 ORDER BY version DESC LIMIT 1', [id]))
          .rows[0] as { version: number; state: string } | undefined;
        if (!snapshot) throw new Error(`verification failed: event "${id}" has no snapshot in Postgres`);
        const stored = (await c.query('SELECT version, client_key, command, ctx FROM journal WHERE event_id = $1 ORDER BY version', [id]))
          .rows as JournalRow[];
        const records = stored.map((row) => recordOf(id, row));
        const recovered = records
          .filter((r) => r.version > snapshot.version)
          .reduce(replayRecord, decodeState(snapshot.state, `the snapshot of "${id}" in Postgres`));
        if (encodeState(recovered) !== encodeState(expected))
          throw new Error(
            `verification failed: event "${id}" replays to a different state in Postgres (version ${recovered.version}, expected ${expected.version}); nothing was copied`,
          );
        events.push({ id, version: recovered.version, records: records.length });
      }
    });
    return { events, links: rows.join_links.length, linksKey };
  } finally {
    db.close();
    await pool.end();
  }
}
