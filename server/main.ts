// `npm start` / `npm run dev` entry point: reads the environment, starts the one process that serves
// pages, the HTTP API and socket.io, and prints the links a moderator needs.
import next from 'next';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRollcallServer, type PageHandler } from './app-server';

const env = process.env;
const dev = process.argv.includes('--dev');
const withPages = env.ROLLCALL_PAGES !== 'off';
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '0.0.0.0';
const dataDir = resolve(env.ROLLCALL_DATA_DIR ?? './data');

async function pageHandler(): Promise<PageHandler | undefined> {
  if (!withPages) return undefined;
  const app = next({ dev, dir: fileURLToPath(new URL('..', import.meta.url)), hostname: 'localhost', port });
  await app.prepare();
  const handle = app.getRequestHandler();
  return { handle: (req, res) => handle(req, res), upgrade: dev ? app.getUpgradeHandler() : undefined };
}

const server = await startRollcallServer({
  dataDir,
  port,
  host,
  moderatorKey: env.ROLLCALL_MODERATOR_KEY || undefined,
  allowedOrigins: (env.ROLLCALL_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
  publicUrl: env.ROLLCALL_PUBLIC_URL || undefined,
  reconnectGraceMs: env.ROLLCALL_RECONNECT_GRACE_MS ? Number(env.ROLLCALL_RECONNECT_GRACE_MS) : undefined,
  pages: await pageHandler(),
});

console.log(`
  Перекличка · Rollcall is running${dev ? ' (development)' : ''}: ${server.url}
  Moderator console:  ${server.moderatorLink}
  Big screen:         ${server.url}/screen
  HTTP API:           ${server.url}/api/state
  Data:               ${dataDir}
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
