// socket.io binding: handshake auth, per-message role and rate checks, snapshots, patches, presence.
// Thin by design: every command goes to RollcallService.dispatch.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Actor } from '../lib/model';
import {
  MAX_PAYLOAD_BYTES,
  PROTOCOL_VERSION,
  handshakeSchema,
  syncRequestSchema,
  describeZodError,
  type Audience,
  type ClientToServer,
  type CommandResult,
  type ServerToClient,
  type SnapshotMessage,
} from '../lib/protocol';
import { diffViews, eventsFor, viewFor, type ViewAudience } from '../lib/view';
import { resolveActor, type JoinLinks } from './credentials';
import { createRateLimiter, originAllowed, type RateLimit } from './guards';
import type { Broadcaster, Clock, RollcallService } from './rollcall-service';

interface SocketData {
  /** The event the socket joined; after a switch its leftovers must not touch the new one. */
  eventId: string;
  actor: Actor;
  credentials: { key?: string; token?: string };
}
type RollcallIo = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type RollcallSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

const MODERATORS = 'moderators';
const VIEWERS = 'viewers';
const entryRoom = (entryId: string) => `entry:${entryId}`;

export function createSocketServer(httpServer: HttpServer, options: { allowedOrigins: readonly string[]; destroyUpgrade: boolean }): RollcallIo {
  return new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    destroyUpgrade: options.destroyUpgrade,
    allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)),
  });
}

function audienceOf(actor: Actor): ViewAudience {
  if (actor.role === 'participant' || actor.role === 'moderator') return actor;
  return { role: 'viewer' };
}

/** Sends each room the patch of its own view. */
export function createSocketBroadcaster(io: RollcallIo): Broadcaster {
  return {
    publish({ prev, next, events, serverTime }) {
      const send = (room: string, audience: ViewAudience) => {
        const nextView = viewFor(next, audience);
        io.to(room).emit('patch', diffViews(viewFor(prev, audience), nextView, serverTime, eventsFor(events, audience, nextView)));
      };
      send(MODERATORS, { role: 'moderator' });
      send(VIEWERS, { role: 'viewer' });
      for (const room of io.sockets.adapter.rooms.keys()) {
        if (room.startsWith('entry:')) send(room, { role: 'participant', entryId: room.slice('entry:'.length) });
      }
    },
  };
}

export interface SocketHandlerOptions {
  /** The active event: its service and links answer every socket. */
  current: () => { id: string; service: RollcallService; links: JoinLinks };
  moderatorKey: string;
  clock: Clock;
  /** How long a dropped participant shows as "reconnecting" before "offline". */
  reconnectGraceMs: number;
  rateLimit: RateLimit;
}

export function attachSocketHandlers(io: RollcallIo, options: SocketHandlerOptions) {
  const { moderatorKey, clock } = options;
  const service = { state: () => options.current().service.state(), dispatch: (actor: Actor, raw: unknown) => options.current().service.dispatch(actor, raw) };
  const links = { verify: (token: string) => options.current().links.verify(token) };
  const limiter = createRateLimiter(options.rateLimit, () => clock.now());
  const graceTimers = new Map<string, NodeJS.Timeout>();
  const system: Actor = { role: 'system' };

  const roomSize = (room: string) => io.sockets.adapter.rooms.get(room)?.size ?? 0;
  const audience = (): Audience => {
    let participants = 0;
    for (const room of io.sockets.adapter.rooms.keys()) if (room.startsWith('entry:')) participants++;
    return { viewers: roomSize(VIEWERS), participants, moderators: roomSize(MODERATORS) };
  };
  let audienceTimer: NodeJS.Timeout | null = null;
  // Counts change with every connect; coalesce them so a reconnect storm is one message.
  const announceAudience = () => {
    audienceTimer ??= setTimeout(() => {
      audienceTimer = null;
      io.emit('audience', audience());
    }, 250);
  };

  const setPresence = (entryId: string, state: 'online' | 'reconnecting' | 'offline') => {
    if (!service.state().entries[entryId]) return;
    if ((service.state().connections[entryId]?.state ?? 'offline') === state) return;
    service.dispatch(system, { type: 'presence.set', entryId, state });
  };

  /** The entry's last socket is gone: "reconnecting" now, "offline" if nobody is back within the grace. */
  const dropped = (entryId: string) => {
    setPresence(entryId, 'reconnecting');
    clearTimeout(graceTimers.get(entryId));
    graceTimers.set(
      entryId,
      setTimeout(() => {
        graceTimers.delete(entryId);
        if (roomSize(entryRoom(entryId)) === 0) setPresence(entryId, 'offline');
      }, options.reconnectGraceMs),
    );
  };
  // An event that has just been opened has no sockets, whatever its state says (after a crash a city
  // stays "online" in the journal): every link that was up counts as dropped.
  const settle = () => {
    for (const [entryId, connection] of Object.entries(service.state().connections)) {
      if (connection.state !== 'offline') dropped(entryId);
    }
  };
  settle();

  const snapshotFor = (actor: Actor): SnapshotMessage => {
    const viewerAudience = audienceOf(actor);
    return {
      protocol: PROTOCOL_VERSION,
      eventId: options.current().id,
      role: viewerAudience.role,
      entryId: actor.role === 'participant' ? actor.entryId : null,
      serverTime: clock.now(),
      view: viewFor(service.state(), viewerAudience),
      audience: audience(),
    };
  };

  io.use((socket, next) => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth ?? {});
    const fail = (code: string, message: string) => next(Object.assign(new Error(message), { data: { code, message } }));
    if (!parsed.success) return fail('bad_request', `auth: ${describeZodError(parsed.error)}`);
    const actor = resolveActor(parsed.data, moderatorKey, links);
    if (!actor) return fail('unauthorized', 'key' in parsed.data ? 'the moderator key is wrong' : 'this link is invalid or was revoked');
    socket.data.eventId = options.current().id;
    socket.data.actor = actor;
    socket.data.credentials = parsed.data;
    next();
  });

  io.on('connection', (socket: RollcallSocket) => {
    const actor = socket.data.actor;
    const room = actor.role === 'moderator' ? MODERATORS : actor.role === 'participant' ? entryRoom(actor.entryId) : VIEWERS;
    socket.join(room);
    socket.emit('snapshot', snapshotFor(actor));
    if (actor.role === 'participant') {
      clearTimeout(graceTimers.get(actor.entryId));
      graceTimers.delete(actor.entryId);
      setPresence(actor.entryId, 'online');
    }
    announceAudience();

    // Re-checks the credentials on every message: a regenerated or revoked link stops at once.
    const currentActor = (): Actor | null => resolveActor(socket.data.credentials, moderatorKey, links);

    socket.on('command', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const reply = (result: CommandResult) => ack(result);
      if (!limiter.take(socket.id)) {
        return reply({ ok: false, error: { code: 'rate_limited', reason: 'rate_limited', message: 'too many commands; slow down' } });
      }
      const now = currentActor();
      if (!now) {
        reply({ ok: false, error: { code: 'unauthorized', reason: 'revoked', message: 'this link is no longer valid' } });
        socket.emit('revoked', { reason: 'revoked' });
        socket.disconnect(true);
        return;
      }
      reply(service.dispatch(now, payload));
    });

    socket.on('sync', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = syncRequestSchema.safeParse(payload);
      if (!parsed.success) {
        return ack({ error: { code: 'bad_request', reason: 'invalid_sync', message: describeZodError(parsed.error) } });
      }
      const version = service.state().version;
      ack(parsed.data.version === version ? { upToDate: true, version } : snapshotFor(actor));
    });

    socket.on('time', (ack) => {
      if (typeof ack === 'function') ack(clock.now());
    });

    socket.on('disconnect', () => {
      limiter.forget(socket.id);
      announceAudience();
      if (actor.role !== 'participant' || roomSize(room) > 0 || socket.data.eventId !== options.current().id) return;
      dropped(actor.entryId);
    });
  });

  return {
    audience,
    /** Another event became active: everyone reconnects and gets its snapshot. */
    switched(previous: RollcallService) {
      for (const timer of graceTimers.values()) clearTimeout(timer);
      graceTimers.clear();
      io.disconnectSockets(true);
      // Nobody is connected to the event left behind; its report must not count them online.
      for (const [entryId, connection] of Object.entries(previous.state().connections)) {
        if (connection.state !== 'offline') previous.dispatch(system, { type: 'presence.set', entryId, state: 'offline' });
      }
      settle();
    },
    /** Disconnects everyone holding an entry's old link (after regenerate or revoke). */
    dropEntry(entryId: string) {
      io.to(entryRoom(entryId)).emit('revoked', { reason: 'revoked' });
      io.in(entryRoom(entryId)).disconnectSockets(true);
    },
    close() {
      for (const timer of graceTimers.values()) clearTimeout(timer);
      if (audienceTimer) clearTimeout(audienceTimer);
    },
  };
}
export type SocketHandlers = ReturnType<typeof attachSocketHandlers>;
