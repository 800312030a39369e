import type { DocumentSettings } from './protocol';

// The roll call's domain types. Pure data: every time is a server timestamp (ms since epoch),
// and everything a screen shows (remaining, overtime, counts) is derived from these.

export const PHASES = ['planned', 'live', 'paused', 'finished'] as const;
export type Phase = (typeof PHASES)[number];

export const ENTRY_KINDS = ['city', 'guest'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ATTENDANCES = ['in_person', 'online'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

export const ENTRY_STATUSES = ['waiting', 'speaking', 'done', 'deferred', 'absent'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Link presence of an entry's participant socket(s). */
export const CONNECTION_STATES = ['online', 'reconnecting', 'offline'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** What the moderator sees per entry: the connection for online entries, the check-in for the hall. */
export const PRESENCES = ['online', 'reconnecting', 'offline', 'in_hall', 'absent'] as const;
export type Presence = (typeof PRESENCES)[number];

export const SIGNAL_KINDS = ['ready', 'technical_problem', 'request_floor'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/**
 * A stretch of time measured by timestamps. Invariant: `endedAt !== null` implies `pausedAt === null`
 * (a pause is closed when the span ends), so elapsed = (end ?? pausedAt ?? now) - startedAt - pausedMs.
 */
export interface Span {
  startedAt: number;
  endedAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
}

/** What the organisers know about a speaker before the day. */
export interface EntryProfile {
  kind: EntryKind;
  nameRu: string;
  nameEn: string;
  country: string;
  region: string;
  timeZone: string;
  longitude: number;
  representative: string;
  position: string;
  attendance: Attendance;
  practiceTitle: string;
  practiceSummary: string;
  /** How the organisers can reach the city about its practice (e-mail or phone); not shown on screens. */
  contact: string;
}

export interface Entry extends EntryProfile {
  id: string;
  /** Planned allotment for the whole entry (all turns together). */
  allottedMs: number;
  /** Extensions granted by the moderator, added to the allotment. */
  extraMs: number;
  status: EntryStatus;
  /** Checked in by the moderator as present in the hall. */
  checkedIn: boolean;
  /** Every turn this entry had the floor, oldest first; at most the last one is open. */
  turns: Span[];
  /** When the city last sent its registration through its link; null until it has. */
  registeredAt: number | null;
  /** Nomination of its practice for a diploma (the wording), or null. */
  nomination: string | null;
}

export interface EventInfo {
  title: string;
  titleEn: string;
  /** ISO 8601 with offset, e.g. 2026-12-10T10:00:00+03:00. */
  plannedStart: string;
  timeZone: string;
  defaultTurnMs: number;
  plannedTotalMs: number;
  /** The countdown turns amber when this much or less remains. */
  warnMs: number;
  /** Cities are asked to register through their links by then (ISO 8601), or null. */
  registrationDeadline: string | null;
  /** Venue, chair, secretary and diploma signers for the documents; absent until set (older journals lack it). */
  documents?: DocumentSettings;
  /** Only on a rehearsal copy: the event it rehearses and its number among that event's rehearsals. */
  rehearsal?: RehearsalInfo;
}

export interface RehearsalInfo {
  of: string;
  number: number;
}

export const MESSAGE_TARGETS = ['speaker', 'screens'] as const;
/** 'speaker' (whoever holds the floor), 'screens' (big screens and attendees) or one entry's id. */
export type MessageTarget = string;

export interface Message {
  id: string;
  target: MessageTarget;
  text: string;
  sentAt: number;
}

export interface Connection {
  state: ConnectionState;
  since: number;
}

export interface Signal {
  kind: SignalKind;
  at: number;
}

/** The part of the state that moderator commands change and `undo` restores. */
export interface ControlState {
  event: EventInfo;
  phase: Phase;
  /** The session's own clock: started at session.start, paused with it, ended at finish. */
  session: Span | null;
  entries: Record<string, Entry>;
  /** Running order: always a permutation of the keys of `entries`. */
  order: string[];
  currentEntryId: string | null;
  messages: Message[];
}

export interface UndoFrame {
  command: string;
  at: number;
  control: ControlState;
}

export interface RollcallState extends ControlState {
  /** Bumped by every accepted command. */
  version: number;
  /** Version of the last moderator command; `expectedVersion` older than this is stale. */
  controlVersion: number;
  /** Participant links; changed by the server (system actor), never undone. */
  connections: Record<string, Connection>;
  /** Latest signal per entry, raised by its participant, cleared by the moderator. */
  signals: Record<string, Signal>;
  undo: UndoFrame[];
}

export type Actor = { role: 'moderator' } | { role: 'participant'; entryId: string } | { role: 'viewer' } | { role: 'system' };

export type Role = Actor['role'];

export const UNDO_DEPTH = 30;
export const MAX_MESSAGES = 20;
