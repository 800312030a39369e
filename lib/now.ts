// What a control surface shows, as one small object: GET /api/now and each message of its event
// stream. A pure function of the state and the time, so the server's answer at a given instant is
// exact to the millisecond, and the webhooks describe entries the same way.
import type { Entry, RollcallState } from './model';
import type { Now, NowCurrent, NowEntry } from './feed-schemas';
import { lineUp } from './queue';
import { allottedTotalMs, clockTone, isRunning, openTurn, usedMs } from './time';
import { formatZonedTime } from './format';
import { utcOffsetMinutes } from './zones';

type NowState = Pick<RollcallState, 'version' | 'phase' | 'event' | 'entries' | 'order' | 'currentEntryId' | 'messages' | 'session'>;

export function nowEntry(state: Pick<RollcallState, 'order'>, entry: Entry): NowEntry {
  return {
    id: entry.id,
    kind: entry.kind,
    nameRu: entry.nameRu,
    nameEn: entry.nameEn,
    representative: entry.representative,
    position: entry.position,
    attendance: entry.attendance,
    country: entry.country,
    region: entry.region,
    timeZone: entry.timeZone,
    place: state.order.indexOf(entry.id) + 1,
    allottedTotalMs: allottedTotalMs(entry),
  };
}

function current(state: NowState, serverTime: number): NowCurrent | null {
  const entry = state.currentEntryId ? state.entries[state.currentEntryId] : undefined;
  if (!entry) return null;
  const turn = openTurn(entry);
  const used = usedMs(entry, serverTime);
  const left = allottedTotalMs(entry) - used;
  // The turn runs while neither it nor the session is paused (a paused session pauses its turn).
  const running = state.phase === 'live' && isRunning(turn);
  return {
    ...nowEntry(state, entry),
    localTime: formatZonedTime(serverTime, entry.timeZone, 'en-GB'),
    utcOffsetMinutes: utcOffsetMinutes(entry.timeZone, serverTime),
    startedAt: turn?.startedAt ?? entry.turns[entry.turns.length - 1]?.startedAt ?? serverTime,
    running,
    allottedMs: entry.allottedMs,
    extraMs: entry.extraMs,
    usedMs: used,
    remainingMs: Math.max(0, left),
    overtimeMs: Math.max(0, -left),
    endsAt: running ? serverTime + left : null,
    warning: clockTone(left, state.event.warnMs),
  };
}

export function nowOf(state: NowState, eventId: string, serverTime: number): Now {
  let done = 0;
  let waiting = 0;
  for (const id of state.order) {
    const status = state.entries[id]?.status;
    if (status === 'done') done++;
    else if (status === 'waiting' || status === 'deferred') waiting++;
  }
  const message = state.messages.findLast((m) => m.target === 'screens');
  return {
    eventId,
    version: state.version,
    serverTime,
    phase: state.phase,
    event: {
      title: state.event.title,
      titleEn: state.event.titleEn,
      timeZone: state.event.timeZone,
      warnMs: state.event.warnMs,
      rehearsal: state.event.rehearsal !== undefined,
    },
    current: current(state, serverTime),
    next:
      state.phase === 'finished'
        ? []
        : lineUp(state)
            .slice(0, 3)
            .map((entry) => nowEntry(state, entry)),
    message: message ? { text: message.text, sentAt: message.sentAt } : null,
    counts: { total: state.order.length, done, waiting },
  };
}

/**
 * What changes only with a command: the object without the figures that move with the clock. The
 * event stream sends a message when this changes, not every second; clients count down from `endsAt`.
 */
export function nowChangeKey(now: Now): string {
  const c = now.current;
  // While running, `endsAt` stays put as the clock moves; while paused, the time used does.
  const turn = c && { ...c, localTime: '', remainingMs: 0, overtimeMs: 0, warning: '', usedMs: c.running ? 0 : c.usedMs };
  return JSON.stringify({ ...now, serverTime: 0, version: 0, current: turn });
}
