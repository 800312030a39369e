// This node's sockets as a subscriber of committed records: each audience (the moderators, the
// screens, each connected city) has its own view and its own version, the version of the last change
// it could see. A record that changes an audience's view becomes one patch to its room, naming the
// version it applies to; a record it cannot see (a city's signal or reconnect, for a screen) costs it
// nothing. Moderators see every version. The screens' snapshot is built and encoded once per version.
// Patches are worked out as the record commits but written by the broadcast queue, after the
// command's acknowledgement and a slice of sockets at a time (broadcast-queue.ts).
import type { Server, Socket } from 'socket.io';
import type { Actor, RollcallState } from '../lib/model';
import {
  PROTOCOL_VERSION,
  type Headcount,
  type ClientToServer,
  type RevokeReason,
  type ServerToClient,
  type SnapshotMessage,
  type View,
} from '../lib/protocol';
import { diffViews, noticesFor, patchIsEmpty, viewFor, type ViewAudience } from '../lib/view';
import { createBroadcastQueue, encodeFrame, type Defer, type Frame } from './broadcast-queue';
import type { CommittedRecord } from './commit-feed';
import type { Clock } from './clock';

export interface SocketData {
  /** The event the socket follows; set again when the moderator switches events. */
  eventId: string;
  actor: Actor;
  credentials: { key?: string; token?: string };
  /** The client's address (behind a trusted proxy, the forwarded one): a screen's budgets are per IP. */
  ip: string;
}
export type RollcallIo = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type RollcallSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export const MODERATORS = 'moderators';
export const VIEWERS = 'viewers';
export const entryRoom = (entryId: string) => `entry:${entryId}`;

export function audienceOf(actor: Actor): ViewAudience {
  if (actor.role === 'participant' || actor.role === 'moderator') return actor;
  return { role: 'viewer' };
}
export const roomOf = (audience: ViewAudience) =>
  audience.role === 'moderator' ? MODERATORS : audience.role === 'participant' ? entryRoom(audience.entryId) : VIEWERS;
const keyOf = (audience: ViewAudience) => (audience.role === 'participant' ? `participant:${audience.entryId}` : audience.role);

interface Tracked {
  audience: ViewAudience;
  /** The version of the last change this audience saw (its view's `version`). */
  view: View;
}

export interface SocketFanoutDeps {
  clock: Clock;
  headcount: () => Headcount;
  defer?: Defer;
  /** Hands over the records committed and not yet heard of (the commit feed's flush). */
  heardAll?: () => void;
}

export function createSocketFanout(io: RollcallIo, deps: SocketFanoutDeps) {
  const queue = createBroadcastQueue(io, { defer: deps.defer });
  let eventId = '';
  let state: () => RollcallState = () => {
    throw new Error('the fan-out follows no event yet');
  };
  const tracked = new Map<string, Tracked>();
  let screens: { version: number; frame: Frame } | null = null;

  const track = (audience: ViewAudience): Tracked => {
    const key = keyOf(audience);
    let entry = tracked.get(key);
    if (!entry) tracked.set(key, (entry = { audience, view: viewFor(state(), audience) }));
    return entry;
  };

  /** Closes every socket of an entry that may no longer follow this event. */
  const close = (entryId: string, reason: RevokeReason) => {
    io.to(entryRoom(entryId)).emit('revoked', { reason });
    io.in(entryRoom(entryId)).disconnectSockets(true);
  };
  const revoke = (entryId: string, reason: RevokeReason) => {
    tracked.delete(keyOf({ role: 'participant', entryId }));
    close(entryId, reason);
  };

  const snapshot = (actor: Actor): SnapshotMessage => {
    const audience = audienceOf(actor);
    return {
      protocol: PROTOCOL_VERSION,
      eventId,
      role: audience.role,
      entryId: audience.role === 'participant' ? audience.entryId : null,
      serverTime: deps.clock.now(),
      view: track(audience).view,
      ...(audience.role === 'moderator' && { headcount: deps.headcount() }),
    };
  };

  return {
    /** Follows `id` from now on: every audience starts again from the event's current state. */
    follow(id: string, current: () => RollcallState) {
      // The old event's last patches (of records committed this turn too) go before the new event's snapshots.
      deps.heardAll?.();
      queue.flush();
      eventId = id;
      state = current;
      tracked.clear();
      screens = null;
      track({ role: 'moderator' });
      track({ role: 'viewer' });
    },
    eventId: () => eventId,

    /**
     * The subscriber: one patch per audience whose view the record changed, encoded once and queued
     * for its room (moderators first), so it is written after the command's acknowledgement.
     */
    committed: (record: CommittedRecord) => {
      if (record.eventId !== eventId) return; // another event's change reaches nobody live
      for (const t of tracked.values()) {
        const view = { ...viewFor(record.next, t.audience), version: record.version };
        const patch = diffViews(t.view, view, record.ctx.now, noticesFor(record.notices, t.audience, view));
        if (t.audience.role !== 'moderator' && patchIsEmpty(patch)) continue;
        t.view = view;
        queue.send(roomOf(t.audience), encodeFrame('patch', patch));
      }
      for (const id of Object.keys(record.prev.entries)) {
        if (id in record.next.entries) continue;
        tracked.delete(keyOf({ role: 'participant', entryId: id }));
        queue.call(() => close(id, 'entry_removed')); // after its last patch
      }
    },

    /** The version of the last change `actor` could see: what its `sync` compares with. */
    versionFor: (actor: Actor) => track(audienceOf(actor)).view.version,

    snapshot,
    /** Sends `socket` its snapshot; a screen's is encoded once per version and shared. */
    sendSnapshot(socket: RollcallSocket, actor: Actor) {
      if (audienceOf(actor).role !== 'viewer') return void socket.emit('snapshot', snapshot(actor));
      const version = track({ role: 'viewer' }).view.version;
      if (screens?.version !== version) screens = { version, frame: encodeFrame('snapshot', snapshot(actor)) };
      socket.conn.write(screens.frame.packet, screens.frame.options);
    },

    /** The last socket of an entry left: stop working out its view. */
    untrack(entryId: string) {
      tracked.delete(keyOf({ role: 'participant', entryId }));
    },
    revoke,
    /** Patches still waiting to be written (tests). */
    pending: () => queue.pending(),
  };
}
export type SocketFanout = ReturnType<typeof createSocketFanout>;
