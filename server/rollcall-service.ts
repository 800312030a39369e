// The authoritative roll call: one state, one path for every command from every transport.
// validate -> exactly-once check -> stale check -> reduce (authorizes) -> persist -> publish.
import type { Actor, RollcallState } from '../lib/model';
import { parseCommand, type Command, type CommandResult, type RollcallError } from '../lib/protocol';
import { reduce } from '../lib/reducer';
import type { Clock } from './clock';
import type { CommitFeed } from './commit-feed';
import type { Journal, JournalRecord } from './journal';
import type { Logger } from './logger';

export interface RollcallServiceDeps {
  eventId: string;
  clock: Clock;
  journal: Journal;
  /** Hears of every committed command; isolated, so nothing it does can undo an acknowledgement. */
  feed: Pick<CommitFeed, 'publish'>;
  logger: Logger;
  /** Ids for new entries and messages; journaled, so replay does not call it. */
  newId: () => string;
  /** A snapshot is written every this many versions so restarts replay little. */
  snapshotEvery?: number;
  /**
   * When that snapshot is written: after the command's acknowledgement (a timer of 0 ms), in its own
   * transaction, since encoding the state and writing it cost several ms that the command need not wait
   * for. The journal alone is what makes a command durable; a crash before the snapshot replays a little more.
   */
  deferSnapshot?: (write: () => void) => void;
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

/** Applies one journaled record during replay; a diverging row fails naming its version. */
export function replayRecord(state: RollcallState, record: JournalRecord): RollcallState {
  const failed = (why: string) => new Error(`journal replay failed at version ${record.version}: ${why}`);
  // The journal has checked the record's shape (a damaged row fails there, named); a record that
  // no longer applies, or a reducer that throws, must stop recovery with a clear error too.
  let result: ReturnType<typeof reduce>;
  try {
    result = reduce(state, record.command, record.ctx);
  } catch (error) {
    throw failed((error as Error).message);
  }
  if (!result.ok || result.state.version !== record.version) {
    throw failed(result.ok ? `it leads to version ${result.state.version}` : result.error.message);
  }
  return result.state;
}

/** Rebuilds the state from the latest snapshot plus the journal after it. */
export function recoverState(journal: Journal, initial: () => RollcallState): RollcallState {
  const loaded = journal.load();
  if (!loaded) {
    const state = initial();
    journal.saveSnapshot(state);
    return state;
  }
  return loaded.records.reduce(replayRecord, loaded.snapshot);
}

/** JSON with sorted keys, so the same command compares equal however its fields were ordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * A client id already used: the same command again is a retry and answers its original version;
 * another command under that id is a mistake (a button with a fixed id) and is refused.
 */
export function answerReused(applied: { version: number; command: string } | null, command: Command): CommandResult | null {
  if (!applied) return null;
  let same = false;
  try {
    same = canonical(JSON.parse(applied.command)) === canonical(command);
  } catch {
    // an unreadable stored command is not this one
  }
  if (same) return { ok: true, version: applied.version, duplicate: true };
  return {
    ok: false,
    error: {
      code: 'conflict',
      reason: 'id_reused',
      message: `id: "${command.id}" was already used for another command (applied at version ${applied.version}); give every new command a fresh id`,
    },
  };
}

/** Refuses a command made on a view older than the last moderator change, or newer than the state. */
export function staleRefusal(command: Command, state: RollcallState): RollcallError | null {
  if (command.expectedVersion === undefined) return null;
  if (command.expectedVersion >= state.controlVersion && command.expectedVersion <= state.version) return null;
  return {
    code: 'stale',
    reason: 'stale_version',
    message: `expectedVersion: ${command.expectedVersion} is stale; the state is at version ${state.version} (last moderator change ${state.controlVersion})`,
  };
}

export function createRollcallService(initialState: RollcallState, deps: RollcallServiceDeps): RollcallService {
  const { eventId, clock, journal, feed, logger, newId, snapshotEvery = 50 } = deps;
  const deferSnapshot = deps.deferSnapshot ?? ((write) => void setTimeout(write, 0));
  let state = initialState;
  /** The state a deferred snapshot is to hold; a checkpoint meanwhile writes a newer one instead. */
  let snapshotDue: RollcallState | null = null;
  const writeDue = () => {
    const due = snapshotDue;
    snapshotDue = null;
    if (!due) return;
    try {
      journal.saveSnapshot(due);
    } catch (error) {
      // Only recovery's speed depends on it: the journal holds the commands.
      logger.error({ err: error, eventId, version: due.version }, 'could not write a snapshot; recovery replays from an older one');
    }
  };
  const fail = (error: RollcallError): CommandResult => ({ ok: false, error });

  const reused = (clientKey: string, command: Command): CommandResult | null => answerReused(journal.applied(clientKey), command);

  return {
    state: () => state,
    checkpoint: () => {
      snapshotDue = null;
      journal.saveSnapshot(state);
    },
    dispatch(actor, raw) {
      const parsed = parseCommand(raw);
      if (!parsed.ok) return fail(parsed.error);
      const command = parsed.command;

      const clientKey = command.id ? `${actorKey(actor)}:${command.id}` : null;
      if (clientKey) {
        const earlier = reused(clientKey, command);
        if (earlier) return earlier;
      }
      const stale = staleRefusal(command, state);
      if (stale) return fail(stale);

      const ctx = { now: clock.now(), actor, newId: newId() };
      const result = reduce(state, command, ctx);
      if (!result.ok) return fail(result.error);

      const next = result.state;
      try {
        journal.append({ version: next.version, command, ctx, clientKey });
      } catch (error) {
        // Not persisted means not accepted: the state stays as it was and nobody hears of it.
        logger.error({ err: error, eventId, version: next.version, type: command.type }, 'storage failed: the command was not accepted');
        return fail({ code: 'internal', reason: 'storage_failed', message: `could not persist the command: ${(error as Error).message}` });
      }
      const prev = state;
      state = next;
      if (next.version % snapshotEvery === 0) {
        if (!snapshotDue) deferSnapshot(writeDue);
        snapshotDue = next;
      }
      // From here on the command is accepted: the feed isolates every subscriber, so nothing below
      // can turn this into an error.
      feed.publish({ eventId, version: next.version, command, ctx, notices: result.notices, prev, next });
      return { ok: true, version: next.version };
    },
  };
}
