// What each kind of client sees of the state, the patch between two views, and the HTTP snapshot.
// The same diff/apply pair runs on the server (to send) and the client (to receive).
import type { ConnectionState, Entry, Presence, RollcallState } from './model';
import type { PatchMessage, Notice, View } from './protocol';
import { allottedTotalMs, overtimeMs, usedMs } from './time';

export type ViewAudience = { role: 'moderator' } | { role: 'viewer' } | { role: 'participant'; entryId: string };

/**
 * Moderators see everything. Screens see only messages for the screens, no signals, and only the
 * speaker's connection (the projector must not call a dropped city «on the line»), plus how many
 * cities are connected. A participant sees messages for the screens, for
 * itself, and for the speaker while it holds the floor, and only its own signal and connection.
 * Nobody but the moderator sees `controlVersion`, which every moderator command moves: what a screen
 * or a city cannot see must not change its view, or it would cost them a patch.
 */
export function viewFor(state: RollcallState, audience: ViewAudience): View {
  const { undo, controlVersion, ...rest } = state;
  switch (audience.role) {
    case 'moderator':
      return { ...rest, controlVersion, undoDepth: undo.length };
    case 'viewer':
      return {
        ...rest,
        undoDepth: 0,
        entries: publicEntries(state.entries),
        connections: speakerConnection(state),
        signals: {},
        messages: state.messages.filter((m) => m.target === 'screens'),
        onlineCount: connectedCount(state),
      };
    case 'participant': {
      const own = audience.entryId;
      const speaking = state.currentEntryId === own;
      const signal = state.signals[own];
      const connection = state.connections[own];
      return {
        ...rest,
        undoDepth: 0,
        entries: publicEntries(state.entries, own),
        connections: connection ? { [own]: connection } : {},
        signals: signal ? { [own]: signal } : {},
        messages: state.messages.filter((m) => m.target === 'screens' || m.target === own || (speaking && m.target === 'speaker')),
      };
    }
    default:
      return audience satisfies never;
  }
}

function speakerConnection(state: RollcallState): RollcallState['connections'] {
  const id = state.currentEntryId;
  const connection = id ? state.connections[id] : undefined;
  return id && connection ? { [id]: connection } : {};
}

/**
 * Cities a screen counts as connected: every open link, whatever the entry's status or check-in,
 * online or reconnecting within the grace (a link that drops for a second does not flicker the count).
 */
export function connectedCount(state: Pick<RollcallState, 'entries' | 'order' | 'connections'>): number {
  let count = 0;
  for (const id of state.order) {
    const connection = connectionOf(id, state);
    if (connection === 'online' || connection === 'reconnecting') count++;
  }
  return count;
}

// A city's contact is for the organisers only, and its practice (up to 4000 characters, for the
// report and the documents) is shown by no live page but its own: the screens and the other cities
// get neither, so a screen's snapshot stays small however much the cities wrote. The trimmed copy is
// cached per entry object, so an unchanged entry keeps its identity and is not resent in every patch.
const trimmed = new WeakMap<Entry, Entry>();
function publicEntry(entry: Entry): Entry {
  if (!entry.contact && !entry.practiceTitle && !entry.practiceSummary) return entry;
  let copy = trimmed.get(entry);
  if (!copy) trimmed.set(entry, (copy = { ...entry, contact: '', practiceTitle: '', practiceSummary: '' }));
  return copy;
}
function publicEntries(entries: Record<string, Entry>, keep?: string): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  for (const [id, entry] of Object.entries(entries)) out[id] = id === keep ? entry : publicEntry(entry);
  return out;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function diffViews(prev: View, next: View, serverTime: number, notices: Notice[]): PatchMessage {
  const set: PatchMessage['set'] = {};
  for (const key of Object.keys(next) as (keyof View)[]) {
    if (key === 'entries') continue;
    if (!same(prev[key], next[key])) (set as Record<string, unknown>)[key] = next[key];
  }
  const entries: Record<string, Entry> = {};
  for (const [id, entry] of Object.entries(next.entries)) {
    if (prev.entries[id] !== entry) entries[id] = entry;
  }
  const removed = Object.keys(prev.entries).filter((id) => !(id in next.entries));
  return { baseVersion: prev.version, version: next.version, serverTime, set, entries, removed, notices };
}

/** True when a patch changes nothing but the version: that audience could not see the change. */
export function patchIsEmpty(patch: PatchMessage): boolean {
  return Object.keys(patch.set).every((key) => key === 'version') && Object.keys(patch.entries).length === 0 && patch.removed.length === 0;
}

/** Applies a patch, or returns null when it does not follow the view's version (the client must resync). */
export function applyPatch(view: View, patch: PatchMessage): View | null {
  if (patch.baseVersion !== view.version) return null;
  const entries = { ...view.entries, ...patch.entries };
  for (const id of patch.removed) delete entries[id];
  return { ...view, ...patch.set, entries, version: patch.version };
}

export function presenceOf(entry: Entry, state: Pick<RollcallState, 'connections'>): Presence {
  if (entry.status === 'absent') return 'absent';
  if (entry.checkedIn) return 'in_hall';
  return state.connections[entry.id]?.state ?? 'offline';
}

export interface PresenceCounts {
  /** Entries whose link is connected now, whatever their status or check-in: what the server sees. */
  online: number;
  inHall: number;
  absent: number;
}

/** The state of an entry's link alone (not its check-in or status). */
export function connectionOf(entryId: string, state: Pick<RollcallState, 'connections'>): ConnectionState {
  return state.connections[entryId]?.state ?? 'offline';
}

export function presenceCounts(state: Pick<RollcallState, 'entries' | 'order' | 'connections'>): PresenceCounts {
  const counts: PresenceCounts = { online: 0, inHall: 0, absent: 0 };
  for (const id of state.order) {
    const entry = state.entries[id];
    if (!entry) continue;
    if (connectionOf(id, state) === 'online') counts.online++;
    const presence = presenceOf(entry, state);
    if (presence === 'in_hall') counts.inHall++;
    else if (presence === 'absent') counts.absent++;
  }
  return counts;
}

/** The public snapshot served by GET /api/state: entries in running order with derived times. */
export function apiState(state: RollcallState, serverTime: number, headcount: { viewers: number }) {
  return {
    version: state.version,
    serverTime,
    phase: state.phase,
    event: state.event,
    currentEntryId: state.currentEntryId,
    counts: { ...presenceCounts(state), viewers: headcount.viewers },
    entries: state.order.map((id) => {
      const entry = state.entries[id]!;
      return {
        id,
        kind: entry.kind,
        name: entry.nameRu,
        nameEn: entry.nameEn,
        country: entry.country,
        timeZone: entry.timeZone,
        representative: entry.representative,
        position: entry.position,
        status: entry.status,
        attendance: entry.attendance,
        presence: presenceOf(entry, state),
        // The same meaning as an entry's `allottedMs` in the view: the plan, extensions apart.
        allottedMs: entry.allottedMs,
        extraMs: entry.extraMs,
        allottedTotalMs: allottedTotalMs(entry),
        usedMs: usedMs(entry, serverTime),
        overtimeMs: overtimeMs(entry, serverTime),
        turns: entry.turns.length,
      };
    }),
  };
}
export type ApiState = ReturnType<typeof apiState>;

/** Notices a client may hear: signals go to moderators (and the signalling entry), messages to those who see them. */
export function noticesFor(notices: Notice[], audience: ViewAudience, view: View): Notice[] {
  if (audience.role === 'moderator') return notices;
  return notices.filter((notice) => {
    switch (notice.type) {
      case 'floor':
      case 'phase':
      case 'undo':
        return true;
      case 'message':
        return view.messages.some((m) => m.target === notice.target && m.text === notice.text);
      case 'signal':
        return audience.role === 'participant' && audience.entryId === notice.entryId;
      default:
        return notice satisfies never;
    }
  });
}
