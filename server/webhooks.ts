// Webhooks: the moderator registers URLs and chooses events; every committed command that means one
// of them (lib/webhook-events.ts) becomes a signed JSON delivery. The outbox follows the journal:
// each webhook has a cursor per event (the journal version up to which its deliveries are queued),
// a restart replays the journal after the cursor, and a delivery is keyed by (webhook, event,
// version, type), so a crash neither loses nor doubles one. Queueing and sending run off the dispatch
// path (a timer after the commit), one delivery in flight per webhook, retried with backoff, so a
// receiver that is down never slows the meeting. Secrets are sealed with links.key and never logged.
import { createHmac, randomBytes } from 'node:crypto';
import type { WebhookSummary } from '../lib/api-schemas';
import type { WebhookInput, WebhookPayload } from '../lib/feed-schemas';
import { webhookEventsOf } from '../lib/webhook-events';
import type { Clock, Timer, Timers } from './clock';
import type { CommittedRecord } from './commit-feed';
import { newSecret, sealToken, unsealToken } from './credentials';
import type { LiveEvent } from './event-registry';
import type { Logger } from './logger';
import { replayRecord } from './rollcall-service';
import type { DeliveryRow, DeliveryStatus, WebhookRow, WebhookStore } from './webhook-store';

export const SIGNATURE_HEADER = 'x-rollcall-signature';
export const DELIVERY_HEADER = 'x-rollcall-delivery';
export const EVENT_HEADER = 'x-rollcall-event';
export const MAX_WEBHOOKS = 20;
const MAX_BACKOFF_MS = 5 * 60_000;
const RECENT_SHOWN = 10;

export interface WebhooksDeps {
  store: WebhookStore;
  /** The events whose journals are followed (every event of the data dir, rehearsals too). */
  events: { ids(): string[]; get(id: string): LiveEvent | null };
  sealingKey: Buffer;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** The first retry waits this long; each next one twice as long, up to five minutes. */
  retryBaseMs?: number;
  /** After this many failed attempts a delivery is marked failed. */
  maxAttempts?: number;
  timeoutMs?: number;
}

/** `sha256=<hex>`: HMAC-SHA256 of the body's bytes with the webhook's secret. */
export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** What the moderator sees of a webhook (lib/api-schemas.ts parses it on the page). */
export type WebhookView = WebhookSummary;

interface Pending {
  eventId: string;
  version: number;
  payloads: WebhookPayload[];
}

export function createWebhooks(deps: WebhooksDeps) {
  const { store, clock, timers, logger } = deps;
  const retryBaseMs = deps.retryBaseMs ?? 1000;
  const maxAttempts = deps.maxAttempts ?? 10;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  let hooks = store.list();
  let pending: Pending[] = [];
  let flushTimer: Timer | null = null;
  let wakeTimer: Timer | null = null;
  let closed = false;
  const inFlight = new Map<string, AbortController>();

  /** Queues the payloads of one journal version for every webhook that has not queued it yet. */
  const enqueue = (eventId: string, version: number, payloads: WebhookPayload[]) => {
    const behind = hooks.filter((h) => (store.cursor(h.id, eventId) ?? 0) < version);
    if (behind.length === 0) return;
    const deliveries = behind.flatMap((h) =>
      payloads.filter((p) => h.events.includes(p.type)).map((p) => ({ webhookId: h.id, type: p.type, payload: JSON.stringify(p) })),
    );
    store.enqueue(
      eventId,
      version,
      behind.map((h) => h.id),
      deliveries,
      clock.now(),
    );
  };

  const flush = () => {
    flushTimer?.cancel();
    flushTimer = null;
    const batch = pending;
    pending = [];
    for (const item of batch) enqueue(item.eventId, item.version, item.payloads);
    if (batch.length) kick();
  };

  /** Rebuilds what a crash left unqueued: replays each event's journal after the oldest cursor. */
  const catchUp = () => {
    if (hooks.length === 0) return;
    for (const eventId of deps.events.ids()) {
      const event = deps.events.get(eventId);
      if (!event) continue;
      const head = event.service.state().version;
      const from = Math.min(...hooks.map((h) => store.cursor(h.id, eventId) ?? 0));
      if (from >= head) continue;
      const loaded = event.journal.load(from);
      if (!loaded) {
        logger.warn({ eventId, from, head }, 'webhooks: no snapshot old enough to derive the missed deliveries; they are skipped');
        enqueue(eventId, head, []);
        continue;
      }
      let state = loaded.snapshot;
      for (const record of loaded.records) {
        const next = replayRecord(state, record);
        if (record.version > from) {
          const at = record.ctx.now;
          enqueue(
            eventId,
            record.version,
            webhookEventsOf({ eventId, version: record.version, at, command: record.command, prev: state, next }),
          );
        }
        state = next;
      }
      logger.info({ eventId, from, head }, 'webhooks: queued what the journal holds after the cursors');
    }
  };

  // ---- delivery ----------------------------------------------------------------------------------

  const kick = () => {
    if (closed) return;
    wakeTimer?.cancel();
    wakeTimer = timers.after(0, run);
  };

  function run() {
    wakeTimer = null;
    if (closed) return;
    const now = clock.now();
    let wakeAt = Infinity;
    for (const delivery of store.heads()) {
      const hook = hooks.find((h) => h.id === delivery.webhookId);
      if (!hook || inFlight.has(hook.id)) continue;
      if (delivery.nextAttemptAt <= now) void deliver(hook, delivery);
      else wakeAt = Math.min(wakeAt, delivery.nextAttemptAt);
    }
    if (wakeAt < Infinity) wakeTimer = timers.after(wakeAt - now, run);
  }

  async function deliver(hook: WebhookRow, delivery: DeliveryRow) {
    const abort = new AbortController();
    inFlight.set(hook.id, abort);
    const payload = JSON.parse(delivery.payload) as WebhookPayload;
    let responseStatus: number | null = null;
    let error: string | null = null;
    try {
      const reply = await fetch(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rollcall-Webhooks',
          [SIGNATURE_HEADER]: signature(unsealToken(deps.sealingKey, hook.sealedSecret), delivery.payload),
          [DELIVERY_HEADER]: payload.id,
          [EVENT_HEADER]: payload.type,
        },
        body: delivery.payload,
      });
      responseStatus = reply.status;
      await reply.body?.cancel();
      if (reply.status < 200 || reply.status > 299)
        error = `HTTP ${reply.status}${reply.status < 400 ? ' (redirects are not followed)' : ''}`;
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      error =
        (e as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : cause
            ? `cannot connect (${cause})`
            : (e as Error).message;
    }
    inFlight.delete(hook.id);
    if (closed) return;
    wakeTimer?.cancel();
    const at = clock.now();
    const attempts = delivery.attempts + 1;
    const status: DeliveryStatus = error === null ? 'delivered' : attempts >= maxAttempts ? 'failed' : 'pending';
    const nextAttemptAt = status === 'pending' ? at + Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempts - 1)) : at;
    try {
      store.attempted(delivery.seq, { status, at, nextAttemptAt, responseStatus, error });
    } catch (e) {
      logger.error({ err: e, webhookId: hook.id }, 'webhooks: could not record a delivery attempt');
    }
    const log = { webhookId: hook.id, delivery: payload.id, attempt: attempts, responseStatus, error };
    if (status === 'delivered') logger.debug(log, 'webhook delivered');
    else logger.warn(log, status === 'failed' ? 'webhook delivery failed; no more retries' : 'webhook delivery failed; will retry');
    run();
  }

  const view = (hook: WebhookRow): WebhookView => ({
    id: hook.id,
    url: hook.url,
    events: hook.events,
    createdAt: hook.createdAt,
    counts: store.counts(hook.id),
    recent: store.recent(hook.id, RECENT_SHOWN).map((d) => ({
      id: `${d.eventId}:${d.version}:${d.type}`,
      type: d.type,
      eventId: d.eventId,
      version: d.version,
      status: d.status,
      attempts: d.attempts,
      lastAttemptAt: d.lastAttemptAt,
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
      responseStatus: d.responseStatus,
      error: d.error,
    })),
  });

  catchUp();
  kick();

  return {
    /** Subscriber of committed records: derives the deliveries now, queues them right after the command. */
    committed(record: CommittedRecord) {
      if (hooks.length === 0) return;
      const { eventId, version, command, ctx, prev, next } = record;
      pending.push({ eventId, version, payloads: webhookEventsOf({ eventId, version, at: ctx.now, command, prev, next }) });
      flushTimer ??= timers.after(0, flush);
    },
    list: (): WebhookView[] => hooks.map(view),
    count: () => hooks.length,
    /** Registers a webhook; returns it and its secret (shown this once; the moderator may ask again). */
    add(input: WebhookInput): { webhook: WebhookView; secret: string } {
      flush();
      const secret = `whsec_${newSecret(32)}`;
      const row: WebhookRow = {
        id: `wh-${randomBytes(6).toString('hex')}`,
        url: input.url,
        events: input.events,
        sealedSecret: sealToken(deps.sealingKey, secret),
        createdAt: clock.now(),
      };
      const cursors = deps.events.ids().flatMap((eventId) => {
        const event = deps.events.get(eventId);
        return event ? [{ eventId, version: event.service.state().version }] : [];
      });
      store.add(row, cursors);
      hooks = store.list();
      logger.info({ webhookId: row.id, events: row.events }, 'webhook registered');
      return { webhook: view(row), secret };
    },
    remove(id: string): boolean {
      const removed = store.remove(id);
      inFlight.get(id)?.abort();
      hooks = store.list();
      if (removed) logger.info({ webhookId: id }, 'webhook removed');
      return removed;
    },
    secret(id: string): string | null {
      const hook = hooks.find((h) => h.id === id);
      return hook ? unsealToken(deps.sealingKey, hook.sealedSecret) : null;
    },
    /** Queues what is pending (a clean shutdown), then stops sending; what is not delivered goes after the restart. */
    close() {
      flush();
      closed = true;
      wakeTimer?.cancel();
      for (const abort of inFlight.values()) abort.abort();
      inFlight.clear();
    },
  };
}
export type Webhooks = ReturnType<typeof createWebhooks>;
