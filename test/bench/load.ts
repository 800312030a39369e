// The pieces of the load figures of `npm run bench`: the real server in a process of its own (as
// `npm start` runs it), and clients in this process: screens spread over loopback addresses, a
// moderator whose acknowledgements are timed, and the floods (a city link signalling and reconnecting
// from many sockets, anonymous `sync`, page reloads).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { io, type Socket } from 'socket.io-client';
import type { CommandResult, PatchMessage } from '../../lib/protocol';
import type { AckTiming } from '../../server/ack-timing';
import { SERVER_BUNDLE } from '../../server/build-server';
import { ensureBuild, ensureServerBuild } from '../e2e/support/build';
import { childEnv, ROOT } from '../e2e/support/env';
import { residentMb } from './memory';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface BenchServer {
  url: string;
  key: string;
  port: number;
  dataDir: string;
  /** Spawned → answering /api/health. */
  startMs: number;
  /** kill -9 of its process group, leaving the data dir. */
  kill9(): Promise<void>;
  /** The server's resident memory after a garbage collection, in MB. */
  rssAfterGc(): Promise<number>;
  /** CPU seconds the server's processes have used so far (user + system). */
  cpuSeconds(): number;
  /** The server's own time to each acknowledgement so far, in ms, as it measured it (gc-host.mjs, fd 3). */
  ownAcks: Record<AckTiming['transport'], number[]>;
  stop(): Promise<void>;
}

/** CPU seconds used by every process of a process group, from /proc (clock ticks of 1/100 s). */
function groupCpuSeconds(pgid: number): number {
  const pids = execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** How the bench runs the server: compiled, as `npm start` does, plus the GC hook of gc-host.mjs. */
export const SERVER_COMMAND = ['--expose-gc', 'test/bench/gc-host.mjs', SERVER_BUNDLE];

/** How `npm start` ran the server before it was compiled: TypeScript compiled at every start. */
export const TSX_COMMAND = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'];

export interface BenchServerOptions {
  pages: boolean;
  command?: string[];
  /** Again on the port and data dir of a server that was killed. */
  again?: { port: number; dataDir: string; key: string };
}

/** The server in production mode on a free port and a fresh data dir, in its own process group. */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  if (options.pages) await ensureBuild((line) => console.error(line));
  else await ensureServerBuild((line) => console.error(line));
  const port = options.again?.port ?? (await freePort());
  const key = options.again?.key ?? randomBytes(18).toString('base64url');
  const dataDir = options.again?.dataDir ?? mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, options.command ?? SERVER_COMMAND, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: childEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      ROLLCALL_DATA_DIR: dataDir,
      ROLLCALL_MODERATOR_KEY: key,
      ROLLCALL_LOG_LEVEL: 'error',
      ROLLCALL_PAGES: options.pages ? 'on' : 'off',
    }),
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const ownAcks: BenchServer['ownAcks'] = { socket: [], http: [] };
  createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => {
    const timing = JSON.parse(line) as AckTiming;
    ownAcks[timing.transport].push(timing.ms);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bench server exited:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`the bench server did not start:\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet listening
    }
    await sleep(10);
  }
  return {
    url,
    key,
    port,
    dataDir,
    startMs: performance.now() - spawnedAt,
    kill9() {
      process.kill(-child.pid!, 'SIGKILL');
      return new Promise<void>((resolve) =>
        child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
      );
    },
    cpuSeconds: () => groupCpuSeconds(child.pid!),
    ownAcks,
    async rssAfterGc() {
      process.kill(child.pid!, 'SIGUSR2');
      await sleep(300);
      return residentMb(child.pid!);
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Loopback addresses, so many screens look like many homes (one address's connection budget is 120). */
export const address = (i: number) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;

export function openSocket(url: string, options: Record<string, unknown> = {}): Socket {
  return io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...options });
}

export const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });

export interface Screen {
  socket: Socket;
  /** The patches received while `recording` is on. */
  patches: PatchMessage[];
}

/** `n` screens, ten per address, connected 50 at a time. */
export async function connectScreens(url: string, n: number, recording: { on: boolean }): Promise<Screen[]> {
  const screens: Screen[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) => {
      const socket = openSocket(url, { localAddress: address(Math.floor((i + j) / 10)) });
      const screen: Screen = { socket, patches: [] };
      socket.on('patch', (p: PatchMessage) => recording.on && screen.patches.push(p));
      return screen;
    });
    await Promise.all(batch.map((s) => connected(s.socket)));
    screens.push(...batch);
  }
  return screens;
}

export const send = (socket: Socket, command: Record<string, unknown>): Promise<CommandResult> =>
  socket.timeout(10_000).emitWithAck('command', command);

/** Sends `n` commands one after another, `gapMs` apart (within the moderator's 20 a second); the time to each acknowledgement. */
export async function timedAcks(socket: Socket, n: number, commandFor: (i: number) => Record<string, unknown>, gapMs = 60) {
  const latencies: number[] = [];
  const versions: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const result = await send(socket, commandFor(i));
    latencies.push(performance.now() - t0);
    if (!result.ok) throw new Error(`the moderator's command was refused: ${result.error.message}`);
    versions.push(result.version);
    await sleep(gapMs);
  }
  return { latencies, versions };
}

export interface LinkFlood {
  stop(): Promise<void>;
  stats: { connected: number; refused: number; accepted: number; limited: number };
}

/**
 * One city's link from `sockets` sockets, each in a loop: connect, send signals as fast as they are
 * answered for 100 ms, disconnect, again; a refused connection tries again after 50 ms.
 */
export function floodLink(url: string, token: string, sockets: number): LinkFlood {
  const stats = { connected: 0, refused: 0, accepted: 0, limited: 0 };
  let running = true;
  const loop = async () => {
    while (running) {
      const socket = openSocket(url, { auth: { token } });
      try {
        await connected(socket);
        stats.connected++;
        const until = performance.now() + 100;
        for (let i = 0; running && performance.now() < until; i++) {
          const result = await send(socket, i % 2 ? { type: 'signal.clear' } : { type: 'signal.send', kind: 'request_floor' });
          if (result.ok) stats.accepted++;
          else stats.limited++;
        }
      } catch {
        stats.refused++;
        await sleep(50);
      } finally {
        socket.disconnect();
      }
    }
  };
  const loops = Array.from({ length: sockets }, loop);
  return {
    stats,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** `n` screens asking for a full snapshot (`sync` from an old version) as fast as they are answered. */
export function floodSync(sockets: Socket[]) {
  const stats = { snapshots: 0, refused: 0, bytes: 0 };
  let running = true;
  for (const socket of sockets) socket.on('snapshot', (s: unknown) => (stats.bytes += JSON.stringify(s).length));
  const loops = sockets.map(async (socket) => {
    while (running) {
      const reply = (await socket.timeout(10_000).emitWithAck('sync', { version: 0 })) as { upToDate?: boolean; error?: unknown };
      if (reply.error) stats.refused++;
      else stats.snapshots++;
    }
  });
  return {
    stats,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** `n` clients loading `path` again and again, reading each reply to its end. */
export function reloadPages(url: string, path: string, n: number) {
  const stats = { ok: 0, refused: 0 };
  let running = true;
  const loops = Array.from({ length: n }, async () => {
    while (running) {
      const reply = await fetch(`${url}${path}`);
      await reply.arrayBuffer();
      if (reply.status === 200) stats.ok++;
      else stats.refused++;
    }
  });
  return {
    stats,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * A flood in its own process (flood-process.ts) at the lowest CPU priority: on this one machine the
 * attacker then takes only CPU the server leaves idle, as another machine would.
 */
export async function startFlood(args: string[]): Promise<{ stop(): Promise<Record<string, number>> }> {
  const child = spawn('nice', ['-n', '19', join(ROOT, 'node_modules/.bin/tsx'), join(ROOT, 'test/bench/flood-process.ts'), ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const lines = () => out.split('\n').filter(Boolean);
  const deadline = Date.now() + 30_000;
  while (!lines().includes('ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the flood process did not start: ${out}`);
    await sleep(20);
  }
  return {
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
      return JSON.parse(lines().at(-1)!) as Record<string, number>;
    },
  };
}
