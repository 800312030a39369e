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
import type { Defer } from './broadcast-queue';
import { createCommitFeed, type CommitFeed } from './commit-feed';
import { DB_NAME, openDataDir, type ModeratorKeySource } from './data-dir';
import type { EventsPort } from './event-ports';
import { createEventRegistry } from './event-registry';
import { clientIp } from './guards';
import { createHttpApi } from './http-api';
import { createLimits, resolveLimits, type LimitsOverride } from './limits';
import { silentLogger, type Logger } from './logger';
import { loggedTimers, systemClock, systemTimers, type Clock, type Timers } from './clock';
import { createNowStream } from './now-stream';
import { createSqliteWebhookStore } from './webhook-store';
import { createWebhooks, type WebhooksDeps } from './webhooks';
import { createSocketFanout } from './socket-fanout';
import { attachSocketHandlers, createSocketServer, type SocketHandlerOptions, type SocketHandlers } from './socket-transport';

// From the root, so the path holds from server/ and from the compiled dist/ alike.
export const DEMO_FILE = new URL('../server/demo-round-table.json', import.meta.url);

export interface PageHandler {
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
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
  /** Serves the pages (the static export, or Next's development server); without it only /api and socket.io answer (tests, headless use). */
  pages?: PageHandler;
  clock?: Clock;
  /** What the server waits with (presence grace, coalescing, refusal delays); tests pass fake ones beside a fake clock. */
  timers?: Timers;
  reconnectGraceMs?: number;
  /** When the sockets' patches are written, after the acknowledgement (setImmediate; tests run them by hand). */
  defer?: Defer;
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

/** On every page response, in production and development alike. */
const PAGE_HEADERS: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  // The moderator link carries its key in the URL fragment; never leak any URL to other sites.
  ['referrer-policy', 'no-referrer'],
  // Screens are not embeddable for now; relax both of these together if that changes.
  ['x-frame-options', 'DENY'],
  ['content-security-policy', "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'"],
  ['cross-origin-opener-policy', 'same-origin'],
  ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];
/**
 * Connections the kernel holds until the server accepts them. After a restart thousands of screens
 * connect within a second or two; with Node's default (511) the rest are dropped, and their clients
 * try again only after TCP's SYN timeouts (1 s, 3 s, 7 s). The kernel caps it at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 8192;

/** Engine.io answers these itself (long-polling and the websocket upgrade); nobody else may. */
const SOCKET_IO_PATH = '/socket.io/';

/** The embedded mode: one process, its SQLite data dir. */
export async function startRollcallServer(options: RollcallServerOptions) {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger();
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
      seed: demoSeed,
      dbFile: join(options.dataDir, DB_NAME),
    });
  } catch (error) {
    db.close();
    throw error;
  }
  return serveRollcall(options, {
    events,
    feed,
    moderatorKey,
    moderatorKeySource,
    where: { dataDir: options.dataDir },
    webhooks: {
      store: createSqliteWebhookStore(db),
      events: { ids: () => events.list().map((e) => e.id), get: (id) => events.get(id) },
      sealingKey,
    },
    close: () => {
      events.checkpointAll();
      db.close();
    },
  });
}

export const demoSeed = () => initialState(parseRoundTable(JSON.parse(readFileSync(DEMO_FILE, 'utf8'))));

/** What differs between the embedded mode and a cluster node; everything else is served the same way. */
export interface ServedEvents<E extends EventsPort> {
  events: E;
  feed: CommitFeed;
  moderatorKey: string;
  moderatorKeySource: ModeratorKeySource;
  /** Logged at start: where the data is. */
  where: Record<string, string>;
  presence?: SocketHandlerOptions['presence'];
  headcount?: SocketHandlerOptions['headcount'];
  /** Cluster mode: 503 with the reason while this node must not take commands. */
  unhealthy?: () => string | null;
  /** Embedded mode: the webhooks' outbox beside the journal (cluster nodes have none yet). */
  webhooks?: Pick<WebhooksDeps, 'store' | 'events' | 'sealingKey'>;
  /** Called once the sockets are attached (cluster mode: other nodes' link changes drop this node's sockets). */
  attached?: (sockets: SocketHandlers) => void;
  close: () => void | Promise<void>;
}

/** Pages, the HTTP API and socket.io on one port, over whichever events are given. */
export async function serveRollcall<E extends EventsPort>(
  options: Omit<RollcallServerOptions, 'dataDir' | 'moderatorKey'>,
  served: ServedEvents<E>,
) {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const logger = options.logger ?? silentLogger();
  const trustedProxies = options.trustedProxies ?? [];
  const { events, feed, moderatorKey, moderatorKeySource } = served;

  const httpServer = createServer();
  const allowedOrigins = options.allowedOrigins ?? [];
  const limits = createLimits(resolveLimits(options.limits), { clock, timers, logger });
  const io = createSocketServer(httpServer, { allowedOrigins, destroyUpgrade: !options.pages?.upgrade, logger, limits, trustedProxies });
  const fanout = createSocketFanout(io, { clock, headcount: () => sockets.headcount(), defer: options.defer, heardAll: feed.flush });
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
    presence: served.presence,
    headcount: served.headcount,
  });
  events.onSwitch((next, previous) => sockets.switched(next, previous));
  served.attached?.(sockets);
  const nowStream = createNowStream({
    active: () => events.active(),
    clock,
    timers: loggedTimers(timers, logger, 'now-stream'),
    logger,
    maxPerAddress: limits.limits.streams.perAddress,
  });
  feed.subscribe('now-stream', (record) => nowStream.committed(record));
  events.onSwitch(() => nowStream.switched());
  // Webhooks follow the SQLite journal; a cluster node has none of its own (docs/deploy.md).
  const webhooks =
    served.webhooks &&
    createWebhooks({
      ...served.webhooks,
      clock,
      timers: loggedTimers(timers, logger, 'webhooks'),
      logger,
      retryBaseMs: options.webhookRetryBaseMs,
    });
  if (webhooks) feed.subscribe('webhooks', (record) => webhooks.committed(record));
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
    unhealthy: served.unhealthy,
    localSockets: () => sockets.localHeadcount(),
    nowStream,
    webhooks,
  });

  const pages = async (req: IncomingMessage, res: ServerResponse) => {
    if (!options.pages) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (!limits.page(clientIp(req.socket.remoteAddress, req.headers, trustedProxies), (req.url ?? '').startsWith('/_next/static/'))) {
      return limits.answerRefusal(() => {
        res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1', 'cache-control': 'no-store' });
        res.end('Too many requests from this address; try again in a moment.\nСлишком много запросов; повторите через минуту.\n');
      });
    }
    for (const [name, value] of PAGE_HEADERS) res.setHeader(name, value);
    await options.pages.handle(req, res);
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
    httpServer.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = options.publicUrl ?? `http://${shownHost}:${port}`;

  logger.info({ url, ...served.where, activeEvent: events.activeId(), moderatorKey: moderatorKeySource }, 'started');

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
    get service(): ReturnType<E['active']>['service'] {
      return events.active().service;
    },
    get links(): ReturnType<E['active']>['links'] {
      return events.active().links;
    },
    moderatorLink: `${url}/moderator#key=${encodeURIComponent(moderatorKey)}`,
    async close() {
      // Disconnect first: the disconnect handlers start grace timers that sockets.close() clears.
      io.disconnectSockets(true);
      sockets.close();
      nowStream.close();
      webhooks?.close();
      // Resolves once the HTTP server has closed too (the promise io.close returns comes earlier).
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await served.close();
    },
  };
}
export type RollcallServer = Awaited<ReturnType<typeof startRollcallServer>>;
