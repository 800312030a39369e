// A rehearsal copy of an event: the same list and settings with clean times, marked as a rehearsal
// with its own number, on the day it is made. Pure: the registry passes the instant and the number.
import type { RollcallState } from './model';
import { utcOffsetMinutes } from './zones';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Wall-clock milliseconds in `timeZone` (UTC fields read as local ones). */
const wall = (at: number, timeZone: string) => at + utcOffsetMinutes(timeZone, at) * MINUTE;

/** The instant a wall-clock time in `timeZone` names (twice corrected, for a change of offset). */
function instantOf(wallMs: number, timeZone: string): number {
  const first = wallMs - utcOffsetMinutes(timeZone, wallMs) * MINUTE;
  return wallMs - utcOffsetMinutes(timeZone, first) * MINUTE;
}

/** "2026-12-01T15:00:00+03:00": the instant in ISO 8601 with the zone's offset at that instant. */
export function isoInZone(at: number, timeZone: string): string {
  const offset = utcOffsetMinutes(timeZone, at);
  const local = new Date(at + offset * MINUTE).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A rehearsal is held the day it is made: at the real event's time of day if that is still ahead,
 * else at the next whole hour. The organiser can change it like any event's start.
 */
export function rehearsalStart(plannedStart: string, timeZone: string, now: number): string {
  const source = Date.parse(plannedStart);
  const nowWall = wall(now, timeZone);
  const dayStart = nowWall - (nowWall % (24 * HOUR));
  const timeOfDay = Number.isFinite(source) ? wall(source, timeZone) % (24 * HOUR) : 10 * HOUR;
  let at = instantOf(dayStart + timeOfDay, timeZone);
  if (at <= now) at = instantOf(nowWall - (nowWall % HOUR) + HOUR, timeZone);
  return isoInZone(at, timeZone);
}

export function rehearsalCopy(source: RollcallState, of: string, number: number, now: number): RollcallState {
  const entries = Object.fromEntries(
    Object.entries(source.entries).map(([id, e]) => [id, { ...e, status: 'waiting' as const, turns: [], extraMs: 0, checkedIn: false }]),
  );
  const { event } = source;
  return {
    ...source,
    version: 0,
    controlVersion: 0,
    event: {
      ...event,
      title: `${event.title} — репетиция ${number}`,
      titleEn: `${event.titleEn || event.title} — rehearsal ${number}`,
      plannedStart: rehearsalStart(event.plannedStart, event.timeZone, now),
      rehearsal: { of, number },
    },
    phase: 'planned',
    session: null,
    entries,
    currentEntryId: null,
    messages: [],
    connections: {},
    signals: {},
    undo: [],
  };
}
