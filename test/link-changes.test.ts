// Links that change while a participant is connected, against a real server: regenerating or
// revoking a link drops its sockets at once, a command racing the change is refused (the role is
// checked on every message), and the moderator stays in charge through it all.
import { describe, expect, it } from 'vitest';
import type { RollcallServer } from '../server/app-server';
import { KEY, MODERATOR, NO_LIMITS, nextEmitted, request, useRealServer, waitFor } from './support/real-server';
import { connect, open, refusedConnection, send } from './support/raw-sockets';

describe('links that change while a participant is connected', () => {
  const ctx = useRealServer({ tempPrefix: 'rollcall-auth-', limits: NO_LIMITS });

  it('regenerating a link disconnects its socket with a revoked event; only the new link connects', async () => {
    const entryId = 'ulan-ude';
    const [link] = ctx.server.links.list([entryId]);
    const { socket, snapshot } = await connect(ctx.server, { token: link!.token! });
    expect(snapshot).toMatchObject({ role: 'participant', entryId });
    expect(ctx.server.service.state().connections[entryId]?.state).toBe('online');

    const revoked = nextEmitted<{ reason: string }>(socket, 'revoked');
    const disconnected = nextEmitted<string>(socket, 'disconnect');
    const reply = await request(ctx.url, 'POST', `/api/links/${entryId}`, { auth: MODERATOR });
    expect(reply.status).toBe(200);

    expect(await revoked).toEqual({ reason: 'revoked' });
    expect(await disconnected).toBe('io server disconnect');
    await waitFor('offline after the grace period', () => ctx.server.service.state().connections[entryId]?.state === 'offline');

    const again = open(ctx.server, { token: link!.token! });
    expect((await refusedConnection(again)).data?.code).toBe('unauthorized');
    const fresh = await connect(ctx.server, { token: reply.body.token! });
    expect(fresh.snapshot).toMatchObject({ role: 'participant', entryId });
    fresh.socket.close();
  });

  it('revoking a link drops its socket too', async () => {
    const entryId = 'kemerovo';
    const [link] = ctx.server.links.list([entryId]);
    const { socket } = await connect(ctx.server, { token: link!.token! });
    const revoked = nextEmitted<{ reason: string }>(socket, 'revoked');
    const disconnected = nextEmitted<string>(socket, 'disconnect');
    expect((await request(ctx.url, 'DELETE', `/api/links/${entryId}`, { auth: MODERATOR })).status).toBe(200);
    expect(await revoked).toEqual({ reason: 'revoked' });
    expect(await disconnected).toBe('io server disconnect');
  });

  it.each([
    ['revoked', (server: RollcallServer, entryId: string) => server.links.revoke(entryId)],
    ['regenerated', (server: RollcallServer, entryId: string) => void server.links.regenerate(entryId)],
  ])('a command racing a %s link is refused: the role is checked on every message', async (_label, change) => {
    const entryId = _label === 'revoked' ? 'kirov' : 'perm';
    const [link] = ctx.server.links.list([entryId]);
    const { socket } = await connect(ctx.server, { token: link!.token! });
    expect(await send(socket, { type: 'signal.send', kind: 'ready' })).toMatchObject({ ok: true });
    expect(ctx.server.service.state().signals[entryId]?.kind).toBe('ready');

    // The link changes in the store, but the socket has not been dropped yet.
    change(ctx.server, entryId);
    expect(socket.connected).toBe(true);
    const before = ctx.server.service.state();
    const revoked = nextEmitted<{ reason: string }>(socket, 'revoked');
    const disconnected = nextEmitted<string>(socket, 'disconnect');

    const result = await send(socket, { type: 'signal.send', kind: 'technical_problem' });

    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await revoked).toEqual({ reason: 'revoked' });
    expect(await disconnected).toBe('io server disconnect');
    // The signal was not applied; the only change since is the server noting the dropped link.
    const after = ctx.server.service.state();
    expect(after.signals).toBe(before.signals);
    expect(after.signals[entryId]?.kind).toBe('ready');
    expect(after.controlVersion).toBe(before.controlVersion);
    expect(['reconnecting', 'offline']).toContain(after.connections[entryId]?.state);
  });

  it('the moderator stays connected and in charge through all of it', async () => {
    const { socket, snapshot } = await connect(ctx.server, { key: KEY });
    expect(snapshot.role).toBe('moderator');
    const [link] = ctx.server.links.list(['omsk']);
    const participant = await connect(ctx.server, { token: link!.token! });
    const dropped = nextEmitted<string>(participant.socket, 'disconnect');
    expect((await request(ctx.url, 'POST', '/api/links/omsk', { auth: MODERATOR })).status).toBe(200);
    await dropped;
    expect(await send(socket, { type: 'session.start' })).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
    socket.close();
  });
});
