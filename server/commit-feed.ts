// Committed records and who hears of them. A record is published once the command is in the journal;
// every subscriber (this node's sockets, the log, later other nodes and webhooks) gets it in turn, and
// each runs isolated: whatever one of them throws is logged, and neither the others nor the command's
// acknowledgement can be affected. A command on disk is accepted, whatever happens after.
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
  /** Hands the record to every subscriber in order; never throws. */
  publish: (record: CommittedRecord) => void;
}

export function createCommitFeed(logger: Logger): CommitFeed {
  const subscribers = new Map<CommitSubscriber, string>();
  return {
    subscribe(name, subscriber) {
      subscribers.set(subscriber, name);
      return () => void subscribers.delete(subscriber);
    },
    publish(record) {
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
    },
  };
}
