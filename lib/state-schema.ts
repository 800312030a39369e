// Schemas of the model's own types (lib/model.ts), for what is read back rather than received as a
// command: the state in a stored snapshot, the context journaled with each command, and the event
// info a report carries. They check shape, not the limits a command's fields were checked against
// when they came in; fields a newer version may add are dropped, a missing or mistyped one is damage.
import { z } from 'zod';
import {
  ATTENDANCES,
  CONNECTION_STATES,
  ENTRY_KINDS,
  ENTRY_STATUSES,
  PHASES,
  SIGNAL_KINDS,
  type Actor,
  type ControlState,
  type Entry,
  type EventInfo,
  type RollcallState,
  type Span,
} from './model';
import type { CommandContext } from './protocol';
import { documentSettingsSchema } from './protocol';

const time = z.number();

export const spanSchema: z.ZodType<Span> = z.object({
  startedAt: time,
  endedAt: time.nullable(),
  pausedAt: time.nullable(),
  pausedMs: z.number(),
});

export const entrySchema: z.ZodType<Entry> = z.object({
  id: z.string(),
  kind: z.enum(ENTRY_KINDS),
  nameRu: z.string(),
  nameEn: z.string(),
  country: z.string(),
  region: z.string(),
  timeZone: z.string(),
  longitude: z.number(),
  representative: z.string(),
  position: z.string(),
  attendance: z.enum(ATTENDANCES),
  practiceTitle: z.string(),
  practiceSummary: z.string(),
  contact: z.string(),
  allottedMs: z.number(),
  extraMs: z.number(),
  status: z.enum(ENTRY_STATUSES),
  checkedIn: z.boolean(),
  turns: z.array(spanSchema),
  registeredAt: time.nullable(),
  nomination: z.string().nullable(),
});

export const eventInfoSchema: z.ZodType<EventInfo> = z.object({
  title: z.string(),
  titleEn: z.string(),
  plannedStart: z.string(),
  timeZone: z.string(),
  defaultTurnMs: z.number(),
  plannedTotalMs: z.number(),
  warnMs: z.number(),
  registrationDeadline: z.string().nullable(),
  documents: documentSettingsSchema.optional(),
  rehearsal: z.object({ of: z.string(), number: z.number().int() }).optional(),
});

export const messageSchema = z.object({ id: z.string(), target: z.string(), text: z.string(), sentAt: time });

/** The control state around its entries, which the snapshot encoding stores apart. */
export const controlFields = {
  event: eventInfoSchema,
  phase: z.enum(PHASES),
  session: spanSchema.nullable(),
  order: z.array(z.string()),
  currentEntryId: z.string().nullable(),
  messages: z.array(messageSchema),
};

/** The state fields outside the control state (and outside undo). */
export const stateFields = {
  version: z.number().int().min(0),
  controlVersion: z.number().int().min(0),
  connections: z.record(z.string(), z.object({ state: z.enum(CONNECTION_STATES), since: time })),
  signals: z.record(z.string(), z.object({ kind: z.enum(SIGNAL_KINDS), at: time })),
};

/**
 * A state whose entries (in the state and in each undo frame) are written as `entries`, whatever
 * they are: the snapshot encoding puts references there. `stateSchema(entrySchema)` is the state.
 */
export function stateSchemaOf<E extends z.ZodType>(entries: E) {
  const entryMap = z.record(z.string(), entries);
  const control = z.object({ ...controlFields, entries: entryMap });
  return z.object({
    ...controlFields,
    ...stateFields,
    entries: entryMap,
    undo: z.array(z.object({ command: z.string(), at: time, control })),
  });
}

export const stateSchema: z.ZodType<RollcallState> = stateSchemaOf(entrySchema);
export const controlStateSchema: z.ZodType<ControlState> = z.object({ ...controlFields, entries: z.record(z.string(), entrySchema) });

export const actorSchema: z.ZodType<Actor> = z.discriminatedUnion('role', [
  z.object({ role: z.literal('moderator') }),
  z.object({ role: z.literal('participant'), entryId: z.string() }),
  z.object({ role: z.literal('viewer') }),
  z.object({ role: z.literal('system') }),
]);

/** What the reducer ran with, as journaled beside each command. */
export const commandContextSchema: z.ZodType<CommandContext> = z.object({ now: time, actor: actorSchema, newId: z.string() });
