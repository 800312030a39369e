// Removing an entry takes its link with it, at once: its sockets are told and closed, its token opens
// nothing (socket or HTTP) and changes nothing, and the link routes answer for the removed entry as
// docs/protocol.md says. Undoing the removal lets the same link back in, unless it was revoked.
import { beforeAll, describe, expect, it } from 'vitest';
import { MODERATOR, bearer, connected, nextEmitted, request, waitFor, type Client } from './support/real-server';
import { useSocketServer } from './support/socket-room';

type ConnectError = Error & { data?: { code: string; reason: string } };

describe('removing an entry', () => {
  const s = useSocketServer();
  let tokens: Record<string, string>;
  let X: string;
  let Y: string;
  let Z: string;
  let W: string;
  let city: Client;
  let revoked: Promise<{ reason: string }>;
  let disconnected: Promise<string>;

  // X is removed once, here; the tests below look at what that did, in any order. The undo test
  // and the link routes' test remove entries of their own (Y, Z, W), so it leaves X removed.
  beforeAll(async () => {
    const links = (await request(s.url, 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[];
    tokens = Object.fromEntries(links.map((l) => [l.entryId, l.token]));
    [X, Y, Z, W] = s.server.service.state().order.slice(6, 10) as [string, string, string, string];
    city = s.connect('city X', { auth: { token: tokens[X]! } });
    await connected(city);
    await waitFor('X online', () => s.server.service.state().connections[X]?.state === 'online');
    revoked = nextEmitted<{ reason: string }>(city.socket, 'revoked');
    disconnected = nextEmitted<string>(city.socket, 'disconnect');
    await s.ok({ type: 'entry.remove', entryId: X });
  });

  it('closes its sockets with revoked: entry_removed', async () => {
    expect(await revoked).toEqual({ reason: 'entry_removed' });
    expect(await disconnected).toBe('io server disconnect');
  });

  it('its token opens nothing and changes nothing, by socket or HTTP', async () => {
    const again = s.connect('city X again', { auth: { token: tokens[X]! } });
    const error = await nextEmitted<ConnectError>(again.socket, 'connect_error');
    expect(error.data).toMatchObject({ code: 'unauthorized', reason: 'entry_removed' });
    expect(again.snapshots).toEqual([]);

    const reply = await s.refused(
      () => s.command({ type: 'signal.clear' }, bearer(tokens[X]!)),
      401,
      'unauthorized',
      /no longer in the list/,
    );
    expect(reply.body.error.reason).toBe('entry_removed');
    expect(
      s.server.events
        .active()
        .journal.records()
        .filter((r) => r.ctx.actor.role === 'participant'),
    ).toEqual([]);
  });

  it('the link routes: not listed, not regenerated (404), and its leftover link can still be revoked', async () => {
    // An entry of its own: revoking its leftover link must not change what X's token is refused for.
    await s.ok({ type: 'entry.remove', entryId: W });
    const list = (await request(s.url, 'GET', '/api/links', { auth: MODERATOR })).body as { entryId: string }[];
    expect(list.map((l) => l.entryId)).not.toContain(W);

    const regenerate = await s.refused(
      () => s.request('POST', `/api/links/${W}`, { auth: MODERATOR }),
      404,
      'not_found',
      /removed from the list/,
    );
    expect(regenerate.body.error.reason).toBe('unknown_entry');
    const revoke = await s.request('DELETE', `/api/links/${W}`, { auth: MODERATOR });
    expect(revoke.status, revoke.text).toBe(200);
    expect(revoke.body).toMatchObject({ entryId: W, token: null, url: null });
    // An entry that never was has no link to revoke.
    await s.refused(() => s.request('DELETE', '/api/links/atlantis', { auth: MODERATOR }), 404, 'not_found', /atlantis/);
  });

  it('undoing a removal lets the same link back in; a link revoked meanwhile stays out', async () => {
    // Z is removed and its leftover link revoked; then Y is removed.
    await s.ok({ type: 'entry.remove', entryId: Z });
    expect((await s.request('DELETE', `/api/links/${Z}`, { auth: MODERATOR })).status).toBe(200);
    await s.ok({ type: 'entry.remove', entryId: Y });
    await s.ok({ type: 'undo' });
    const back = s.connect('city Y back', { auth: { token: tokens[Y]! } });
    expect(await connected(back)).toMatchObject({ role: 'participant', entryId: Y });

    // Bringing Z back does not revive the link revoked while it was removed.
    await s.ok({ type: 'undo' }); // the removal of Z
    expect(s.server.service.state().entries[Z]).toBeDefined();
    const stale = s.connect('city Z after undo', { auth: { token: tokens[Z]! } });
    expect((await nextEmitted<ConnectError>(stale.socket, 'connect_error')).data).toMatchObject({
      code: 'unauthorized',
      reason: 'invalid_link',
    });
  });
});
