// The wire protocol: every command and socket message as a zod schema plus its type, shared by the
// server (which validates everything it receives) and the client (which validates what it sends).
import { z } from 'zod';
import { EXTEND_SECONDS_MAX, MAX_ENTRIES, MAX_SIGNERS, PLANNED_TOTAL_MINUTES, TEXT_MAX, TURN_SECONDS, WARN_SECONDS } from './field-limits';
import { ATTENDANCES, CONNECTION_STATES, ENTRY_KINDS, SIGNAL_KINDS, type Actor, type ControlState, type RollcallState } from './model';

export { PROTOCOL_VERSION } from './protocol-version';
/** Largest socket message or HTTP body the server reads, in bytes. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

export const ENTRY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().max(max);
const entryId = z.string().regex(ENTRY_ID_PATTERN, 'must be an entry id (a-z, 0-9, -)');

export const entryFieldsSchema = z.strictObject({
  kind: z.enum(ENTRY_KINDS),
  nameRu: text(TEXT_MAX.name).min(1, 'must not be empty'),
  nameEn: text(TEXT_MAX.name),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
  region: text(TEXT_MAX.region),
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Yakutsk'),
  longitude: z.number().min(-180).max(180),
  representative: text(TEXT_MAX.representative),
  position: text(TEXT_MAX.position),
  attendance: z.enum(ATTENDANCES),
  allottedSeconds: z.number().int().min(TURN_SECONDS.min).max(TURN_SECONDS.max),
  practiceTitle: text(TEXT_MAX.practiceTitle),
  practiceSummary: text(TEXT_MAX.practiceSummary),
  contact: text(TEXT_MAX.contact).optional(),
});
export type EntryFields = z.infer<typeof entryFieldsSchema>;
/** A new entry needs only a name; the reducer fills the rest with defaults (the event's turn length). */
export const newEntrySchema = entryFieldsSchema.partial().required({ nameRu: true });
export type NewEntryFields = z.infer<typeof newEntrySchema>;
/** What a city fills in through its own link before the day. */
export const registrationSchema = entryFieldsSchema
  .pick({ representative: true, position: true, attendance: true, practiceTitle: true, practiceSummary: true, contact: true })
  .partial()
  .required({ representative: true, attendance: true });
export type RegistrationFields = z.infer<typeof registrationSchema>;
export const ORDER_BY = ['longitude', 'utcOffset'] as const;
export { MAX_ENTRIES };

/** What the server's documents print that the roll call cannot know: where, who chairs, who signs. */
export const documentSettingsSchema = z.strictObject({
  venue: text(TEXT_MAX.venue),
  chair: text(TEXT_MAX.personName),
  secretary: text(TEXT_MAX.personName),
  /** Who awards the diplomas, printed at their top (the assembly's name). */
  diplomaIssuer: text(TEXT_MAX.diplomaIssuer),
  /** The officers whose signature lines close a diploma. */
  signers: z.array(z.strictObject({ role: text(TEXT_MAX.signerRole), name: text(TEXT_MAX.personName) })).max(MAX_SIGNERS),
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

export const eventFieldsSchema = z.strictObject({
  title: text(TEXT_MAX.eventTitle).min(1, 'must not be empty'),
  titleEn: text(TEXT_MAX.eventTitle),
  plannedStart: z.iso.datetime({ offset: true }),
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone'),
  defaultTurnSeconds: z.number().int().min(TURN_SECONDS.min).max(TURN_SECONDS.max),
  plannedTotalMinutes: z.number().int().min(PLANNED_TOTAL_MINUTES.min).max(PLANNED_TOTAL_MINUTES.max),
  warnSeconds: z.number().int().min(WARN_SECONDS.min).max(WARN_SECONDS.max),
  registrationDeadline: z.iso.datetime({ offset: true }).nullable().optional(),
  documents: documentSettingsSchema.optional(),
});
export type EventFields = z.infer<typeof eventFieldsSchema>;

const envelope = {
  /** Client-chosen id: a retry with the same id is applied once. */
  id: z.string().min(1).max(64).optional(),
  /** The state version the client acted on; stale if a moderator command landed since. */
  expectedVersion: z.number().int().min(0).optional(),
};

function command<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...envelope, ...shape });
}

export const commandSchema = z.discriminatedUnion('type', [
  command('session.start', {}),
  command('session.pause', {}),
  command('session.resume', {}),
  command('session.finish', {}),
  command('speaker.next', {}),
  command('speaker.start', { entryId }),
  command('speaker.stop', {}),
  command('speaker.extend', {
    entryId: entryId.optional(),
    seconds: z
      .number()
      .int()
      .min(-EXTEND_SECONDS_MAX)
      .max(EXTEND_SECONDS_MAX)
      .refine((s) => s !== 0, 'must not be 0'),
  }),
  command('queue.move', { entryId, index: z.number().int().min(0) }),
  command('queue.defer', { entryId, deferred: z.boolean().default(true) }),
  command('entry.checkIn', { entryId, present: z.boolean() }),
  command('entry.markAbsent', { entryId, absent: z.boolean().default(true) }),
  command('entry.add', { entry: newEntrySchema, index: z.number().int().min(0).optional() }),
  command('entry.update', { entryId, fields: entryFieldsSchema.partial() }),
  command('entry.remove', { entryId }),
  command('entry.import', { entries: z.array(entryFieldsSchema).min(1).max(MAX_ENTRIES), mode: z.enum(['replace', 'append']) }),
  command('entry.register', { entryId: entryId.optional(), fields: registrationSchema }),
  command('entry.nominate', { entryId, nomination: text(TEXT_MAX.nomination).min(1, 'must not be empty').nullable() }),
  command('queue.order', { by: z.enum(ORDER_BY) }),
  command('event.update', { fields: eventFieldsSchema.partial() }),
  command('message.send', {
    target: z.union([z.literal('speaker'), z.literal('screens'), entryId]),
    text: text(TEXT_MAX.message).min(1, 'must not be empty'),
  }),
  command('message.clear', { target: z.union([z.literal('speaker'), z.literal('screens'), entryId]).optional() }),
  command('signal.send', { kind: z.enum(SIGNAL_KINDS), entryId: entryId.optional() }),
  command('signal.clear', { entryId: entryId.optional() }),
  command('presence.set', { entryId, state: z.enum(CONNECTION_STATES) }),
  command('undo', {}),
]);
/** A command as the server holds it once parsed (defaults filled in). */
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export const COMMAND_TYPES: CommandType[] = commandSchema.options.map((o) => o.shape.type.value);

/** `Omit` that keeps a union a union (one member per command type). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as a client sends it: fields with a default (`deferred`, `absent`) may be left out. */
export type CommandMessage = z.input<typeof commandSchema>;
/** What the app's code asks to send; the connection adds the envelope (`id`, `expectedVersion`). */
export type CommandBody = OmitEach<CommandMessage, 'id' | 'expectedVersion'>;

/** Context the server passes to the reducer; journaled with the command so replay is exact. */
export interface CommandContext {
  now: number;
  actor: Actor;
  /** A fresh id the reducer may use (entry.add, message.send); never random inside the reducer. */
  newId: string;
}

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'stale',
  'too_large',
  'rate_limited',
  'internal',
  // Cluster mode: this node cannot take commands now, or could not confirm one; the same command
  // (same id) may be sent again, to this node or another.
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RollcallError {
  code: ErrorCode;
  /** Stable key for the UI to translate, e.g. 'session_not_live'. */
  reason: string;
  /** English, names the problem (and the field, for bad_request). */
  message: string;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export type CommandResult = { ok: true; version: number; duplicate?: boolean } | { ok: false; error: RollcallError };

/** Turns a zod failure into one message naming every bad field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${where ? `${where}.` : ''}${k}: unknown field`).join('; ');
      return `${where || 'payload'}: ${issue.message}`;
    })
    .join('; ');
}

export function parseCommand(raw: unknown): { ok: true; command: Command } | { ok: false; error: RollcallError } {
  const parsed = commandSchema.safeParse(raw);
  if (parsed.success) return { ok: true, command: parsed.data };
  return { ok: false, error: { code: 'bad_request', reason: 'invalid_command', message: describeZodError(parsed.error) } };
}

// ---- socket messages ----------------------------------------------------------------------------

/** Handshake `auth`: a moderator key, a participant token, or nothing for a read-only screen. */
export const handshakeSchema = z.union([
  z.strictObject({ key: z.string().min(1).max(200) }),
  z.strictObject({ token: z.string().min(1).max(200) }),
  z.strictObject({}),
]);

export const syncRequestSchema = z.strictObject({ version: z.number().int().min(0) });
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/**
 * What a client sees of the state; which messages, signals and connections it holds depends on its
 * role. `version` is the version of the last change this client could see (see `PatchMessage`).
 */
export type View = Omit<RollcallState, 'undo' | 'controlVersion'> & {
  /** Version of the last moderator command (moderators only: what `expectedVersion` is checked against). */
  controlVersion?: number;
  /** Number of undo steps available (moderator only; 0 elsewhere). */
  undoDepth: number;
  /** Screens only: cities connected by link now (online, or reconnecting within the grace). */
  onlineCount?: number;
};

/** How many are connected now (not who a view is for: that is a view's audience, lib/view.ts). */
export interface Headcount {
  viewers: number;
  participants: number;
  moderators: number;
}

export type ViewerRole = 'moderator' | 'participant' | 'viewer';

export interface SnapshotMessage {
  /** The server's PROTOCOL_VERSION: a page built for another one reloads. */
  protocol: number;
  /** Which event this is; versions only compare within one event. */
  eventId: string;
  role: ViewerRole;
  entryId: string | null;
  /** The server's time when the snapshot was taken (a screen's snapshot is shared until the next change). */
  serverTime: number;
  view: View;
  /** Moderators only: how many are connected now (later counts come as `headcount` messages). */
  headcount?: Headcount;
}

/**
 * Changes from `baseVersion` to `version`: top-level fields replaced, entries upserted or removed.
 * A client gets a patch only when its own view changed, so `baseVersion` is the version of the last
 * patch or snapshot it got (not necessarily `version - 1`); moderators get every version.
 */
export interface PatchMessage {
  baseVersion: number;
  version: number;
  serverTime: number;
  set: Partial<Omit<View, 'entries'>>;
  entries: Record<string, View['entries'][string]>;
  removed: string[];
  /** What happened, for announcements ("Якутск has the floor"): only what this client may hear. */
  notices: Notice[];
}

/** Something that happened, as the reducer tells it (to be announced, not applied: the state carries the change). */
export type Notice =
  | { type: 'floor'; entryId: string | null; previousId: string | null }
  | { type: 'phase'; phase: ControlState['phase'] }
  | { type: 'message'; target: string; text: string }
  | { type: 'signal'; entryId: string; kind: string }
  | { type: 'undo'; command: string };

/** Why a participant's socket is closed: its link changed, its entry was removed, or the new active event lacks it. */
export const REVOKE_REASONS = ['revoked', 'entry_removed', 'not_in_event'] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

/** Sent to every socket when the moderator makes another event active; its snapshot follows on the same connection. */
export interface ActiveEventMessage {
  eventId: string;
  previousEventId: string;
}

export interface ServerToClient {
  snapshot: (msg: SnapshotMessage) => void;
  patch: (msg: PatchMessage) => void;
  headcount: (msg: Headcount) => void;
  activeEvent: (msg: ActiveEventMessage) => void;
  revoked: (msg: { reason: RevokeReason }) => void;
}

/** `upToDate: false` means a `snapshot` message was sent just before this reply. */
export type SyncReply = { upToDate: boolean; version: number } | { error: RollcallError };
/** The server's time in ms since the epoch, or a refusal. */
export type TimeReply = number | { error: RollcallError };

/**
 * What a client may send. The server's handlers still take each argument as `unknown` and parse it:
 * these types say what a well-behaved client sends, never what arrives.
 */
export interface ClientToServer {
  command: (payload: CommandMessage, ack: (result: CommandResult) => void) => void;
  sync: (payload: SyncRequest, ack: (result: SyncReply) => void) => void;
  time: (ack: (result: TimeReply) => void) => void;
}

export * from './feed-schemas';
