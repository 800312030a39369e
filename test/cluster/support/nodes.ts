// Rollcall nodes of a test cluster: every node is started by `nodeCommand` (the one place that says
// how a node runs, so a change to how the server starts is one edit here), on a free loopback port,
// in cluster mode over the given Postgres, with pages off unless asked for. Pages, when on, come from
// the one build the end-to-end tests make (.next-pages-e2e): every node serves the same build id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, ROOT } from '../../e2e/support/env';
import { freePort, sleep, supervise, type Supervised } from './processes';

export interface ClusterSecrets {
  moderatorKey: string;
  linksKey: string;
  /** Where people reach the cluster: HAProxy's address. */
  publicUrl: string;
}

export interface NodeOptions {
  nodeId: string;
  databaseUrl: string;
  secrets: ClusterSecrets;
  /** Reuse a port (a restarted node keeps its place in HAProxy's configuration). */
  port?: number;
  /** Run the node's clock this many seconds off the real one (libfaketime). */
  clockOffsetSeconds?: number;
  pages?: boolean;
  reconnectGraceMs?: number;
  logLevel?: string;
}

export interface RollcallNode extends Supervised {
  nodeId: string;
  port: number;
  url: string;
  options: NodeOptions;
}

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** How a node is run: `tsx server/main.ts`, under `faketime` when its clock must be off. */
export function nodeCommand(options: Pick<NodeOptions, 'clockOffsetSeconds'>): { command: string; args: string[] } {
  const server = [TSX, 'server/main.ts'];
  if (!options.clockOffsetSeconds) return { command: server[0]!, args: server.slice(1) };
  const offset = `${options.clockOffsetSeconds > 0 ? '+' : ''}${options.clockOffsetSeconds}s`;
  return { command: 'faketime', args: ['-f', offset, ...server] };
}

/** Starts a node (it is not waited for: see `waitHealthy`). */
export async function startNode(options: NodeOptions): Promise<RollcallNode> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), `rollcall-${options.nodeId}-`));
  const { command, args } = nodeCommand(options);
  const proc = supervise(options.nodeId, command, args, {
    cwd: ROOT,
    env: childEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      ROLLCALL_DATA_DIR: dataDir,
      ROLLCALL_DATABASE_URL: options.databaseUrl,
      ROLLCALL_NODE_ID: options.nodeId,
      ROLLCALL_MODERATOR_KEY: options.secrets.moderatorKey,
      ROLLCALL_LINKS_KEY: options.secrets.linksKey,
      ROLLCALL_PUBLIC_URL: options.secrets.publicUrl,
      // HAProxy runs on loopback and names the client in X-Forwarded-For.
      ROLLCALL_TRUSTED_PROXIES: '127.0.0.1',
      ROLLCALL_PAGES: options.pages ? 'on' : 'off',
      ROLLCALL_RECONNECT_GRACE_MS: String(options.reconnectGraceMs ?? 1500),
      ROLLCALL_LOG_LEVEL: options.logLevel ?? 'warn',
      // libfaketime moves the wall clock only; timers keep real time.
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    }),
  });
  void proc.exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  return Object.assign(proc, { nodeId: options.nodeId, port, url: `http://127.0.0.1:${port}`, options });
}

export interface Health {
  status: number;
  body: Record<string, unknown>;
}

/** The node's /api/health, or null when nothing answers within `timeoutMs` (down or frozen). */
export async function health(node: { url: string }, timeoutMs = 1_000): Promise<Health | null> {
  try {
    const res = await fetch(`${node.url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return { status: res.status, body };
  } catch {
    return null;
  }
}

/** Waits until the node says it accepts commands (200 from /api/health). */
export async function waitHealthy(node: RollcallNode, timeoutMs = 60_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!node.running) throw new Error(`${node.nodeId} exited before it was healthy; it printed:\n${node.output().slice(-6_000)}`);
    const h = await health(node);
    if (h?.status === 200) return h;
    if (Date.now() > deadline) {
      throw new Error(
        `${node.nodeId} was not healthy within ${timeoutMs} ms (last /api/health: ${JSON.stringify(h)}); it printed:\n${node.output().slice(-6_000)}`,
      );
    }
    await sleep(100);
  }
}

/** kill -9 of the node's whole process group; resolves once the port refuses connections. */
export async function kill9(node: RollcallNode): Promise<void> {
  node.signal('SIGKILL');
  await node.exited;
  for (let i = 0; i < 200 && (await health(node, 200)) !== null; i++) await sleep(25);
}

/** The same node again (same id, port and options, unless `changes` say otherwise). */
export function restartNode(node: RollcallNode, changes: Partial<NodeOptions> = {}): Promise<RollcallNode> {
  return startNode({ ...node.options, port: node.port, ...changes });
}
