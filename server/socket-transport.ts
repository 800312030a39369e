// socket.io binding: handshake auth and limits, per-message role and budget checks, snapshots, and
// the event switch. Thin by design: every command goes to RollcallService.dispatch, what follows a
// commit reaches the sockets through the fan-out (socket-fanout.ts), and a city's link is journaled
// by presence.ts.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Actor } from '../lib/model';
import {
  MAX_PAYLOAD_BYTES,
  describeZodError,
  handshakeSchema,
  syncRequestSchema,
  type Headcount,
  type CommandResult,
  type RollcallError,
  type SyncReply,
  type TimeReply,
} from '../lib/protocol';
import { timeAck } from './ack-timing';
import { resolveActor, type CredentialScope, type Resolved } from './credentials';
import { clientIp, originAllowed } from './guards';
import type { ClientLimits, Who } from './limits';
import { logRefusal, type Logger } from './logger';
import { loggedTimers, type Clock, type Timer, type Timers } from './clock';
import { whenReady, type CommandPort, type LinksPort } from './event-ports';
import { createPresence, type Presence, type PresenceDeps } from './presence';
import { MODERATORS, VIEWERS, entryRoom, type RollcallIo, type RollcallSocket, type SocketFanout } from './socket-fanout';

/**
 * The transport's handshake (before any WebSocket work) checks the Origin and spends the address's
 * connection budget: a client reconnecting in a loop is turned away there, cheaply, whoever it claims to be.
 */
export function createSocketServer(
  httpServer: HttpServer,
  options: {
    allowedOrigins: readonly string[];
    destroyUpgrade: boolean;
    logger: Logger;
    limits: ClientLimits;
    trustedProxies: readonly string[];
  },
): RollcallIo {
  return new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    destroyUpgrade: options.destroyUpgrade,
    allowRequest: (req, callback) => {
      if (!originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
        options.logger.info({ transport: 'socket', origin: req.headers.origin, reason: 'foreign_origin' }, 'refused');
        return callback('this Origin is not allowed', false);
      }
      const ip = clientIp(req.socket.remoteAddress, req.headers, options.trustedProxies);
      if (options.limits.take({ kind: 'ip', ip }, 'connects')) return callback(null, true);
      options.limits.answerRefusal(() => callback('too many new connections from this address', false));
    },
  });
}

interface ActiveEvent {
  id: string;
  service: CommandPort;
  links: LinksPort;
}

export interface SocketHandlerOptions {
  /** The active event: its service and links answer every socket. */
  current: () => ActiveEvent;
  fanout: SocketFanout;
  moderatorKey: string;
  clock: Clock;
  timers: Timers;
  /** How long a dropped participant shows as "reconnecting" before "offline". */
  reconnectGraceMs: number;
  limits: ClientLimits;
  logger: Logger;
  trustedProxies: readonly string[];
  /** Who is online, decided across the cluster in cluster mode (server/cluster/cluster-presence.ts); this node's sockets otherwise. */
  presence?: (deps: PresenceDeps) => Presence;
  /** The counts the moderators see: this node's, or (cluster mode) the sum over live nodes. */
  headcount?: (local: Headcount) => Headcount;
}

/** Moderators' counts of who is connected go out at most this often: a reconnect storm is one message. */
export const HEADCOUNT_COALESCE_MS = 250;

const rateLimited = (what: string): RollcallError => ({
  code: 'rate_limited',
  reason: 'rate_limited',
  message: `too many ${what}; slow down`,
});
const internal: RollcallError = { code: 'internal', reason: 'internal', message: 'internal error; the server logged it' };

/** The acknowledgement a client passed, if it passed a function: a client may send anything. */
const ackOf = <R>(ack: unknown): ((result: R) => void) | null => (typeof ack === 'function' ? (ack as (result: R) => void) : null);
/** A command's type for the log, whatever the payload is. */
const typeOf = (payload: unknown): string => {
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type.slice(0, 64) : 'command';
};

export function attachSocketHandlers(io: RollcallIo, options: SocketHandlerOptions) {
  const { moderatorKey, clock, fanout, limits, logger } = options;
  const service = () => options.current().service;
  const scopeOf = (event: ActiveEvent): CredentialScope => ({ links: event.links, hasEntry: (id) => id in event.service.state().entries });
  const resolve = (credentials: { key?: string; token?: string }, event = options.current()): Resolved =>
    resolveActor(credentials, moderatorKey, scopeOf(event));

  const roomSize = (room: string) => io.sockets.adapter.rooms.get(room)?.size ?? 0;
  const connectedEntries = () =>
    [...io.sockets.adapter.rooms.keys()].filter((r) => r.startsWith('entry:')).map((r) => r.slice('entry:'.length));
  const localHeadcount = (): Headcount => ({
    viewers: roomSize(VIEWERS),
    participants: connectedEntries().length,
    moderators: roomSize(MODERATORS),
  });
  const headcount = (): Headcount => (options.headcount ? options.headcount(localHeadcount()) : localHeadcount());
  const presence = (options.presence ?? createPresence)({
    service,
    socketsOf: (entryId) => roomSize(entryRoom(entryId)),
    connectedEntries,
    graceMs: options.reconnectGraceMs,
    timers: options.timers,
    logger,
  });
  const headcountTimers = loggedTimers(options.timers, logger, 'headcount');
  let headcountTimer: Timer | null = null;
  // Only the moderator's console shows the counts.
  const announceHeadcount = () => {
    headcountTimer ??= headcountTimers.after(HEADCOUNT_COALESCE_MS, () => {
      headcountTimer = null;
      io.to(MODERATORS).emit('headcount', headcount());
    });
  };
  fanout.follow(options.current().id, () => options.current().service.state());
  presence.settle();

  const whoOf = (socket: RollcallSocket): Who => {
    const { actor } = socket.data;
    if (actor.role === 'moderator') return { kind: 'moderator' };
    if (actor.role === 'participant') return { kind: 'link', entryId: actor.entryId };
    return { kind: 'ip', ip: socket.data.ip };
  };

  io.use((socket, next) => {
    const ip = clientIp(socket.handshake.address, socket.handshake.headers, options.trustedProxies);
    const fail = (error: RollcallError, actor: Actor | null = null) => {
      logRefusal(logger, 'socket', actor, 'connect', error);
      next(Object.assign(new Error(error.message), { data: { code: error.code, reason: error.reason, message: error.message } }));
    };
    const parsed = handshakeSchema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) return fail({ code: 'bad_request', reason: 'invalid_auth', message: `auth: ${describeZodError(parsed.error)}` });
    const resolved = resolve(parsed.data);
    if (!resolved.ok) return fail({ code: 'unauthorized', reason: resolved.reason, message: resolved.message });
    const actor = resolved.actor;
    socket.data = { eventId: options.current().id, actor, credentials: parsed.data, ip };
    if (actor.role === 'participant') {
      if (!limits.take(whoOf(socket), 'connects')) return fail(rateLimited('new connections with this link'), actor);
      const max = limits.limits.link.maxSockets;
      if (roomSize(entryRoom(actor.entryId)) >= max) {
        return fail(
          { code: 'conflict', reason: 'too_many_sockets', message: `this link is already open in ${max} places; close one of them first` },
          actor,
        );
      }
    }
    next();
  });

  /** Runs a handler; whatever it throws is logged and answered, and the socket stays usable. */
  const guard =
    (socket: RollcallSocket, name: string, onError: (...args: unknown[]) => void, handler: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      try {
        handler(...args);
      } catch (error) {
        logger.error({ err: error, handler: name, role: socket.data.actor.role }, 'socket handler failed');
        try {
          onError(...args);
        } catch {
          // the reply itself failed (the socket went away); nothing left to tell
        }
      }
    };

  // Every handler takes its arguments as `unknown`: ClientToServer says what a well-behaved client
  // sends, not what arrives, so each one is parsed (dispatch parses commands) before it is used.
  io.on('connection', (socket: RollcallSocket) => {
    const { actor } = socket.data;
    const room = actor.role === 'moderator' ? MODERATORS : actor.role === 'participant' ? entryRoom(actor.entryId) : VIEWERS;
    const connected = guard(
      socket,
      'connection',
      () => socket.disconnect(true),
      () => {
        void socket.join(room);
        fanout.sendSnapshot(socket, actor);
        if (actor.role === 'participant') presence.connected(actor.entryId);
        announceHeadcount();
      },
    );
    connected();

    socket.on(
      'command',
      guard(
        socket,
        'command',
        (_payload, ack) => ackOf<CommandResult>(ack)?.({ ok: false, error: internal }),
        (payload, rawAck) => {
          const ack = ackOf<CommandResult>(rawAck);
          if (!ack) return;
          const answered = timeAck('socket');
          const reply = (result: CommandResult) => {
            if (!result.ok) logRefusal(logger, 'socket', socket.data.actor, typeOf(payload), result.error);
            ack(result);
            answered();
          };
          if (!limits.take(whoOf(socket), 'commands'))
            return limits.answerRefusal(() => ack({ ok: false, error: rateLimited('commands') }));
          // Re-checks the credentials on every message: a regenerated or revoked link, or a removed entry, stops at once.
          const current = resolve(socket.data.credentials);
          if (!current.ok) {
            reply({ ok: false, error: { code: 'unauthorized', reason: current.reason, message: current.message } });
            socket.emit('revoked', { reason: current.reason === 'entry_removed' ? 'entry_removed' : 'revoked' });
            socket.disconnect(true);
            return;
          }
          whenReady(service().dispatch(current.actor, payload), reply, (error) => {
            logger.error({ err: error, handler: 'command', role: socket.data.actor.role }, 'socket handler failed');
            ack({ ok: false, error: internal });
          });
        },
      ),
    );

    socket.on(
      'sync',
      guard(
        socket,
        'sync',
        (_payload, ack) => ackOf<SyncReply>(ack)?.({ error: internal }),
        (payload, rawAck) => {
          const ack = ackOf<SyncReply>(rawAck);
          if (!ack) return;
          if (!limits.take(whoOf(socket), 'snapshots')) return limits.answerRefusal(() => ack({ error: rateLimited('sync requests') }));
          const parsed = syncRequestSchema.safeParse(payload);
          if (!parsed.success)
            return ack({ error: { code: 'bad_request', reason: 'invalid_sync', message: describeZodError(parsed.error) } });
          const version = fanout.versionFor(actor);
          if (parsed.data.version === version) return ack({ upToDate: true, version });
          fanout.sendSnapshot(socket, actor);
          ack({ upToDate: false, version });
        },
      ),
    );

    socket.on(
      'time',
      guard(
        socket,
        'time',
        (ack) => ackOf<TimeReply>(ack)?.({ error: internal }),
        (rawAck) => {
          const ack = ackOf<TimeReply>(rawAck);
          if (!ack) return;
          if (limits.time(socket.id)) ack(clock.now());
          else limits.answerRefusal(() => ack({ error: rateLimited('clock requests') }));
        },
      ),
    );

    socket.on(
      'disconnect',
      guard(
        socket,
        'disconnect',
        () => {},
        () => {
          limits.forgetSocket(socket.id);
          announceHeadcount();
          if (actor.role !== 'participant' || roomSize(room) > 0) return;
          fanout.untrack(actor.entryId);
          if (socket.data.eventId === options.current().id) presence.dropped(actor.entryId);
        },
      ),
    );
  });

  return {
    headcount,
    localHeadcount,
    /** Tells the moderators the counts again (cluster mode: the other nodes' changed). */
    announceHeadcount,
    /**
     * Another event became active. Nobody is disconnected: every socket is told (`activeEvent`) and
     * gets the new event's snapshot on the same connection; a city whose link the new event does not
     * know is told so (`revoked`, `not_in_event`) and closed.
     */
    switched(next: ActiveEvent, previous: ActiveEvent) {
      presence.left(previous.service);
      fanout.follow(next.id, () => next.service.state());
      for (const socket of io.sockets.sockets.values()) {
        socket.emit('activeEvent', { eventId: next.id, previousEventId: previous.id });
        if (socket.data.actor.role === 'participant' && !resolve(socket.data.credentials, next).ok) {
          // Still marked as the old event's, so its disconnect touches no presence in the new one.
          socket.emit('revoked', { reason: 'not_in_event' });
          socket.disconnect(true);
          continue;
        }
        socket.data.eventId = next.id;
        fanout.sendSnapshot(socket, socket.data.actor);
      }
      presence.settle();
      announceHeadcount();
    },
    /** Disconnects everyone holding an entry's old link (after regenerate or revoke). */
    dropEntry(entryId: string) {
      fanout.revoke(entryId, 'revoked');
    },
    close() {
      presence.close();
      headcountTimer?.cancel();
    },
  };
}
export type SocketHandlers = ReturnType<typeof attachSocketHandlers>;
