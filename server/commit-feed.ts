// Committed records and who hears of them. A record is published once the command is in the journal;
// every subscriber (this node's sockets, the log, the /api/now stream, webhooks) gets it in turn, and
// each runs isolated: whatever one of them throws is logged, and neither the others nor the command's
// acknowledgement can be affected. A command on disk is accepted, whatever happens after.
// Subscribers hear of a record once the code that committed it has finished its turn (a microtask):
// the transport writes the acknowledgement first, then the views, diffs and frames are worked out.
// Nothing else runs in between, so no connect or sync can see a state the subscribers have not, and
// records reach every subscriber in version order.
import type { RollcallState } from '../lib/model';
import type { Command, CommandContext, Notice } from '../lib/protocol';
import type { Logger } from './logger';

export interface CommittedRecord {
  eventId: string;
  version: number;
  command: Command;
  /** The context the reducer ran with (`ctx.now` is the server time of the change). */
  ctx: CommandContext;
  notices: Notice[];
  prev: RollcallState;
  next: RollcallState;
}

export type CommitSubscriber = (record: CommittedRecord) => void;

export interface CommitFeed {
  /** Adds a subscriber; returns the function that removes it. */
  subscribe: (name: string, subscriber: CommitSubscriber) => () => void;
  /** Hands the record to every subscriber in order, once the current turn's code is done; never throws. */
  publish: (record: CommittedRecord) => void;
  /** Hands over now whatever is published and not yet heard of (tests, and code that must see it at once). */
  flush: () => void;
}

export function createCommitFeed(logger: Logger): CommitFeed {
  const subscribers = new Map<CommitSubscriber, string>();
  const pending: CommittedRecord[] = [];

  const deliver = (record: CommittedRecord) => {
    for (const [subscriber, name] of subscribers) {
      try {
        subscriber(record);
      } catch (error) {
        logger.error(
          { err: error, subscriber: name, eventId: record.eventId, version: record.version, type: record.command.type },
          'a subscriber failed on a committed record; the command stays accepted',
        );
      }
    }
  };
  const flush = () => {
    // One at a time from the head: a record published while another is being heard of waits its turn.
    while (pending.length > 0) deliver(pending.shift()!);
  };

  return {
    subscribe(name, subscriber) {
      subscribers.set(subscriber, name);
      return () => void subscribers.delete(subscriber);
    },
    publish(record) {
      pending.push(record);
      if (pending.length === 1) queueMicrotask(flush);
    },
    flush,
  };
}
