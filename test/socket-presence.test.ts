// Presence over the socket.io transport against a real server on a random port, on a fake clock
// whose timers fire only when the test moves it (no sleeping): online, reconnecting within the
// grace, offline after it, a second tab, the audience count, and a participant who does not come
// back after a restart.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RollcallServer } from '../server/app-server';
import { KEY, connected, waitFor, type Client } from './support/real-server';
import {
  HEADCOUNT_COALESCE_MS,
  GRACE_MS,
  expectConverged,
  okCommand,
  presenceSeen,
  useSocketRoom,
  useSocketServer,
} from './support/socket-room';

describe('socket transport on a real server', () => {
  // A fresh server and room for every test, on a fake clock: the grace and the coalescing run when the test moves it.
  const room = useSocketRoom({ fakeClock: true, fresh: 'each' });
  const { s } = room;
  let server: RollcallServer;
  let tokens: Record<string, string>;
  let moderator: Client;
  let cityA: Client;
  let viewer: Client;
  let A: string;
  let C: string;
  const all = () => room.all();
  const presence = (id: string) => server.service.state().connections[id]?.state;

  // The room's own beforeEach (registered first) has connected everyone by now.
  beforeEach(() => {
    ({ tokens, moderator, cityA, viewer, A, C } = room);
    server = s.server;
  });

  it('tracks a participant online, reconnecting, then offline when the grace is over', async () => {
    const from = moderator.patches.length;
    const cityC = s.connect('city C', { auth: { token: tokens[C] } });
    expect(await connected(cityC)).toMatchObject({ role: 'participant', entryId: C });
    await waitFor('C online', () => moderator.view!.connections[C]?.state === 'online');

    cityC.socket.disconnect();
    await waitFor('C reconnecting', () => moderator.view!.connections[C]?.state === 'reconnecting');
    // Not a moment before the grace is over.
    s.advance(GRACE_MS - 1);
    expect(presence(C)).toBe('reconnecting');
    s.advance(1);
    expect(presence(C)).toBe('offline');
    await waitFor('the moderator sees C offline', () => moderator.view!.connections[C]?.state === 'offline');
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
    s.advance(GRACE_MS * 2);
    expect(presence(C)).toBe('online');
    await expectConverged(server, all());
    expect(presenceSeen(moderator, C, from)).toEqual(['online', 'reconnecting', 'online']);
    second.socket.disconnect();
    await waitFor('C dropped at last', () => presence(C) === 'reconnecting');
    s.advance(GRACE_MS);
    await waitFor('C offline at last', () => moderator.view!.connections[C]?.state === 'offline');
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
    s.advance(GRACE_MS * 2);
    expect(presence(A)).toBe('online');
    await expectConverged(server, all());
    expect(presenceSeen(moderator, A, from)).toEqual([]);
  });

  it('tells the moderator how many viewers are watching, and nobody else', async () => {
    const base = 1; // `viewer`
    const last = (c: Client) => c.headcounts[c.headcounts.length - 1];
    const announced = async (what: string, viewers: number) => {
      await waitFor(`the server to count ${viewers} viewer(s)`, () => server.headcount().viewers === viewers);
      s.advance(HEADCOUNT_COALESCE_MS);
      await waitFor(what, () => last(moderator)?.viewers === viewers);
    };
    await announced('a settled audience of one viewer', base);
    const screens = [s.connect('screen 1'), s.connect('screen 2')];
    await Promise.all(screens.map((c) => connected(c)));
    await announced('moderator to count three viewers', base + 2);
    expect(last(moderator)).toMatchObject({ moderators: 1, participants: 2 });
    // Only the console shows the counts: screens and cities are not sent every connect and disconnect.
    expect([...cityA.headcounts, ...viewer.headcounts, ...screens.flatMap((c) => c.headcounts)]).toEqual([]);
    expect(moderator.snapshots[0]!.headcount).toBeDefined();
    expect(viewer.snapshots[0]!.headcount).toBeUndefined();
    const state = (await (await fetch(`${server.url}/api/state`)).json()) as { counts: { viewers: number } };
    expect(state.counts.viewers).toBe(base + 2);

    for (const screen of screens) screen.socket.disconnect();
    await announced('the count to drop back', base);
    // Connects and disconnects in between are one message, not one each.
    const heard = moderator.headcounts.length;
    const burst = [1, 2, 3].map((i) => s.connect(`burst ${i}`));
    await Promise.all(burst.map((c) => connected(c)));
    await announced('one message for the burst', base + 3);
    expect(moderator.headcounts.length).toBe(heard + 1);
    for (const screen of burst) screen.socket.disconnect();
    await announced('the count to drop back after the burst', base);
  });
});

// ---- presence across a restart --------------------------------------------------------------------

describe('presence across a server restart', () => {
  const s = useSocketServer({ fakeClock: true });

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
    await waitFor('city A shown online', () => moderator.view?.connections[a]?.state === 'online');
    // Nobody has heard from city B since the restart: dropped, then offline once the grace is over.
    expect(s.server.service.state().connections[b]?.state).toBe('reconnecting');
    s.advance(GRACE_MS);
    await waitFor('city B shown offline', () => moderator.view?.connections[b]?.state === 'offline');
    s.advance(GRACE_MS * 2);
    expect(s.server.service.state().connections[a]?.state).toBe('online');
    expect(s.server.service.state().connections[b]?.state).toBe('offline');
  });
});
