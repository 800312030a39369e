// GET /api/now and its event stream against a real server: exact figures at a fake clock, a change
// on the stream within 200 ms of a command, reconnecting with Last-Event-ID, heartbeats, the limit
// of open streams per address, and CORS for the read routes.
import { describe, expect, it } from 'vitest';
import type { Now } from '../lib/feed-schemas';
import { remainingMs, usedMs } from '../lib/time';
import { MODERATOR, NO_LIMITS, T0, sleep, useRealServer, waitFor } from './support/real-server';
import { nowMessages, openSse, type SseStream } from './support/sse';

const OPENING = 'opening-words';
const streams: SseStream[] = [];
const open = async (url: string, headers?: Record<string, string>) => {
  const stream = await openSse(url, headers);
  streams.push(stream);
  return stream;
};
const closeAll = () => streams.splice(0).forEach((s) => s.close());

describe('GET /api/now at a fake clock', () => {
  const s = useRealServer({ fakeClock: true, fresh: 'each', tempPrefix: 'rollcall-now-' });

  it('the speaker: used, remaining, overtime and the end exact to the ms, the same as the reducer\u2019s time', async () => {
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    s.advance(61_234);
    const now = (await s.request('GET', '/api/now')).body as Now;
    const entry = s.server.service.state().entries[OPENING]!;
    expect(now.serverTime).toBe(T0 + 61_234);
    expect(now.current).toMatchObject({ id: OPENING, usedMs: 61_234, remainingMs: 300_000 - 61_234, overtimeMs: 0, endsAt: T0 + 300_000 });
    expect(now.current!.usedMs).toBe(usedMs(entry, s.t));
    expect(now.current!.remainingMs).toBe(remainingMs(entry, s.t));

    s.advance(300_000 - 61_234 + 4_321);
    const over = (await s.request('GET', '/api/now')).body as Now;
    expect(over.current).toMatchObject({ remainingMs: 0, overtimeMs: 4_321, warning: 'overtime', endsAt: T0 + 300_000 });
    expect(over.current!.overtimeMs).toBe(-remainingMs(entry, s.t));
  });

  it('a heartbeat comment every 15 s keeps an idle stream open', async () => {
    const stream = await open(`${s.url}/api/now/stream`);
    await waitFor('the first message', () => nowMessages(stream)[0]);
    s.advance(15_000);
    await waitFor('a heartbeat', () => stream.frames.find((f) => f.comment === 'keep-alive'));
    s.advance(15_000);
    await waitFor('a second heartbeat', () => stream.frames.filter((f) => f.comment === 'keep-alive').length === 2);
    expect(nowMessages(stream)).toHaveLength(1);
    closeAll();
  });
});

describe('GET /api/now/stream', () => {
  const s = useRealServer({ fresh: 'each', tempPrefix: 'rollcall-sse-', limits: NO_LIMITS });

  it('sends the object at once, then each change within 200 ms of the command', async () => {
    const stream = await open(`${s.url}/api/now/stream`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await waitFor('the first message', () => nowMessages(stream)[0]);
    expect(first.now.phase).toBe('planned');
    expect(first.id).toBe(`main:${first.now.version}`);
    expect(stream.frames[0]!.retry).toBeGreaterThan(0);

    for (const command of [{ type: 'session.start' }, { type: 'speaker.next' }, { type: 'speaker.extend', seconds: 30 }]) {
      const sent = performance.now();
      const version = await s.ok(command);
      const message = await waitFor(`the change of ${command.type}`, () => nowMessages(stream).find((m) => m.now.version === version));
      expect(message.at - sent, `${command.type} reached the stream in ${Math.round(message.at - sent)} ms`).toBeLessThan(200);
      expect(message.id).toBe(`main:${version}`);
    }
    expect(nowMessages(stream).at(-1)!.now.current).toMatchObject({ id: OPENING, extraMs: 30_000, allottedTotalMs: 330_000 });
    closeAll();
  });

  it('is not sent for a change a control surface does not show', async () => {
    const stream = await open(`${s.url}/api/now/stream`);
    await waitFor('the first message', () => nowMessages(stream)[0]);
    const hidden = await s.ok({ type: 'message.send', target: 'speaker', text: 'Минута' });
    const shown = await s.ok({ type: 'message.send', target: 'screens', text: 'Перерыв' });
    const second = await waitFor('the next message', () => nowMessages(stream)[1]);
    expect(second.now.version).toBe(shown);
    expect(nowMessages(stream).some((m) => m.now.version === hidden)).toBe(false);
    expect(second.now.message).toMatchObject({ text: 'Перерыв' });
    closeAll();
  });

  it('reconnects with Last-Event-ID: the missed change at once, nothing again when nothing was missed', async () => {
    const stream = await open(`${s.url}/api/now/stream`);
    const seen = await waitFor('the first message', () => nowMessages(stream)[0]);
    stream.close();
    const missed = await s.ok({ type: 'session.start' });

    const resumed = await open(`${s.url}/api/now/stream`, { 'last-event-id': seen.id });
    const caughtUp = await waitFor('the missed change', () => nowMessages(resumed)[0]);
    expect(caughtUp).toMatchObject({ id: `main:${missed}` });
    expect(caughtUp.now.phase).toBe('live');
    resumed.close();

    // Up to date: the stream waits for the next change instead of repeating the last one.
    const again = await open(`${s.url}/api/now/stream`, { 'last-event-id': caughtUp.id });
    await waitFor('the retry line', () => again.frames[0]);
    const next = await s.ok({ type: 'speaker.next' });
    const first = await waitFor('the next change', () => nowMessages(again)[0]);
    expect(first.id).toBe(`main:${next}`);
    closeAll();
  });
});

describe('open streams per address', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-sse-limit-', limits: { ...NO_LIMITS, streams: { perAddress: 2 } } });

  it('refuses a third stream from one address with 429 too_many_streams, and takes one again once another closes', async () => {
    const a = await open(`${s.url}/api/now/stream`);
    await open(`${s.url}/api/now/stream`);
    const third = await openSse(`${s.url}/api/now/stream`);
    expect(third.status).toBe(429);
    expect(JSON.parse(third.frames[0]!.data!).error).toMatchObject({ code: 'rate_limited', reason: 'too_many_streams' });
    a.close();
    // The server hears of the close a moment later; until then a fourth is refused the same way.
    let again = await openSse(`${s.url}/api/now/stream`);
    for (const deadline = Date.now() + 5000; again.status !== 200 && Date.now() < deadline;) {
      await sleep(50);
      again = await openSse(`${s.url}/api/now/stream`);
    }
    streams.push(again);
    expect(again.status).toBe(200);
    closeAll();
  });
});

describe('CORS for the read routes', () => {
  const ALLOWED = 'https://overlay.example';
  const FOREIGN = 'https://evil.example';
  const s = useRealServer({ tempPrefix: 'rollcall-cors-', allowedOrigins: [ALLOWED], limits: NO_LIMITS });
  const preflight = (path: string, origin: string) =>
    s.request('OPTIONS', path, {
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'last-event-id' },
    });

  it.each(['/api/now', '/api/now/stream', '/api/state'])(
    'a preflight of %s: 204 for an allowed origin, 403 foreign_origin for another',
    async (path) => {
      const ok = await preflight(path, ALLOWED);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(ok.headers.get('access-control-allow-methods')).toBe('GET');
      expect(ok.headers.get('access-control-allow-headers')).toMatch(/Last-Event-ID/);
      expect(ok.headers.get('vary')).toBe('Origin');
      const refused = await preflight(path, FOREIGN);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', reason: 'foreign_origin' });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('GET names an allowed origin in Access-Control-Allow-Origin, and not a foreign one', async () => {
    for (const path of ['/api/now', '/api/state']) {
      const ok = await s.request('GET', path, { headers: { origin: ALLOWED } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      const foreign = await s.request('GET', path, { headers: { origin: FOREIGN } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    }
    const stream = await open(`${s.url}/api/now/stream`, { origin: ALLOWED });
    expect(stream.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    closeAll();
  });

  it('writes and other routes get no CORS: a preflight of /api/commands is refused, a foreign write stays 403', async () => {
    const commands = await preflight('/api/commands', ALLOWED);
    expect(commands.status).toBe(404);
    expect(commands.headers.get('access-control-allow-origin')).toBeNull();
    await s.refused(() => s.command({ type: 'session.start' }, MODERATOR, { origin: FOREIGN }), 403, 'forbidden');
  });
});

describe('CORS with ROLLCALL_ALLOWED_ORIGINS=*', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-cors-any-', allowedOrigins: ['*'], limits: NO_LIMITS });

  it('any origin may read, and writes from a foreign origin are still refused', async () => {
    const reply = await s.request('GET', '/api/now', { headers: { origin: 'https://anything.example' } });
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await s.request('OPTIONS', '/api/state', {
      headers: { origin: 'https://anything.example', 'access-control-request-method': 'GET' },
    });
    expect(pre.status).toBe(204);
    await s.refused(() => s.command({ type: 'session.start' }, MODERATOR, { origin: 'https://anything.example' }), 403, 'forbidden');
  });
});
