// A real Postgres for tests: a fresh cluster in a temporary directory, owned by the `postgres` user
// (initdb refuses to run as root), listening on a free loopback port with its socket in the same
// directory. Missing binaries fail the test with a message saying what to install; nothing skips.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin dir; throws (never skips) when there is none. */
export function postgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(`no Postgres server under ${PG_ROOT}/*/bin: install it (apt-get install postgresql) to run the cluster tests`);
  return join(PG_ROOT, versions[0], 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  /** A new empty database on this server; returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Fast shutdown (connections are cut); start() brings it back on the same port and data. */
  stop(): void;
  start(): void;
  restart(): void;
  /** Stops the server and removes its directory. */
  destroy(): void;
}

const ids = { user: 0, group: 0 };
function postgresUser(): { uid: number; gid: number } {
  if (!ids.user) {
    ids.user = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    ids.group = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  }
  return { uid: ids.user, gid: ids.group };
}

/** Runs a Postgres binary as the postgres user (we may be root); throws with its output on failure. */
function asPostgres(bin: string, args: string[]) {
  const root = process.getuid?.() === 0;
  const result = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' })
    : spawnSync(bin, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

let databases = 0;

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  // Small and quick: tests need durability of commits, not of the test cluster across power loss.
  writeFileSync(
    join(data, 'postgresql.auto.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'max_connections = 200',
      'shared_buffers = 32MB',
      'fsync = off',
      'full_page_writes = off',
      "log_min_messages = 'warning'",
    ].join('\n') + '\n',
  );
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    chownSync(join(data, 'postgresql.auto.conf'), uid, gid);
  }
  const pgCtl = join(bin, 'pg_ctl');
  const start = () => asPostgres(pgCtl, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = () => asPostgres(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    async createDatabase(name = `t${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: () => {
      stop();
      stopped = true;
    },
    start: () => {
      start();
      stopped = false;
    },
    restart: () => asPostgres(pgCtl, ['-D', data, '-m', 'fast', '-w', '-l', join(dir, 'server.log'), 'restart']),
    destroy() {
      try {
        if (!stopped) stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
