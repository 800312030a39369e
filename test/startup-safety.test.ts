// Start-up never silently starts over and never loses a roll call: a missing or emptied database
// beside existing secrets, a damaged snapshot, a replaced links.key are refused with words naming the
// file and the fix; the data dir and its files are owner-only. In-process, on real temp dirs.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRollcallServer, type RollcallServer } from '../server/app-server';
import { StartupError } from '../server/data-dir';
import { KEY, MODERATOR, newTempDir, removeDir, request } from './support/real-server';

const dirs: string[] = [];
const servers: RollcallServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

const newDir = () => {
  const dir = newTempDir('rollcall-startup-');
  dirs.push(dir);
  return dir;
};
/** `moderatorKey: null` lets the server generate and keep one, as without ROLLCALL_MODERATOR_KEY. */
const start = async (dataDir: string, moderatorKey: string | null = KEY) => {
  const server = await startRollcallServer({ dataDir, port: 0, host: '127.0.0.1', moderatorKey: moderatorKey ?? undefined });
  servers.push(server);
  return server;
};
/** A data dir that has held a roll call: started, used, stopped. */
async function usedDir(): Promise<string> {
  const dir = newDir();
  const server = await start(dir, null);
  const auth = `Bearer ${server.moderatorKey}`;
  await request(server.url, 'GET', '/api/links', { auth }); // issues every link
  await request(server.url, 'POST', '/api/commands', { auth, body: { type: 'session.start' } });
  await server.close();
  servers.splice(servers.indexOf(server), 1);
  return dir;
}
const refusal = async (dir: string): Promise<StartupError> => {
  const error = await start(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
};
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('refusing to start', () => {
  it('with rollcall.db missing beside links.key: names both files and the fix', async () => {
    const dir = await usedDir();
    for (const f of ['rollcall.db', 'rollcall.db-wal', 'rollcall.db-shm']) rmSync(join(dir, f), { force: true });
    const error = await refusal(dir);
    expect(error.message).toContain(`${join(dir, 'rollcall.db')} is missing, but links.key and moderator.key are there`);
    expect(error.message).toMatch(/new join links/);
    expect(error.message).toMatch(/Fix: restore rollcall\.db .* from a backup/);
    expect(error.message).toMatch(/move links\.key and moderator\.key out of/);
  });

  it('with rollcall.db emptied', async () => {
    const dir = await usedDir();
    for (const f of ['rollcall.db-wal', 'rollcall.db-shm']) rmSync(join(dir, f), { force: true });
    truncateSync(join(dir, 'rollcall.db'), 0);
    expect((await refusal(dir)).message).toContain(`${join(dir, 'rollcall.db')} is empty, but links.key`);
  });

  it('with a file that is not a database', async () => {
    const dir = await usedDir();
    for (const f of ['rollcall.db-wal', 'rollcall.db-shm']) rmSync(join(dir, f), { force: true });
    writeFileSync(join(dir, 'rollcall.db'), 'this is not a database at all, but it is long enough to be read as one'.repeat(20));
    expect((await refusal(dir)).message).toMatch(/rollcall\.db cannot be read as a SQLite database .*\nFix: restore rollcall\.db/);
  });

  it('with a damaged snapshot: names the file, the event and the version, not a stack trace', async () => {
    const dir = await usedDir();
    const db = new Database(join(dir, 'rollcall.db'));
    db.prepare(`UPDATE snapshots SET state = '{"pool":[],"state":{"version":1}}' WHERE event_id = 'main'`).run();
    db.close();
    const error = await refusal(dir);
    expect(error.message).toContain(
      `${join(dir, 'rollcall.db')}: event "main" cannot be recovered: the snapshot of event "main" at version`,
    );
    expect(error.message).toMatch(/is damaged: state\.event: /);
    expect(error.message).toMatch(/npm run check/);
  });

  it('with a links.key that does not open the stored links, or is not a key at all', async () => {
    const dir = await usedDir();
    writeFileSync(join(dir, 'links.key'), randomBytes(32).toString('base64'));
    const error = await refusal(dir);
    expect(error.message).toContain(`${join(dir, 'links.key')} does not open the join links stored in ${join(dir, 'rollcall.db')}`);
    expect(error.message).toMatch(/Fix: put back the links\.key/);
    writeFileSync(join(dir, 'links.key'), 'short');
    expect((await refusal(dir)).message).toMatch(/links\.key is not a links key \(expected 32 bytes/);
  });
});

describe('secrets at rest', () => {
  it('makes the data dir 700 and the database, its side files and the secrets 600, even if they were looser', async () => {
    const dir = await usedDir();
    chmodSync(dir, 0o755);
    for (const f of ['rollcall.db', 'links.key', 'moderator.key']) chmodSync(join(dir, f), 0o644);
    const server = await start(dir, null);
    await request(server.url, 'POST', '/api/commands', { auth: `Bearer ${server.moderatorKey}`, body: { type: 'speaker.next' } });
    expect(mode(dir)).toBe('700');
    for (const f of ['rollcall.db', 'rollcall.db-wal', 'rollcall.db-shm', 'links.key', 'moderator.key'])
      expect(mode(join(dir, f)), f).toBe('600');
  });

  it('a brand-new data dir is created owner-only', async () => {
    const dir = join(newDir(), 'nested', 'data');
    mkdirSync(join(dir, '..'), { recursive: true });
    const server = await start(dir, null);
    expect(server.moderatorKeySource).toBe('generated');
    expect(mode(dir)).toBe('700');
    expect(mode(join(dir, 'rollcall.db'))).toBe('600');
  });
});

describe('a replaced links key while running', () => {
  it('GET /api/links answers a clear error, never a bare 500', async () => {
    const dir = newDir();
    const server = await start(dir);
    await request(server.url, 'GET', '/api/links', { auth: MODERATOR });
    // Another process writes a link sealed with another key (a restored backup of the wrong dir).
    const db = new Database(join(dir, 'rollcall.db'));
    db.prepare("UPDATE join_links SET sealed = 'AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA' WHERE entry_id = 'omsk'").run();
    db.close();
    const reply = await request(server.url, 'GET', '/api/links', { auth: MODERATOR });
    expect(reply.status).toBe(500);
    expect(reply.body.error).toMatchObject({ code: 'internal', reason: 'links_key_mismatch' });
    expect(reply.body.error.message).toMatch(/links\.key does not open the join links stored in rollcall\.db/);
  });
});
