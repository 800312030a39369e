// Wires a live store to the server over socket.io: snapshots, patches (resync on a gap), clock
// sync, and commands with a client id so a retry after a timeout is applied once.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, CommandResult, ServerToClient } from '@/lib/protocol';
import { bestOffset, type ClockSample, type LiveStore } from './live-store';

export type Credentials = { key: string } | { token: string } | Record<string, never>;

const CLOCK_SAMPLES = 6;
const CLOCK_RESYNC_MS = 60_000;
const COMMAND_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 6_000;

export interface LiveConnection {
  /** Sends a command; `expectVersion` makes a stale click a conflict instead of a second action. */
  send(command: { type: string } & Record<string, unknown>, options?: { expectVersion?: boolean }): Promise<CommandResult>;
  close(): void;
}

export function connectLive(store: LiveStore, credentials: Credentials, url?: string): LiveConnection {
  const socket: Socket<ServerToClient, ClientToServer> = io(url ?? '', {
    auth: credentials,
    // WebSocket first; if it fails to open (a proxy refuses it), long-polling in the same attempt.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // A WebSocket a proxy closes or holds without an error ends only in this timeout (see connect_error).
    timeout: CONNECT_TIMEOUT_MS,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  const actions = store.getState();
  let clockTimer: ReturnType<typeof setInterval> | undefined;

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
        const serverTime = await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('time');
        if (typeof serverTime !== 'number') break; // refused: too many clock requests
        samples.push({ sentAt, receivedAt: Date.now(), serverTime });
      } catch {
        break;
      }
    }
    const best = bestOffset(samples);
    if (best) store.getState().setClock(best.offsetMs, best.rttMs);
  };

  socket.on('connect', () => {
    actions.setStatus('live');
    void syncClock();
    clearInterval(clockTimer);
    clockTimer = setInterval(() => void syncClock(), CLOCK_RESYNC_MS);
  });
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  socket.on('disconnect', (reason) => {
    clearInterval(clockTimer);
    if (store.getState().status === 'revoked') return;
    actions.setStatus('offline', reason);
    // socket.io does not retry after the server closed the connection on purpose; we want to.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    const data = (error as Error & { data?: { code?: string; reason?: string; message?: string } }).data;
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
      retryTimer = setTimeout(() => socket.connect(), 3000 + Math.random() * 3000);
    }
  });
  socket.on('snapshot', (msg) => store.getState().receiveSnapshot(msg));
  socket.on('patch', (msg) => {
    if (store.getState().receivePatch(msg) === 'gap') resync();
  });
  socket.on('audience', (msg) => store.getState().setAudience(msg));
  socket.on('activeEvent', (msg) => store.getState().receiveActiveEvent(msg));
  socket.on('revoked', (msg) => {
    actions.setStatus('revoked', msg.reason);
    socket.disconnect();
  });

  return {
    async send(command, options = {}) {
      const payload = {
        ...command,
        id: crypto.randomUUID(),
        ...(options.expectVersion && { expectedVersion: store.getState().view?.version ?? 0 }),
      };
      // One retry with the same id: if the first one landed, the server answers it as a duplicate.
      for (let attempt = 0; ; attempt++) {
        try {
          return await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('command', payload);
        } catch {
          if (attempt >= 1 || !socket.connected) {
            return { ok: false, error: { code: 'internal', reason: 'no_answer', message: 'the server did not answer' } };
          }
        }
      }
    },
    close() {
      clearInterval(clockTimer);
      clearTimeout(retryTimer);
      socket.disconnect();
    },
  };
}
