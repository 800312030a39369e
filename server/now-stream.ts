// GET /api/now/stream: the /api/now object as Server-Sent Events, sent when it changes (a command
// that moves what a control surface shows), not every second: clients count down from `endsAt`.
// A subscriber of committed records and of event switches. Each message's id names the event and
// the version of that change, so a client reconnecting with `Last-Event-ID` gets the current object
// only if it missed a change. Comments every HEARTBEAT_MS keep proxies from closing an idle stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Now } from '../lib/feed-schemas';
import { nowChangeKey, nowOf } from '../lib/now';
import type { Clock, Timer, Timers } from './clock';
import type { CommittedRecord } from './commit-feed';
import type { LiveEventPort } from './event-ports';
import { httpError } from './http-kit';
import type { Logger } from './logger';

export const HEARTBEAT_MS = 15_000;
/** What a browser's EventSource waits before reconnecting. */
const RETRY_MS = 2_000;
/** A client this far behind (bytes not yet taken by its socket) is cut off rather than buffered for. */
const MAX_BUFFERED = 256 * 1024;

export interface NowStreamDeps {
  active: () => LiveEventPort;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Open streams allowed per client address. */
  maxPerAddress: number;
}

export function createNowStream(deps: NowStreamDeps) {
  const { clock, timers, logger } = deps;
  const clients = new Map<ServerResponse, string>();
  const perAddress = new Map<string, number>();
  let heartbeat: Timer | null = null;

  const current = (): Now => {
    const event = deps.active();
    return nowOf(event.service.state(), event.id, clock.now());
  };
  /** The last change: its id and what it changed to. */
  let last = { id: '', key: '' };
  const track = (now: Now): boolean => {
    const key = nowChangeKey(now);
    if (key === last.key && last.id.startsWith(`${now.eventId}:`)) return false;
    last = { id: `${now.eventId}:${now.version}`, key };
    return true;
  };
  track(current());

  const frame = (now: Now) => `id: ${last.id}\nevent: now\ndata: ${JSON.stringify(now)}\n\n`;
  const write = (res: ServerResponse, chunk: string) => {
    if (res.writableLength > MAX_BUFFERED) return void res.destroy();
    res.write(chunk);
  };
  const broadcast = (now: Now) => {
    if (!track(now) || clients.size === 0) return;
    const chunk = frame(now);
    for (const res of clients.keys()) write(res, chunk);
  };

  const beat = () => {
    heartbeat = null;
    for (const res of clients.keys()) write(res, ': keep-alive\n\n');
    if (clients.size > 0) heartbeat = timers.after(HEARTBEAT_MS, beat);
  };

  return {
    /** Subscriber of committed records: a change of the active event goes out to every stream. */
    committed(record: CommittedRecord) {
      // Nobody listening: nothing to work out (a stream that opens later is sent the current object).
      if (clients.size === 0) return;
      const event = deps.active();
      if (record.eventId !== event.id) return;
      broadcast(nowOf(record.next, event.id, clock.now()));
    },
    /** Another event was made active: every stream gets its object. */
    switched() {
      broadcast(current());
    },
    /** Takes over the response: the current object (unless `Last-Event-ID` names the last change), then every change. */
    open(req: IncomingMessage, res: ServerResponse, address: string) {
      const open = perAddress.get(address) ?? 0;
      if (open >= deps.maxPerAddress) {
        throw httpError('rate_limited', 'too_many_streams', `at most ${deps.maxPerAddress} event streams may be open from one address`);
      }
      perAddress.set(address, open + 1);
      clients.set(res, address);
      req.socket.setNoDelay(true);
      req.socket.setTimeout(0);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      const now = current();
      track(now);
      const resumed = req.headers['last-event-id'];
      res.write(`retry: ${RETRY_MS}\n\n`);
      if (resumed !== last.id) res.write(frame(now));
      heartbeat ??= timers.after(HEARTBEAT_MS, beat);
      res.on('close', () => {
        clients.delete(res);
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
        if (clients.size === 0) {
          heartbeat?.cancel();
          heartbeat = null;
        }
      });
      logger.debug({ open: clients.size }, 'event stream opened');
    },
    /** Open streams now. */
    size: () => clients.size,
    close() {
      heartbeat?.cancel();
      heartbeat = null;
      for (const res of clients.keys()) res.end();
      clients.clear();
      perAddress.clear();
    },
  };
}
export type NowStream = ReturnType<typeof createNowStream>;
