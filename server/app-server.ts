// Composition root: opens the data dir, recovers the state, and serves pages, the HTTP API and
// socket.io on one port. Everything stateful is created here and passed down; nothing is global.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { initialState, parseRoundTable } from '../lib/seed';
import { loadOrCreateSecret, newSecret } from './credentials';
import { createEventRegistry } from './event-registry';
import { createHttpApi } from './http-api';
import { openDatabase } from './journal';
import type { Clock } from './rollcall-service';
import { attachSocketHandlers, createSocketBroadcaster, createSocketServer } from './socket-transport';

export const DEMO_FILE = new URL('./demo-round-table.json', import.meta.url);

export interface PageHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Dev mode: Next's HMR websocket upgrade. */
  upgrade?(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void;
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
  reconnectGraceMs?: number;
  socketRateLimit?: { capacity: number; perSecond: number };
  httpRateLimit?: { capacity: number; perSecond: number };
  publicUrl?: string;
}

export async function startRollcallServer(options: RollcallServerOptions) {
  const clock = options.clock ?? { now: () => Date.now() };
  mkdirSync(options.dataDir, { recursive: true });
  const moderatorKey = options.moderatorKey ?? loadOrCreateSecret(options.dataDir, 'moderator.key', () => newSecret());
  const sealingKey = Buffer.from(loadOrCreateSecret(options.dataDir, 'links.key', () => randomBytes(32).toString('base64')), 'base64');
  const db = openDatabase(join(options.dataDir, 'rollcall.db'));

  const httpServer = createServer();
  const allowedOrigins = options.allowedOrigins ?? [];
  const io = createSocketServer(httpServer, { allowedOrigins, destroyUpgrade: !options.pages?.upgrade });
  const events = createEventRegistry({
    db,
    clock,
    sealingKey,
    newId: () => `n${randomBytes(6).toString('hex')}`,
    broadcaster: createSocketBroadcaster(io),
    seed: () => initialState(parseRoundTable(JSON.parse(readFileSync(DEMO_FILE, 'utf8')))),
  });
  const sockets = attachSocketHandlers(io, {
    current: () => events.active(),
    moderatorKey,
    clock,
    reconnectGraceMs: options.reconnectGraceMs ?? 5000,
    rateLimit: options.socketRateLimit ?? { capacity: 30, perSecond: 10 },
  });
  events.onSwitch((_next, previous) => sockets.switched(previous.service));
  const api = createHttpApi({
    events,
    moderatorKey,
    clock,
    allowedOrigins,
    rateLimit: options.httpRateLimit ?? { capacity: 60, perSecond: 20 },
    viewers: () => sockets.audience().viewers,
    onLinkChanged: (entryId) => sockets.dropEntry(entryId),
    publicUrl: options.publicUrl,
  });

  httpServer.on('request', (req, res) => {
    void (async () => {
      if (await api(req, res)) return;
      if (options.pages) return options.pages.handle(req, res);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    })();
  });
  if (options.pages?.upgrade) {
    const upgrade = options.pages.upgrade;
    httpServer.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io/')) upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = options.publicUrl ?? `http://${shownHost}:${port}`;

  return {
    url,
    port,
    moderatorKey,
    events,
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
      await new Promise<void>((resolve) => io.close(() => resolve()));
      events.checkpointAll();
      db.close();
    },
  };
}
export type RollcallServer = Awaited<ReturnType<typeof startRollcallServer>>;
