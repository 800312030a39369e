// The acknowledgement figures of `npm run bench -- ack`: the moderator's commands to the real server
// (compiled, its own process, synchronous=FULL, nobody else connected), over the socket and over
// HTTP, beside a plain socket.io server and a bare Node HTTP server answering at once (echo-server.ts)
// and the data disk's own fdatasync and SQLite commit. The server times itself too (handler → answer written, through
// the bench's host, gc-host.mjs), so the machine's load can be told apart from the server's work.
// The kinds take turns in every round, so a change in the machine's other load hits them alike.
import Database from 'better-sqlite3';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compiledBaseline } from './fanout';
import { percentile, sortedCopy } from './figures';
import { connected, openSocket, send, sleep, startBenchServer, timedAcks } from './load';

const ROUNDS = 3;
const GAP_MS = 60;
const extend = (i: number) => ({ type: 'speaker.extend', seconds: i % 2 ? -10 : 10 });

export interface Spread {
  p50: number;
  p99: number;
}
const spread = (values: number[]): Spread => {
  const sorted = sortedCopy(values);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

async function timedPosts(url: string, n: number, key: string | null, commandFor: (i: number) => Record<string, unknown>) {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
      body: JSON.stringify(commandFor(i)),
    });
    await reply.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (!reply.ok) throw new Error(`POST ${url}: ${reply.status}`);
    await sleep(GAP_MS);
  }
  return latencies;
}

/**
 * What synchronous=FULL costs at the least, on the disk the data dir is on: one 4 KB page written
 * over and fdatasync'd, and one row committed to a bare SQLite table (WAL, synchronous=FULL), as the
 * journal commits each command. `first` numbers the rows across rounds.
 */
function timedSyncs(n: number, dir: string, db: Database.Database, first: number) {
  const fd = openSync(join(dir, 'fsync.bin'), 'w');
  const page = Buffer.alloc(4096, 1);
  const insert = db.prepare('INSERT INTO journal (version, command) VALUES (?, ?)');
  const syncs: number[] = [];
  const commits: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      let t0 = performance.now();
      writeSync(fd, page, 0, page.length, (i % 8) * page.length);
      fdatasyncSync(fd);
      syncs.push(performance.now() - t0);
      t0 = performance.now();
      insert.run(first + i, JSON.stringify(extend(i)));
      commits.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
  }
  return { syncs, commits };
}

export async function ackFigures(commands: number) {
  const server = await startBenchServer({ pages: false });
  const echo = await compiledBaseline('echo-server');
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  try {
    const echoUrl = `http://127.0.0.1:${(await echo.next()).port}`;
    const moderator = openSocket(server.url, { auth: { key: server.key } });
    const bare = openSocket(echoUrl);
    await Promise.all([connected(moderator), connected(bare)]);
    for (const type of ['session.start', 'speaker.next']) {
      const result = await send(moderator, { type });
      if (!result.ok) throw new Error(`${type}: ${result.error.message}`);
    }
    const { socket: ownSocket, http: ownHttp } = server.ownAcks;
    ownSocket.length = ownHttp.length = 0;
    const kinds = {
      socket: [] as number[],
      bareSocket: [] as number[],
      http: [] as number[],
      bareHttp: [] as number[],
      sync: [] as number[],
      commit: [] as number[],
    };
    const db = new Database(join(dir, 'bare.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE journal (version INTEGER PRIMARY KEY, command TEXT NOT NULL)');
    const each = Math.ceil(commands / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      kinds.bareSocket.push(...(await timedAcks(bare, each, extend, GAP_MS)).latencies);
      kinds.socket.push(...(await timedAcks(moderator, each, extend, GAP_MS)).latencies);
      kinds.bareHttp.push(...(await timedPosts(`${echoUrl}/api/commands`, each, null, extend)));
      kinds.http.push(...(await timedPosts(`${server.url}/api/commands`, each, server.key, extend)));
      const { syncs, commits } = timedSyncs(each, dir, db, round * each);
      kinds.sync.push(...syncs);
      kinds.commit.push(...commits);
    }
    db.close();
    await sleep(200); // the last timings on their way from the server
    moderator.disconnect();
    bare.disconnect();
    return {
      socket: spread(kinds.socket),
      bareSocket: spread(kinds.bareSocket),
      http: spread(kinds.http),
      bareHttp: spread(kinds.bareHttp),
      sync: spread(kinds.sync),
      commit: spread(kinds.commit),
      ownSocket: spread(ownSocket),
      ownHttp: spread(ownHttp),
      counted: ownSocket.length + ownHttp.length,
    };
  } finally {
    await echo.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
