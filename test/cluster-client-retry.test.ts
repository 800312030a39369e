// The moderator's page keeps a command it got no answer for and sends it again, with the same id,
// once its socket has reconnected, here to another node (through a proxy standing in for the load
// balancer): the command is applied once, and answered.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { connectLive, type LiveConnection } from '../components/live/live-connection';
import { createLiveStore } from '../components/live/live-store';
import { useTestCluster } from './support/cluster-nodes';
import { KEY, waitFor } from './support/real-server';

const cluster = useTestCluster();

/** A TCP proxy to one node at a time; `cut()` closes every connection, `swallow` drops what clients send. */
async function startProxy(port: number) {
  const state = { port, swallow: false };
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ port: state.port, host: '127.0.0.1' });
    open.add(client).add(upstream);
    client.on('data', (data) => {
      if (!state.swallow) upstream.write(data);
    });
    upstream.on('data', (data) => client.write(data));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      a.on('close', () => b.destroy());
      a.on('error', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    state,
    cut() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    close() {
      this.cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('the moderator page across a node failure', () => {
  test('a command sent while the node is gone, and one whose node died before answering, each land once on the next node', async () => {
    const url = await cluster.database();
    const [a, b] = [await cluster.node(url), await cluster.node(url)];
    const proxy = await startProxy(a.port);
    closers.push(() => proxy.close());
    const store = createLiveStore();
    const live: LiveConnection = connectLive(store, { key: KEY }, proxy.url);
    closers.push(() => live.close());
    await waitFor('the page live', () => store.getState().view, 5000);

    // In flight when the node dies: the node never sees it, the page resends it to the next node.
    proxy.state.swallow = true;
    const inFlight = live.send({ type: 'message.send', target: 'screens', text: 'in flight' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.state.port = b.port;
    proxy.state.swallow = false;
    proxy.cut();
    // Sent while the page is reconnecting.
    const whileAway = live.send({ type: 'message.send', target: 'screens', text: 'while away' });

    const results = await Promise.all([inFlight, whileAway]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const sql = await cluster.sql(url);
    const texts = (
      await sql.query<{ command: string }>(
        "SELECT command FROM journal WHERE event_id = 'main' AND client_key LIKE 'moderator:%' ORDER BY version",
      )
    ).rows.map((r) => (JSON.parse(r.command) as { text: string }).text);
    expect(texts.sort()).toEqual(['in flight', 'while away']);
  });
});
