// Pure helpers the reducer uses to build and change entries, the event and the running order.
import type { ControlState, Entry, RollcallState } from './model';
import type { EntryFields, EventFields, NewEntryFields } from './protocol';
import { utcOffsetMinutes } from './zones';

/**
 * What a city registered through its link is its own: undoing a moderator command must not take it
 * back, so the restored entries keep the registration sent since.
 */
export function keepRegistrations(restored: Record<string, Entry>, current: Record<string, Entry>): Record<string, Entry> {
  let result = restored;
  for (const [id, entry] of Object.entries(restored)) {
    const now = current[id];
    if (!now || now.registeredAt === entry.registeredAt) continue;
    const { representative, position, attendance, practiceTitle, practiceSummary, contact, registeredAt } = now;
    result = { ...result, [id]: { ...entry, representative, position, attendance, practiceTitle, practiceSummary, contact, registeredAt } };
  }
  return result;
}

/** Guests first in their current order, then cities east to west (by longitude or by UTC offset). */
export function geographicOrder(state: RollcallState, by: 'longitude' | 'utcOffset', now: number): string[] {
  const entries = state.order.map((id) => state.entries[id]!);
  const guests = entries.filter((e) => e.kind === 'guest');
  const offsets = new Map(entries.map((e) => [e.id, by === 'utcOffset' ? utcOffsetMinutes(e.timeZone, now) : 0]));
  const cities = entries
    .filter((e) => e.kind !== 'guest')
    .sort((a, b) => offsets.get(b.id)! - offsets.get(a.id)! || b.longitude - a.longitude);
  return [...guests, ...cities].map((e) => e.id);
}

export function newEntry(id: string, fields: NewEntryFields, event: ControlState['event']): Entry {
  const { allottedSeconds, ...profile } = fields;
  return {
    contact: '',
    registeredAt: null,
    nomination: null,
    kind: 'city',
    nameEn: '',
    country: 'RU',
    region: '',
    timeZone: event.timeZone,
    longitude: 0,
    representative: '',
    position: '',
    attendance: 'online',
    practiceTitle: '',
    practiceSummary: '',
    ...profile,
    id,
    allottedMs: allottedSeconds !== undefined ? allottedSeconds * 1000 : event.defaultTurnMs,
    extraMs: 0,
    status: 'waiting',
    checkedIn: false,
    turns: [],
  };
}

export function updateEntry(entry: Entry, fields: Partial<EntryFields>): Entry {
  const { allottedSeconds, ...profile } = fields;
  const next: Entry = { ...entry, ...profile };
  if (allottedSeconds !== undefined) next.allottedMs = allottedSeconds * 1000;
  return next;
}

export function updateEvent(event: ControlState['event'], fields: Partial<EventFields>): ControlState['event'] {
  const { defaultTurnSeconds, plannedTotalMinutes, warnSeconds, ...rest } = fields;
  return {
    ...event,
    ...rest,
    ...(defaultTurnSeconds !== undefined && { defaultTurnMs: defaultTurnSeconds * 1000 }),
    ...(plannedTotalMinutes !== undefined && { plannedTotalMs: plannedTotalMinutes * 60_000 }),
    ...(warnSeconds !== undefined && { warnMs: warnSeconds * 1000 }),
  };
}
