// The cluster's single source of truth in Postgres: the same tables as the embedded SQLite file
// (events, settings, journal, snapshots, join_links), plus what the nodes share about themselves
// (nodes, presence, leases). Every change other nodes must hear of sends a NOTIFY in its own
// transaction, so it is heard only once it is committed.
import type pg from 'pg';
import type { RollcallState } from '../../lib/model';
import { encodeState, SNAPSHOTS_KEPT, type JournalRecord, type JournalRow } from '../journal';

export const CHANNEL = 'rollcall';

/** What a NOTIFY on the channel says; `node` is the sender, so it can skip its own. */
export type Notice =
  | { kind: 'journal'; eventId: string; version: number; node: string }
  | { kind: 'links'; eventId: string; entryId: string; node: string }
  | { kind: 'events'; node: string };

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (id text PRIMARY KEY, created_at bigint NOT NULL, rehearsal_of text);
  CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE IF NOT EXISTS journal (
    event_id text NOT NULL,
    version integer NOT NULL,
    client_key text,
    command text NOT NULL,
    ctx text NOT NULL,
    PRIMARY KEY (event_id, version)
  );
  CREATE UNIQUE INDEX IF NOT EXISTS journal_client_key ON journal (event_id, client_key) WHERE client_key IS NOT NULL;
  CREATE TABLE IF NOT EXISTS snapshots (event_id text NOT NULL, version integer NOT NULL, state text NOT NULL, PRIMARY KEY (event_id, version));
  CREATE TABLE IF NOT EXISTS join_links (
    event_id text NOT NULL,
    entry_id text NOT NULL,
    token_hash bytea,
    sealed text,
    created_at bigint NOT NULL,
    PRIMARY KEY (event_id, entry_id)
  );
  CREATE TABLE IF NOT EXISTS nodes (
    node_id text PRIMARY KEY,
    seen_at timestamptz NOT NULL,
    viewers integer NOT NULL DEFAULT 0,
    moderators integer NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS presence (node_id text NOT NULL, event_id text NOT NULL, entry_id text NOT NULL, PRIMARY KEY (node_id, event_id, entry_id));
  CREATE TABLE IF NOT EXISTS leases (name text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL);
`;

/** Any number for the advisory lock that lets one node at a time create the tables. */
const SCHEMA_LOCK = 7_411_001;

/** A unique key said no: another node took this version (or this client key) first. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

export interface LinkRow {
  entry_id: string;
  token_hash: Buffer | null;
  sealed: string | null;
}

export type PgStore = ReturnType<typeof createPgStore>;

export function createPgStore(pool: pg.Pool, nodeId: string) {
  const notice = (n: Notice) => JSON.stringify(n);
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T | undefined> =>
    (await pool.query(sql, params)).rows[0] as T | undefined;
  const all = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

  /** Runs `fn` in one transaction on one connection. */
  async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    pool,
    transaction,
    async createSchema() {
      await transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await c.query(SCHEMA);
      });
    },

    events: () => all<{ id: string; rehearsal_of: string | null }>('SELECT id, rehearsal_of FROM events ORDER BY created_at, id', []),
    /** Creates the first event if there is none; true when this node created it. */
    async createFirstEvent(id: string, now: number, snapshot: RollcallState): Promise<boolean> {
      return transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        if ((await c.query('SELECT 1 FROM events LIMIT 1')).rowCount) return false;
        await c.query('INSERT INTO events (id, created_at, rehearsal_of) VALUES ($1, $2, NULL)', [id, now]);
        await c.query('INSERT INTO snapshots (event_id, version, state) VALUES ($1, $2, $3)', [
          id,
          snapshot.version,
          encodeState(snapshot),
        ]);
        return true;
      });
    },
    setting: async (key: string) => (await one<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))?.value ?? null,
    async setSetting(key: string, value: string, tell = false) {
      await transaction(async (c) => {
        await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
          key,
          value,
        ]);
        if (tell) await c.query('SELECT pg_notify($1, $2)', [CHANNEL, notice({ kind: 'events', node: nodeId })]);
      });
    },
    /** Creates a rehearsal: its row, the counter, its links copied from the source, its first snapshot. */
    async createEvent(id: string, rehearsalOf: string, counter: [string, string], now: number, snapshot: RollcallState) {
      await transaction(async (c) => {
        await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', counter);
        await c.query('INSERT INTO events (id, created_at, rehearsal_of) VALUES ($1, $2, $3)', [id, now, rehearsalOf]);
        await c.query(
          `INSERT INTO join_links (event_id, entry_id, token_hash, sealed, created_at)
           SELECT $1, entry_id, token_hash, sealed, created_at FROM join_links WHERE event_id = $2
           ON CONFLICT (event_id, entry_id) DO UPDATE SET token_hash = excluded.token_hash, sealed = excluded.sealed, created_at = excluded.created_at`,
          [id, rehearsalOf],
        );
        await c.query('INSERT INTO snapshots (event_id, version, state) VALUES ($1, $2, $3)', [
          id,
          snapshot.version,
          encodeState(snapshot),
        ]);
        await c.query('SELECT pg_notify($1, $2)', [CHANNEL, notice({ kind: 'events', node: nodeId })]);
      });
    },
    async deleteEvent(id: string) {
      await transaction(async (c) => {
        for (const table of ['journal', 'snapshots', 'join_links', 'presence'])
          await c.query(`DELETE FROM ${table} WHERE event_id = $1`, [id]);
        await c.query('DELETE FROM events WHERE id = $1', [id]);
        await c.query('SELECT pg_notify($1, $2)', [CHANNEL, notice({ kind: 'events', node: nodeId })]);
      });
    },

    /** The latest snapshot, as stored. */
    latestSnapshot: (eventId: string) =>
      one<{ version: number; state: string }>('SELECT version, state FROM snapshots WHERE event_id = $1 ORDER BY version DESC LIMIT 1', [
        eventId,
      ]),
    recordsAfter: (eventId: string, version: number) =>
      all<JournalRow>('SELECT version, client_key, command, ctx FROM journal WHERE event_id = $1 AND version > $2 ORDER BY version', [
        eventId,
        version,
      ]),
    applied: async (eventId: string, clientKey: string) =>
      (await one<{ version: number; command: string }>('SELECT version, command FROM journal WHERE event_id = $1 AND client_key = $2', [
        eventId,
        clientKey,
      ])) ?? null,
    /**
     * Appends one record (and a snapshot, if given) in one transaction, with its NOTIFY. Throws a
     * unique violation when another node took the version or the client key first.
     */
    async append(eventId: string, record: JournalRecord, snapshot?: RollcallState) {
      const row = [eventId, record.version, record.clientKey, JSON.stringify(record.command), JSON.stringify(record.ctx)];
      const told = notice({ kind: 'journal', eventId, version: record.version, node: nodeId });
      if (!snapshot) {
        // One statement is one transaction: the common case costs one round trip.
        await pool.query(
          `WITH appended AS (INSERT INTO journal (event_id, version, client_key, command, ctx) VALUES ($1, $2, $3, $4, $5) RETURNING version)
           SELECT pg_notify($6, $7) FROM appended`,
          [...row, CHANNEL, told],
        );
        return;
      }
      await transaction(async (c) => {
        await c.query('INSERT INTO journal (event_id, version, client_key, command, ctx) VALUES ($1, $2, $3, $4, $5)', row);
        await c.query('INSERT INTO snapshots (event_id, version, state) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          eventId,
          snapshot.version,
          encodeState(snapshot),
        ]);
        await c.query(
          'DELETE FROM snapshots WHERE event_id = $1 AND version NOT IN (SELECT version FROM snapshots WHERE event_id = $1 ORDER BY version DESC LIMIT $2)',
          [eventId, SNAPSHOTS_KEPT],
        );
        await c.query('SELECT pg_notify($1, $2)', [CHANNEL, told]);
      });
    },
    saveSnapshot: (eventId: string, state: RollcallState) =>
      pool.query('INSERT INTO snapshots (event_id, version, state) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        eventId,
        state.version,
        encodeState(state),
      ]),

    links: (eventId: string) => all<LinkRow>('SELECT entry_id, token_hash, sealed FROM join_links WHERE event_id = $1', [eventId]),
    /** Sets an entry's link, and the same link in every event that shares it (a rehearsal's), telling the other nodes. */
    async putLink(eventId: string, entryId: string, hash: Buffer | null, sealed: string | null, now: number, onlyIfMissing = false) {
      return transaction(async (c) => {
        const old = (await c.query('SELECT token_hash FROM join_links WHERE event_id = $1 AND entry_id = $2', [eventId, entryId]))
          .rows[0] as { token_hash: Buffer | null } | undefined;
        if (onlyIfMissing && old) return false;
        if (old?.token_hash)
          await c.query(
            'UPDATE join_links SET token_hash = $1, sealed = $2, created_at = $3 WHERE entry_id = $4 AND token_hash = $5 AND event_id <> $6',
            [hash, sealed, now, entryId, old.token_hash, eventId],
          );
        await c.query(
          `INSERT INTO join_links (event_id, entry_id, token_hash, sealed, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (event_id, entry_id) DO UPDATE SET token_hash = excluded.token_hash, sealed = excluded.sealed, created_at = excluded.created_at`,
          [eventId, entryId, hash, sealed, now],
        );
        await c.query('SELECT pg_notify($1, $2)', [CHANNEL, notice({ kind: 'links', eventId, entryId, node: nodeId })]);
        return true;
      });
    },
  };
}
