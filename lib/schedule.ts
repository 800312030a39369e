// The planned timetable: when each turn would start if everyone kept to their allotment. Pure: it
// reads only the event's planned start and the entries, never the clock.
import type { RollcallState } from './model';
import { allottedTotalMs } from './time';

export interface PlannedSlot {
  entryId: string;
  /** ms since epoch */
  plannedStartAt: number;
  plannedEndAt: number;
}

/**
 * Every entry in running order, back to back from the event's planned start, each taking its
 * allotment including extensions. Absent entries stay in the list (so every row of the set-up page
 * has a time) but take no time: the turn after them starts where they would have.
 */
export function plannedSchedule(state: Pick<RollcallState, 'event' | 'entries' | 'order'>): PlannedSlot[] {
  let at = Date.parse(state.event.plannedStart);
  const slots: PlannedSlot[] = [];
  for (const entryId of state.order) {
    const entry = state.entries[entryId];
    if (!entry) continue;
    const ms = entry.status === 'absent' ? 0 : allottedTotalMs(entry);
    slots.push({ entryId, plannedStartAt: at, plannedEndAt: at + ms });
    at += ms;
  }
  return slots;
}
