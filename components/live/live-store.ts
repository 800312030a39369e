// Client state, fed only by the socket: the last snapshot plus the patches that follow it, and the
// estimated offset of the server clock. The server decides; this store never guesses state.
import { createStore } from 'zustand/vanilla';
import type { ActiveEventMessage, Headcount, PatchMessage, Notice, SnapshotMessage, View, ViewerRole } from '@/lib/protocol';
import { applyPatch } from '@/lib/view';

/**
 * 'live' only while the page holds the server's current view: from the snapshot on, until the
 * connection drops. 'outdated': the server speaks another protocol version, so the page reloads.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'offline' | 'unauthorized' | 'revoked' | 'outdated';

export interface LiveState {
  status: ConnectionStatus;
  /** Why the server refused us, when it did. */
  problem: string | null;
  eventId: string | null;
  role: ViewerRole | null;
  entryId: string | null;
  view: View | null;
  /** How many are connected now (moderators only). */
  headcount: Headcount;
  /** serverTime ≈ Date.now() + offsetMs, estimated from the round trip with the lowest delay. */
  offsetMs: number;
  rttMs: number | null;
  /** Notices from the latest patch, for announcements ("Якутск has the floor"). */
  notices: Notice[];
}

export type PatchOutcome = 'applied' | 'ignored' | 'gap';

export interface LiveActions {
  /** The server's view (on connecting, after a switch or a gap): from now on the page is live. */
  receiveSnapshot(msg: SnapshotMessage): void;
  /**
   * Applies a patch whose `baseVersion` is the current version (patches come only when this client's
   * view changed, so versions may skip); older ones are ignored, any other asks for a resync.
   */
  receivePatch(msg: PatchMessage): PatchOutcome;
  /** The moderator made another event active: the view is dropped until its snapshot, which follows. */
  receiveActiveEvent(msg: ActiveEventMessage): void;
  setStatus(status: ConnectionStatus, problem?: string | null): void;
  setHeadcount(headcount: Headcount): void;
  setClock(offsetMs: number, rttMs: number): void;
}

export type LiveStore = ReturnType<typeof createLiveStore>;

export function createLiveStore() {
  return createStore<LiveState & LiveActions>()((set, get) => ({
    status: 'connecting',
    problem: null,
    eventId: null,
    role: null,
    entryId: null,
    view: null,
    headcount: { viewers: 0, participants: 0, moderators: 0 },
    offsetMs: 0,
    rttMs: null,
    notices: [],
    receiveSnapshot(msg) {
      const { view: current, eventId } = get();
      // A snapshot older than what we hold (a late sync reply) would move the screen backwards;
      // after the moderator switches events, versions start over and any snapshot is newer.
      if (current && msg.eventId === eventId && msg.view.version < current.version) return set({ status: 'live', problem: null });
      set({
        status: 'live',
        problem: null,
        view: msg.view,
        eventId: msg.eventId,
        role: msg.role,
        entryId: msg.entryId,
        notices: [],
        ...(msg.headcount && { headcount: msg.headcount }),
      });
    },
    receiveActiveEvent(msg) {
      // Not live until the new event's snapshot: nothing may be sent against a view that is gone.
      if (msg.eventId !== get().eventId) set({ view: null, eventId: msg.eventId, notices: [], status: 'connecting' });
    },
    receivePatch(msg) {
      const view = get().view;
      if (!view || msg.version <= view.version) return view ? 'ignored' : 'gap';
      const next = applyPatch(view, msg);
      if (!next) return 'gap';
      set({ view: next, notices: msg.notices });
      return 'applied';
    },
    setStatus(status, problem = null) {
      set({ status, problem });
    },
    setHeadcount(headcount) {
      set({ headcount });
    },
    setClock(offsetMs, rttMs) {
      set({ offsetMs, rttMs });
    },
  }));
}

/** The best estimate of the server's clock now. */
export function serverNow(state: Pick<LiveState, 'offsetMs'>, localNow = Date.now()): number {
  return localNow + state.offsetMs;
}

export { bestOffset, type ClockSample } from '@/lib/time';
