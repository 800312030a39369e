// `npm start` / `npm run dev` entry point: reads the environment, starts the one process that serves
// pages, the HTTP API and socket.io, and says how to reach it. Structured logs (pino JSON) go to
// stdout; the human-readable banner and start-up refusals go to stderr. `npm start` runs it compiled
// (dist/main.js, server/build-server.ts); `npm run dev` runs it from source under tsx.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRollcallServer, type PageHandler } from './app-server';
import { clusterSettings } from './cluster/cluster-env';
import { MODERATOR_KEY, StartupError } from './data-dir';
import { createLogger, type Logger } from './logger';

const env = process.env;
const dev = process.argv.includes('--dev');
const dataDir = resolve(env.ROLLCALL_DATA_DIR ?? './data');
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/** A whole number from the environment, or a start-up error naming the variable. */
function envInt(name: string, fallback?: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new StartupError(`${name}="${raw}" is not a whole number.\nFix: set ${name} to a number, or unset it for the default.`);
  return value;
}

/**
 * The pages' handler. The sockets and the API listen at once; Next.js takes a second or more to load,
 * so it gets ready behind them (a page asked for meanwhile waits for it), and screens reconnecting
 * after a restart get their snapshots without waiting for it. If it cannot start, neither does Rollcall.
 */
function pageHandler(port: number, fail: (error: unknown) => never): PageHandler | undefined {
  if (env.ROLLCALL_PAGES === 'off') return undefined;
  const ready = (async () => {
    const { default: next } = await import('next');
    const app = next({ dev, dir: fileURLToPath(new URL('..', import.meta.url)), hostname: 'localhost', port });
    await app.prepare();
    return { handle: app.getRequestHandler(), upgrade: dev ? app.getUpgradeHandler() : undefined };
  })();
  ready.catch(fail);
  return {
    handle: async (req, res) => (await ready).handle(req, res),
    upgrade: dev ? async (req, socket, head) => (await ready).upgrade?.(req, socket, head) : undefined,
    cacheable: !dev,
  };
}

async function start(logger: Logger) {
  const port = envInt('PORT', 3000)!;
  const maxSockets = envInt('ROLLCALL_MAX_SOCKETS_PER_LINK');
  const cluster = clusterSettings(env);
  const common = {
    port,
    host: env.HOST ?? '0.0.0.0',
    allowedOrigins: list(env.ROLLCALL_ALLOWED_ORIGINS),
    trustedProxies: list(env.ROLLCALL_TRUSTED_PROXIES),
    publicUrl: env.ROLLCALL_PUBLIC_URL || undefined,
    reconnectGraceMs: envInt('ROLLCALL_RECONNECT_GRACE_MS'),
    limits: maxSockets === undefined ? undefined : { link: { maxSockets } },
    logger,
    pages: pageHandler(port, (error) => refuse(error)),
  };
  // Cluster mode's code and its Postgres client load only when asked for: an embedded start (and a
  // restart that screens are waiting for) does not load them.
  const clusterNode = cluster ? await import('./cluster/cluster-node') : null;
  const server =
    cluster && clusterNode
      ? await clusterNode.startClusterNode({ ...common, ...cluster })
      : await startRollcallServer({ ...common, dataDir, moderatorKey: env.ROLLCALL_MODERATOR_KEY || undefined });

  // The key is shown in full only when this start generated it; otherwise say where it is.
  const masked = `${server.url}/moderator#key=••••••`;
  const moderator = {
    generated: `${server.moderatorLink}\n                      (a new key, kept in ${resolve(dataDir, MODERATOR_KEY)}; shown only this once)`,
    file: `${masked}  (the key is in ${resolve(dataDir, MODERATOR_KEY)})`,
    environment: `${masked}  (the key is ROLLCALL_MODERATOR_KEY)`,
  }[server.moderatorKeySource];
  process.stderr.write(`
  Перекличка · Rollcall is running${dev ? ' (development)' : ''}: ${server.url}
  Moderator console:  ${moderator}
  Big screen:         ${server.url}/screen
  HTTP API:           ${server.url}/api/state
  Data:               ${cluster && clusterNode ? `Postgres ${clusterNode.shownUrl(cluster.databaseUrl)} (cluster node ${(server as { nodeId?: string }).nodeId})` : dataDir}

`);
  return server;
}

let logger: Logger;
try {
  logger = createLogger({ level: env.ROLLCALL_LOG_LEVEL || 'info' });
} catch (error) {
  process.stderr.write(`\n  Rollcall cannot start: ${(error as Error).message}\n\n`);
  process.exit(1);
}

/** Says why the start failed, in words and in the log, and exits 1. */
function refuse(error: unknown): never {
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  const message =
    error instanceof StartupError
      ? error.message
      : inUse
        ? `port ${env.PORT ?? 3000} is already in use.\nFix: stop what listens there, or set PORT to another port.`
        : (error as Error).message;
  logger.fatal(
    {
      reason: error instanceof StartupError ? 'startup_refused' : 'startup_failed',
      err: error instanceof StartupError || inUse ? undefined : error,
    },
    message,
  );
  process.stderr.write(`\n  Rollcall cannot start.\n\n  ${message.replace(/\n/g, '\n  ')}\n\n`);
  process.exit(1);
}

try {
  const server = await start(logger);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      void server.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  refuse(error);
}
