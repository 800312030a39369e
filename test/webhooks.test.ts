// Webhooks against a real server and a real local HTTP receiver: moderator-only routes, signed
// deliveries of the chosen events in order, retries while the receiver is down, a meeting that does
// not wait for a receiver that hangs, and the outbox rebuilt from the journal after a crash that came
// between a commit and its queueing.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookPayload } from '../lib/feed-schemas';
import { webhookPayloadSchema } from '../lib/protocol';
import { initialState, parseRoundTable } from '../lib/seed';
import { systemClock, systemTimers } from '../server/clock';
import { createCommitFeed } from '../server/commit-feed';
import { openDataDir } from '../server/data-dir';
import { DEMO_FILE } from '../server/app-server';
import { createEventRegistry } from '../server/event-registry';
import { silentLogger } from '../server/logger';
import { createSqliteWebhookStore } from '../server/webhook-store';
import { createWebhooks, type WebhookView } from '../server/webhooks';
import { readFileSync } from 'node:fs';
import { freePort } from './support/server-process';
import { KEY, MODERATOR, NO_LIMITS, bearer, newTempDir, removeDir, sleep, useRealServer, waitFor } from './support/real-server';
import { startReceiver, type Receiver } from './support/webhook-receiver';

const receivers: Receiver[] = [];
const receiver = async (port?: number) => {
  const r = await startReceiver(port);
  receivers.push(r);
  return r;
};
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** Reads `read()` until `ok` holds, for up to 10 s; returns the last reading. */
async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

const ALL = ['turn.started', 'turn.ended', 'session.started', 'session.paused', 'session.resumed', 'session.finished', 'signal'];

describe('webhook routes', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-wh-routes-', limits: NO_LIMITS });

  it('are the moderator’s only: 401 without a key, 403 for a city’s link', async () => {
    const token = await s.tokenOf('magadan');
    for (const [method, path] of [
      ['GET', '/api/webhooks'],
      ['POST', '/api/webhooks'],
      ['GET', '/api/webhooks/wh-1/secret'],
      ['DELETE', '/api/webhooks/wh-1'],
    ] as const) {
      const body = method === 'POST' ? { url: 'https://example.org/hook', events: ['signal'] } : undefined;
      expect((await s.request(method, path, { body })).status, `${method} ${path} without a key`).toBe(401);
      const asCity = await s.request(method, path, { auth: bearer(token), body });
      expect(asCity.status, `${method} ${path} as a city`).toBe(403);
      expect(asCity.body.error.code).toBe('forbidden');
    }
  });

  it('refuse a URL that is not http(s) and an empty choice of events, naming the field', async () => {
    for (const [url, events, field] of [
      ['ftp://example.org/hook', ['signal'], /url: must be an http/],
      ['javascript:alert(1)', ['signal'], /url: must be an http/],
      ['https://example.org/hook', [], /events: choose at least one/],
      ['https://example.org/hook', ['turn.begun'], /events\.0/],
    ] as const) {
      const reply = await s.request('POST', '/api/webhooks', { auth: MODERATOR, body: { url, events } });
      expect(reply.status, url).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'bad_request', reason: 'invalid_webhook' });
      expect(reply.body.error.message).toMatch(field);
    }
    expect((await s.request('GET', '/api/webhooks', { auth: MODERATOR })).body).toEqual([]);
  });

  it('show the secret once at registration and again on demand, never in the list; removal forgets it', async () => {
    const created = await s.request('POST', '/api/webhooks', {
      auth: MODERATOR,
      body: { url: 'https://example.org/hook', events: ['turn.started'] },
    });
    expect(created.status).toBe(201);
    const { webhook, secret } = created.body as { webhook: WebhookView; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const list = await s.request('GET', '/api/webhooks', { auth: MODERATOR });
    expect(list.body).toMatchObject([{ id: webhook.id, url: 'https://example.org/hook', events: ['turn.started'] }]);
    expect(list.text).not.toContain(secret);
    const again = await s.request('GET', `/api/webhooks/${webhook.id}/secret`, { auth: MODERATOR });
    expect(again.body).toEqual({ id: webhook.id, secret });
    expect((await s.request('DELETE', `/api/webhooks/${webhook.id}`, { auth: MODERATOR })).body).toEqual([]);
    const gone = await s.request('GET', `/api/webhooks/${webhook.id}/secret`, { auth: MODERATOR });
    expect(gone.status).toBe(404);
    expect(gone.body.error.reason).toBe('unknown_webhook');
  });
});

describe('deliveries', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-wh-', fresh: 'each', limits: NO_LIMITS, webhookRetryBaseMs: 100 });
  const register = async (url: string, events: readonly string[] = ALL) => {
    const reply = await s.request('POST', '/api/webhooks', { auth: MODERATOR, body: { url, events } });
    expect(reply.status, reply.text).toBe(201);
    return reply.body as { webhook: WebhookView; secret: string };
  };
  const listed = async (id: string) =>
    ((await s.request('GET', '/api/webhooks', { auth: MODERATOR })).body as WebhookView[]).find((w) => w.id === id)!;

  it('sends the chosen events in order, signed with HMAC-SHA256 over the body, each with its delivery id', async () => {
    const all = await receiver();
    const turns = await receiver();
    const { secret } = await register(all.url);
    await register(turns.url, ['turn.started']);
    const token = await s.tokenOf('magadan');

    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    await s.ok({ type: 'speaker.start', entryId: 'magadan' });
    await s.ok({ type: 'signal.send', kind: 'ready' }, bearer(token));
    await s.ok({ type: 'session.pause' });
    await s.ok({ type: 'session.resume' });
    await s.ok({ type: 'session.finish' });

    const expected = [
      'session.started',
      'turn.started',
      'turn.ended',
      'turn.started',
      'signal',
      'session.paused',
      'session.resumed',
      'turn.ended',
      'session.finished',
    ];
    await waitFor('every delivery', () => all.received.length >= expected.length, 10_000);
    expect(all.received.map((r) => r.payload.type)).toEqual(expected);
    for (const { headers, body, payload } of all.received) {
      expect(headers['x-rollcall-signature']).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
      expect(headers['x-rollcall-delivery']).toBe(payload.id);
      expect(headers['x-rollcall-event']).toBe(payload.type);
      expect(headers['content-type']).toBe('application/json');
      expect(webhookPayloadSchema.parse(payload)).toEqual(payload);
      expect(payload.id).toBe(`main:${payload.version}:${payload.type}`);
    }
    const ended = all.received.find((r) => r.payload.type === 'turn.ended')!.payload as Extract<WebhookPayload, { type: 'turn.ended' }>;
    expect(ended.entry).toMatchObject({ id: 'opening-words', nameRu: 'Вступительное слово', place: 1 });
    expect(ended.usedMs).toBe(ended.turnMs);
    const signal = all.received.find((r) => r.payload.type === 'signal')!.payload;
    expect(signal).toMatchObject({ entry: { id: 'magadan' }, kind: 'ready' });

    await waitFor('the turns only', () => turns.received.length === 2);
    expect(turns.received.map((r) => (r.payload as { entry: { id: string } }).entry.id)).toEqual(['opening-words', 'magadan']);
    const shown = await listed((await s.request('GET', '/api/webhooks', { auth: MODERATOR })).body[0].id);
    expect(shown.counts).toEqual({ pending: 0, delivered: expected.length, failed: 0 });
    expect(shown.recent[0]).toMatchObject({ type: 'session.finished', status: 'delivered', attempts: 1, responseStatus: 200, error: null });
  });

  it('retries a receiver that is down, with the attempts and the reason shown, and delivers once it is up', async () => {
    const port = await freePort();
    const { webhook } = await register(`http://127.0.0.1:${port}/hook`, ['session.started']);
    await s.ok({ type: 'session.start' });
    const view = await until(
      'two failed attempts',
      () => listed(webhook.id),
      (v) => (v.recent[0]?.attempts ?? 0) >= 2,
    );
    expect(view.recent[0]).toMatchObject({ status: 'pending', responseStatus: null });
    expect(view.recent[0]!.attempts).toBeGreaterThanOrEqual(2);
    expect(view.recent[0]!.error).toMatch(/cannot connect \(ECONNREFUSED\)/);
    expect(view.recent[0]!.nextAttemptAt).toBeGreaterThan(view.recent[0]!.lastAttemptAt!);

    const up = await receiver(port);
    await waitFor('the delivery', () => up.received.length === 1, 15_000);
    const done = await until(
      'delivered in the list',
      () => listed(webhook.id),
      (v) => v.counts.delivered === 1,
    );
    expect(done.counts).toEqual({ pending: 0, delivered: 1, failed: 0 });
    expect(up.received[0]!.payload.type).toBe('session.started');
  });

  it('a receiver that answers 500 is retried; one that hangs does not hold up the meeting', async () => {
    const hanging = await receiver();
    hanging.status = null;
    await register(hanging.url, ['turn.started']);
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    await waitFor('the first delivery to be held', () => hanging.received.length === 1);
    // The receiver holds the request open; the meeting goes on at its own pace.
    for (let i = 0; i < 10; i++) await s.ok({ type: 'speaker.next' });
    expect(s.server.service.state().version).toBeGreaterThanOrEqual(12);
    expect(hanging.received).toHaveLength(1);

    const erring = await receiver();
    erring.status = 500;
    await register(erring.url, ['turn.started']);
    await s.ok({ type: 'speaker.next' });
    await waitFor('three attempts', () => erring.received.length >= 3, 10_000);
    expect(new Set(erring.received.map((r) => r.payload.id)).size).toBe(1);
  });
});

describe('the outbox after a crash between a commit and its queueing', () => {
  it('queues from the journal after the cursor: each missed turn exactly once, and a second restart adds nothing', async () => {
    const hook = await receiver();
    const dir = newTempDir('rollcall-wh-crash-');
    const logger = silentLogger();
    const { db, sealingKey } = openDataDir(dir, { moderatorKey: KEY, logger });
    try {
      const feed = createCommitFeed(logger);
      let ids = 0;
      const events = createEventRegistry({
        db,
        clock: systemClock,
        sealingKey,
        newId: () => `n${++ids}`,
        feed,
        logger,
        seed: () => initialState(parseRoundTable(JSON.parse(readFileSync(DEMO_FILE, 'utf8')))),
      });
      const deps = {
        store: createSqliteWebhookStore(db),
        events: { ids: () => events.list().map((e) => e.id), get: (id: string) => events.get(id) },
        sealingKey,
        clock: systemClock,
        timers: systemTimers,
        logger,
      };
      const before = createWebhooks(deps);
      const { webhook } = before.add({ url: hook.url, events: ['turn.started'] });
      before.close();
      // Committed while nothing queued webhooks: what a process that died right after its commits leaves.
      const service = events.active().service;
      for (const type of ['session.start', 'speaker.next', 'speaker.next'] as const)
        expect(service.dispatch({ role: 'moderator' }, { type }).ok).toBe(true);

      const restarted = createWebhooks(deps);
      await waitFor('the two missed turns', () => hook.received.length === 2);
      expect(hook.received.map((r) => r.payload.id)).toEqual(['main:2:turn.started', 'main:3:turn.started']);
      // Closed only once both answers are recorded: one closed while its answer is on the way is sent again
      // (at least once, by design), which is not what this test is about.
      await waitFor('both recorded as delivered', () => deps.store.counts(webhook.id).delivered === 2);
      restarted.close();

      const again = createWebhooks(deps);
      feed.subscribe('webhooks', (record) => again.committed(record));
      expect(service.dispatch({ role: 'moderator' }, { type: 'speaker.next' }).ok).toBe(true);
      await waitFor('the next turn', () => hook.received.length >= 3);
      expect(hook.received.map((r) => r.payload.version)).toEqual([2, 3, 4]);
      again.close();
    } finally {
      db.close();
      removeDir(dir);
    }
  });
});
