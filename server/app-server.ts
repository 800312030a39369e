// Composition root: opens the data dir, recovers the state, and serves pages, the HTTP API and
// socket.io on one port. Everything stateful is created here and passed down; nothing is global.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { Actor } from '../lib/model';
import { initialState, parseRoundTable } from '../lib/seed';
import { createCommitFeed } from './commit-feed';
import { DB_NAME, openDataDir } from './data-dir';
import { createEventRegistry } from './event-registry';
import { clientIp } from './guards';
import { createHttpApi } from './http-api';
import { createLimits, resolveLimits, type LimitsOverride } from './limits';
import { createPageCache } from './page-cache';
import { silentLogger, type Logger } from './logger';
import { loggedTimers, systemClock, systemTimers, type Clock, type Timers } from './clock';
import { createNowStream } from './now-stream';
import { createSqliteWebhookStore } from './webhook-store';
import { createWebhooks } from './webhooks';
import { createSocketFanout } from './socket-fanout';
import { attachSocketHandlers, createSocketServer } from './socket-transport';

export const DEMO_FILE = new URL('./demo-round-table.json', import.meta.url);

export interface PageHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The HTML of the live pages is kept once rendered (server/page-cache.ts); not in development. */
  cacheable?: boolean;
  /** Dev mode: Next's HMR websocket upgrade. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
}

export interface RollcallServerOptions {
  dataDir: string;
  port: number;
  host: string;
  /** Fixed moderator key (ROLLCALL_MODERATOR_KEY); otherwise one is generated and kept in the data dir. */
  moderatorKey?: string;
  allowedOrigins?: readonly string[];
  /** Serves the Next.js pages; without it only /api and socket.io answer (tests, headless use). */
  pages?: PageHandler;
  clock?: Clock;
  /** What the server waits with (presence grace, coalescing, refusal delays); tests pass fake ones beside a fake clock. */
  timers?: Timers;
  reconnectGraceMs?: number;
  /** Budgets per credential and per IP (server/limits.ts); each group's fields override the defaults. */
  limits?: LimitsOverride;
  /** Reverse proxies whose X-Forwarded-For names the client (ROLLCALL_TRUSTED_PROXIES). */
  trustedProxies?: readonly string[];
  publicUrl?: string;
  /** Structured log; silent unless given (the entry point passes pino on stdout). */
  logger?: Logger;
  /** A failed webhook delivery is retried after this many ms, then twice as long each time (default 1000). */
  webhookRetryBaseMs?: number;
}

/** Engine.io answers these itself (long-polling and the websocket upgrade); nobody else may. */
const SOCKET_IO_PATH = '/socket.io/';

export async function startRollcallServer(options: RollcallServerOptions) {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const logger = options.logger ?? silentLogger();
  const trustedProxies = options.trustedProxies ?? [];
  const { db, sealingKey, moderatorKey, moderatorKeySource } = openDataDir(options.dataDir, { moderatorKey: options.moderatorKey, logger });

  const feed = createCommitFeed(logger);
  let events: ReturnType<typeof createEventRegistry>;
  try {
    events = createEventRegistry({
      db,
      clock,
      sealingKey,
      newId: () => `n${randomBytes(6).toString('hex')}`,
      feed,
      logger,
      seed: () => initialState(parseRoundTable(JSON.parse(readFileSync(DEMO_FILE, 'utf8')))),
      dbFile: join(options.dataDir, DB_NAME),
    });
  } catch (error) {
    db.close();
    throw error;
  }

  const httpServer = createServer();
  const allowedOrigins = options.allowedOrigins ?? [];
  const limits = createLimits(resolveLimits(options.limits), { clock, timers, logger });
  const io = createSocketServer(httpServer, { allowedOrigins, destroyUpgrade: !options.pages?.upgrade, logger, limits, trustedProxies });
  const fanout = createSocketFanout(io, { clock, headcount: () => sockets.headcount() });
  feed.subscribe('sockets', fanout.committed);
  feed.subscribe('log', (record) =>
    logger.debug({ eventId: record.eventId, version: record.version, type: record.command.type, role: record.ctx.actor.role }, 'committed'),
  );
  const sockets = attachSocketHandlers(io, {
    current: () => events.active(),
    fanout,
    moderatorKey,
    clock,
    timers,
    reconnectGraceMs: options.reconnectGraceMs ?? 5000,
    limits,
    logger,
    trustedProxies,
  });
  events.onSwitch((next, previous) => sockets.switched(next, previous));
  const nowStream = createNowStream({
    active: () => events.active(),
    clock,
    timers: loggedTimers(timers, logger, 'now-stream'),
    logger,
    maxPerAddress: limits.limits.streams.perAddress,
  });
  feed.subscribe('now-stream', (record) => nowStream.committed(record));
  events.onSwitch(() => nowStream.switched());
  const webhooks = createWebhooks({
    store: createSqliteWebhookStore(db),
    events: { ids: () => events.list().map((e) => e.id), get: (id) => events.get(id) },
    sealingKey,
    clock,
    timers: loggedTimers(timers, logger, 'webhooks'),
    logger,
    retryBaseMs: options.webhookRetryBaseMs,
  });
  feed.subscribe('webhooks', (record) => webhooks.committed(record));
  const api = createHttpApi({
    events,
    moderatorKey,
    clock,
    allowedOrigins,
    limits,
    logger,
    trustedProxies,
    viewers: () => sockets.headcount().viewers,
    onLinkChanged: (entryId) => sockets.dropEntry(entryId),
    publicUrl: options.publicUrl,
    nowStream,
    webhooks,
  });

  let origin = '';
  const pageCache = createPageCache(() => origin);
  const pages = async (req: IncomingMessage, res: ServerResponse) => {
    if (!options.pages) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (pageCache.isInternal(req)) return options.pages.handle(req, res);
    const key = options.pages.cacheable ? pageCache.keyOf(req) : null;
    if (!limits.page(clientIp(req.socket.remoteAddress, req.headers, trustedProxies), (req.url ?? '').startsWith('/_next/static/'))) {
      return limits.answerRefusal(() => {
        res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1', 'cache-control': 'no-store' });
        res.end('Too many requests from this address; try again in a moment.\nСлишком много запросов; повторите через минуту.\n');
      });
    }
    if (key) await pageCache.serve(key, res);
    else await options.pages.handle(req, res);
  };
  httpServer.on('request', (req, res) => {
    if ((req.url ?? '').startsWith(SOCKET_IO_PATH)) return;
    void (async () => {
      try {
        if (await api(req, res)) return;
        await pages(req, res);
      } catch (error) {
        logger.error({ err: error, method: req.method, path: (req.url ?? '').split('?')[0] }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        else res.destroy();
      }
    })();
  });
  if (options.pages?.upgrade) {
    const upgrade = options.pages.upgrade;
    httpServer.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith(SOCKET_IO_PATH)) void upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const self = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host;
  origin = `http://${self.includes(':') ? `[${self}]` : self}:${port}`;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = options.publicUrl ?? `http://${shownHost}:${port}`;

  logger.info({ url, dataDir: options.dataDir, activeEvent: events.activeId(), moderatorKey: moderatorKeySource }, 'started');

  return {
    url,
    port,
    moderatorKey,
    /** Where the key came from: only a key generated by this start is ever printed in full. */
    moderatorKeySource,
    events,
    limits: limits.limits,
    /** Adds a subscriber of committed records (isolated: it cannot fail a command); returns its remover. */
    onCommitted: feed.subscribe,
    /** Who is connected now, as the moderators' console counts it. */
    headcount: () => sockets.headcount(),
    /** The version of the last change `actor`'s audience could see (what its clients' views are at). */
    visibleVersion: (actor: Actor) => fanout.versionFor(actor),
    /** The active event's service and links (what the screens show). */
    get service() {
      return events.active().service;
    },
    get links() {
      return events.active().links;
    },
    moderatorLink: `${url}/moderator#key=${encodeURIComponent(moderatorKey)}`,
    async close() {
      // Disconnect first: the disconnect handlers start grace timers that sockets.close() clears.
      io.disconnectSockets(true);
      sockets.close();
      nowStream.close();
      webhooks.close();
      // Resolves once the HTTP server has closed too (the promise io.close returns comes earlier).
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      events.checkpointAll();
      db.close();
    },
  };
}
export type RollcallServer = Awaited<ReturnType<typeof startRollcallServer>>;
