// One city's link must not be able to slow the meeting: a real server where a city signals and
// reconnects while screens watch. Screens get no patch for what they cannot see, every patch names the
// version it applies to, and all the sockets of one link share one budget and a cap on their number.
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY, MODERATOR, bearer, connected, nextEmitted, request, waitFor, type Client } from './support/real-server';
import { GRACE_MS, command, expectConverged, okCommand, sync, useSocketServer } from './support/socket-room';

type ConnectError = Error & { data?: { code: string; reason: string; message: string } };

describe('what a city does costs the screens nothing', () => {
  // A fresh server for every test, on a fake clock: the reconnect grace passes when the test says so.
  const s = useSocketServer({ fakeClock: true, fresh: 'each' });
  let moderator: Client;
  let screens: Client[];
  let cityA: Client;
  let cityB: Client;
  let A: string;
  let tokens: Record<string, string>;

  beforeEach(async () => {
    const links = (await request(s.url, 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[];
    tokens = Object.fromEntries(links.map((l) => [l.entryId, l.token]));
    const order = s.server.service.state().order;
    A = order[3]!;
    moderator = s.connect('moderator', { auth: { key: KEY } });
    screens = [s.connect('screen 1'), s.connect('screen 2')];
    cityA = s.connect('city A', { auth: { token: tokens[A]! } });
    cityB = s.connect('city B', { auth: { token: tokens[order[4]!]! } });
    await Promise.all([moderator, ...screens, cityA, cityB].map((c) => connected(c)));
    await expectConverged(s.server, [moderator, ...screens, cityA, cityB]);
  });

  it('signals and reconnects of one city reach the moderator and that city, and no screen', async () => {
    const screenPatches = screens.map((c) => c.patches.length);
    const cityBPatches = cityB.patches.length;
    const from = s.server.service.state().version;

    await okCommand(cityA, { type: 'signal.send', kind: 'request_floor' });
    await okCommand(cityA, { type: 'signal.clear' });
    await okCommand(cityA, { type: 'signal.send', kind: 'technical_problem' });
    // Its link drops and comes back within the grace: reconnecting, then online again.
    cityA.socket.disconnect();
    await waitFor('A reconnecting', () => moderator.view!.connections[A]?.state === 'reconnecting');
    cityA.socket.connect();
    await waitFor('A online again', () => moderator.view!.connections[A]?.state === 'online');
    const busy = s.server.service.state().version;
    expect(busy - from).toBe(5);

    // The moderator heard every one of those versions, one after the other.
    const modVersions = moderator.patches.filter((p) => p.version > from).map((p) => [p.baseVersion, p.version]);
    expect(modVersions).toEqual([1, 2, 3, 4, 5].map((i) => [from + i - 1, from + i]));

    // Then something everyone sees.
    const version = await okCommand(moderator, { type: 'message.send', target: 'screens', text: 'Перерыв пять минут' });
    await expectConverged(s.server, [moderator, ...screens, cityA, cityB]);
    screens.forEach((screen, i) => {
      const fresh = screen.patches.slice(screenPatches[i]);
      expect(
        fresh.map((p) => p.version),
        screen.name,
      ).toEqual([version]);
      // The patch names the last version this screen saw, so it can still tell a gap from a skip.
      expect(fresh[0]!.baseVersion).toBe(from);
      expect(fresh[0]!.notices).toEqual([{ type: 'message', target: 'screens', text: 'Перерыв пять минут' }]);
    });
    expect(cityB.patches.slice(cityBPatches).map((p) => p.version)).toEqual([version]);
    expect(s.server.visibleVersion({ role: 'viewer' })).toBe(version);
    // Screens carry nobody's signal or connection, only the count, which a reconnect within the grace does not move.
    expect(screens[0]!.view!.signals).toEqual({});
    expect(screens[0]!.view!.connections).toEqual({});
    expect(screens[0]!.view!.onlineCount).toBe(2);
    expect(Object.keys(cityA.view!.signals)).toEqual([A]);
    expect(Object.keys(cityA.view!.connections)).toEqual([A]);
  });

  it("a city that goes offline for good changes the screens' count: one patch, after the grace", async () => {
    const before = screens[0]!.patches.length;
    cityA.socket.disconnect();
    await waitFor('A dropped', () => moderator.view!.connections[A]?.state === 'reconnecting');
    // Within the grace the screens' count does not move; once it is over, one patch.
    s.advance(GRACE_MS - 1);
    expect(s.server.service.state().connections[A]?.state).toBe('reconnecting');
    s.advance(1);
    await waitFor('A offline', () => moderator.view!.connections[A]?.state === 'offline');
    await waitFor('the screen count to drop', () => screens[0]!.view!.onlineCount === 1);
    expect(screens[0]!.patches.slice(before).map((p) => p.set.onlineCount)).toEqual([1]);
    await expectConverged(s.server, [moderator, ...screens, cityB]);
  });
});

describe('the budget and the sockets of one link', () => {
  // A fresh server for every test, on a clock that does not move by itself (no budget refills
  // behind the test's back); refusals are answered at once (their delay has a test of its own).
  const s = useSocketServer({
    fakeClock: true,
    fresh: 'each',
    limits: {
      refusalDelayMs: 0,
      link: { commands: { capacity: 4, perSecond: 0.5 }, maxSockets: 3, connects: { capacity: 6, perSecond: 0.2 } },
    },
  });
  let token: string;
  const openTabs = async () => {
    const tabs = [1, 2, 3].map((i) => s.connect(`tab ${i}`, { auth: { token } }));
    await Promise.all(tabs.map((t) => connected(t)));
    return tabs;
  };

  beforeEach(async () => {
    const links = (await request(s.url, 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[];
    token = links[5]!.token;
  });

  it('all the sockets of a link, and its HTTP requests, draw on one command budget', async () => {
    const tabs = await openTabs();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => command(tabs[i % 3]!, { type: 'signal.send', kind: 'ready' })));
    // The burst of 4, and nothing refilled: the clock did not move.
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(8).fill('rate_limited'));
    const http = await request(s.url, 'POST', '/api/commands', { auth: bearer(token), body: { type: 'signal.clear' } });
    expect(http.status).toBe(429);
    expect(http.body.error.code).toBe('rate_limited');
    // The moderator's own budget is untouched.
    expect((await request(s.url, 'POST', '/api/commands', { auth: MODERATOR, body: { type: 'message.clear' } })).status).toBe(200);
  });

  it('a fourth socket of the same link is refused with too_many_sockets; closing one makes room', async () => {
    const open = await openTabs();
    const fourth = s.connect('tab 4', { auth: { token } });
    const error = await nextEmitted<ConnectError>(fourth.socket, 'connect_error');
    expect(error.data).toMatchObject({ code: 'conflict', reason: 'too_many_sockets' });
    expect(error.data!.message).toMatch(/already open in 3 places/);
    expect(fourth.snapshots).toEqual([]);

    open[0]!.socket.disconnect();
    // A round trip on another tab's connection: the server has seen the first tab close by then.
    await sync(open[1]!, { version: 0 });
    const fifth = s.connect('tab 5', { auth: { token } });
    expect(await connected(fifth)).toMatchObject({ role: 'participant' });
  });

  it('a link that reconnects over and over runs out of connections: rate_limited at the handshake', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const tab = s.connect(`flood ${i}`, { auth: { token } });
      const outcome = await Promise.race([
        nextEmitted<ConnectError>(tab.socket, 'connect_error').then((e) => e.data?.reason ?? 'error'),
        connected(tab).then(() => 'connected'),
      ]);
      codes.push(outcome);
      tab.socket.disconnect();
    }
    expect(codes).toContain('rate_limited');
    expect(codes.slice(-2)).toEqual(['rate_limited', 'rate_limited']);
  });
});
