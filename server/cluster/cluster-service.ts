// One event on one cluster node: the same path as the embedded service (validate -> exactly-once ->
// stale -> reduce -> persist -> publish), with the append made optimistic, as in OpenSlides'
// datastore. The reducer runs on this node's copy; the row goes in under the unique (event_id,
// version) key. If another node took that version first, this node catches up from the journal,
// checks the command again (its expectedVersion and client id may now answer differently) and tries
// once more. No leader: a node that was frozen cannot write a stale version, the key refuses it.
import type { Actor, RollcallState } from '../../lib/model';
import { parseCommand, type CommandResult, type RollcallError } from '../../lib/protocol';
import { reduce } from '../../lib/reducer';
import type { Clock } from '../clock';
import type { CommitFeed } from '../commit-feed';
import { recordOf, type JournalRecord } from '../journal';
import type { Logger } from '../logger';
import { actorKey, answerReused, staleRefusal } from '../rollcall-service';
import { isUniqueViolation, type PgStore } from './pg-store';

/** Conflicts in a row before giving up: each one means another node committed meanwhile. */
const ATTEMPTS = 8;

export interface ClusterServiceDeps {
  eventId: string;
  store: PgStore;
  clock: Clock;
  feed: Pick<CommitFeed, 'publish'>;
  logger: Logger;
  newId: () => string;
  /** Why this node may not take commands now (clock offset, database), or null. */
  refusal: () => RollcallError | null;
  snapshotEvery?: number;
}

export const unavailable = (reason: string, message: string): RollcallError => ({ code: 'unavailable', reason, message });

export function createClusterService(initial: { state: RollcallState; lastNow: number }, deps: ClusterServiceDeps) {
  const { eventId, store, clock, feed, logger, snapshotEvery = 50 } = deps;
  let state = initial.state;
  // A command's time is never earlier than the previous command's, whichever node took that one.
  let lastNow = initial.lastNow;
  // Commands and catch-ups of this event run one at a time on this node.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => {});
    return run;
  };
  const fail = (error: RollcallError): CommandResult => ({ ok: false, error });

  /** Applies a record another node committed; the feed hears of it exactly as of a local one. */
  const applyRecord = (record: JournalRecord) => {
    const result = reduce(state, record.command, record.ctx);
    if (!result.ok || result.state.version !== record.version)
      throw new Error(`event "${eventId}": journal record ${record.version} does not apply on this node's state ${state.version}`);
    const prev = state;
    state = result.state;
    lastNow = Math.max(lastNow, record.ctx.now);
    feed.publish({
      eventId,
      version: record.version,
      command: record.command,
      ctx: record.ctx,
      notices: result.notices,
      prev,
      next: state,
    });
  };

  /** Reads and applies every row after this node's version, in order: versions stay contiguous. */
  const catchUp = async () => {
    for (const row of await store.recordsAfter(eventId, state.version)) applyRecord(recordOf(eventId, row));
  };

  /** `needed` is asked again on every attempt: after a catch-up the command may have nothing left to do. */
  async function attempt(actor: Actor, raw: unknown, needed?: (state: RollcallState) => boolean): Promise<CommandResult> {
    const refused = deps.refusal();
    if (refused) return fail(refused);
    const parsed = parseCommand(raw);
    if (!parsed.ok) return fail(parsed.error);
    const command = parsed.command;
    const clientKey = command.id ? `${actorKey(actor)}:${command.id}` : null;
    // A refusal may come from this node being behind the journal: it is judged again once caught up.
    const judgedAgain = async () => {
      const seen = state.version;
      await catchUp();
      return state.version !== seen;
    };
    for (let i = 0; i < ATTEMPTS; i++) {
      if (clientKey) {
        const earlier = answerReused(await store.applied(eventId, clientKey), command);
        if (earlier) return earlier;
      }
      if (needed && !needed(state)) return { ok: true, version: state.version };
      const stale = staleRefusal(command, state);
      if (stale) {
        if (await judgedAgain()) continue;
        return fail(stale);
      }
      const ctx = { now: Math.max(clock.now(), lastNow), actor, newId: deps.newId() };
      const result = reduce(state, command, ctx);
      if (!result.ok) {
        if (await judgedAgain()) continue;
        return fail(result.error);
      }
      const next = result.state;
      try {
        await store.append(
          eventId,
          { version: next.version, command, ctx, clientKey },
          next.version % snapshotEvery === 0 ? next : undefined,
        );
      } catch (error) {
        if (isUniqueViolation(error)) {
          await catchUp();
          continue;
        }
        // The commit may or may not have happened: no answer that could be wrong. The client's retry
        // with the same id finds the row if it is there; the follower brings it to this node's state.
        logger.error(
          { err: error, eventId, version: next.version, type: command.type },
          'append failed: outcome unknown, not acknowledged',
        );
        return fail(unavailable('outcome_unknown', 'the database did not confirm the command; send it again with the same id'));
      }
      const prev = state;
      state = next;
      lastNow = ctx.now;
      feed.publish({ eventId, version: next.version, command, ctx, notices: result.notices, prev, next });
      return { ok: true, version: next.version };
    }
    return fail(unavailable('busy', `other nodes kept taking the next version (${ATTEMPTS} tries); send the command again`));
  }

  return {
    state: () => state,
    /** Never rejects: a failure is an answer. */
    dispatch: (actor: Actor, raw: unknown, needed?: (state: RollcallState) => boolean): Promise<CommandResult> =>
      serial(() => attempt(actor, raw, needed)).catch((error: unknown) => {
        logger.error({ err: error, eventId }, 'command failed');
        return fail(unavailable('database_unavailable', `the database could not be reached: ${(error as Error).message}`));
      }),
    /** Brings this node's copy up to the journal (a NOTIFY, or the poll). */
    catchUp: () => serial(catchUp),
    checkpoint: async () => {
      await store.saveSnapshot(eventId, state);
    },
  };
}
export type ClusterService = ReturnType<typeof createClusterService>;
