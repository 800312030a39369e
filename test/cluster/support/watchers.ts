// Clients of the cluster tests that record what they are sent, through HAProxy, reconnecting as a
// browser would: participants (a city's link) and viewers (screens). Each keeps its view up to date
// from snapshots and patches (a gap asks for a sync, as the page does) and notes what a user would
// notice: a version going backwards, a turn's start moving, a patch that did not apply.
import { io, type Socket } from 'socket.io-client';
import type { PatchMessage, SnapshotMessage, View } from '../../../lib/protocol';
import { applyPatch } from '../../../lib/view';

export interface Seen {
  at: number;
  version: number;
}

export interface Watcher {
  name: string;
  socket: Socket;
  view: View | null;
  snapshots: Seen[];
  patches: Seen[];
  disconnects: { at: number; reason: string }[];
  /** Anything a user would have noticed: versions going backwards, turn starts moving. */
  problems: string[];
  close(): void;
}

/** Remembers each turn's start and reports any view that moves one. */
export function turnStartChecker(name: string, problems: string[]) {
  const starts = new Map<string, number>();
  return (view: View) => {
    for (const entry of Object.values(view.entries)) {
      entry.turns.forEach((turn, i) => {
        const key = `${entry.id}#${i}`;
        const known = starts.get(key);
        if (known === undefined) starts.set(key, turn.startedAt);
        else if (known !== turn.startedAt)
          problems.push(`${name}: turn ${key} started at ${known}, now at ${turn.startedAt} (v${view.version})`);
      });
    }
  };
}

export interface WatchOptions {
  /** A join link's token (a participant); none for a screen. */
  token?: string;
  /** The loopback address to connect from (per-address budgets count screens per home). */
  localAddress?: string;
  /** Long-polling only: its session lives on one node, so HAProxy must keep it there (the cookie). */
  polling?: boolean;
}

export function watch(url: string, name: string, options: WatchOptions = {}): Watcher {
  // localAddress reaches Node's WebSocket (engine.io passes it on), though socket.io's types omit it.
  const socket: Socket = io(url, {
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
    transports: options.polling ? ['polling'] : ['websocket'],
    // Node's socket.io client keeps cookies (HAProxy's node cookie) only with credentials on.
    withCredentials: true,
    reconnectionDelay: 300,
    reconnectionDelayMax: 1000,
    ...({ localAddress: options.localAddress } as object),
  });
  const w: Watcher = {
    name,
    socket,
    view: null,
    snapshots: [],
    patches: [],
    disconnects: [],
    problems: [],
    close: () => socket.disconnect(),
  };
  const checkTurns = turnStartChecker(name, w.problems);
  const shown = (view: View) => {
    if (w.view && view.version < w.view.version) w.problems.push(`${name}: version went back from ${w.view.version} to ${view.version}`);
    w.view = view;
    checkTurns(view);
  };
  socket.on('snapshot', (msg: SnapshotMessage) => {
    w.snapshots.push({ at: Date.now(), version: msg.view.version });
    shown(msg.view);
  });
  socket.on('patch', (msg: PatchMessage) => {
    w.patches.push({ at: Date.now(), version: msg.version });
    if (w.view && msg.version <= w.view.version) return; // already shown (a snapshot overtook it)
    const next = w.view && applyPatch(w.view, msg);
    if (next) shown(next);
    else socket.emit('sync', { version: w.view?.version ?? 0 }, () => {});
  });
  socket.on('disconnect', (reason) => {
    w.disconnects.push({ at: Date.now(), reason });
    if (reason === 'io server disconnect') socket.connect();
  });
  return w;
}

/** Waits until every watcher holds a view at `version` or later. */
export async function allAt(watchers: readonly Watcher[], version: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!watchers.every((w) => (w.view?.version ?? 0) >= version)) {
    if (Date.now() > deadline) {
      const behind = watchers.filter((w) => (w.view?.version ?? 0) < version).map((w) => `${w.name}@${w.view?.version ?? 'none'}`);
      throw new Error(`timed out after ${timeoutMs} ms waiting for every client at version ${version}; behind: ${behind.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
