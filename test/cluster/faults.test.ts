// The meeting survives losing any one node: a real Postgres in a temp dir, three Rollcall nodes and
// HAProxy from docs/deploy/haproxy.cfg in front, a scripted session (the moderator's own page client,
// three cities, screens) and one fault per test. After each: every acknowledged command is in the
// journal once, versions are contiguous, the journal replays to what every surviving node serves, no
// screen went backwards, and the speaker's turn start never moved. Each test leaves three healthy
// nodes and a running Postgres behind it, whatever order they run in.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './support/cluster';
import { readJournal, replay } from './support/journal-check';
import { health, waitHealthy } from './support/nodes';
import { sleep, until } from './support/processes';
import { openSession, type Session } from './support/session';

const VIEWERS = 24;

let cluster: Cluster;
let session: Session | null = null;
let postgresDown = false;

beforeAll(async () => {
  cluster = await startCluster({ pages: true });
});
afterAll(async () => {
  await cluster?.stop();
});
afterEach(async () => {
  await session?.stop();
  session?.close();
  session = null;
  // Put back what a test broke, so that the next one starts from three healthy nodes.
  if (postgresDown) cluster.postgres.start();
  postgresDown = false;
  for (const node of cluster.nodes) {
    if (!node.running || node.options.clockOffsetSeconds || (await health(node, 3_000))?.status !== 200) {
      await cluster.restart(node.nodeId, { clockOffsetSeconds: 0 });
    }
  }
});

async function open(): Promise<Session> {
  session = await openSession({ url: cluster.url, moderatorKey: cluster.secrets.moderatorKey, viewers: VIEWERS, pollingViewers: 2 });
  await session.ready();
  return session;
}

/**
 * A POST on a connection of its own (fetch would reuse a pooled one, which may still point at a node
 * process an earlier test's clean-up restarted on that port, and a POST is not retried).
 */
function postOnce(url: string, headers: Record<string, string>, body: string, timeoutMs: number) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The turn `speaker` was given at `startedAt` still starts there in the journal. */
async function expectTurnKept(s: Session, speaker: string, startedAt: number) {
  const replayed = replay(await readJournal(cluster.databaseUrl, s.store.getState().eventId!));
  expect(replayed.entries[speaker]!.turns.map((t) => t.startedAt)).toContain(startedAt);
}

describe('cluster of three nodes over one Postgres, behind HAProxy', () => {
  it('serves one page build from every node: a page loaded from one node gets its scripts from any other', async () => {
    const page = await fetch(`${cluster.nodes[0]!.url}/screen`);
    expect(page.status).toBe(200);
    const assets = [...new Set([...(await page.text()).matchAll(/(?:src|href)="(\/_next\/static\/[^"?]+)/g)].map((m) => m[1]!))];
    expect(assets.length).toBeGreaterThan(0);
    for (const node of cluster.nodes) {
      for (const asset of assets) expect((await fetch(`${node.url}${asset}`)).status, `${node.nodeId} ${asset}`).toBe(200);
    }
    expect((await fetch(`${cluster.url}/screen`)).status).toBe(200);
  });

  it('kill -9 of the moderator’s node mid-turn: the pending command is acknowledged within 5 s, nothing lost', async () => {
    const s = await open();
    const { speaker, startedAt } = await s.startTalking();
    s.stream();
    await sleep(1_500);
    const victim = await cluster.nodeWithMost('moderators');
    // A command leaves, and the node dies with it in flight (committed or not).
    const pending = s.message();
    const killedAt = Date.now();
    await cluster.kill(victim.nodeId);
    const result = await pending;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(s.acked.at(-1)!.ackedAt - killedAt).toBeLessThan(5_000);
    await sleep(2_000);
    expect(await cluster.verify(s)).toEqual([]);
    expect(s.store.getState().view!.entries[speaker]!.turns.at(-1)!.startedAt).toBe(startedAt);
    await expectTurnKept(s, speaker, startedAt);
  });

  it('kill -9 of the node with most screens: every one of them is back with a fresh snapshot within 5 s', async () => {
    const s = await open();
    const { speaker, startedAt } = await s.startTalking();
    s.stream();
    await sleep(1_000);
    const victim = await cluster.nodeWithMost('viewers');
    const onVictim = ((await health(victim))!.body.sockets as { viewers: number }).viewers;
    expect(onVictim).toBeGreaterThan(0);
    const killedAt = Date.now();
    await cluster.kill(victim.nodeId);
    await sleep(5_000);
    const dropped = s.viewers.filter((v) => v.disconnects.some((d) => d.at >= killedAt));
    expect(dropped.length).toBe(onVictim);
    const late = dropped.filter((v) => !v.snapshots.some((snap) => snap.at > killedAt && snap.at - killedAt <= 5_000)).map((v) => v.name);
    expect(late, 'screens without a fresh snapshot within 5 s').toEqual([]);
    expect(await cluster.verify(s)).toEqual([]);
    await expectTurnKept(s, speaker, startedAt);
  });

  it('SIGSTOP of a node for 10 s, then SIGCONT: it writes nothing stale and catches up', async () => {
    const s = await open();
    const { speaker, startedAt } = await s.startTalking();
    s.stream();
    await sleep(1_000);
    const frozen = await cluster.nodeWithMost('moderators');
    // Frozen with a command of the moderator likely in its hands.
    const pending = s.message();
    frozen.signal('SIGSTOP');
    await cluster.haproxy.waitState(frozen.nodeId, 'DOWN');
    expect((await pending).ok).toBe(true);
    await sleep(10_000 - 1_000);
    frozen.signal('SIGCONT');
    await waitHealthy(frozen, 20_000);
    await cluster.haproxy.waitState(frozen.nodeId, 'UP');
    await sleep(1_500);
    // verify() also waits for the thawed node to reach the journal's last version and compares its state.
    expect(await cluster.verify(s)).toEqual([]);
    await expectTurnKept(s, speaker, startedAt);
  });

  it('a node whose clock is 3 s off refuses commands and says it is unhealthy; the others carry on', async () => {
    const s = await open();
    const { speaker, startedAt } = await s.startTalking();
    s.stream();
    const skewed = await cluster.restart('node3', { clockOffsetSeconds: 3 });
    // It starts, measures its offset to the database, and never reports itself healthy.
    const unhealthy = await until('node3 to answer /api/health', () => health(skewed), 60_000);
    expect(unhealthy.status).toBe(503);
    expect(JSON.stringify(unhealthy.body)).toMatch(/clock/i);
    await cluster.haproxy.waitState('node3', 'DOWN');
    const direct = await fetch(`${skewed.url}/api/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cluster.secrets.moderatorKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message.send', target: 'screens', text: 'from a skewed clock', id: 'skewed-1' }),
    });
    expect(direct.status).toBe(503);
    await sleep(3_000);
    expect((await health(skewed))!.status).toBe(503);
    expect(await cluster.verify(s)).toEqual([]);
    const records = await readJournal(cluster.databaseUrl, s.store.getState().eventId!);
    expect(records.filter((r) => (r.command as { id?: string }).id === 'skewed-1')).toEqual([]);
    await expectTurnKept(s, speaker, startedAt);
  });

  it('Postgres restarted: commands fail cleanly while it is down and are accepted again after', async () => {
    const s = await open();
    const { speaker, startedAt } = await s.startTalking();
    s.stream();
    await sleep(1_000);
    cluster.postgres.stop();
    postgresDown = true;
    const node = cluster.nodes[0]!;
    const startedDown = Date.now();
    const down = await postOnce(
      `${node.url}/api/commands`,
      { authorization: `Bearer ${cluster.secrets.moderatorKey}`, 'content-type': 'application/json' },
      JSON.stringify({ type: 'message.send', target: 'screens', text: 'while the database is down', id: 'db-down-1' }),
      15_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; ${node.nodeId} ${node.running ? 'runs' : 'exited'}, it printed:\n${node.output().slice(-4_000)}`);
    });
    expect(Date.now() - startedDown).toBeLessThan(10_000);
    expect(down.status).toBe(503);
    const body = JSON.parse(down.body) as { error?: { code?: string } };
    expect(typeof body.error?.code).toBe('string');
    await until(
      'every node to report itself unhealthy',
      async () => (await Promise.all(cluster.nodes.map((n) => health(n)))).every((h) => h?.status === 503),
      15_000,
    );
    await sleep(2_000);
    cluster.postgres.start();
    postgresDown = false;
    for (const n of cluster.nodes) await waitHealthy(n, 30_000);
    for (const n of cluster.nodes) await cluster.haproxy.waitState(n.nodeId, 'UP');
    // The page says it is live again (it reconnected and holds a fresh snapshot) before the moderator acts.
    await until('the moderator live again', () => s.store.getState().status === 'live', 15_000).catch((error: Error) => {
      throw new Error(`${error.message}; the page's statuses: ${s.statuses.join(', ')}`);
    });
    const after = await s.message();
    expect(after.ok, `${JSON.stringify(after)}; the page's statuses: ${s.statuses.join(', ')}`).toBe(true);
    expect(await cluster.verify(s)).toEqual([]);
    const records = await readJournal(cluster.databaseUrl, s.store.getState().eventId!);
    expect(records.filter((r) => (r.command as { id?: string }).id === 'db-down-1')).toEqual([]);
    await expectTurnKept(s, speaker, startedAt);
  });
});
