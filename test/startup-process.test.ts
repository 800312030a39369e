// The real entry points as child processes: `tsx server/main.ts` refusing a data dir in words (exit 1,
// no stack trace), printing the moderator key only when it generated it, logging JSON on stdout; and
// `npm run check` (server/check.ts) reporting on a data dir with its exit code.
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, waitFor } from './support/real-server';
import { accepted, freePort, linksOf, runToEnd, useServerProcesses, waitDown, signalGroup } from './support/server-process';

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('server/main.ts', () => {
  const { newDataDir, startServer } = useServerProcesses();

  it('prints the moderator key only when it generated it, masked when it was kept or came from the environment', async () => {
    const dir = newDataDir();
    const first = await startServer(dir, await freePort(), { ROLLCALL_MODERATOR_KEY: '' });
    await waitFor('the banner', () => first.output().includes('Moderator console'));
    const key = readFileSync(join(dir, 'moderator.key'), 'utf8').trim();
    expect(first.output()).toContain(`/moderator#key=${encodeURIComponent(key)}`);
    expect(first.output()).toMatch(/a new key, kept in .*moderator\.key; shown only this once/);
    signalGroup(first.child, 'SIGTERM');
    await waitDown(first);

    const second = await startServer(dir, await freePort(), { ROLLCALL_MODERATOR_KEY: '' });
    await waitFor('the banner', () => second.output().includes('Moderator console'));
    expect(second.output()).not.toContain(key);
    expect(second.output()).toMatch(/moderator#key=•+ {2}\(the key is in .*moderator\.key\)/);
    signalGroup(second.child, 'SIGTERM');
    await waitDown(second);

    const fromEnv = await startServer(newDataDir(), await freePort());
    await accepted(fromEnv.url, { type: 'session.start' });
    await linksOf(fromEnv.url);
    await waitFor('the banner', () => fromEnv.output().includes('Moderator console'));
    expect(fromEnv.output()).not.toContain(KEY);
    expect(fromEnv.output()).toMatch(/moderator#key=•+ {2}\(the key is ROLLCALL_MODERATOR_KEY\)/);
    signalGroup(fromEnv.child, 'SIGTERM');
    await waitDown(fromEnv);
  });

  it('refuses a data dir whose database is gone: exit 1, the file and the fix in words, no stack trace', async () => {
    const dir = newDataDir();
    const server = await startServer(dir, await freePort());
    await linksOf(server.url);
    signalGroup(server.child, 'SIGTERM');
    await waitDown(server);
    for (const f of ['rollcall.db', 'rollcall.db-wal', 'rollcall.db-shm']) rmSync(join(dir, f), { force: true });

    const run = await runToEnd('server/main.ts', [], {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ROLLCALL_DATA_DIR: dir,
      ROLLCALL_MODERATOR_KEY: KEY,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Rollcall cannot start.');
    expect(run.stderr).toContain(`${join(dir, 'rollcall.db')} is missing, but links.key is there`);
    expect(run.stderr).toMatch(/Fix: restore rollcall\.db/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const [fatal] = jsonLines(run.stdout).filter((l) => l.level === 60);
    expect(fatal).toMatchObject({ reason: 'startup_refused' });
    // Nothing was created in its place.
    expect(() => readFileSync(join(dir, 'rollcall.db'))).toThrow();
  });

  it('refuses an unknown log level by name', async () => {
    const run = await runToEnd('server/main.ts', [], { ROLLCALL_LOG_LEVEL: 'loud', ROLLCALL_DATA_DIR: newDataDir() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ROLLCALL_LOG_LEVEL: unknown level "loud"/);
  });
});

describe('npm run check', () => {
  const { newDataDir, startServer } = useServerProcesses();

  it('reports a sound data dir (exit 0) and names the damage in a broken one (exit 1)', async () => {
    const dir = newDataDir();
    const server = await startServer(dir, await freePort());
    await linksOf(server.url);
    await accepted(server.url, { type: 'session.start' });
    for (let i = 0; i < 60; i++) await accepted(server.url, { type: 'message.send', target: 'screens', text: `Сообщение ${i}` });
    signalGroup(server.child, 'SIGTERM');
    await waitDown(server);

    const sound = await runToEnd('server/check.ts', ['--data-dir', dir], {});
    expect(sound.code, sound.stdout).toBe(0);
    expect(sound.stdout).toMatch(/✓ rollcall\.db: 1 event\(s\) \(main\); active: main/);
    expect(sound.stdout).toMatch(
      /✓ event "main": journal 1…61 whole; replayed from snapshot 0 onto every snapshot kept \(0, 50, 61\); at version 61/,
    );
    expect(sound.stdout).toMatch(/✓ links: all 37 open with links\.key and match their hashes/);
    expect(sound.stdout).toContain('The data dir is sound.');

    const db = new Database(join(dir, 'rollcall.db'));
    db.prepare(`UPDATE journal SET command = '{"type":"speaker.stop"}' WHERE event_id = 'main' AND version = 30`).run();
    db.close();
    const damaged = await runToEnd('server/check.ts', ['--data-dir', dir], {});
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/✗ event "main": journal replay failed at version 30: /);
    expect(damaged.stdout).toContain('The data dir is damaged');
  });
});
