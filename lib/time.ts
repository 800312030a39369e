// Time derived from timestamps. Nothing here is stored: remaining and overtime are computed for
// whatever `now` the caller passes (server time, or a client's estimate of it).
import type { Entry, RollcallState, Span } from './model';

export function openSpan(now: number, paused = false): Span {
  return { startedAt: now, endedAt: null, pausedAt: paused ? now : null, pausedMs: 0 };
}

export function pauseSpan(span: Span, now: number): Span {
  if (span.endedAt !== null || span.pausedAt !== null) return span;
  return { ...span, pausedAt: now };
}

export function resumeSpan(span: Span, now: number): Span {
  if (span.endedAt !== null || span.pausedAt === null) return span;
  return { ...span, pausedAt: null, pausedMs: span.pausedMs + Math.max(0, now - span.pausedAt) };
}

export function closeSpan(span: Span, now: number): Span {
  if (span.endedAt !== null) return span;
  const resumed = resumeSpan(span, now);
  return { ...resumed, endedAt: Math.max(now, resumed.startedAt) };
}

/** Milliseconds the span ran (pauses excluded) up to `now`, or to its end. */
export function spanMs(span: Span, now: number): number {
  const end = span.endedAt ?? span.pausedAt ?? now;
  return Math.max(0, end - span.startedAt - span.pausedMs);
}

export function isRunning(span: Span | null | undefined): boolean {
  return !!span && span.endedAt === null && span.pausedAt === null;
}

export function openTurn(entry: Entry): Span | null {
  const last = entry.turns[entry.turns.length - 1];
  return last && last.endedAt === null ? last : null;
}

export function usedMs(entry: Entry, now: number): number {
  let sum = 0;
  for (const turn of entry.turns) sum += spanMs(turn, now);
  return sum;
}

export function allottedTotalMs(entry: Entry): number {
  return Math.max(0, entry.allottedMs + entry.extraMs);
}

/** Negative once the speaker is over time. */
export function remainingMs(entry: Entry, now: number): number {
  return allottedTotalMs(entry) - usedMs(entry, now);
}

export function overtimeMs(entry: Entry, now: number): number {
  return Math.max(0, -remainingMs(entry, now));
}

export type ClockTone = 'normal' | 'warning' | 'overtime';

export function clockTone(remaining: number, warnMs: number): ClockTone {
  if (remaining < 0) return 'overtime';
  if (remaining <= warnMs) return 'warning';
  return 'normal';
}

export interface ScheduleFigures {
  /** Session time so far, pauses excluded. */
  elapsedMs: number;
  /** Allotments still to be spoken: the waiting and deferred entries plus what the speaker has left; 0 once finished. */
  remainingPlannedMs: number;
  /** When the roll call ends at this pace (once finished: when it ended), ms since epoch. */
  projectedEndAt: number;
  /** Planned end from the event's start and planned total. */
  plannedEndAt: number;
  /**
   * Projected (or actual) end minus planned end. Positive: behind the plan by this much; negative:
   * ahead. Before the start it is the slack of the list against the plan, less any late start.
   */
  driftMs: number;
}

export function scheduleFigures(
  state: Pick<RollcallState, 'event' | 'session' | 'entries' | 'order' | 'currentEntryId' | 'phase'>,
  now: number,
): ScheduleFigures {
  const elapsedMs = state.session ? spanMs(state.session, now) : 0;
  const plannedStartAt = Date.parse(state.event.plannedStart);
  const plannedEndAt = plannedStartAt + state.event.plannedTotalMs;
  if (state.phase === 'finished') {
    // Whoever was not called will not be: nothing remains, and the end is the real one.
    const endedAt = state.session?.endedAt ?? now;
    return { elapsedMs, remainingPlannedMs: 0, projectedEndAt: endedAt, plannedEndAt, driftMs: endedAt - plannedEndAt };
  }
  let remainingPlannedMs = 0;
  for (const id of state.order) {
    const entry = state.entries[id];
    if (entry && (entry.status === 'waiting' || entry.status === 'deferred' || entry.status === 'speaking')) {
      remainingPlannedMs += Math.max(0, remainingMs(entry, now));
    }
  }
  const startAt = state.phase === 'planned' ? Math.max(now, plannedStartAt) : now;
  const projectedEndAt = startAt + remainingPlannedMs;
  return { elapsedMs, remainingPlannedMs, projectedEndAt, plannedEndAt, driftMs: projectedEndAt - plannedEndAt };
}

/** One reading of another clock: when it was asked, when it answered, and what it said. */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  serverTime: number;
}

/** NTP-style: the sample with the shortest round trip bounds the error best; assume a symmetric path. */
export function bestOffset(samples: readonly ClockSample[]): { offsetMs: number; rttMs: number } | null {
  let best: { offsetMs: number; rttMs: number } | null = null;
  for (const s of samples) {
    const rttMs = s.receivedAt - s.sentAt;
    if (rttMs < 0) continue;
    const offsetMs = s.serverTime + rttMs / 2 - s.receivedAt;
    if (!best || rttMs < best.rttMs) best = { offsetMs, rttMs };
  }
  return best;
}
