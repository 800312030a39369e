// The fan-out figures of `npm run bench -- fanout [viewers]`: the real server in its own process,
// N viewers in another (viewers-process.ts), the moderator here. Beside them, in the same run, two
// baselines serving the very same JSON bytes to the same N clients: raw `ws` and plain socket.io
// (baseline-server.ts). Timestamps cross processes as milliseconds since the epoch.
import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { PatchMessage, SnapshotMessage } from '../../lib/protocol';
import { ROOT } from '../e2e/support/env';
import { percentile, sortedCopy } from './figures';
import { connected, openSocket, send, sleep, startBenchServer, TSX_COMMAND } from './load';

const now = () => performance.timeOrigin + performance.now();

/** A child process speaking JSON lines on stdout; `next()` waits for the next one. */
function lineProcess(command: string, args: string[]) {
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Record<string, number>[] = [];
  const waiters: ((line: Record<string, number>) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, number>;
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  return {
    child,
    next: (timeoutMs = 300_000) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const queued = lines.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(() => reject(new Error(`${args.join(' ')}: no answer within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((line) => {
          clearTimeout(timer);
          resolve(line);
        });
      }),
    say: (line: string) => child.stdin!.write(`${line}\n`),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await Promise.race([exited, sleep(5_000)]);
      child.kill('SIGKILL');
    },
  };
}

const tsx = (script: string, ...args: string[]) =>
  lineProcess(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'test/bench', script), ...args]);

/** The baseline servers (test/bench/<name>.ts) run compiled, as the real one does, so none carries a TypeScript loader. */
export async function compiledBaseline(name: string, ...args: string[]) {
  const outfile = join(ROOT, `dist/bench/${name}.mjs`);
  await build({
    entryPoints: [join(ROOT, `test/bench/${name}.ts`)],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  return lineProcess(process.execPath, ['--expose-gc', outfile, ...args]);
}

export interface FanOutFigures {
  connectMs: number;
  /** Command sent → the last viewer has its patch, per round. */
  lastViewerMs: number[];
  /** Acknowledgements of the commands that start a broadcast, and of the next command sent at once after. */
  acks: number[];
  nextAcks: number[];
  rssIdleMb: number;
  rssMb: number;
}

/** Rollcall: `rounds` × (`speaker.next`, then `speaker.extend` as soon as it is acknowledged). */
export async function rollcallFanOut(viewers: number, rounds: number, sample: { patch?: PatchMessage; snapshot?: SnapshotMessage }) {
  const server = await startBenchServer({ pages: false });
  const clients = tsx('viewers-process.ts', 'rollcall', server.url, String(viewers));
  try {
    const moderator = openSocket(server.url, { auth: { key: server.key } });
    await connected(moderator);
    const probe = openSocket(server.url, { localAddress: '127.0.9.1' });
    probe.once('snapshot', (s: SnapshotMessage) => (sample.snapshot = s));
    probe.on('patch', (p: PatchMessage) => (sample.patch ??= p));
    await connected(probe);
    await send(moderator, { type: 'session.start' });
    await sleep(500);
    const rssIdleMb = await server.rssAfterGc();
    const { connectMs } = await clients.next();
    await sleep(1_000);
    const rssMb = await server.rssAfterGc();
    const figures: FanOutFigures = { connectMs: connectMs!, lastViewerMs: [], acks: [], nextAcks: [], rssIdleMb, rssMb };
    for (let round = 1; round <= rounds; round++) {
      const t0 = now();
      const acked = await send(moderator, { type: 'speaker.next' });
      const t1 = now();
      if (!acked.ok) throw new Error(`speaker.next: ${acked.error.message}`);
      const again = await send(moderator, { type: 'speaker.extend', seconds: 10 });
      if (!again.ok) throw new Error(`speaker.extend: ${again.error.message}`);
      figures.acks.push(t1 - t0);
      figures.nextAcks.push(now() - t1);
      clients.say(`await ${2 * round - 1}`);
      figures.lastViewerMs.push((await clients.next()).lastAt! - t0);
      clients.say(`await ${2 * round}`);
      await clients.next();
      await sleep(200);
    }
    moderator.disconnect();
    probe.disconnect();
    return figures;
  } finally {
    await clients.stop();
    await server.stop();
  }
}

/** A baseline server sending the same snapshot and patch bytes to the same number of clients. */
export async function baselineFanOut(
  kind: 'ws' | 'socketio',
  viewers: number,
  rounds: number,
  sample: { patch: PatchMessage; snapshot: SnapshotMessage },
) {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const [snapshotFile, patchFile] = [join(dir, 'snapshot.json'), join(dir, 'patch.json')];
  writeFileSync(snapshotFile, JSON.stringify(sample.snapshot));
  writeFileSync(patchFile, JSON.stringify(sample.patch));
  const server = await compiledBaseline('baseline-server', kind, snapshotFile);
  const { port } = await server.next();
  const url = `http://127.0.0.1:${port}`;
  server.say('rss');
  const { rssMb: rssIdleMb } = await server.next();
  const clients = tsx('viewers-process.ts', kind, url, String(viewers));
  try {
    const { connectMs } = await clients.next();
    await sleep(1_000);
    server.say('rss');
    const { rssMb } = await server.next();
    const lastViewerMs: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const t0 = now();
      server.say(`send ${patchFile}`);
      clients.say(`await ${round}`);
      lastViewerMs.push((await clients.next()).lastAt! - t0);
      await sleep(200);
    }
    return { connectMs: connectMs!, lastViewerMs, rssIdleMb: rssIdleMb!, rssMb: rssMb! };
  } finally {
    await clients.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (values: number[]) => percentile(sortedCopy(values), 50);
export const p99 = (values: number[]) => percentile(sortedCopy(values), 99);

/** kill -9 with `viewers` screens connected, a restart on the same port and data dir, and the time until every screen has a fresh snapshot. */
async function killAndBack(viewers: number, pages: boolean, backoff: 'reconnect' | 'reconnect-before') {
  const server = await startBenchServer({ pages });
  const clients = tsx('viewers-process.ts', 'rollcall', server.url, String(viewers), backoff);
  try {
    await clients.next();
    await sleep(1_000);
    const t0 = now();
    await server.kill9();
    const again = await startBenchServer({ pages, again: { port: server.port, dataDir: server.dataDir, key: server.key } });
    const healthyMs = now() - t0;
    const cpu0 = again.cpuSeconds();
    clients.say('await 1');
    const back = await clients.next();
    const figures = { healthyMs, halfMs: back.halfAt! - t0, backMs: back.lastAt! - t0, cpuMs: (again.cpuSeconds() - cpu0) * 1000 };
    await again.stop();
    return figures;
  } finally {
    await clients.stop();
  }
}

/**
 * Starting and restarting: spawn → healthy for the compiled server and for the old `tsx` start;
 * then `viewers` screens that reconnect as the pages do, kill -9, a restart on the same data dir,
 * and the time until every screen has a fresh snapshot; beside it, the same with the backoff the
 * pages had before it was tuned (test/bench/viewers-process.ts). Pages are on, as in production,
 * unless `pages` is false. (The pages' own weight and cold load are `-- pages`, measured in Chromium.)
 */
export async function restartFigures(viewers: number, pages = true) {
  const compiled = await startBenchServer({ pages });
  const compiledStartMs = compiled.startMs;
  await compiled.stop();
  const old = await startBenchServer({ pages, command: TSX_COMMAND });
  const tsxStartMs = old.startMs;
  await old.stop();
  const before = await killAndBack(viewers, pages, 'reconnect-before');
  const tuned = await killAndBack(viewers, pages, 'reconnect');
  return { compiledStartMs, tsxStartMs, before, tuned, pages };
}
