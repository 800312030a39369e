// What the organiser's HTTP routes answer, as schemas: the pages parse every reply with these
// instead of casting it, so a reply of another shape (another version of the server, a proxy's
// error page) is an error the page can name, never a crash somewhere in its rendering.
import { z } from 'zod';
import { ATTENDANCES, ENTRY_KINDS, ENTRY_STATUSES, PHASES } from './model';
import { ERROR_CODES, WEBHOOK_EVENT_TYPES, type RollcallError } from './protocol';
import type { Participation, Report, ReportEntry, ReportTotals } from './report';
import { eventInfoSchema } from './state-schema';

export const rollcallErrorSchema: z.ZodType<RollcallError> = z.object({
  code: z.enum(ERROR_CODES),
  reason: z.string(),
  message: z.string(),
});

/** Every error reply: `{ error }`, and an import's row errors beside it. */
export const errorReplySchema = z.object({
  error: rollcallErrorSchema,
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })).optional(),
  more: z.number().optional(),
});

export const eventSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  plannedStart: z.string(),
  phase: z.enum(PHASES),
  entries: z.number(),
  /** Entries that have sent their registration through their link. */
  registered: z.number(),
  rehearsalOf: z.string().nullable(),
  active: z.boolean(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

/** A city's join link; `token` and `url` are null once revoked. */
export const joinLinkSchema = z.object({ entryId: z.string(), name: z.string(), token: z.string().nullable(), url: z.string().nullable() });
export type JoinLinkInfo = z.infer<typeof joinLinkSchema>;

export const importReplySchema = z.object({ version: z.number(), imported: z.number() });

const PARTICIPATIONS = ['hall', 'online', 'absent', 'not_called', 'pending'] as const satisfies readonly Participation[];
const nullableTime = z.number().nullable();

const reportEntrySchema: z.ZodType<ReportEntry> = z.object({
  place: z.number(),
  id: z.string(),
  kind: z.enum(ENTRY_KINDS),
  nameRu: z.string(),
  nameEn: z.string(),
  country: z.string(),
  region: z.string(),
  timeZone: z.string(),
  representative: z.string(),
  position: z.string(),
  attendance: z.enum(ATTENDANCES),
  participation: z.enum(PARTICIPATIONS),
  status: z.enum(ENTRY_STATUSES),
  allottedMs: z.number(),
  extraMs: z.number(),
  usedMs: z.number(),
  overtimeMs: z.number(),
  turns: z.number(),
  firstStartedAt: nullableTime,
  lastEndedAt: nullableTime,
  plannedStartAt: z.number(),
  plannedEndAt: z.number(),
  offlineMs: z.number().nullable(),
  practiceTitle: z.string(),
  practiceSummary: z.string(),
  contact: z.string(),
  nomination: z.string().nullable(),
  registeredAt: nullableTime,
});

const reportTotalsSchema: z.ZodType<ReportTotals> = z.object({
  entries: z.number(),
  spoke: z.number(),
  markedAbsent: z.number(),
  notCalled: z.number(),
  participation: z.object({ hall: z.number(), online: z.number(), absent: z.number(), not_called: z.number(), pending: z.number() }),
  allottedMs: z.number(),
  usedMs: z.number(),
  overtimeMs: z.number(),
  overTime: z.number(),
  sessionElapsedMs: z.number(),
  pausedMs: z.number(),
  plannedStartAt: z.number(),
  plannedEndAt: z.number(),
  scheduledEndAt: z.number(),
  actualStartAt: nullableTime,
  actualEndAt: nullableTime,
  startDriftMs: z.number().nullable(),
  driftMs: z.number(),
});

/** GET /api/events/<event>/report.json */
export const reportSchema: z.ZodType<Report> = z.object({
  event: eventInfoSchema,
  phase: z.enum(PHASES),
  generatedAt: z.number(),
  entries: z.array(reportEntrySchema),
  totals: reportTotalsSchema,
});

/** GET /api/webhooks: each webhook with its latest deliveries (never its secret). */
export const webhookViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  createdAt: z.number(),
  counts: z.object({ pending: z.number(), delivered: z.number(), failed: z.number() }),
  recent: z.array(
    z.object({
      id: z.string(),
      type: z.enum(WEBHOOK_EVENT_TYPES),
      eventId: z.string(),
      version: z.number(),
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: z.number(),
      lastAttemptAt: z.number().nullable(),
      nextAttemptAt: z.number().nullable(),
      responseStatus: z.number().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type WebhookSummary = z.infer<typeof webhookViewSchema>;
export const webhookCreatedSchema = z.object({ webhook: webhookViewSchema, secret: z.string() });
export const webhookSecretSchema = z.object({ id: z.string(), secret: z.string() });
