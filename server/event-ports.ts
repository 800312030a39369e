// What the transports (HTTP, socket.io, presence) need from the events, whichever store holds them.
// The embedded registry (SQLite, synchronous) and the cluster registry (Postgres, asynchronous)
// both satisfy these shapes; the transports `await` whatever may be a promise.
import type { EventSummary } from '../lib/api-schemas';
import type { Actor, RollcallState } from '../lib/model';
import type { CommandResult, RollcallError } from '../lib/protocol';
import type { JoinLink } from './credentials';
import type { JournalRecord } from './journal';

export type MaybePromise<T> = T | Promise<T>;

export interface CommandPort {
  state(): RollcallState;
  dispatch(actor: Actor, raw: unknown): MaybePromise<CommandResult>;
  checkpoint(): MaybePromise<void>;
}

export interface LinksPort {
  /** Checked on every message, so always answered from memory. */
  verify(token: string): string | null;
  has(entryId: string): boolean;
  list(entryIds: readonly string[]): MaybePromise<JoinLink[]>;
  regenerate(entryId: string): MaybePromise<string>;
  revoke(entryId: string): MaybePromise<void>;
}

export interface LiveEventPort {
  id: string;
  service: CommandPort;
  links: LinksPort;
  journal: { records(fromVersion?: number): MaybePromise<JournalRecord[]> };
}

export type RegistryResult<T> = { ok: true; value: T } | { ok: false; error: RollcallError };

export interface EventsPort {
  active(): LiveEventPort;
  activeId(): string;
  get(id: string): LiveEventPort | null;
  list(): EventSummary[];
  createRehearsal(sourceId: string): MaybePromise<RegistryResult<EventSummary> | null>;
  remove(id: string): MaybePromise<RegistryResult<null> | null>;
  activate(id: string): MaybePromise<boolean>;
  onSwitch(listener: (event: LiveEventPort, previous: LiveEventPort) => void): void;
  checkpointAll(): MaybePromise<void>;
}

/** Calls `then` with the value now if it is one, or once the promise settles; a rejection goes to `failed`. */
export function whenReady<T>(value: MaybePromise<T>, then: (value: T) => void, failed: (error: unknown) => void): void {
  if (value instanceof Promise) value.then(then, failed);
  else then(value);
}
