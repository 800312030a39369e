// Switching the active event on a real server, seen by plain socket.io clients that have no code of
// their own for it (as an integrator's would): nobody is disconnected; every socket is told
// (`activeEvent`) and gets the new event's snapshot on the same connection; a city whose link the new
// event does not take is told so and closed; cities that stay are online in the new event only.
import { beforeAll, describe, expect, it } from 'vitest';
import { KEY, MODERATOR, connected, request, waitFor, type Client } from './support/real-server';
import { command, expectConverged, useSocketServer } from './support/socket-room';

describe('switching the active event', () => {
  const s = useSocketServer();
  let moderator: Client;
  let screen: Client;
  let stays: Client;
  let dropped: Client;
  let rehearsalId: string;
  let activated: number;
  const [KEEP, DROP] = ['omsk', 'tomsk'];

  // Arranged once for every test below, which only look at what the switch did (in any order).
  beforeAll(async () => {
    const links = (await request(s.url, 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[];
    const token = (id: string) => links.find((l) => l.entryId === id)!.token;
    const created = await request(s.url, 'POST', '/api/events/main/rehearsal', { auth: MODERATOR });
    rehearsalId = created.body.id;
    // The rehearsal does without one city: its link opens nothing there.
    s.server.events.get(rehearsalId)!.service.dispatch({ role: 'moderator' }, { type: 'entry.remove', entryId: DROP });

    moderator = s.connect('moderator', { auth: { key: KEY } });
    screen = s.connect('screen');
    stays = s.connect('stays', { auth: { token: token(KEEP) } });
    dropped = s.connect('dropped', { auth: { token: token(DROP) } });
    await Promise.all([moderator, screen, stays, dropped].map((c) => connected(c)));
    await waitFor('both cities online in main', () =>
      [KEEP, DROP].every((id) => s.server.service.state().connections[id]?.state === 'online'),
    );
    activated = (await request(s.url, 'POST', `/api/events/${rehearsalId}/activate`, { auth: MODERATOR })).status;
  });

  it('tells every socket and sends the new snapshot on the same connection', async () => {
    expect(activated).toBe(200);
    for (const client of [moderator, screen, stays]) {
      await waitFor(`${client.name} on the rehearsal`, () => client.snapshots.at(-1)?.eventId === rehearsalId);
      expect(client.switches, client.name).toEqual([{ eventId: rehearsalId, previousEventId: 'main' }]);
      expect(client.disconnects, client.name).toEqual([]);
      expect(client.socket.connected).toBe(true);
    }
    expect(stays.snapshots.at(-1)).toMatchObject({
      role: 'participant',
      entryId: KEEP,
      view: { event: { title: expect.stringContaining('репетиция') } },
    });
  });

  it('a city the new event does not have is told not_in_event and closed', async () => {
    await waitFor('the dropped city closed', () => dropped.disconnects.length > 0);
    expect(dropped.switches).toEqual([{ eventId: rehearsalId, previousEventId: 'main' }]);
    expect(dropped.revocations).toEqual(['not_in_event']);
    expect(dropped.disconnects).toEqual(['io server disconnect']);
    expect(dropped.snapshots.every((snap) => snap.eventId === 'main')).toBe(true);
  });

  it('presence follows: online in the new event for those who stayed, offline in the old one for all', async () => {
    const rehearsal = s.server.events.get(rehearsalId)!.service;
    const main = s.server.events.get('main')!.service;
    await waitFor('KEEP online in the rehearsal', () => rehearsal.state().connections[KEEP]?.state === 'online');
    expect(rehearsal.state().connections[DROP]).toBeUndefined();
    expect(main.state().connections[KEEP]?.state).toBe('offline');
    expect(main.state().connections[DROP]?.state).toBe('offline');
    // Everyone still here works on the rehearsal, and their views agree with fresh snapshots.
    expect(await command(stays, { type: 'signal.send', kind: 'ready' })).toMatchObject({ ok: true });
    expect(await command(moderator, { type: 'session.start' })).toMatchObject({ ok: true });
    await expectConverged(s.server, [moderator, screen, stays]);
    expect(main.state().phase).toBe('planned');
  });
});
