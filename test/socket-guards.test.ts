// The guards of the socket.io transport against a real server on a random port: the Origin and the
// credentials at the handshake, the payload size, and the rate limit.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, parseCommand } from '../lib/protocol';
import type { RollcallServer } from '../server/app-server';
import { KEY, connected, nextEmitted, waitFor, type Client } from './support/real-server';
import { command, expectConverged, okCommand, useSocketRoom, useSocketServer } from './support/socket-room';

describe('socket transport on a real server', () => {
  const room = useSocketRoom();
  const { s } = room;
  let server: RollcallServer;
  let moderator: Client;
  let viewer: Client;
  let A: string;
  const all = () => room.all();

  // The room's own beforeAll (registered first) has connected everyone by now.
  beforeAll(() => {
    ({ moderator, viewer, A } = room);
    server = s.server;
  });

  it("refuses a connection from a foreign Origin and accepts the server's own", async () => {
    const evil = s.connect('evil', { extraHeaders: { origin: 'http://evil.example' } });
    const error = await nextEmitted<Error>(evil.socket, 'connect_error');
    expect(error).toBeInstanceOf(Error);
    expect(evil.socket.connected).toBe(false);
    expect(evil.snapshots).toEqual([]);

    const own = s.connect('own origin', { extraHeaders: { origin: server.url } });
    expect(await connected(own)).toMatchObject({ role: 'viewer' });
    own.socket.disconnect();
  });

  it('refuses a wrong moderator key and an unknown token at the handshake', async () => {
    const wrongKey = s.connect('wrong key', { auth: { key: 'nope' } });
    const keyError = await nextEmitted<Error & { data?: { code: string } }>(wrongKey.socket, 'connect_error');
    expect(keyError.data?.code).toBe('unauthorized');
    const badToken = s.connect('bad token', { auth: { token: `${A}.forged` } });
    const tokenError = await nextEmitted<Error & { data?: { code: string } }>(badToken.socket, 'connect_error');
    expect(tokenError.data?.code).toBe('unauthorized');
    expect([...wrongKey.snapshots, ...badToken.snapshots]).toEqual([]);
  });

  it('does not apply a payload over 16 KiB', async () => {
    const target = server.service.state().order[6]!;
    const summaryBefore = server.service.state().entries[target]!.practiceSummary;
    // Within the schema's limits (4000 characters), but each control character is 6 bytes of JSON:
    // only the size limit can stop it.
    const payload = { type: 'entry.update', entryId: target, fields: { practiceSummary: `Итоги${'\u0001'.repeat(3500)}.` } };
    expect(parseCommand(payload).ok).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeGreaterThan(MAX_PAYLOAD_BYTES);

    const versionBefore = server.service.state().version;
    const big = s.connect('big sender', { auth: { key: KEY } });
    await connected(big);
    const outcome = await Promise.race([
      nextEmitted<string>(big.socket, 'disconnect').then((reason) => ({ disconnected: reason })),
      command(big, payload).then((result) => ({ result })),
    ]);
    if ('result' in outcome) expect(outcome.result.ok).toBe(false);
    expect(server.service.state().version).toBe(versionBefore);
    expect(server.service.state().entries[target]!.practiceSummary).toBe(summaryBefore);
    // The other clients are unaffected and the server still works.
    const version = await okCommand(moderator, { type: 'entry.update', entryId: target, fields: { practiceSummary: 'Короткие итоги' } });
    expect(version).toBe(versionBefore + 1);
    await expectConverged(server, all());
    expect(moderator.view!.entries[target]!.practiceSummary).toBe('Короткие итоги');
    expect(viewer.view!.entries[target]!.practiceSummary).toBe(''); // a screen never gets a city's practice
  });
});

// ---- rate limit -----------------------------------------------------------------------------------

describe('socket rate limit', () => {
  // On a clock that moves only when the test says: the bucket refills then, and only then.
  const s = useSocketServer({ fakeClock: true, limits: { refusalDelayMs: 0, moderator: { commands: { capacity: 3, perSecond: 1 } } } });
  let server: RollcallServer;
  let moderator: Client;

  beforeAll(async () => {
    server = s.server;
    moderator = s.connect('moderator', { auth: { key: KEY } });
    await connected(moderator);
  });

  it('answers rate_limited to a flood of commands and applies only the allowed ones', async () => {
    const before = server.service.state().version;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => command(moderator, { type: 'message.send', target: 'screens', text: `flood ${i}` })),
    );
    const accepted = results.filter((r) => r.ok);
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited');
    expect(accepted.length).toBe(3); // the burst; nothing refills while the clock stands
    expect(limited.length).toBe(results.length - accepted.length);
    expect(limited[0]).toMatchObject({ ok: false, error: { code: 'rate_limited', reason: 'rate_limited' } });
    // Refused commands changed nothing.
    expect(server.service.state().version).toBe(before + accepted.length);
    await waitFor('the moderator view to settle', () => moderator.view!.version === before + accepted.length);

    // The bucket refills, one token a second: not yet after 0.9 s, and a command goes through after 1 s.
    s.advance(900);
    expect(await command(moderator, { type: 'message.send', target: 'screens', text: 'too soon' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    s.advance(100);
    const later = await command(moderator, { type: 'message.send', target: 'screens', text: 'after the flood' });
    expect(later).toEqual({ ok: true, version: before + accepted.length + 1 });
  });
});
