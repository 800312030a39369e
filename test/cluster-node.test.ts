// Cluster mode over a real Postgres: two or three nodes in this process, each with its own sockets.
// A command taken by any node is journaled once, at the next version, and reaches every node's
// screens in order; links, event switches and presence are the cluster's, not a node's.
import { describe, expect, test } from 'vitest';
import type { CommandResult } from '../lib/protocol';
import { reduce } from '../lib/reducer';
import { decodeState, recordOf, type JournalRow } from '../server/journal';
import type { ClusterNode } from '../server/cluster/cluster-node';
import { useTestCluster } from './support/cluster-nodes';
import { KEY, MODERATOR, connectClient, connected, request, waitFor, type Client } from './support/real-server';
import { command, okCommand } from './support/socket-room';

const cluster = useTestCluster();
const base = (node: ClusterNode) => `http://127.0.0.1:${node.port}`;
const viewer = (node: ClusterNode, name: string) => connectClient(base(node), name);
const moderator = (node: ClusterNode, name: string) => connectClient(base(node), name, { auth: { key: KEY } });

/** The journal of the first event as stored, and the state a replay of it gives. */
async function journalOf(url: string) {
  const sql = await cluster.sql(url);
  const rows = (
    await sql.query<JournalRow>("SELECT version, client_key, command, ctx FROM journal WHERE event_id = 'main' ORDER BY version")
  ).rows;
  const first = (await sql.query<{ state: string }>("SELECT state FROM snapshots WHERE event_id = 'main' ORDER BY version LIMIT 1"))
    .rows[0]!;
  let state = decodeState(first.state, 'first snapshot');
  for (const row of rows) {
    if (row.version <= state.version) continue;
    const result = reduce(state, recordOf('main', row).command, recordOf('main', row).ctx);
    if (!result.ok) throw new Error(`replay failed at ${row.version}`);
    state = result.state;
  }
  return { rows, state };
}

describe('commands on any node', () => {
  test('commands taken by two nodes at once are all journaled once, at contiguous versions, and every screen follows in order', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const [onA, onB] = [moderator(a, 'mod-a'), moderator(b, 'mod-b')];
    const screens = [viewer(a, 'screen-a'), viewer(b, 'screen-b')];
    await Promise.all([onA, onB, ...screens].map((c) => connected(c)));

    const sends = (client: Client, tag: string) =>
      Array.from({ length: 15 }, (_, i) =>
        command(client, { id: `${tag}-${i}`, type: 'message.send', target: 'screens', text: `${tag} ${i}` }),
      );
    const results = await Promise.all([...sends(onA, 'a'), ...sends(onB, 'b')]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const versions = results.map((r) => (r as Extract<CommandResult, { ok: true }>).version).sort((x, y) => x - y);
    expect(new Set(versions).size).toBe(30);

    const { rows, state } = await journalOf(url);
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => rows[0]!.version + i));
    expect(rows.filter((r) => r.client_key?.startsWith('moderator:'))).toHaveLength(30);
    await waitFor(
      'both nodes at the journal',
      () => a.service.state().version === state.version && b.service.state().version === state.version,
    );
    expect(a.service.state()).toEqual(state);
    expect(b.service.state()).toEqual(state);
    for (const screen of screens) {
      const last = state.messages.filter((m) => m.target === 'screens').map((m) => m.text);
      await waitFor(
        `${screen.name} showing the last messages`,
        () => JSON.stringify(screen.view?.messages.map((m) => m.text)) === JSON.stringify(last),
      );
      expect(screen.gaps).toEqual([]);
      const patched = screen.patches.map((p) => p.version);
      expect(patched).toEqual([...patched].sort((x, y) => x - y));
    }
    // Timestamps never go back, whichever node took the command.
    const times = rows.map((r) => recordOf('main', r).ctx.now);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  test('a retry with the same id on another node answers the first version, and is journaled once', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const [onA, onB] = [moderator(a, 'mod-a'), moderator(b, 'mod-b')];
    await Promise.all([connected(onA), connected(onB)]);
    const payload = { id: 'once', type: 'message.send', target: 'screens', text: 'hello' };
    const first = await command(onA, payload);
    expect(first.ok).toBe(true);
    expect(await command(onB, payload)).toEqual({ ok: true, version: (first as { version: number }).version, duplicate: true });
    const { rows } = await journalOf(url);
    expect(rows.filter((r) => r.client_key === 'moderator:once')).toHaveLength(1);
    expect(await command(onB, { ...payload, text: 'another' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: 'id_reused' },
    });
  });

  test('a command made on a view another node has since changed is refused as stale', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const [onA, onB] = [moderator(a, 'mod-a'), moderator(b, 'mod-b')];
    await Promise.all([connected(onA), connected(onB)]);
    const seen = b.service.state().version;
    await okCommand(onA, { type: 'session.start' });
    const result = await command(onB, { type: 'session.pause', expectedVersion: seen });
    expect(result).toMatchObject({ ok: false, error: { code: 'stale', reason: 'stale_version' } });
  });
});

describe('what every node must know', () => {
  test('a link revoked on one node shuts out the city on another, and its new link opens there', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const links = (await request(base(a), 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[];
    const { entryId, token } = links[0]!;
    await waitFor('node b to know the link', () => b.links.verify(token) === entryId);
    const city = connectClient(base(b), 'city', { auth: { token } });
    await connected(city);

    const regenerated = await request(base(a), 'POST', `/api/links/${entryId}`, { auth: MODERATOR });
    expect(regenerated.status).toBe(200);
    await waitFor('the city on node b told its link was revoked', () => city.revocations.includes('revoked'));
    await waitFor('node b to know the new link', () => b.links.verify(regenerated.body.token as string) === entryId);
    expect(b.links.verify(token)).toBeNull();
    const again = connectClient(base(b), 'city again', { auth: { token: regenerated.body.token as string } });
    await connected(again);
  });

  test('an event switch on one node moves the screens of another', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const screen = viewer(b, 'screen-b');
    await connected(screen);
    const made = await request(base(a), 'POST', '/api/events/main/rehearsal', { auth: MODERATOR });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    await waitFor('node b to know the rehearsal', () => b.events.get(id));
    expect((await request(base(a), 'POST', `/api/events/${id}/activate`, { auth: MODERATOR })).status).toBe(200);
    await waitFor('the screen on node b moved', () => screen.switches.some((s) => s.eventId === id));
    await waitFor('a snapshot of the rehearsal', () => screen.snapshots.at(-1)?.eventId === id);
    expect(b.events.activeId()).toBe(id);
  });
});

describe('presence and headcount across nodes', () => {
  test('a city on two nodes is online once, stays online while one socket is left, and goes reconnecting then offline', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const links = (await request(base(a), 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[];
    const { entryId, token } = links[0]!;
    await waitFor('node b to know the link', () => b.links.verify(token) === entryId);
    const mod = moderator(a, 'mod');
    const onA = connectClient(base(a), 'city-a', { auth: { token } });
    const onB = connectClient(base(b), 'city-b', { auth: { token } });
    await Promise.all([connected(mod), connected(onA), connected(onB)]);
    await waitFor('the city online', () => a.service.state().connections[entryId]?.state === 'online');
    await waitFor('the moderator counting the city once', () => mod.headcounts.at(-1)?.participants === 1, 5000);

    onA.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(a.service.state().connections[entryId]?.state).toBe('online');

    onB.socket.disconnect();
    await waitFor('reconnecting', () => a.service.state().connections[entryId]?.state === 'reconnecting', 5000);
    await waitFor('offline after the grace', () => b.service.state().connections[entryId]?.state === 'offline', 8000);
    const { rows } = await journalOf(url);
    const sets = rows.map((r) => recordOf('main', r).command).filter((c) => c.type === 'presence.set' && c.entryId === entryId);
    expect(sets.map((c) => (c as { state: string }).state)).toEqual(['online', 'reconnecting', 'offline']);
  });

  test('screens on every node are counted for the moderator', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const mod = moderator(a, 'mod');
    const screens = [viewer(a, 's1'), viewer(b, 's2'), viewer(b, 's3')];
    await Promise.all([mod, ...screens].map((c) => connected(c)));
    await waitFor('three screens counted', () => mod.headcounts.at(-1)?.viewers === 3, 6000);
  });
});

describe('health', () => {
  test('a node whose clock is 3 s off the database refuses commands and says so on /api/health', async () => {
    const url = await cluster.database();
    const good = await cluster.node(url);
    const skewed = await cluster.node(url, { clock: { now: () => Date.now() + 3000 } });
    expect((await request(base(good), 'GET', '/api/health')).status).toBe(200);
    const health = await request(base(skewed), 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, reason: 'clock_offset' });
    const refused = await request(base(skewed), 'POST', '/api/commands', { auth: MODERATOR, body: { type: 'session.start' } });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'unavailable', reason: 'clock_offset' });
    expect((await journalOf(url)).rows).toHaveLength(0);
  });
});
