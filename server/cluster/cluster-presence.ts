// Who is online, across the cluster. Each node keeps a row per city it has a socket of (`presence`)
// and beats its heart every second (`nodes`, with its counts of screens and moderators). A city is
// online while any live node has it: one city on two nodes is online once. When a node dies its
// heart stops; the node holding the `presence` lease (one at a time, renewed each second, taken over
// when it lapses) then turns that node's cities `reconnecting`, and `offline` after the grace. Every
// change is an ordinary `presence.set` command by the system actor, journaled like any other.
import type pg from 'pg';
import type { Actor, ConnectionState } from '../../lib/model';
import type { Headcount } from '../../lib/protocol';
import { loggedTimers, type Clock, type Timer, type Timers } from '../clock';
import type { Logger } from '../logger';
import type { Presence, PresenceDeps } from '../presence';
import type { ClusterLiveEvent } from './cluster-registry';

export const BEAT_MS = 1000;
/** A node whose heart has not beaten for this long is dead to the others. */
export const DEAD_AFTER_MS = 3000;
const LEASE = 'presence';
const SYSTEM: Actor = { role: 'system' };

export interface ClusterPresenceDeps {
  pool: pg.Pool;
  nodeId: string;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  graceMs: number;
  active: () => ClusterLiveEvent;
}

export function createClusterPresence(deps: ClusterPresenceDeps) {
  const { pool, nodeId, logger } = deps;
  const timers = loggedTimers(deps.timers, logger, 'cluster presence');
  const dead = `${DEAD_AFTER_MS} milliseconds`;
  let local: PresenceDeps | null = null;
  let localHeadcount: () => Headcount = () => ({ viewers: 0, participants: 0, moderators: 0 });
  let announce = () => {};
  let others = { viewers: 0, moderators: 0, entries: new Set<string>() };
  let timer: Timer | null = null;
  let closed = false;
  const quietly = (what: string) => (error: unknown) => logger.warn({ err: error, what }, 'cluster presence: a database call failed');

  const set = (event: ClusterLiveEvent, entryId: string, to: ConnectionState) =>
    event.service.dispatch(
      SYSTEM,
      { type: 'presence.set', entryId, state: to },
      (state) => entryId in state.entries && (state.connections[entryId]?.state ?? 'offline') !== to,
    );
  const heldElsewhere = async (eventId: string, entryId: string) =>
    (
      await pool.query(
        `SELECT 1 FROM presence p JOIN nodes n USING (node_id)
         WHERE p.event_id = $1 AND p.entry_id = $2 AND p.node_id <> $3 AND n.seen_at > now() - $4::interval LIMIT 1`,
        [eventId, entryId, nodeId, dead],
      )
    ).rowCount! > 0;
  const hold = (eventId: string, entryId: string) =>
    pool.query('INSERT INTO presence (node_id, event_id, entry_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [nodeId, eventId, entryId]);
  const release = (eventId: string, entryId: string) =>
    pool.query('DELETE FROM presence WHERE node_id = $1 AND event_id = $2 AND entry_id = $3', [nodeId, eventId, entryId]);

  /** The heartbeat: this node's rows and counts, the others' counts, and (holding the lease) the sweep. */
  async function beat() {
    const event = deps.active();
    const mine = local?.connectedEntries() ?? [];
    const counts = localHeadcount();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO nodes (node_id, seen_at, viewers, moderators) VALUES ($1, now(), $2, $3)
         ON CONFLICT (node_id) DO UPDATE SET seen_at = now(), viewers = excluded.viewers, moderators = excluded.moderators`,
        [nodeId, counts.viewers, counts.moderators],
      );
      // Rows are rewritten every beat: a node frozen long enough to be swept puts its cities back.
      await client.query('DELETE FROM presence WHERE node_id = $1 AND NOT (event_id = $2 AND entry_id = ANY($3))', [
        nodeId,
        event.id,
        mine,
      ]);
      await client.query('INSERT INTO presence (node_id, event_id, entry_id) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING', [
        nodeId,
        event.id,
        mine,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    const sums = await pool.query<{ viewers: string; moderators: string }>(
      'SELECT coalesce(sum(viewers), 0) AS viewers, coalesce(sum(moderators), 0) AS moderators FROM nodes WHERE node_id <> $1 AND seen_at > now() - $2::interval',
      [nodeId, dead],
    );
    const entries = await pool.query<{ entry_id: string }>(
      `SELECT DISTINCT p.entry_id FROM presence p JOIN nodes n USING (node_id)
       WHERE p.event_id = $1 AND p.node_id <> $2 AND n.seen_at > now() - $3::interval`,
      [event.id, nodeId, dead],
    );
    const next = {
      viewers: Number(sums.rows[0]!.viewers),
      moderators: Number(sums.rows[0]!.moderators),
      entries: new Set(entries.rows.map((r) => r.entry_id)),
    };
    const changed =
      next.viewers !== others.viewers ||
      next.moderators !== others.moderators ||
      next.entries.size !== others.entries.size ||
      [...next.entries].some((id) => !others.entries.has(id));
    others = next;
    if (changed) announce();
    const lease = await pool.query(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3::interval)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at < now() RETURNING holder`,
      [LEASE, nodeId, dead],
    );
    if (lease.rowCount) await sweep(event, new Set([...mine, ...others.entries]));
  }

  /** One node at a time: what the state says about each city, made to agree with who holds it. */
  async function sweep(event: ClusterLiveEvent, held: Set<string>) {
    const now = deps.clock.now();
    for (const [entryId, connection] of Object.entries(event.service.state().connections)) {
      if (held.has(entryId)) continue;
      if (connection.state === 'online') await set(event, entryId, 'reconnecting');
      else if (connection.state === 'reconnecting' && now - connection.since >= deps.graceMs) await set(event, entryId, 'offline');
    }
    for (const entryId of held) await set(event, entryId, 'online');
  }

  const loop = () => {
    if (closed) return;
    void beat()
      .catch(quietly('heartbeat'))
      .finally(() => {
        if (!closed) timer = timers.after(BEAT_MS, loop);
      });
  };

  // This node's own row changes go out in order: a release must not overtake the hold before it.
  let writes: Promise<unknown> = Promise.resolve();
  const inOrder = (what: string, fn: () => Promise<unknown>) => {
    writes = writes.then(fn).catch(quietly(what));
  };

  const factory = (presenceDeps: PresenceDeps): Presence => {
    local = presenceDeps;
    const connected = (entryId: string) => {
      const event = deps.active();
      inOrder('connected', async () => {
        await hold(event.id, entryId);
        await set(event, entryId, 'online');
      });
    };
    return {
      connected,
      dropped(entryId) {
        const event = deps.active();
        inOrder('dropped', async () => {
          await release(event.id, entryId);
          if (local?.socketsOf(entryId) === 0 && !(await heldElsewhere(event.id, entryId))) await set(event, entryId, 'reconnecting');
        });
      },
      settle() {
        for (const entryId of presenceDeps.connectedEntries()) connected(entryId);
      },
      /** Every node leaves the old event; the first to get there marks its cities offline, the rest find nothing to do. */
      left(previous) {
        const event = previous as unknown as ClusterLiveEvent['service'];
        inOrder('left', async () => {
          await pool.query('DELETE FROM presence WHERE node_id = $1', [nodeId]);
          for (const [entryId, connection] of Object.entries(previous.state().connections)) {
            if (connection.state !== 'offline')
              await event.dispatch(
                SYSTEM,
                { type: 'presence.set', entryId, state: 'offline' },
                (state) => state.connections[entryId]?.state !== 'offline',
              );
          }
        });
      },
      close() {},
    };
  };

  return {
    factory,
    /** The moderators' counts: this node's live numbers plus the other live nodes' last beat. */
    headcount(here: Headcount): Headcount {
      const entries = new Set([...others.entries, ...(local?.connectedEntries() ?? [])]);
      return { viewers: here.viewers + others.viewers, moderators: here.moderators + others.moderators, participants: entries.size };
    },
    start(sockets: { localHeadcount: () => Headcount; announceHeadcount: () => void }) {
      localHeadcount = sockets.localHeadcount;
      announce = sockets.announceHeadcount;
      loop();
    },
    /** Stops beating and gives up this node's rows (a clean stop: its cities go reconnecting at once). */
    async close() {
      closed = true;
      timer?.cancel();
      await pool.query('DELETE FROM presence WHERE node_id = $1', [nodeId]).catch(() => {});
      await pool.query('DELETE FROM nodes WHERE node_id = $1', [nodeId]).catch(() => {});
      await pool.query('DELETE FROM leases WHERE holder = $1', [nodeId]).catch(() => {});
    },
  };
}
