// Where webhooks and their deliveries are kept. Every line of SQL about webhooks is here, behind the
// WebhookStore interface, so another store (Postgres in cluster mode) can take its place beside the
// journal's. Tables:
//   webhooks(id, url, events, sealed_secret, created_at)            what the moderator registered
//   webhook_cursors(webhook_id, event_id, version)                   journal version up to which its deliveries are queued
//   webhook_deliveries(seq, webhook_id, event_id, version, type, …)  the outbox: one row per delivery, kept with its status
// A delivery is keyed by (webhook, event, version, type), so queueing the same journal version again
// (a restart that replays it) cannot make a second one.
import type { WebhookEventType } from '../lib/feed-schemas';
import type { Db } from './journal';

export interface WebhookRow {
  id: string;
  url: string;
  events: WebhookEventType[];
  /** The signing secret, sealed with links.key (AES-256-GCM); never stored in the clear. */
  sealedSecret: string;
  createdAt: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  seq: number;
  webhookId: string;
  eventId: string;
  version: number;
  type: WebhookEventType;
  /** The exact bytes sent (and signed) on every attempt. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  /** Server time of the next attempt while pending. */
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  /** The receiver's HTTP status on the last attempt, or null when it could not be reached. */
  responseStatus: number | null;
  /** Why the last attempt failed (no secrets, no bodies). */
  error: string | null;
}

export interface QueuedDelivery {
  webhookId: string;
  type: WebhookEventType;
  payload: string;
}

export interface WebhookStore {
  list(): WebhookRow[];
  /** Adds a webhook with its starting cursors (each event's current version: it hears of what comes next). */
  add(webhook: WebhookRow, cursors: { eventId: string; version: number }[]): void;
  /** Removes a webhook, its cursors and its deliveries. */
  remove(id: string): boolean;
  /** The journal version of `eventId` up to which `webhookId`'s deliveries are queued; null when never set (a newer event: from its start). */
  cursor(webhookId: string, eventId: string): number | null;
  /** Queues deliveries and moves the cursors of `webhookIds` for `eventId` to `version`, in one transaction. */
  enqueue(eventId: string, version: number, webhookIds: readonly string[], deliveries: readonly QueuedDelivery[], now: number): void;
  /** Each webhook's oldest pending delivery (one per webhook: deliveries keep their order), due or not. */
  heads(): DeliveryRow[];
  /** Records an attempt's outcome. */
  attempted(
    seq: number,
    outcome: { status: DeliveryStatus; at: number; nextAttemptAt: number; responseStatus: number | null; error: string | null },
  ): void;
  /** A webhook's latest deliveries, newest first. */
  recent(webhookId: string, limit: number): DeliveryRow[];
  counts(webhookId: string): Record<DeliveryStatus, number>;
}

interface DeliveryDbRow {
  seq: number;
  webhook_id: string;
  event_id: string;
  version: number;
  type: WebhookEventType;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  response_status: number | null;
  error: string | null;
}

const toDelivery = (r: DeliveryDbRow): DeliveryRow => ({
  seq: r.seq,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  version: r.version,
  type: r.type,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  responseStatus: r.response_status,
  error: r.error,
});

export function createSqliteWebhookStore(db: Db): WebhookStore {
  db.exec(`
    CREATE TABLE IF NOT EXISTS webhooks (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      events TEXT NOT NULL,
      sealed_secret TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS webhook_cursors (
      webhook_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      PRIMARY KEY (webhook_id, event_id)
    );
    CREATE TABLE IF NOT EXISTS webhook_deliveries (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      webhook_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_attempt_at INTEGER,
      response_status INTEGER,
      error TEXT,
      UNIQUE (webhook_id, event_id, version, type)
    );
    CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries (status, webhook_id, seq);
  `);
  const all = db.prepare('SELECT id, url, events, sealed_secret, created_at FROM webhooks ORDER BY created_at, id');
  const insert = db.prepare('INSERT INTO webhooks (id, url, events, sealed_secret, created_at) VALUES (?, ?, ?, ?, ?)');
  const setCursor = db.prepare('INSERT OR REPLACE INTO webhook_cursors (webhook_id, event_id, version) VALUES (?, ?, ?)');
  const getCursor = db.prepare('SELECT version FROM webhook_cursors WHERE webhook_id = ? AND event_id = ?');
  const removeRows = ['webhook_deliveries', 'webhook_cursors'].map((table) => db.prepare(`DELETE FROM ${table} WHERE webhook_id = ?`));
  const removeWebhook = db.prepare('DELETE FROM webhooks WHERE id = ?');
  const queue = db.prepare(
    `INSERT OR IGNORE INTO webhook_deliveries (webhook_id, event_id, version, type, payload, status, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
  );
  const heads = db.prepare(
    `SELECT d.* FROM webhook_deliveries d
     JOIN (SELECT webhook_id, MIN(seq) AS seq FROM webhook_deliveries WHERE status = 'pending' GROUP BY webhook_id) first ON first.seq = d.seq
     ORDER BY d.seq`,
  );
  const attempted = db.prepare(
    `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ?, response_status = ?, error = ?
     WHERE seq = ?`,
  );
  const recent = db.prepare('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY seq DESC LIMIT ?');
  const counts = db.prepare('SELECT status, COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ? GROUP BY status');

  const enqueue = db.transaction(
    (eventId: string, version: number, webhookIds: readonly string[], deliveries: readonly QueuedDelivery[], now: number) => {
      for (const d of deliveries) queue.run(d.webhookId, eventId, version, d.type, d.payload, now);
      for (const id of webhookIds) setCursor.run(id, eventId, version);
    },
  );

  return {
    list: () =>
      (all.all() as { id: string; url: string; events: string; sealed_secret: string; created_at: number }[]).map((r) => ({
        id: r.id,
        url: r.url,
        events: JSON.parse(r.events) as WebhookEventType[],
        sealedSecret: r.sealed_secret,
        createdAt: r.created_at,
      })),
    add: db.transaction((webhook: WebhookRow, cursors: { eventId: string; version: number }[]) => {
      insert.run(webhook.id, webhook.url, JSON.stringify(webhook.events), webhook.sealedSecret, webhook.createdAt);
      for (const c of cursors) setCursor.run(webhook.id, c.eventId, c.version);
    }),
    remove: (id) =>
      db.transaction(() => {
        for (const statement of removeRows) statement.run(id);
        return removeWebhook.run(id).changes > 0;
      })(),
    cursor: (webhookId, eventId) => (getCursor.get(webhookId, eventId) as { version: number } | undefined)?.version ?? null,
    enqueue: (eventId, version, webhookIds, deliveries, now) => enqueue(eventId, version, webhookIds, deliveries, now),
    heads: () => (heads.all() as DeliveryDbRow[]).map(toDelivery),
    attempted: (seq, o) => void attempted.run(o.status, o.at, o.nextAttemptAt, o.responseStatus, o.error, seq),
    recent: (webhookId, limit) => (recent.all(webhookId, limit) as DeliveryDbRow[]).map(toDelivery),
    counts(webhookId) {
      const out: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
      for (const row of counts.all(webhookId) as { status: DeliveryStatus; n: number }[]) out[row.status] = row.n;
      return out;
    },
  };
}
