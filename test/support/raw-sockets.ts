// Bare socket.io clients for the auth tests: open one with any credentials, wait for its snapshot
// or its refusal, send it anything. Every socket opened here is closed after the file.
import { afterAll } from 'vitest';
import type { CommandResult, SnapshotMessage } from '../../lib/protocol';
import type { RollcallServer } from '../../server/app-server';
import { openSocket, type ClientSocket } from './real-server';

/** Credentials a caller presents at the handshake. */
export type Credentials = { key: string } | { token: string } | Record<string, never>;

const sockets = new Set<ClientSocket>();

export function open(server: RollcallServer, auth: Credentials): ClientSocket {
  const socket = openSocket(server.url, { auth });
  sockets.add(socket);
  return socket;
}

export function connect(server: RollcallServer, auth: Credentials): Promise<{ socket: ClientSocket; snapshot: SnapshotMessage }> {
  const socket = open(server, auth);
  return new Promise((resolve, reject) => {
    socket.once('snapshot', (snapshot: SnapshotMessage) => resolve({ socket, snapshot }));
    socket.once('connect_error', (error) => reject(error));
  });
}

export function refusedConnection(socket: ClientSocket): Promise<Error & { data?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', resolve);
  });
}

export function send(socket: ClientSocket, payload: unknown): Promise<CommandResult> {
  return socket.timeout(5_000).emitWithAck('command', payload);
}

afterAll(() => {
  for (const socket of sockets) socket.close();
});
