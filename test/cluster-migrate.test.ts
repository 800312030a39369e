// `npm run migrate`: an embedded data dir copied into Postgres, verified by replay, and served by a
// cluster node as it was: the same state, the same journal, the same links (with the data dir's key).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startRollcallServer } from '../server/app-server';
import { migrateDataDir } from '../server/cluster/migrate';
import { useTestCluster } from './support/cluster-nodes';
import { KEY, MODERATOR, newTempDir, removeDir, request } from './support/real-server';

const cluster = useTestCluster();

/** An embedded data dir with a started session, a rehearsal and a regenerated link; closed. */
async function usedDataDir() {
  const dir = newTempDir('rollcall-migrate-');
  const server = await startRollcallServer({ dataDir: dir, port: 0, host: '127.0.0.1', moderatorKey: KEY });
  const links = (await request(server.url, 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[];
  await request(server.url, 'POST', `/api/links/${links[1]!.entryId}`, { auth: MODERATOR });
  await request(server.url, 'POST', '/api/events/main/rehearsal', { auth: MODERATOR });
  for (const type of ['session.start', 'speaker.next', 'speaker.next']) {
    expect((await request(server.url, 'POST', '/api/commands', { auth: MODERATOR, body: { type } })).status).toBe(200);
  }
  const state = server.service.state();
  const token = (await request(server.url, 'GET', '/api/links', { auth: MODERATOR })).body[0].token as string;
  const journal = server.events.active().journal.records();
  await server.close();
  return { dir, state, token, journal, linksKey: readFileSync(join(dir, 'links.key'), 'utf8').trim() };
}

describe('migrate', () => {
  test('a node on the migrated database serves the same state, journal, events and links', async () => {
    const before = await usedDataDir();
    try {
      const url = await cluster.database();
      const report = await migrateDataDir(join(before.dir, 'rollcall.db'), url);
      expect(report.events.map((e) => e.id)).toEqual(['main', 'main-r1']);
      expect(report.events[0]).toMatchObject({ id: 'main', version: before.state.version, records: before.journal.length });

      const node = await cluster.node(url, { sealingKey: Buffer.from(report.linksKey, 'base64') });
      expect(node.service.state()).toEqual(before.state);
      expect(await node.events.active().journal.records()).toEqual(before.journal);
      expect(node.events.list().map((e) => e.id)).toEqual(['main', 'main-r1']);
      expect(node.links.verify(before.token)).toBe(before.state.order[0]);
      const listed = (await request(`http://127.0.0.1:${node.port}`, 'GET', '/api/links', { auth: MODERATOR })).body as { token: string }[];
      expect(listed[0]!.token).toBe(before.token);
    } finally {
      removeDir(before.dir);
    }
  });

  test('a database that already holds a roll call is refused, and nothing is copied into it', async () => {
    const before = await usedDataDir();
    try {
      const url = await cluster.database();
      await cluster.node(url); // creates the first event
      await expect(migrateDataDir(join(before.dir, 'rollcall.db'), url)).rejects.toThrow(/already holds events/);
      const sql = await cluster.sql(url);
      expect((await sql.query('SELECT count(*)::int AS n FROM journal')).rows[0].n).toBe(0);
    } finally {
      removeDir(before.dir);
    }
  });

  test('a ROLLCALL_LINKS_KEY other than the data dir links.key is refused before anything is copied', async () => {
    const before = await usedDataDir();
    try {
      const url = await cluster.database();
      const other = Buffer.alloc(32, 7).toString('base64');
      await expect(migrateDataDir(join(before.dir, 'rollcall.db'), url, other)).rejects.toThrow(/ROLLCALL_LINKS_KEY is not the key in/);
      const sql = await cluster.sql(url);
      expect((await sql.query("SELECT to_regclass('events') AS t")).rows[0].t).toBeNull();
    } finally {
      removeDir(before.dir);
    }
  });
});
