// One real server with every role connected at once — the moderator, two online cities and a
// screen — for the socket transport tests, and the helpers they use to send commands over the
// socket and to check that every client's patched view converged.
import { beforeAll, beforeEach, expect } from 'vitest';
import type { ConnectionState } from '../../lib/model';
import type { Actor } from '../../lib/model';
import type { CommandResult, PatchMessage, SnapshotMessage, SyncReply } from '../../lib/protocol';
import type { RollcallServer } from '../../server/app-server';
import { KEY, MODERATOR, connected, request, useRealServer, waitFor, type Client, type RealServerOptions } from './real-server';

export const GRACE_MS = 300;
export { HEADCOUNT_COALESCE_MS } from '../../server/socket-transport';

export type { SyncReply };

export const command = (client: Client, payload: unknown): Promise<CommandResult> =>
  client.socket.timeout(3000).emitWithAck('command', payload);
export const sync = (client: Client, payload: unknown): Promise<SyncReply> => client.socket.timeout(3000).emitWithAck('sync', payload);

export async function okCommand(client: Client, payload: Record<string, unknown>): Promise<number> {
  const result = await command(client, payload);
  if (!result.ok) throw new Error(`${String(payload.type)} refused: ${result.error.message}`);
  return result.version;
}

/** The actor a client connected as, from its first snapshot. */
export function actorOf(client: Client): Actor {
  const first = client.snapshots[0];
  if (!first) throw new Error(`${client.name} has no snapshot yet`);
  return first.role === 'participant' ? { role: 'participant', entryId: first.entryId! } : { role: first.role };
}

/** Asks for a fresh snapshot (sync from version 0) and returns it, leaving the client's view as it was. */
export async function freshSnapshot(client: Client): Promise<SnapshotMessage> {
  const patched = client.view;
  const count = client.snapshots.length;
  const reply = await sync(client, { version: 0 });
  if (!('upToDate' in reply) || reply.upToDate)
    throw new Error(`${client.name}: sync from version 0 did not answer with a snapshot: ${JSON.stringify(reply)}`);
  // The snapshot message is sent before the reply, on the same connection.
  const snapshot = client.snapshots[count];
  if (!snapshot) throw new Error(`${client.name}: no snapshot arrived before the sync reply`);
  client.view = patched;
  return snapshot;
}

/**
 * Waits until every client's patched view reached the version of the last change its audience could
 * see, then checks it against a fresh snapshot, and that no patch ever failed to apply.
 */
export async function expectConverged(server: RollcallServer, clients: Client[]) {
  await waitFor("every client at its audience's version", () =>
    clients.every((c) => c.view?.version === server.visibleVersion(actorOf(c))),
  );
  for (const client of clients) {
    expect(client.gaps, `${client.name} missed a patch`).toEqual([]);
    const fresh = await freshSnapshot(client);
    expect(client.view, `${client.name}'s patched view`).toEqual(fresh.view);
  }
}

/** The patch for `version` a client received (fails if it has none). */
export function patchAt(client: Client, version: number): PatchMessage {
  const patch = client.patches.find((p) => p.version === version);
  if (!patch) throw new Error(`${client.name} received no patch for version ${version}`);
  return patch;
}

/** Presence states of `entryId` the moderator saw, in order, from its patches after index `from`. */
export function presenceSeen(moderator: Client, entryId: string, from = 0): ConnectionState[] {
  return moderator.patches
    .slice(from)
    .map((p) => p.set.connections?.[entryId]?.state)
    .filter((s): s is ConnectionState => s !== undefined);
}

/** A real server on the real clock with the socket tests' reconnect grace. */
export const useSocketServer = (extra: RealServerOptions = {}) =>
  useRealServer({ reconnectGraceMs: GRACE_MS, tempPrefix: 'rollcall-socket-', ...extra });

/**
 * The server for the enclosing describe block with, once it is up, the moderator, a screen (`viewer`)
 * and two online cities A and B connected and converged; C is a third online city nobody connects yet.
 */
export function useSocketRoom(extra: RealServerOptions = {}) {
  const s = useSocketServer(extra);
  const room = {
    s,
    tokens: {} as Record<string, string>,
    moderator: undefined as unknown as Client,
    cityA: undefined as unknown as Client,
    cityB: undefined as unknown as Client,
    viewer: undefined as unknown as Client,
    A: '',
    B: '',
    C: '',
    all: () => [room.moderator, room.cityA, room.cityB, room.viewer],
  };
  (extra.fresh === 'each' ? beforeEach : beforeAll)(async () => {
    const server = s.server;
    const res = await request(s.url, 'GET', '/api/links', { auth: MODERATOR });
    expect(res.status).toBe(200);
    const links = res.body as { entryId: string; token: string }[];
    room.tokens = Object.fromEntries(links.map((l) => [l.entryId, l.token]));
    // Three online cities of the demo round table.
    [room.A, room.B, room.C] = server.service.state().order.slice(3, 6) as [string, string, string];

    room.moderator = s.connect('moderator', { auth: { key: KEY } });
    room.viewer = s.connect('viewer');
    room.cityA = s.connect('city A', { auth: { token: room.tokens[room.A]! } });
    room.cityB = s.connect('city B', { auth: { token: room.tokens[room.B]! } });
    await Promise.all(room.all().map((c) => connected(c)));
    // Both participants came online: two presence changes.
    await waitFor('both participants online', () => server.service.state().version === 2);
    await waitFor('the moderator at version 2', () => room.moderator.view?.version === 2);
    await expectConverged(server, room.all());
  });
  return room;
}
