// The order after a command commits: on disk, then the acknowledgement, then the sockets' patches.
// The server's broadcast runs are held here (its `defer`) and run by hand, so the tests can look at
// what the clients have between the steps: the moderator's answer never waits for the screens'
// patches, and when a patch goes out its version is already in the journal on disk.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME } from '../server/data-dir';
import { KEY, connected, sleep, useRealServer, waitFor, type Client } from './support/real-server';
import { command } from './support/socket-room';

describe('acknowledge, then broadcast', () => {
  const held: (() => void)[] = [];
  /** What the journal on disk held, and the service's version, each time a broadcast run started. */
  const runs: { onDisk: number; served: number }[] = [];
  const s = useRealServer({
    tempPrefix: 'rollcall-ack-order-',
    fresh: 'each',
    defer: (fn) => void held.push(fn),
  });
  const onDisk = () => {
    const db = new Database(join(s.dir, DB_NAME), { readonly: true });
    try {
      return (db.prepare('SELECT MAX(version) AS v FROM journal').get() as { v: number }).v;
    } finally {
      db.close();
    }
  };
  /** Runs the held broadcast runs (and the ones they schedule) until none is left. */
  const release = () => {
    while (held.length > 0) {
      runs.push({ onDisk: onDisk(), served: s.server.service.state().version });
      held.shift()!();
    }
  };
  let moderator: Client;
  let screens: Client[];

  beforeEach(async () => {
    held.length = 0;
    runs.length = 0;
    moderator = s.connect('moderator', { auth: { key: KEY } });
    screens = [s.connect('screen 1'), s.connect('screen 2'), s.connect('screen 3')];
    await Promise.all([moderator, ...screens].map((c) => connected(c)));
  });

  it('answers the moderator before any socket gets the patch, by socket and by HTTP', async () => {
    const before = s.server.service.state().version;
    expect(await command(moderator, { type: 'session.start' })).toEqual({ ok: true, version: before + 1 });
    const http = await s.command({ type: 'speaker.next' });
    expect(http.status, http.text).toBe(200);
    expect(http.body).toMatchObject({ version: before + 2 });

    // Both commands are answered; nobody has a patch yet, and the patches are waiting to be written.
    await sleep(100);
    for (const client of [moderator, ...screens]) expect(client.patches, client.name).toEqual([]);
    expect(held.length).toBe(1);

    release();
    await waitFor('every screen at the new version', () => screens.every((c) => c.view?.version === before + 2));
    await waitFor('the moderator at the new version', () => moderator.view?.version === before + 2);
    for (const client of [moderator, ...screens]) {
      expect(
        client.patches.map((p) => p.version),
        client.name,
      ).toEqual([before + 1, before + 2]);
      expect(client.gaps).toEqual([]);
    }
  });

  it('sends a patch only once its version is in the journal on disk', async () => {
    for (const type of ['session.start', 'speaker.next', 'speaker.next']) {
      expect(await command(moderator, { type })).toMatchObject({ ok: true });
      release();
    }
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const run of runs) expect(run.onDisk).toBe(run.served);
    const last = s.server.service.state().version;
    await waitFor('every screen at the last version', () => screens.every((c) => c.view?.version === last));
    expect(Math.max(...screens.flatMap((c) => c.patches.map((p) => p.version)))).toBe(last);
  });
});
