// A city's link as the roll call records it, journaled as `presence.set` by the system actor:
// `online` when its first socket connects, `reconnecting` when its last one drops, `offline` when
// nobody is back within the grace. The grace runs on the injected timers, so tests move a fake
// clock instead of sleeping through it.
import type { Actor, ConnectionState } from '../lib/model';
import { loggedTimers, type Timer, type Timers } from './clock';
import type { Logger } from './logger';
import type { CommandPort } from './event-ports';

export interface PresenceDeps {
  /** The active event's service. */
  service: () => CommandPort;
  /** How many sockets of an entry's link are open now. */
  socketsOf: (entryId: string) => number;
  /** The entries with at least one socket open now. */
  connectedEntries: () => string[];
  /** How long a dropped link shows as "reconnecting" before "offline". */
  graceMs: number;
  timers: Timers;
  logger: Logger;
}

const SYSTEM: Actor = { role: 'system' };

export function createPresence(deps: PresenceDeps) {
  const timers = loggedTimers(deps.timers, deps.logger, 'presence grace');
  const grace = new Map<string, Timer>();

  const set = (entryId: string, state: ConnectionState) => {
    const service = deps.service();
    if (!service.state().entries[entryId]) return;
    if ((service.state().connections[entryId]?.state ?? 'offline') === state) return;
    void service.dispatch(SYSTEM, { type: 'presence.set', entryId, state });
  };
  const stopGrace = (entryId: string) => {
    grace.get(entryId)?.cancel();
    grace.delete(entryId);
  };
  const stopAll = () => {
    for (const timer of grace.values()) timer.cancel();
    grace.clear();
  };
  /** The entry's last socket is gone: "reconnecting" now, "offline" if nobody is back within the grace. */
  const dropped = (entryId: string) => {
    set(entryId, 'reconnecting');
    stopGrace(entryId);
    grace.set(
      entryId,
      timers.after(deps.graceMs, () => {
        grace.delete(entryId);
        if (deps.socketsOf(entryId) === 0) set(entryId, 'offline');
      }),
    );
  };

  return {
    /** A socket of the entry's link connected. */
    connected(entryId: string) {
      stopGrace(entryId);
      set(entryId, 'online');
    },
    dropped,
    /**
     * An event that has just been opened has only the sockets this process knows of, whatever its
     * state says (after a crash a city stays "online" in the journal): every other link that was up
     * has dropped, and every link with a socket here is online.
     */
    settle() {
      const here = new Set(deps.connectedEntries());
      for (const [entryId, connection] of Object.entries(deps.service().state().connections)) {
        if (connection.state !== 'offline' && !here.has(entryId)) dropped(entryId);
      }
      for (const entryId of here) set(entryId, 'online');
    },
    /** Another event became active: nobody is connected to the one left behind, so its report counts nobody online. */
    left(previous: CommandPort) {
      stopAll();
      for (const [entryId, connection] of Object.entries(previous.state().connections)) {
        if (connection.state !== 'offline') void previous.dispatch(SYSTEM, { type: 'presence.set', entryId, state: 'offline' });
      }
    },
    close: stopAll,
  };
}
export type Presence = ReturnType<typeof createPresence>;
