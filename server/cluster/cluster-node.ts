// A cluster node: the same pages, HTTP API and socket.io as the embedded server, over events held in
// Postgres (ROLLCALL_DATABASE_URL). Any node takes commands; each follows the journal and fans out
// to its own sockets. See docs/architecture.md, "Cluster mode".
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { demoSeed, serveRollcall, type RollcallServerOptions } from '../app-server';
import { systemClock, systemTimers, loggedTimers, type Timer } from '../clock';
import { createCommitFeed } from '../commit-feed';
import { StartupError } from '../data-dir';
import { silentLogger } from '../logger';
import { openClusterRegistry } from './cluster-registry';
import { createClusterPresence } from './cluster-presence';
import { unavailable } from './cluster-service';
import { MAX_CLOCK_OFFSET_MS, measureOffset } from './db-clock';
import { startFollower } from './journal-follower';
import { createPgStore } from './pg-store';

export interface ClusterOptions extends Omit<RollcallServerOptions, 'dataDir' | 'moderatorKey'> {
  databaseUrl: string;
  moderatorKey: string;
  /** The links sealing key (ROLLCALL_LINKS_KEY): the same 32 bytes on every node. */
  sealingKey: Buffer;
  nodeId?: string;
  /** How often the clock offset to the database is measured again. */
  clockCheckMs?: number;
}

const CLOCK_CHECK_MS = 10_000;

export const defaultNodeId = () => `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** The database URL without its password, for logs and errors. */
export const shownUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:•••@');

export async function startClusterNode(options: ClusterOptions) {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const logger = options.logger ?? silentLogger();
  const nodeId = options.nodeId ?? defaultNodeId();
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
  // A pool's idle connection that breaks (Postgres restarting) reports here; the next query reconnects.
  pool.on('error', (error) => logger.warn({ err: error }, 'a pooled Postgres connection failed'));

  const offset = { ms: Number.NaN, checked: false };
  const clockRefusal = () => {
    if (!offset.checked) return unavailable('clock_unchecked', 'this node has not yet measured its clock against the database');
    if (Math.abs(offset.ms) > MAX_CLOCK_OFFSET_MS)
      return unavailable(
        'clock_offset',
        `this node's clock is ${Math.round(offset.ms)} ms off the database's (at most ${MAX_CLOCK_OFFSET_MS} ms is allowed); fix its time (NTP)`,
      );
    return null;
  };
  const checkClock = async () => {
    try {
      const best = await measureOffset(pool, clock);
      const wasOff = Math.abs(offset.ms) > MAX_CLOCK_OFFSET_MS;
      offset.ms = best.offsetMs;
      offset.checked = true;
      if (Math.abs(best.offsetMs) > MAX_CLOCK_OFFSET_MS)
        logger.error({ offsetMs: best.offsetMs, rttMs: best.rttMs }, 'clock offset to the database too large: refusing commands');
      else if (wasOff) logger.info({ offsetMs: best.offsetMs }, 'clock offset back within the limit');
    } catch (error) {
      logger.warn({ err: error }, 'could not measure the clock offset to the database');
    }
  };

  const store = createPgStore(pool, nodeId);
  const feed = createCommitFeed(logger);
  let registry: Awaited<ReturnType<typeof openClusterRegistry>>;
  try {
    await checkClock();
    registry = await openClusterRegistry({
      store,
      clock,
      sealingKey: options.sealingKey,
      newId: () => `n${randomBytes(6).toString('hex')}`,
      feed,
      logger,
      seed: demoSeed,
      refusal: clockRefusal,
    });
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof StartupError) throw error;
    throw new StartupError(
      `ROLLCALL_DATABASE_URL (${shownUrl(options.databaseUrl)}): ${(error as Error).message}.\n` +
        'Fix: check that Postgres runs and the URL (host, port, user, password, database) is right.',
    );
  }

  const follower = startFollower({
    connectionString: options.databaseUrl,
    nodeId,
    timers,
    logger,
    heard: (notice) => registry.heard(notice),
    poll: () => registry.poll(),
  });
  const clockTimers = loggedTimers(timers, logger, 'clock check');
  let clockTimer: Timer | null = null;
  const clockLoop = () => {
    clockTimer = clockTimers.after(options.clockCheckMs ?? CLOCK_CHECK_MS, () => void checkClock().finally(clockLoop));
  };
  clockLoop();

  const presence = createClusterPresence({
    pool,
    nodeId,
    clock,
    timers,
    logger,
    graceMs: options.reconnectGraceMs ?? 5000,
    active: () => registry.active(),
  });

  const server = await serveRollcall(options, {
    events: registry,
    feed,
    moderatorKey: options.moderatorKey,
    moderatorKeySource: 'environment',
    where: { database: shownUrl(options.databaseUrl), nodeId },
    presence: presence.factory,
    headcount: (here) => presence.headcount(here),
    unhealthy: () => {
      const refused = clockRefusal();
      if (refused) return refused.reason;
      return follower.problem();
    },
    attached: (sockets) => {
      registry.onLinkChanged((eventId, entryId) => {
        if (eventId === registry.activeId()) sockets.dropEntry(entryId);
      });
      presence.start(sockets);
    },
    close: async () => {
      clockTimer?.cancel();
      await presence.close();
      await follower.close();
      await registry.checkpointAll().catch(() => {});
      await pool.end();
    },
  });
  return Object.assign(server, { nodeId, registry, clockOffset: () => offset.ms, settled: () => follower.settled() });
}
export type ClusterNode = Awaited<ReturnType<typeof startClusterNode>>;
