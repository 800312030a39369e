// The queue's rules, in one place: who `speaker.next` calls, who speaks before whom, and what the
// moderator may do with an entry now. Pure functions of the state or of a view (they share these
// fields), used by the reducer, which enforces them, and by the console, the screens and a city's
// page, which show them.
import type { ControlState, Entry, Presence, RollcallState } from './model';
import { presenceOf } from './view';

type Queue = Pick<ControlState, 'order' | 'entries' | 'currentEntryId'>;
type QueueWithPhase = Queue & Pick<ControlState, 'phase'>;

/**
 * Everyone `speaker.next` will still call, in the order it calls them: the waiting entries in running
 * order, then (once nobody waits) the deferred ones, also in running order. The speaker is not in it.
 */
export function lineUp(queue: Queue): Entry[] {
  const waiting: Entry[] = [];
  const deferred: Entry[] = [];
  for (const id of queue.order) {
    const entry = queue.entries[id];
    if (!entry || id === queue.currentEntryId) continue;
    if (entry.status === 'waiting') waiting.push(entry);
    else if (entry.status === 'deferred') deferred.push(entry);
  }
  return waiting.concat(deferred);
}

/** Who `speaker.next` gives the floor to; null when nobody waits and nobody was deferred. */
export function nextInLine(queue: Queue): string | null {
  let deferred: string | null = null;
  for (const id of queue.order) {
    if (id === queue.currentEntryId) continue;
    const status = queue.entries[id]?.status;
    if (status === 'waiting') return id;
    if (status === 'deferred') deferred ??= id;
  }
  return deferred;
}

/** Who the pages show as next: the next in line, and nobody once the session has finished. */
export function shownNext(queue: QueueWithPhase): string | null {
  return queue.phase === 'finished' ? null : nextInLine(queue);
}

/**
 * The entries `speaker.next` will call before `entryId`, in that order: for an entry in the line-up,
 * everyone before it there; for any other entry, the waiting ones before it in running order.
 */
export function entriesAhead(queue: Queue, entryId: string): Entry[] {
  const entry = queue.entries[entryId];
  if (!entry) return [];
  const line = lineUp(queue);
  const place = line.indexOf(entry);
  if (place >= 0) return line.slice(0, place);
  const index = queue.order.indexOf(entryId);
  return line.filter((other) => other.status === 'waiting' && queue.order.indexOf(other.id) < index);
}

/** `speaker.next` does something: the session is live and someone has the floor or is in line. */
export function mayCallNext(queue: QueueWithPhase): boolean {
  return queue.phase === 'live' && (queue.currentEntryId !== null || nextInLine(queue) !== null);
}

/** `speaker.start` may give `entryId` the floor: the session is live and it does not have it already. */
export function mayGiveFloor(queue: QueueWithPhase, entryId: string): boolean {
  return queue.phase === 'live' && entryId in queue.entries && queue.currentEntryId !== entryId;
}

/** "Return later" applies to an entry waiting its turn or speaking now. */
export const mayDefer = (entry: Pick<Entry, 'status'>): boolean => entry.status === 'waiting' || entry.status === 'speaking';

/** A deferred entry may be put back in line. */
export const mayUndefer = (entry: Pick<Entry, 'status'>): boolean => entry.status === 'deferred';

/** Not the speaker, and not one that has spoken: their turn is a fact. */
export const mayMarkAbsent = (entry: Pick<Entry, 'status'>): boolean => entry.status !== 'speaking' && entry.status !== 'done';

/**
 * An entry taking part by video whose page is not connected now (or that is marked absent): the
 * presence to warn with before it gets the floor, or while it has it; null when it can be heard.
 */
export function videoLinkDown(entry: Entry, state: Pick<RollcallState, 'connections'>): Exclude<Presence, 'online' | 'in_hall'> | null {
  if (entry.attendance !== 'online') return null;
  const presence = presenceOf(entry, state);
  return presence === 'online' || presence === 'in_hall' ? null : presence;
}
