// The authoritative roll call: one state, one path for every command from every transport.
// validate -> exactly-once check -> stale check -> reduce (authorizes) -> persist -> broadcast.
import type { Actor, RollcallState } from '../lib/model';
import { parseCommand, type CommandResult, type RollcallError, type RollcallEvent } from '../lib/protocol';
import { reduce } from '../lib/reducer';
import type { Journal } from './journal';

export interface Clock {
  now(): number;
}

export interface StateChange {
  prev: RollcallState;
  next: RollcallState;
  events: RollcallEvent[];
  serverTime: number;
}

export interface Broadcaster {
  publish(change: StateChange): void;
}

export interface RollcallServiceDeps {
  clock: Clock;
  journal: Journal;
  broadcaster: Broadcaster;
  /** Ids for new entries and messages; journaled, so replay does not call it. */
  newId: () => string;
  /** A snapshot is written every this many versions so restarts replay little. */
  snapshotEvery?: number;
}

export interface RollcallService {
  state(): RollcallState;
  dispatch(actor: Actor, raw: unknown): CommandResult;
  /** Writes a snapshot of the current state (on clean shutdown). */
  checkpoint(): void;
}

export function actorKey(actor: Actor): string {
  return actor.role === 'participant' ? `participant:${actor.entryId}` : actor.role;
}

/** Rebuilds the state from the latest snapshot plus the journal after it. */
export function recoverState(journal: Journal, initial: () => RollcallState): RollcallState {
  const loaded = journal.load();
  if (!loaded) {
    const state = initial();
    journal.saveSnapshot(state);
    return state;
  }
  let state = loaded.snapshot;
  for (const record of loaded.records) {
    const failed = (why: string) => new Error(`journal replay failed at version ${record.version}: ${why}`);
    // A damaged row must stop recovery with a clear error, not crash inside the reducer.
    const parsed = parseCommand(record.command);
    if (!parsed.ok) throw failed(`invalid command: ${parsed.error.message}`);
    let result: ReturnType<typeof reduce>;
    try {
      result = reduce(state, parsed.command, record.ctx);
    } catch (error) {
      throw failed((error as Error).message);
    }
    if (!result.ok || result.state.version !== record.version) {
      throw failed(result.ok ? 'version mismatch' : result.error.message);
    }
    state = result.state;
  }
  return state;
}

export function createRollcallService(initialState: RollcallState, deps: RollcallServiceDeps): RollcallService {
  const { clock, journal, broadcaster, newId, snapshotEvery = 50 } = deps;
  let state = initialState;
  const fail = (error: RollcallError): CommandResult => ({ ok: false, error });

  return {
    state: () => state,
    checkpoint: () => journal.saveSnapshot(state),
    dispatch(actor, raw) {
      const parsed = parseCommand(raw);
      if (!parsed.ok) return fail(parsed.error);
      const command = parsed.command;

      const clientKey = command.id ? `${actorKey(actor)}:${command.id}` : null;
      if (clientKey) {
        const applied = journal.versionFor(clientKey);
        if (applied !== null) return { ok: true, version: applied, duplicate: true };
      }
      if (command.expectedVersion !== undefined && (command.expectedVersion < state.controlVersion || command.expectedVersion > state.version)) {
        return fail({
          code: 'stale',
          reason: 'stale_version',
          message: `expectedVersion: ${command.expectedVersion} is stale; the state is at version ${state.version} (last moderator change ${state.controlVersion})`,
        });
      }

      const ctx = { now: clock.now(), actor, newId: newId() };
      const result = reduce(state, command, ctx);
      if (!result.ok) return fail(result.error);

      const next = result.state;
      const snapshot = next.version % snapshotEvery === 0 ? next : undefined;
      try {
        journal.append({ version: next.version, command, ctx, clientKey }, snapshot);
      } catch (error) {
        // Not persisted means not accepted: the state stays as it was and nobody hears of it.
        return fail({ code: 'internal', reason: 'storage_failed', message: `could not persist the command: ${(error as Error).message}` });
      }
      const prev = state;
      state = next;
      broadcaster.publish({ prev, next, events: result.events, serverTime: ctx.now });
      return { ok: true, version: next.version };
    },
  };
}
