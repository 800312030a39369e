// How a node hears of what other nodes committed: LISTEN on one dedicated connection wakes it at
// once; a poll by version every second catches whatever a lost notification or a reconnect missed;
// a heartbeat query on the listening connection notices a half-open one (a NOTIFY never arrives on
// a connection that silently died) and replaces it.
import pg from 'pg';
import { loggedTimers, type Timer, type Timers } from '../clock';
import type { Logger } from '../logger';
import { CHANNEL, type Notice } from './pg-store';

export const POLL_MS = 1000;
export const HEARTBEAT_MS = 2000;
const RECONNECT_MS = 500;

export interface FollowerDeps {
  connectionString: string;
  nodeId: string;
  timers: Timers;
  logger: Logger;
  heard: (notice: Notice) => Promise<unknown>;
  poll: () => Promise<unknown>;
}

export function startFollower(deps: FollowerDeps) {
  const timers = loggedTimers(deps.timers, deps.logger, 'journal follower');
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let lastPollOk = false;
  let polledOnce = false;
  const pending = new Set<Timer>();
  const later = (ms: number, fn: () => void) => {
    if (closed) return;
    const timer: Timer = timers.after(ms, () => {
      pending.delete(timer);
      fn();
    });
    pending.add(timer);
  };

  // Notifications are handled one after another, in the order they came.
  let queue: Promise<unknown> = Promise.resolve();
  const handle = (run: () => Promise<unknown>) => {
    queue = queue
      .then(run)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'following the journal failed; the poll will retry'));
  };

  const drop = (why: string, error?: unknown) => {
    if (!client) return;
    deps.logger.warn({ err: error, why }, 'the listening connection to Postgres is gone; reconnecting');
    const dead = client;
    client = null;
    listening = false;
    dead.removeAllListeners();
    dead.on('error', () => {});
    void dead.end().catch(() => {});
    later(RECONNECT_MS, () => void connect());
  };

  async function connect() {
    if (closed || client) return;
    const c = new pg.Client({ connectionString: deps.connectionString });
    client = c;
    c.on('error', (error) => drop('error', error));
    c.on('end', () => drop('ended'));
    c.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const notice = JSON.parse(message.payload) as Notice;
      if (notice.kind !== 'journal' && notice.node === deps.nodeId) return; // this node did it already
      handle(() => deps.heard(notice));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      listening = true;
      // Whatever was committed while nobody listened.
      handle(poll);
    } catch (error) {
      drop('connect failed', error);
    }
  }

  const poll = async () => {
    try {
      await deps.poll();
      lastPollOk = polledOnce = true;
    } catch (error) {
      lastPollOk = false;
      throw error;
    }
  };
  const pollLoop = () => {
    handle(poll);
    later(POLL_MS, pollLoop);
  };
  const heartbeat = () => {
    const c = client;
    if (c && listening) {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in time')), HEARTBEAT_MS).unref());
      Promise.race([c.query('SELECT 1'), timeout]).catch((error: unknown) => {
        if (client === c) drop('heartbeat failed', error);
      });
    }
    later(HEARTBEAT_MS, heartbeat);
  };

  void connect();
  later(POLL_MS, pollLoop);
  later(HEARTBEAT_MS, heartbeat);

  return {
    /** Null while notifications can arrive and the last poll worked; otherwise why not. */
    problem: (): 'catching_up' | 'database_unreachable' | null =>
      !polledOnce && listening ? 'catching_up' : listening && lastPollOk ? null : 'database_unreachable',
    /** Resolves once everything heard so far has been handled (tests, and the first poll at start). */
    settled: () => queue,
    async close() {
      closed = true;
      for (const timer of pending) timer.cancel();
      const c = client;
      client = null;
      listening = false;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
      await queue;
    },
  };
}
export type Follower = ReturnType<typeof startFollower>;
