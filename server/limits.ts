// How much each client may ask for. Budgets belong to credentials, not to sockets or requests: every
// socket and HTTP request made with the moderator key draws on one budget, every socket and request of
// a join link on that link's, and anyone without credentials (screens, curl, a wrong key) on the
// budget of their IP address. So opening more sockets buys nothing, and a flood from the moderator's
// own network (or a venue NAT) cannot spend the moderator's budget. docs/protocol.md lists the numbers.
import { createRateLimiter, type RateLimit } from './guards';
import type { Clock, Timers } from './clock';
import type { Logger } from './logger';

export type Who = { kind: 'moderator' } | { kind: 'link'; entryId: string } | { kind: 'ip'; ip: string };

export interface Limits {
  moderator: { commands: RateLimit; reads: RateLimit };
  /** Per join link, whichever sockets and requests use it; `maxSockets` open at once. */
  link: { commands: RateLimit; reads: RateLimit; connects: RateLimit; maxSockets: number };
  /**
   * Per IP: reads without valid credentials, and apart from them the screens' `sync` (a full
   * snapshot each, and a screen needs one only after a lost patch); new socket connections of anyone (checked at the
   * transport's handshake, before any WebSocket work, when credentials are not known yet); pages and
   * their static assets apart.
   */
  ip: { reads: RateLimit; snapshots: RateLimit; connects: RateLimit; pages: RateLimit; assets: RateLimit };
  /** Clock pings, per socket: a few bytes each way, nothing to amplify. */
  time: RateLimit;
  /** `/api/now/stream` connections open at once per address (each also spends a read to open). */
  streams: { perAddress: number };
  /**
   * A refusal for rate is answered this much later (and `Retry-After` says so): a client that waits
   * for its answers before asking again, as scripts and browsers do, is slowed to one request a
   * second per connection instead of costing the server a refusal per round trip.
   */
  refusalDelayMs: number;
}
export type LimitsOverride = { [G in Exclude<keyof Limits, 'refusalDelayMs'>]?: Partial<Limits[G]> } & { refusalDelayMs?: number };

export const DEFAULT_LIMITS: Limits = {
  moderator: { commands: { capacity: 60, perSecond: 20 }, reads: { capacity: 120, perSecond: 40 } },
  link: {
    commands: { capacity: 10, perSecond: 2 },
    reads: { capacity: 20, perSecond: 5 },
    connects: { capacity: 10, perSecond: 1 },
    maxSockets: 5,
  },
  ip: {
    reads: { capacity: 60, perSecond: 20 },
    snapshots: { capacity: 20, perSecond: 2 },
    connects: { capacity: 120, perSecond: 20 },
    pages: { capacity: 60, perSecond: 6 },
    assets: { capacity: 600, perSecond: 100 },
  },
  time: { capacity: 10, perSecond: 1 },
  streams: { perAddress: 10 },
  refusalDelayMs: 1000,
};

export function resolveLimits(override: LimitsOverride = {}): Limits {
  return {
    moderator: { ...DEFAULT_LIMITS.moderator, ...override.moderator },
    link: { ...DEFAULT_LIMITS.link, ...override.link },
    ip: { ...DEFAULT_LIMITS.ip, ...override.ip },
    time: { ...DEFAULT_LIMITS.time, ...override.time },
    streams: { ...DEFAULT_LIMITS.streams, ...override.streams },
    refusalDelayMs: override.refusalDelayMs ?? DEFAULT_LIMITS.refusalDelayMs,
  };
}

/**
 * What a request spends: a command (changes state), a read (HTTP GET), a snapshot (`sync`; a read
 * for the moderator and links), a new socket (a link's, or an address's).
 */
export type Spend = 'commands' | 'reads' | 'snapshots' | 'connects';

export const describeWho = (who: Who) =>
  who.kind === 'moderator' ? 'moderator' : who.kind === 'link' ? `link:${who.entryId}` : `ip:${who.ip}`;

/** A refusal is logged once per key per this many ms, so a flood does not flood the log too. */
const LOG_EVERY_MS = 10_000;
/** Refusals held back at once; beyond this (a client that does not wait for answers) they go at once. */
const MAX_HELD = 2000;

export function createLimits(limits: Limits, { clock, timers, logger }: { clock: Clock; timers: Timers; logger: Logger }) {
  const now = () => clock.now();
  const bucket = (limit: RateLimit) => createRateLimiter(limit, now);
  const buckets = {
    moderator: { commands: bucket(limits.moderator.commands), reads: bucket(limits.moderator.reads) },
    link: { commands: bucket(limits.link.commands), reads: bucket(limits.link.reads), connects: bucket(limits.link.connects) },
    ip: {
      reads: bucket(limits.ip.reads),
      snapshots: bucket(limits.ip.snapshots),
      connects: bucket(limits.ip.connects),
      pages: bucket(limits.ip.pages),
      assets: bucket(limits.ip.assets),
    },
    time: bucket(limits.time),
  };
  const loggedAt = new Map<string, number>();
  const refused = (key: string, what: string) => {
    const t = now();
    if (t - (loggedAt.get(key) ?? -Infinity) < LOG_EVERY_MS) return false;
    if (loggedAt.size > 10_000) loggedAt.clear();
    loggedAt.set(key, t);
    logger.warn(
      { who: key.slice(0, key.lastIndexOf('|')), budget: what },
      'refused: rate limit reached (further refusals for this budget are not logged for 10 s)',
    );
    return false;
  };
  const take = (limiter: ReturnType<typeof bucket>, key: string, what: string) => limiter.take(key) || refused(`${key}|${what}`, what);
  let held = 0;

  return {
    limits,
    /** True if `who` may go ahead; the moderator's key has no connection budget of its own (only its address's). */
    take(who: Who, spend: Spend): boolean {
      switch (who.kind) {
        case 'moderator':
          return spend === 'connects' || take(buckets.moderator[spend === 'snapshots' ? 'reads' : spend], 'moderator', spend);
        case 'link':
          return take(buckets.link[spend === 'snapshots' ? 'reads' : spend], `link:${who.entryId}`, spend);
        case 'ip':
          // Without credentials nothing is a command: a write without a valid key is refused anyway.
          return take(
            spend === 'connects' ? buckets.ip.connects : spend === 'snapshots' ? buckets.ip.snapshots : buckets.ip.reads,
            `ip:${who.ip}`,
            spend,
          );
        default:
          return who satisfies never;
      }
    },
    page: (ip: string, asset: boolean) => take(asset ? buckets.ip.assets : buckets.ip.pages, `ip:${ip}`, asset ? 'assets' : 'pages'),
    time: (socketId: string) => take(buckets.time, `socket:${socketId}`, 'time'),
    /** Sends a rate refusal after `refusalDelayMs` (at once when too many are already waiting). */
    answerRefusal(send: () => void) {
      if (limits.refusalDelayMs <= 0 || held >= MAX_HELD) return send();
      held++;
      timers.after(limits.refusalDelayMs, () => {
        held--;
        try {
          send();
        } catch {
          // the client went away meanwhile
        }
      });
    },
    forgetSocket: (socketId: string) => buckets.time.forget(`socket:${socketId}`),
  };
}
export type ClientLimits = ReturnType<typeof createLimits>;
