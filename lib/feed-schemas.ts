// Schemas of what the server publishes for control surfaces and other systems: the `/api/now` object
// (also each message of its event stream) and the webhook deliveries. Re-exported by lib/protocol.ts;
// docs/schemas/ holds them as JSON Schema (npm run schemas). Every time is server time in ms since the
// epoch, every duration is in ms, and every name says so.
import { z } from 'zod';
import { ATTENDANCES, ENTRY_KINDS, PHASES, SIGNAL_KINDS } from './model';

const ms = z.number().int();

/** Who an entry is, as a lower third or a button shows it. */
export const nowEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(ENTRY_KINDS),
  nameRu: z.string(),
  nameEn: z.string(),
  representative: z.string(),
  /** The representative's job title («глава города»). */
  position: z.string(),
  attendance: z.enum(ATTENDANCES),
  country: z.string(),
  region: z.string(),
  timeZone: z.string(),
  /** 1-based place in the running order. */
  place: z.number().int().min(1),
  /** The planned allotment plus the moderator's extensions. */
  allottedTotalMs: ms,
});

export const CLOCK_WARNINGS = ['normal', 'warning', 'overtime'] as const;

/** The speaker's turn: the figures a countdown needs, exact at `serverTime`. */
export const nowCurrentSchema = nowEntrySchema.extend({
  /** The city's wall-clock time at `serverTime`, "HH:MM". */
  localTime: z.string(),
  utcOffsetMinutes: z.number().int(),
  /** When the open turn started (server time). */
  startedAt: ms,
  /** False while the session is paused: the countdown stands still and `endsAt` is null. */
  running: z.boolean(),
  /** The planned allotment, without extensions (the same as an entry's `allottedMs` in the view). */
  allottedMs: ms,
  /** Extensions the moderator granted (may be negative). */
  extraMs: ms,
  /** Every turn of this entry together, pauses excluded, up to `serverTime`. */
  usedMs: ms,
  /** `allottedTotalMs − usedMs`, never below 0. */
  remainingMs: ms.min(0),
  /** How far past the allotment, 0 while within it. */
  overtimeMs: ms.min(0),
  /** When the allotment runs out at this pace (server time; in the past once over time); null while paused. */
  endsAt: ms.nullable(),
  /** `warning` once `remainingMs ≤ event.warnMs`, `overtime` past the allotment. */
  warning: z.enum(CLOCK_WARNINGS),
});

export const nowSchema = z.object({
  eventId: z.string(),
  /** The state version this describes. */
  version: z.number().int().min(0),
  /** When it was computed. A client's countdown: `endsAt − (its clock + (serverTime − its clock at receipt))`. */
  serverTime: ms,
  phase: z.enum(PHASES),
  event: z.object({
    title: z.string(),
    titleEn: z.string(),
    timeZone: z.string(),
    /** The countdown turns amber at this much remaining. */
    warnMs: ms,
    rehearsal: z.boolean(),
  }),
  /** Who has the floor, or null. */
  current: nowCurrentSchema.nullable(),
  /** The next (at most three) `speaker.next` will call, in that order. */
  next: z.array(nowEntrySchema).max(3),
  /** The message shown on the screens, or null. */
  message: z.object({ text: z.string(), sentAt: ms }).nullable(),
  counts: z.object({ total: z.number().int(), done: z.number().int(), waiting: z.number().int() }),
});
export type Now = z.infer<typeof nowSchema>;
export type NowEntry = z.infer<typeof nowEntrySchema>;
export type NowCurrent = z.infer<typeof nowCurrentSchema>;

// ---- webhooks -------------------------------------------------------------------------------------

export const WEBHOOK_EVENT_TYPES = [
  'turn.started',
  'turn.ended',
  'session.started',
  'session.paused',
  'session.resumed',
  'session.finished',
  'signal',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** What the moderator registers (POST /api/webhooks). */
export const webhookInputSchema = z.strictObject({
  url: z.string().trim().max(2000).refine(isHttpUrl, 'must be an http:// or https:// URL'),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, 'choose at least one event')
    .refine((events) => new Set(events).size === events.length, 'each event once'),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

const deliveryFields = {
  /** `<eventId>:<version>:<type>`: the same in every retry, so a receiver can drop a repeat. */
  id: z.string(),
  eventId: z.string(),
  /** The journal version of the command that caused it. */
  version: z.number().int().min(1),
  /** Server time of the change. */
  at: ms,
  rehearsal: z.boolean(),
};
const sessionData = z.object({ phase: z.enum(PHASES), sessionElapsedMs: ms });

export const webhookPayloadSchema = z.discriminatedUnion('type', [
  z.object({ ...deliveryFields, type: z.literal('turn.started'), entry: nowEntrySchema, startedAt: ms }),
  z.object({
    ...deliveryFields,
    type: z.literal('turn.ended'),
    entry: nowEntrySchema,
    /** This turn alone, pauses excluded. */
    turnMs: ms,
    /** Every turn of the entry so far. */
    usedMs: ms,
    overtimeMs: ms.min(0),
    endedAt: ms,
  }),
  z.object({ ...deliveryFields, type: z.literal('session.started'), ...sessionData.shape }),
  z.object({ ...deliveryFields, type: z.literal('session.paused'), ...sessionData.shape }),
  z.object({ ...deliveryFields, type: z.literal('session.resumed'), ...sessionData.shape }),
  z.object({ ...deliveryFields, type: z.literal('session.finished'), ...sessionData.shape }),
  z.object({ ...deliveryFields, type: z.literal('signal'), entry: nowEntrySchema, kind: z.enum(SIGNAL_KINDS) }),
]);
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
