// Wires a live store to the server over socket.io: snapshots, patches (resync on a gap), clock
// sync, and commands with a client id so a retry after a timeout is applied once.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, CommandBody, CommandMessage, CommandResult, RollcallError, ServerToClient } from '@/lib/protocol';
import { PROTOCOL_VERSION } from '@/lib/protocol-version';
import { bestOffset, type ClockSample, type LiveStore } from './live-store';
import { RECONNECT } from './reconnect';

export type Credentials = { key: string } | { token: string } | Record<string, never>;

const CLOCK_SAMPLES = 6;
const CLOCK_RESYNC_MS = 60_000;
const COMMAND_TIMEOUT_MS = 5_000;
/** How long a command is retried (same id) across reconnects before the page says it got no answer. */
const COMMAND_DEADLINE_MS = 15_000;
const UNAVAILABLE_RETRY_MS = 500;
const CONNECT_TIMEOUT_MS = 6_000;
/** Long enough to read «Rollcall was updated» before the page reloads. */
const RELOAD_DELAY_MS = 1_500;

export interface SendOptions {
  /**
   * Send the version this page shows as `expectedVersion`: a command made on an outdated screen
   * (another moderator acted meanwhile) is refused as stale instead of applied to what it did not see.
   */
  expectVersion?: boolean;
}

export interface LiveConnection {
  send(command: CommandBody, options?: SendOptions): Promise<CommandResult>;
  close(): void;
}

const noAnswer = (message: string): CommandResult => ({ ok: false, error: { code: 'internal', reason: 'no_answer', message } });

/** Where the page remembers that it already reloaded for a server's protocol version. */
export const RELOADED_FOR_KEY = 'rollcall.reloadedForProtocol';

/**
 * True when the page should reload to catch up with the server's protocol: once per server version,
 * so a page that is still out of date after reloading (a stale cache) says so instead of looping.
 * Without storage it never reloads by itself, for the same reason.
 */
export function shouldReloadFor(serverProtocol: number, storage: Pick<Storage, 'getItem' | 'setItem'> | null): boolean {
  try {
    if (!storage || storage.getItem(RELOADED_FOR_KEY) === String(serverProtocol)) return false;
    storage.setItem(RELOADED_FOR_KEY, String(serverProtocol));
    return true;
  } catch {
    return false;
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * True once the socket is connected; false if it will not reconnect (closed, revoked) or not before the
 * deadline. `retrying` says our own retry after a refused connection is pending (socket.io is inactive then).
 */
function connectedBy(socket: Socket, deadline: number, retrying: () => boolean): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  if (!socket.active && !retrying()) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      resolve(ok);
    };
    const onConnect = () => done(true);
    const timer = setTimeout(() => done(false), Math.max(0, deadline - Date.now()));
    socket.on('connect', onConnect);
  });
}

export function connectLive(store: LiveStore, credentials: Credentials, url?: string): LiveConnection {
  const socket: Socket<ServerToClient, ClientToServer> = io(url ?? '', {
    auth: credentials,
    // WebSocket first; if it fails to open (a proxy refuses it), long-polling in the same attempt.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // A WebSocket a proxy closes or holds without an error ends only in this timeout (see connect_error).
    timeout: CONNECT_TIMEOUT_MS,
    // Jittered backoff (reconnect.ts): after a restart the screens come back spread out, not all in the same instant.
    ...RECONNECT,
  });
  const actions = store.getState();
  let clockTimer: ReturnType<typeof setInterval> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;

  // The server answers an out-of-date version by sending a `snapshot` message first; a refusal
  // (too many syncs) leaves the next patch's gap to ask again.
  const resync = () => {
    const version = store.getState().view?.version ?? 0;
    socket.timeout(COMMAND_TIMEOUT_MS).emit('sync', { version }, () => {});
  };

  const syncClock = async () => {
    const samples: ClockSample[] = [];
    for (let i = 0; i < CLOCK_SAMPLES && socket.connected; i++) {
      const sentAt = Date.now();
      try {
        const serverTime: unknown = await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('time');
        if (typeof serverTime !== 'number') break; // refused: too many clock requests
        samples.push({ sentAt, receivedAt: Date.now(), serverTime });
      } catch {
        break;
      }
    }
    const best = bestOffset(samples);
    if (best) store.getState().setClock(best.offsetMs, best.rttMs);
  };

  // Connected is not live yet: the page is live once the snapshot has arrived (receiveSnapshot).
  socket.on('connect', () => {
    void syncClock();
    clearInterval(clockTimer);
    clockTimer = setInterval(() => void syncClock(), CLOCK_RESYNC_MS);
  });
  socket.on('disconnect', (reason) => {
    clearInterval(clockTimer);
    const { status } = store.getState();
    if (status === 'revoked' || status === 'outdated') return;
    actions.setStatus('offline', reason);
    // socket.io does not retry after the server closed the connection on purpose; we want to.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    const data = (error as Error & { data?: Partial<RollcallError> }).data;
    if (data?.code === 'unauthorized' || data?.code === 'bad_request') {
      actions.setStatus('unauthorized', data.message ?? error.message);
      socket.disconnect();
      return;
    }
    actions.setStatus('offline', data?.reason ?? error.message);
    // The transport failed: from now on start with long-polling, which upgrades to a WebSocket by
    // itself wherever one gets through (socket.io's own default order).
    if (!data) socket.io.opts.transports = ['polling', 'websocket'];
    // Refused by the server (too many connections at once, or this link open in too many places):
    // socket.io leaves that to us. Try again a little later, jittered so refused clients spread out.
    if (data?.code && !socket.active) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(
        () => {
          retryTimer = undefined;
          socket.connect();
        },
        3000 + Math.random() * 3000,
      );
    }
  });
  socket.on('snapshot', (msg) => {
    if (msg.protocol === PROTOCOL_VERSION) return store.getState().receiveSnapshot(msg);
    // The server speaks another protocol (it was updated under this page): reading its messages
    // with this page's code could show anything, so stop and load the page the server serves now.
    const reload = shouldReloadFor(msg.protocol, sessionStore());
    actions.setStatus('outdated', reload ? 'reloading' : 'reload_by_hand');
    socket.disconnect();
    if (reload) reloadTimer = setTimeout(() => window.location.reload(), RELOAD_DELAY_MS);
  });
  socket.on('patch', (msg) => {
    if (store.getState().receivePatch(msg) === 'gap') resync();
  });
  socket.on('headcount', (msg) => store.getState().setHeadcount(msg));
  socket.on('activeEvent', (msg) => store.getState().receiveActiveEvent(msg));
  socket.on('revoked', (msg) => {
    actions.setStatus('revoked', msg.reason);
    socket.disconnect();
  });

  return {
    async send(command, options = {}) {
      const payload: CommandMessage = {
        ...command,
        id: crypto.randomUUID(),
        ...(options.expectVersion && { expectedVersion: store.getState().view?.version ?? 0 }),
      };
      // The same id until an answer: if an earlier try landed (on this server, or on a cluster node
      // that died before it could answer), the server answers it as a duplicate. A dropped connection
      // is waited out (socket.io reconnects, in cluster mode to another node) and the command sent again.
      const deadline = Date.now() + COMMAND_DEADLINE_MS;
      for (;;) {
        if (!(await connectedBy(socket, deadline, () => retryTimer !== undefined))) return noAnswer('not connected');
        try {
          const result = (await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('command', payload)) as CommandResult;
          // `unavailable`: this node could not take or confirm it now; the same id is safe to send again.
          if (result.ok || result.error.code !== 'unavailable' || Date.now() + UNAVAILABLE_RETRY_MS > deadline) return result;
          await new Promise((resolve) => setTimeout(resolve, UNAVAILABLE_RETRY_MS));
        } catch {
          if (Date.now() > deadline) return noAnswer('the server did not answer');
        }
      }
    },
    close() {
      clearInterval(clockTimer);
      clearTimeout(retryTimer);
      retryTimer = undefined;
      clearTimeout(reloadTimer);
      socket.disconnect();
    },
  };
}

/**
 * The page's connection as its components hold it: one stable object for the page's life, while the
 * socket behind it is opened and closed by the provider's effect (twice in development's strict mode).
 */
export function createConnectionHandle(): LiveConnection & { attach(live: LiveConnection): () => void } {
  let current: LiveConnection | null = null;
  return {
    attach(live) {
      current = live;
      return () => {
        if (current === live) current = null;
        live.close();
      };
    },
    send: (command, options) => (current ? current.send(command, options) : Promise.resolve(noAnswer('not connected'))),
    close: () => current?.close(),
  };
}
