// What the attendee page derives from the view: its own status, its place in the queue and when its
// turn is likely to come. Pure functions of the view and a server time, so they are easy to check.
import type { View } from '@/lib/protocol';
import { entriesAhead, shownNext } from '@/lib/queue';
import { allottedTotalMs, remainingMs } from '@/lib/time';

export const JOIN_STATUSES = ['waiting', 'next', 'speaking', 'done', 'deferred', 'absent', 'planned'] as const;
export type JoinStatus = (typeof JOIN_STATUSES)[number];

type QueueView = Pick<View, 'phase' | 'order' | 'entries' | 'currentEntryId' | 'event'>;

/**
 * The entry's state as the attendee should read it. Its own turn wins over everything; before the
 * start a waiting entry is "planned"; "next" is the first in line (lib/queue.ts) until the session ends.
 */
export function joinStatus(view: QueueView, entryId: string): JoinStatus {
  const entry = view.entries[entryId];
  if (!entry) return 'waiting';
  if (entry.status === 'speaking' || view.currentEntryId === entryId) return 'speaking';
  if (entry.status === 'done') return 'done';
  if (entry.status === 'absent') return 'absent';
  if (view.phase === 'planned') return 'planned';
  if (shownNext(view) === entryId) return 'next';
  return entry.status === 'deferred' ? 'deferred' : 'waiting';
}

export interface QueuePlace {
  /** 1 = nobody before it; the speaker on the floor counts as the first place in the queue. */
  position: number;
  /** Entries before it, the current speaker included. */
  ahead: number;
  /** Server time at which its turn is expected. */
  etaAt: number;
  /** The figure rests on a plan or a frozen clock (planned or paused session). */
  approximate: boolean;
  /** The estimate counts from the planned start, not from now. */
  fromPlannedStart: boolean;
}

/**
 * Position and estimated start: now (or the planned start, before the session) + what the current
 * speaker has left (never negative) + the allotments of the entries ahead.
 */
export function queuePlace(view: QueueView, entryId: string, now: number): QueuePlace {
  const ahead = entriesAhead(view, entryId);
  const speaker = view.currentEntryId && view.currentEntryId !== entryId ? view.entries[view.currentEntryId] : undefined;
  const plannedStartAt = Date.parse(view.event.plannedStart);
  const fromPlannedStart = view.phase === 'planned' && Number.isFinite(plannedStartAt) && plannedStartAt > now;
  let etaAt = fromPlannedStart ? plannedStartAt : now;
  if (speaker) etaAt += Math.max(0, remainingMs(speaker, now));
  for (const other of ahead) etaAt += allottedTotalMs(other);
  const count = ahead.length + (speaker ? 1 : 0);
  return {
    position: count + 1,
    ahead: count,
    etaAt,
    approximate: view.phase === 'planned' || view.phase === 'paused',
    fromPlannedStart,
  };
}

/** Wall-clock time in the reader's own zone (the browser's, no timeZone option). */
export function formatLocalTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** Day and month in the reader's own zone, e.g. "10 дек.". */
export function formatLocalDate(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(at);
}

export function sameLocalDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}
