// Failures on a real server stay where they happen: a subscriber that throws after the commit cannot
// turn an accepted command into an error (HTTP or socket); a socket handler that throws is caught,
// logged and answered, and the socket goes on working. And the structured log says what happened
// (start-up, refusals with their reason, link changes, event switches) without a key, token or contact.
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY, MODERATOR, bearer, connected, useRealServer, type Client } from './support/real-server';
import { captureLog } from './support/log-capture';
import { command } from './support/socket-room';

describe('after the commit, nothing can fail a command', () => {
  const log = captureLog();
  // A clock that throws on demand: the way into every handler's error path.
  const clock = {
    failing: false,
    now() {
      if (clock.failing) throw new Error('the clock broke');
      return Date.now();
    },
  };
  // A fresh server for every test, with the moderator connected.
  const s = useRealServer({ tempPrefix: 'rollcall-isolation-', logger: log.logger, clock, fresh: 'each' });
  let moderator: Client;

  beforeEach(async () => {
    moderator = s.connect('moderator', { auth: { key: KEY } });
    await connected(moderator);
  });

  it('a subscriber that throws: HTTP answers 200, the socket ack is ok, and the failure is logged', async () => {
    const remove = s.server.onCommitted('webhooks', () => {
      throw new Error('receiver is down');
    });
    const before = s.server.service.state().version;
    const http = await s.command({ type: 'session.start' });
    expect(http.status, http.text).toBe(200);
    expect(await command(moderator, { type: 'speaker.next' })).toEqual({ ok: true, version: before + 2 });
    expect(s.server.service.state().version).toBe(before + 2);
    // The sockets, subscribed before it, still got their patches.
    expect(moderator.patches.some((p) => p.version === before + 2)).toBe(true);
    expect(log.find(/subscriber failed/).map((l) => [l.subscriber, l.version])).toEqual([
      ['webhooks', before + 1],
      ['webhooks', before + 2],
    ]);
    remove();
  });

  it('a socket handler that throws is answered with internal and logged; the socket keeps working', async () => {
    expect(await command(moderator, { type: 'session.start' })).toMatchObject({ ok: true });
    const version = s.server.service.state().version;
    clock.failing = true;
    const time = await moderator.socket.timeout(3000).emitWithAck('time');
    const result = await command(moderator, { type: 'speaker.next' });
    clock.failing = false;
    expect(time).toEqual({ error: { code: 'internal', reason: 'internal', message: expect.stringMatching(/internal error/) } });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(s.server.service.state().version).toBe(version);
    expect(log.find('socket handler failed').map((l) => l.handler)).toEqual(['time', 'command']);
    expect(moderator.socket.connected).toBe(true);
    expect(typeof (await moderator.socket.timeout(3000).emitWithAck('time'))).toBe('number');
    expect(await command(moderator, { type: 'speaker.next' })).toMatchObject({ ok: true, version: version + 1 });
  });

  it('an HTTP handler that throws answers a JSON internal error and logs it', async () => {
    clock.failing = true;
    const reply = await s.command({ type: 'speaker.next' });
    clock.failing = false;
    expect(reply.status).toBe(500);
    expect(reply.body.error).toMatchObject({ code: 'internal', reason: 'internal' });
    expect(log.find('HTTP handler failed')[0]).toMatchObject({ method: 'POST', path: '/api/commands' });
  });
});

describe('the structured log', () => {
  const log = captureLog();
  const s = useRealServer({ tempPrefix: 'rollcall-log-', logger: log.logger });

  it('records start-up, refusals with their reason, link changes and event switches; never a secret', async () => {
    const contact = 'glava@omsk.example.org';
    const token = await s.tokenOf('omsk');
    await s.ok({ type: 'entry.update', entryId: 'omsk', fields: { contact } });
    await s.ok({ type: 'signal.send', kind: 'ready' }, bearer(token));
    expect((await s.command({ type: 'speaker.next' })).status).toBe(409);
    expect((await s.command({ type: 'session.start' }, bearer('a-wrong-key'))).status).toBe(401);
    const city = s.connect('omsk', { auth: { token } });
    await connected(city);
    expect(await command(city, { type: 'session.start' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await s.request('POST', '/api/links/omsk', { auth: MODERATOR })).status).toBe(200);
    const rehearsal = await s.request('POST', '/api/events/main/rehearsal', { auth: MODERATOR });
    expect((await s.request('POST', `/api/events/${rehearsal.body.id}/activate`, { auth: MODERATOR })).status).toBe(200);

    expect(log.find('started')[0]).toMatchObject({ level: 30, url: s.url, activeEvent: 'main', moderatorKey: 'environment' });
    const refusals = log.find('refused').map((l) => [l.transport, l.role, l.code, l.reason]);
    expect(refusals).toEqual(
      expect.arrayContaining([
        ['http', 'moderator', 'conflict', 'session_not_started'],
        ['http', 'unknown', 'unauthorized', 'invalid_key'],
        ['socket', 'participant', 'forbidden', 'forbidden'],
      ]),
    );
    expect(log.find('join link changed')[0]).toMatchObject({ entryId: 'omsk', action: 'regenerated' });
    expect(log.find('active event switched')[0]).toMatchObject({ eventId: rehearsal.body.id, previousEventId: 'main' });
    const text = log.text();
    for (const secret of [KEY, token, contact, 'a-wrong-key']) expect(text, secret).not.toContain(secret);
  });
});
