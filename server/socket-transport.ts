// socket.io binding: handshake auth and limits, per-message role and budget checks, snapshots,
// presence, and the event switch. Thin by design: every command goes to RollcallService.dispatch,
// and what follows a commit reaches the sockets through the fan-out (socket-fanout.ts).
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Actor } from '../lib/model';
import {
  MAX_PAYLOAD_BYTES,
  describeZodError,
  handshakeSchema,
  syncRequestSchema,
  type Audience,
  type CommandResult,
  type RollcallError,
} from '../lib/protocol';
import { resolveActor, type CredentialScope, type JoinLinks, type Resolved } from './credentials';
import { clientIp, originAllowed } from './guards';
import type { ClientLimits, Who } from './limits';
import { logRefusal, type Logger } from './logger';
import type { Clock, RollcallService } from './rollcall-service';
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
  service: RollcallService;
  links: JoinLinks;
}

export interface SocketHandlerOptions {
  /** The active event: its service and links answer every socket. */
  current: () => ActiveEvent;
  fanout: SocketFanout;
  moderatorKey: string;
  clock: Clock;
  /** How long a dropped participant shows as "reconnecting" before "offline". */
  reconnectGraceMs: number;
  limits: ClientLimits;
  logger: Logger;
  trustedProxies: readonly string[];
}

const rateLimited = (what: string): RollcallError => ({
  code: 'rate_limited',
  reason: 'rate_limited',
  message: `too many ${what}; slow down`,
});
const internal: RollcallError = { code: 'internal', reason: 'internal', message: 'internal error; the server logged it' };

export function attachSocketHandlers(io: RollcallIo, options: SocketHandlerOptions) {
  const { moderatorKey, clock, fanout, limits, logger } = options;
  const service = () => options.current().service;
  const scopeOf = (event: ActiveEvent): CredentialScope => ({ links: event.links, hasEntry: (id) => id in event.service.state().entries });
  const resolve = (credentials: { key?: string; token?: string }, event = options.current()): Resolved =>
    resolveActor(credentials, moderatorKey, scopeOf(event));
  const graceTimers = new Map<string, NodeJS.Timeout>();
  const system: Actor = { role: 'system' };

  const roomSize = (room: string) => io.sockets.adapter.rooms.get(room)?.size ?? 0;
  const connectedEntries = () =>
    [...io.sockets.adapter.rooms.keys()].filter((r) => r.startsWith('entry:')).map((r) => r.slice('entry:'.length));
  const audience = (): Audience => ({
    viewers: roomSize(VIEWERS),
    participants: connectedEntries().length,
    moderators: roomSize(MODERATORS),
  });
  /** A timer whose callback cannot take the process down: what it throws is logged. */
  const later = (name: string, ms: number, fn: () => void) =>
    setTimeout(() => {
      try {
        fn();
      } catch (error) {
        logger.error({ err: error, timer: name }, 'socket timer failed');
      }
    }, ms);
  let audienceTimer: NodeJS.Timeout | null = null;
  // Only the moderator's console shows the counts; coalesced, so a reconnect storm is one message.
  const announceAudience = () => {
    audienceTimer ??= later('audience', 250, () => {
      audienceTimer = null;
      io.to(MODERATORS).emit('audience', audience());
    });
  };

  const setPresence = (entryId: string, state: 'online' | 'reconnecting' | 'offline') => {
    if (!service().state().entries[entryId]) return;
    if ((service().state().connections[entryId]?.state ?? 'offline') === state) return;
    service().dispatch(system, { type: 'presence.set', entryId, state });
  };
  const stopGrace = (entryId: string) => {
    clearTimeout(graceTimers.get(entryId));
    graceTimers.delete(entryId);
  };
  /** The entry's last socket is gone: "reconnecting" now, "offline" if nobody is back within the grace. */
  const dropped = (entryId: string) => {
    setPresence(entryId, 'reconnecting');
    stopGrace(entryId);
    graceTimers.set(
      entryId,
      later('presence grace', options.reconnectGraceMs, () => {
        graceTimers.delete(entryId);
        if (roomSize(entryRoom(entryId)) === 0) setPresence(entryId, 'offline');
      }),
    );
  };
  // An event that has just been opened has only the sockets we know of, whatever its state says
  // (after a crash a city stays "online" in the journal): every other link that was up has dropped.
  const settle = () => {
    const here = new Set(connectedEntries());
    for (const [entryId, connection] of Object.entries(service().state().connections)) {
      if (connection.state !== 'offline' && !here.has(entryId)) dropped(entryId);
    }
    for (const entryId of here) setPresence(entryId, 'online');
  };
  fanout.follow(options.current().id, () => options.current().service.state());
  settle();

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
    <A extends unknown[]>(socket: RollcallSocket, name: string, onError: (...args: A) => void, handler: (...args: A) => void) =>
    (...args: A) => {
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

  io.on('connection', (socket: RollcallSocket) => {
    const { actor } = socket.data;
    const room = actor.role === 'moderator' ? MODERATORS : actor.role === 'participant' ? entryRoom(actor.entryId) : VIEWERS;
    const connected = guard(
      socket,
      'connection',
      () => socket.disconnect(true),
      () => {
        socket.join(room);
        fanout.sendSnapshot(socket, actor);
        if (actor.role === 'participant') {
          stopGrace(actor.entryId);
          setPresence(actor.entryId, 'online');
        }
        announceAudience();
      },
    );
    connected();

    socket.on(
      'command',
      guard(
        socket,
        'command',
        (_payload, ack) => typeof ack === 'function' && ack({ ok: false, error: internal }),
        (payload, ack) => {
          if (typeof ack !== 'function') return;
          const reply = (result: CommandResult) => {
            if (!result.ok)
              logRefusal(logger, 'socket', socket.data.actor, String((payload as { type?: unknown })?.type ?? 'command'), result.error);
            ack(result);
          };
          if (!limits.take(whoOf(socket), 'commands'))
            return limits.answerRefusal(() => ack({ ok: false, error: rateLimited('commands') }));
          // Re-checks the credentials on every message: a regenerated or revoked link, or a removed entry, stops at once.
          const now = resolve(socket.data.credentials);
          if (!now.ok) {
            reply({ ok: false, error: { code: 'unauthorized', reason: now.reason, message: now.message } });
            socket.emit('revoked', { reason: now.reason === 'entry_removed' ? 'entry_removed' : 'revoked' });
            socket.disconnect(true);
            return;
          }
          reply(service().dispatch(now.actor, payload));
        },
      ),
    );

    socket.on(
      'sync',
      guard(
        socket,
        'sync',
        (_payload, ack) => typeof ack === 'function' && ack({ error: internal }),
        (payload, ack) => {
          if (typeof ack !== 'function') return;
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
        (ack) => typeof ack === 'function' && ack({ error: internal }),
        (ack) => {
          if (typeof ack !== 'function') return;
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
          announceAudience();
          if (actor.role !== 'participant' || roomSize(room) > 0) return;
          fanout.untrack(actor.entryId);
          if (socket.data.eventId === options.current().id) dropped(actor.entryId);
        },
      ),
    );
  });

  return {
    audience,
    /**
     * Another event became active. Nobody is disconnected: every socket is told (`activeEvent`) and
     * gets the new event's snapshot on the same connection; a city whose link the new event does not
     * know is told so (`revoked`, `not_in_event`) and closed.
     */
    switched(next: ActiveEvent, previous: ActiveEvent) {
      for (const timer of graceTimers.values()) clearTimeout(timer);
      graceTimers.clear();
      // Nobody is connected to the event left behind; its report must not count them online.
      for (const [entryId, connection] of Object.entries(previous.service.state().connections)) {
        if (connection.state !== 'offline') previous.service.dispatch(system, { type: 'presence.set', entryId, state: 'offline' });
      }
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
      settle();
      announceAudience();
    },
    /** Disconnects everyone holding an entry's old link (after regenerate or revoke). */
    dropEntry(entryId: string) {
      fanout.revoke(entryId, 'revoked');
    },
    close() {
      for (const timer of graceTimers.values()) clearTimeout(timer);
      if (audienceTimer) clearTimeout(audienceTimer);
    },
  };
}
export type SocketHandlers = ReturnType<typeof attachSocketHandlers>;
