// Presence over the socket.io transport against a real server on a random port: online,
// reconnecting within the grace, offline after it, a second tab, the audience count, and a
// participant who does not come back after a restart.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RollcallServer } from '../server/app-server';
import { KEY, connected, sleep, waitFor, type Client } from './support/real-server';
import { GRACE_MS, expectConverged, okCommand, presenceSeen, useSocketRoom, useSocketServer } from './support/socket-room';

describe('socket transport on a real server', () => {
  const room = useSocketRoom();
  const { s } = room;
  let server: RollcallServer;
  let tokens: Record<string, string>;
  let moderator: Client;
  let cityA: Client;
  let viewer: Client;
  let A: string;
  let C: string;
  const all = () => room.all();

  // The room's own beforeAll (registered first) has connected everyone by now.
  beforeAll(() => {
    ({ tokens, moderator, cityA, viewer, A, C } = room);
    server = s.server;
  });

  it('tracks a participant online, reconnecting, then offline after the grace', async () => {
    const from = moderator.patches.length;
    const cityC = s.connect('city C', { auth: { token: tokens[C] } });
    expect(await connected(cityC)).toMatchObject({ role: 'participant', entryId: C });
    await waitFor('C online', () => moderator.view!.connections[C]?.state === 'online');

    cityC.socket.disconnect();
    await waitFor('C reconnecting', () => moderator.view!.connections[C]?.state === 'reconnecting');
    const droppedAt = Date.now();
    await waitFor('C offline', () => moderator.view!.connections[C]?.state === 'offline', GRACE_MS + 3000);
    // Not before the grace is over (a little slack for timer and network jitter).
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(presenceSeen(moderator, C, from)).toEqual(['online', 'reconnecting', 'offline']);
    // Screens only count connected cities: C counted while online or reconnecting, not once offline.
    await expectConverged(server, all());
    expect(viewer.view!.connections).toEqual({});
    expect(viewer.view!.onlineCount).toBe(2);
    expect(
      viewer.patches
        .map((p) => p.set.onlineCount)
        .filter((n) => n !== undefined)
        .slice(-2),
    ).toEqual([3, 2]);
  });

  it('goes straight back to online when a participant reconnects within the grace', async () => {
    const from = moderator.patches.length;
    const first = s.connect('city C again', { auth: { token: tokens[C] } });
    await connected(first);
    await waitFor('C online', () => moderator.view!.connections[C]?.state === 'online');
    first.socket.disconnect();
    await waitFor('C reconnecting', () => moderator.view!.connections[C]?.state === 'reconnecting');
    const second = s.connect('city C reconnected', { auth: { token: tokens[C] } });
    await connected(second);
    await waitFor('C online again', () => moderator.view!.connections[C]?.state === 'online');
    // Let the original grace run out twice over: an 'offline' must not appear.
    await sleep(GRACE_MS * 2);
    expect(server.service.state().connections[C]?.state).toBe('online');
    expect(presenceSeen(moderator, C, from)).toEqual(['online', 'reconnecting', 'online']);
    second.socket.disconnect();
    await waitFor('C offline at last', () => moderator.view!.connections[C]?.state === 'offline', GRACE_MS + 3000);
  });

  it('keeps a participant online while a second tab of it is still connected', async () => {
    const from = moderator.patches.length;
    const secondTab = s.connect('city A second tab', { auth: { token: tokens[A] } });
    await connected(secondTab);
    secondTab.socket.disconnect();
    // cityA is still connected: closing the second tab changes nothing, so the next command's
    // patch is the only one the moderator gets.
    const version = await okCommand(moderator, { type: 'message.send', target: 'screens', text: 'Проверка связи' });
    await waitFor('moderator at the new version', () => moderator.view!.version === version);
    await sleep(GRACE_MS + 100);
    expect(presenceSeen(moderator, A, from)).toEqual([]);
    expect(server.service.state().connections[A]?.state).toBe('online');
  });

  it('tells the moderator how many viewers are watching, and nobody else', async () => {
    const base = 1; // `viewer`
    const last = (c: Client) => c.audiences[c.audiences.length - 1];
    await waitFor('a settled audience of one viewer', () => last(moderator)?.viewers === base);
    const screens = [s.connect('screen 1'), s.connect('screen 2')];
    await Promise.all(screens.map((s) => connected(s)));
    await waitFor('moderator to count three viewers', () => last(moderator)?.viewers === base + 2);
    expect(last(moderator)).toMatchObject({ moderators: 1, participants: 2 });
    // Only the console shows the counts: screens and cities are not sent every connect and disconnect.
    expect([...cityA.audiences, ...viewer.audiences, ...screens.flatMap((c) => c.audiences)]).toEqual([]);
    expect(moderator.snapshots[0]!.audience).toBeDefined();
    expect(viewer.snapshots[0]!.audience).toBeUndefined();
    const state = (await (await fetch(`${server.url}/api/state`)).json()) as { counts: { viewers: number } };
    expect(state.counts.viewers).toBe(base + 2);

    for (const s of screens) s.socket.disconnect();
    await waitFor('the count to drop back', () => last(moderator)?.viewers === base);
  });
});

// ---- presence across a restart --------------------------------------------------------------------

describe('presence across a server restart', () => {
  const s = useSocketServer();

  it('shows a participant who does not come back after a restart as offline after the grace', async () => {
    const server = s.server;
    const [a, b] = server.service.state().order.slice(3, 5) as [string, string];
    const [linkA, linkB] = server.links.list([a, b]);
    const cities = [s.connect('city A', { auth: { token: linkA!.token } }), s.connect('city B', { auth: { token: linkB!.token } })];
    await Promise.all(cities.map((c) => connected(c)));
    const first = server;
    await waitFor('both cities online', () => [a, b].every((id) => first.service.state().connections[id]?.state === 'online'));

    await s.restart();
    // City A comes straight back; city B never does.
    const moderator = s.connect('moderator', { auth: { key: KEY } });
    const back = s.connect('city A back', { auth: { token: linkA!.token } });
    await Promise.all([connected(moderator), connected(back)]);
    await waitFor('city B shown offline', () => moderator.view?.connections[b]?.state === 'offline', GRACE_MS + 3000);
    await waitFor('city A shown online', () => moderator.view?.connections[a]?.state === 'online');
    await sleep(GRACE_MS + 100);
    expect(moderator.view!.connections[a]?.state).toBe('online');
    expect(moderator.view!.connections[b]?.state).toBe('offline');
  });
});
