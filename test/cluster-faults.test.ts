// What a node does when the journal moved without it, or the database goes away: it never writes
// over another node's version, never acknowledges what it could not commit, and works again after.
import { describe, expect, test } from 'vitest';
import { clusterSettings } from '../server/cluster/cluster-env';
import type { ClusterNode } from '../server/cluster/cluster-node';
import { useTestCluster } from './support/cluster-nodes';
import { MODERATOR, request, sleep } from './support/real-server';

const cluster = useTestCluster();
const base = (node: ClusterNode) => `http://127.0.0.1:${node.port}`;
/** Polls an asynchronous check until it holds; fails naming `what` after the deadline. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
const post = (node: ClusterNode, body: unknown) => request(base(node), 'POST', '/api/commands', { auth: MODERATOR, body });

describe('a node behind the journal', () => {
  test('takes the next free version after catching up, with a time no earlier than the last one', async () => {
    const url = await cluster.database();
    const node = await cluster.node(url);
    const sql = await cluster.sql(url);
    const at = node.service.state().version;
    // Another node (written here by hand, with no NOTIFY) took the next version, with a later time.
    const later = Date.now() + 60_000;
    await sql.query('INSERT INTO journal (event_id, version, client_key, command, ctx) VALUES ($1, $2, $3, $4, $5)', [
      'main',
      at + 1,
      null,
      JSON.stringify({ type: 'session.start' }),
      JSON.stringify({ now: later, actor: { role: 'moderator' }, newId: 'x1' }),
    ]);
    const reply = await post(node, { id: 'after', type: 'session.pause' });
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(at + 2);
    const rows = (
      await sql.query<{ version: number; ctx: string }>("SELECT version, ctx FROM journal WHERE event_id = 'main' ORDER BY version")
    ).rows;
    expect(rows.map((r) => r.version)).toEqual([at + 1, at + 2]);
    expect((JSON.parse(rows[1]!.ctx) as { now: number }).now).toBe(later);
    expect(node.service.state().phase).toBe('paused');
  });
});

describe('Postgres restarting', () => {
  test('commands fail cleanly while it is down, health says so, and both work again after', async () => {
    const url = await cluster.database();
    const node = await cluster.node(url);
    expect((await post(node, { id: 'before', type: 'session.start' })).status).toBe(200);
    cluster.pg.stop();
    try {
      const refused = await post(node, { id: 'during', type: 'session.pause' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('unavailable');
      await until('health 503', async () => (await request(base(node), 'GET', '/api/health')).status === 503);
    } finally {
      cluster.pg.start();
    }
    await until('health 200 again', async () => (await request(base(node), 'GET', '/api/health')).status === 200, 15_000);
    const retried = await post(node, { id: 'during', type: 'session.pause' });
    expect(retried.status).toBe(200);
    const sql = await cluster.sql(url);
    const keys = (await sql.query<{ client_key: string }>("SELECT client_key FROM journal WHERE event_id = 'main' ORDER BY version")).rows;
    expect(keys.map((k) => k.client_key)).toEqual(['moderator:before', 'moderator:during']);
  });
});

describe('start-up settings', () => {
  test('without ROLLCALL_DATABASE_URL the embedded mode starts as before', () => {
    expect(clusterSettings({})).toBeNull();
  });

  test('cluster mode names every missing variable and how to fix it', () => {
    expect(() => clusterSettings({ ROLLCALL_DATABASE_URL: 'postgres://db/rollcall' })).toThrow(
      /ROLLCALL_MODERATOR_KEY is required[\s\S]*ROLLCALL_LINKS_KEY is required[\s\S]*ROLLCALL_PUBLIC_URL is required[\s\S]*Fix:/,
    );
    expect(() =>
      clusterSettings({
        ROLLCALL_DATABASE_URL: 'mysql://db',
        ROLLCALL_MODERATOR_KEY: 'a-long-enough-key',
        ROLLCALL_LINKS_KEY: Buffer.alloc(16).toString('base64'),
        ROLLCALL_PUBLIC_URL: 'https://rollcall.example.org',
      }),
    ).toThrow(/must be a postgres:\/\/ URL[\s\S]*found 16 bytes/);
  });

  test('complete settings are read, the node id optional', () => {
    const settings = clusterSettings({
      ROLLCALL_DATABASE_URL: 'postgres://u:p@db:5432/rollcall',
      ROLLCALL_MODERATOR_KEY: 'a-long-enough-key',
      ROLLCALL_LINKS_KEY: Buffer.alloc(32, 1).toString('base64'),
      ROLLCALL_PUBLIC_URL: 'https://rollcall.example.org/',
      ROLLCALL_NODE_ID: 'n2',
    });
    expect(settings).toMatchObject({ publicUrl: 'https://rollcall.example.org', nodeId: 'n2' });
    expect(settings!.sealingKey).toEqual(Buffer.alloc(32, 1));
  });
});

describe('webhooks on a cluster node', () => {
  test('are refused by name (their outbox follows the embedded journal only)', async () => {
    const url = await cluster.database();
    const node = await cluster.node(url);
    const body = { url: 'http://127.0.0.1:9/hook', events: ['turn.started'] };
    for (const [method, path] of [
      ['GET', '/api/webhooks'],
      ['POST', '/api/webhooks'],
    ] as const) {
      const reply = await request(base(node), method, path, { auth: MODERATOR, body: method === 'POST' ? body : undefined });
      expect(reply.status).toBe(503);
      expect(reply.body.error.reason).toBe('webhooks_embedded_only');
    }
  });
});
