// Budgets per credential and per IP against a real server: the moderator's key has its own budget, so
// a flood from its network cannot lock it out; `sync`, `time` and page requests are limited; the
// screens' snapshot is built once per version and shared. The numbers are small here so a test can
// exhaust them; docs/protocol.md lists the real ones.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY, MODERATOR, bearer, connected, request, useRealServer, waitFor, type Reply } from './support/real-server';
import { HEADCOUNT_COALESCE_MS, command, sync } from './support/socket-room';

const SMALL = { capacity: 5, perSecond: 1 };
/** Refusals answered at once, so a test can count them (the delay has a test of its own). */
const AT_ONCE = { refusalDelayMs: 0 };

describe("the moderator's budget is its own", () => {
  // A fresh server for every test, on a clock that moves only when the test says (buckets refill then).
  const s = useRealServer({
    fakeClock: true,
    fresh: 'each',
    tempPrefix: 'rollcall-limits-',
    limits: { ...AT_ONCE, moderator: { commands: SMALL, reads: SMALL }, ip: { reads: SMALL } },
  });

  it("a flood from the moderator's own address does not lock the moderator out (HTTP and socket)", async () => {
    const flood: number[] = [];
    for (let i = 0; i < 12; i++) flood.push((await request(s.url, 'GET', '/api/state')).status);
    expect(flood.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(flood.slice(-3)).toEqual([429, 429, 429]);
    // A wrong key spends the address's budget, not the moderator's.
    expect((await s.command({ type: 'session.start' }, bearer('wrong-key'))).status).toBe(429);

    // The moderator, from the same address, is not affected.
    expect((await s.command({ type: 'session.start' })).status).toBe(200);
    const console = s.connect('moderator', { auth: { key: KEY } });
    await connected(console);
    expect(await command(console, { type: 'speaker.next' })).toMatchObject({ ok: true });
  });

  it("the moderator's own flood is refused with Retry-After, and refused commands are not applied", async () => {
    const before = s.server.service.state().version;
    const replies: Reply[] = [];
    for (let i = 0; i < 9; i++) replies.push(await s.command({ type: 'message.send', target: 'screens', text: `Сообщение ${i}` }));
    const accepted = replies.filter((r) => r.status === 200);
    const limited = replies.filter((r) => r.status === 429);
    // The burst of 5; the clock does not move, so nothing refills.
    expect(accepted.length).toBe(5);
    expect(limited.length).toBe(4);
    expect(accepted.length + limited.length).toBe(replies.length);
    for (const reply of limited) {
      expect(reply.body.error).toMatchObject({ code: 'rate_limited', reason: 'rate_limited' });
      expect(reply.headers.get('retry-after')).toBe('1');
    }
    expect(s.server.service.state().version).toBe(before + accepted.length);
    // The bucket refills: after Retry-After a command goes through again.
    s.advance(1_100);
    expect((await s.command({ type: 'message.clear' })).status).toBe(200);
  });
});

describe('sync, time and pages', () => {
  const pageHits: string[] = [];
  const pages = {
    async handle(req: IncomingMessage, res: ServerResponse) {
      pageHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>screen</title>');
    },
  };
  beforeEach(() => {
    pageHits.length = 0;
  });
  const s = useRealServer({
    tempPrefix: 'rollcall-limits-',
    fakeClock: true,
    fresh: 'each',
    pages,
    limits: {
      ...AT_ONCE,
      ip: { snapshots: SMALL, pages: { capacity: 3, perSecond: 0.1 }, assets: { capacity: 20, perSecond: 1 } },
      time: { capacity: 3, perSecond: 0.1 },
    },
  });

  it('screens sharing an address share one sync budget; what they are refused costs nothing', async () => {
    const screens = [1, 2, 3].map((i) => s.connect(`screen ${i}`));
    await Promise.all(screens.map((c) => connected(c)));
    const replies = await Promise.all(Array.from({ length: 15 }, (_, i) => sync(screens[i % 3]!, { version: 12345 })));
    const answered = replies.filter((r) => 'upToDate' in r);
    expect(answered.length).toBe(5); // the fake clock does not move: no refill
    expect(replies.filter((r) => 'error' in r).map((r) => 'error' in r && r.error.code)).toEqual(Array(10).fill('rate_limited'));
    expect(screens.reduce((n, c) => n + c.snapshots.length, 0)).toBe(3 + 5);
  });

  it('time is limited per socket', async () => {
    const screen = s.connect('screen');
    await connected(screen);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await screen.socket.timeout(3000).emitWithAck('time'));
    expect(answers.slice(0, 3)).toEqual([s.t, s.t, s.t]);
    expect(answers.slice(3)).toEqual([0, 0].map(() => ({ error: expect.objectContaining({ code: 'rate_limited' }) })));
  });

  it("the screens' snapshot is built once per version and shared, whatever the clock says", async () => {
    const first = s.connect('early screen');
    const a = await connected(first);
    s.advance(60_000);
    const second = s.connect('later screen');
    const b = await connected(second);
    // The same snapshot, down to its server time: encoded once, sent twice.
    expect(b).toEqual(a);
    expect(b.serverTime).toBe(a.serverTime);
    await s.ok({ type: 'message.send', target: 'screens', text: 'Новая версия' });
    const third = s.connect('screen after a change');
    const c = await connected(third);
    expect(c.view.version).toBeGreaterThan(a.view.version);
    expect(c.serverTime).toBe(s.t);
    // A city's signal is no change for screens: the shared snapshot stays.
    const token = (await request(s.url, 'GET', '/api/links', { auth: MODERATOR })).body[5].token as string;
    await s.ok({ type: 'signal.send', kind: 'ready' }, bearer(token));
    s.advance(1_000);
    expect(await connected(s.connect('screen after a signal'))).toEqual(c);
  });

  it('page requests from one address are limited; static assets have a budget of their own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${s.url}/screen`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await fetch(`${s.url}/screen`);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.text()).toMatch(/Too many requests/);
    expect(pageHits.filter((u) => u === '/screen')).toHaveLength(3);
    expect((await fetch(`${s.url}/_next/static/chunks/app.js`)).status).toBe(200);
  });
});

describe('new connections from one address', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-limits-', limits: { ...AT_ONCE, ip: { connects: { capacity: 3, perSecond: 0.01 } } } });

  it("are refused at the transport's handshake once the address's budget is spent, before any WebSocket work", async () => {
    const screens = [1, 2, 3].map((i) => s.connect(`screen ${i}`));
    await Promise.all(screens.map((c) => connected(c)));
    const fourth = s.connect('screen 4');
    const error = await new Promise<Error>((resolve) => fourth.socket.once('connect_error', resolve));
    expect(error.message).toMatch(/websocket error/);
    expect(fourth.snapshots).toEqual([]);
    // Those already connected are not affected.
    expect(await sync(screens[0]!, { version: 0 })).toMatchObject({ upToDate: true });
  });
});

describe('a refusal for rate', () => {
  // On a fake clock: the delay is the server's timer, which fires when the test moves the clock.
  const s = useRealServer({
    tempPrefix: 'rollcall-limits-',
    fakeClock: true,
    limits: { ip: { reads: { capacity: 1, perSecond: 0.01 }, snapshots: { capacity: 1, perSecond: 0.01 } } },
  });

  it('is answered a second later, so a client that waits for its answers slows down instead of spinning', async () => {
    const screen = s.connect('screen');
    await connected(screen);
    expect((await request(s.url, 'GET', '/api/state')).status).toBe(200);
    expect(await sync(screen, { version: 0 })).toMatchObject({ upToDate: true });
    s.advance(HEADCOUNT_COALESCE_MS); // the moderators' count of the screen's connect: no timer of the server waits now
    expect(s.pendingTimers).toBe(0);
    let answered = 0;
    const count = <T>(reply: Promise<T>) => reply.finally(() => answered++);
    const replies = Promise.all([count(request(s.url, 'GET', '/api/state')), count(sync(screen, { version: 0 }))]);
    await waitFor('both refusals held back', () => s.pendingTimers === 2);
    s.advance(999);
    // A round trip that is not refused (time is per socket): both refusals are still held back.
    expect(typeof (await screen.socket.timeout(3000).emitWithAck('time'))).toBe('number');
    expect([answered, s.pendingTimers]).toEqual([0, 2]);
    s.advance(1);
    const [http, socket] = await replies;
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('1');
    expect(socket).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
