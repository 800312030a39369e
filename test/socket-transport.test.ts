// The socket.io transport against a real server on a random port: snapshots, acknowledged commands,
// per-role patches that converge, sync/time, presence with a reconnect grace, the audience count,
// and the guards (Origin, payload size, rate limit, validation). Clients are real socket.io-client
// sockets over the websocket transport.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../lib/model';
import {
  MAX_PAYLOAD_BYTES,
  parseCommand,
  type Audience,
  type ClientToServer,
  type CommandResult,
  type PatchMessage,
  type RollcallError,
  type ServerToClient,
  type SnapshotMessage,
  type View,
} from '../lib/protocol';
import { applyPatch } from '../lib/view';
import { startRollcallServer, type RollcallServer } from '../server/app-server';

const KEY = 'test-key';
const GRACE_MS = 300;

type ClientSocket = Socket<ServerToClient, ClientToServer>;
type SyncReply = SnapshotMessage | { upToDate: true; version: number } | { error: RollcallError };

// ---- helpers ------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy; fails with `what` after the deadline. */
async function waitFor<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** The next `event` on `socket`, or a rejection after `timeoutMs`. */
function nextEvent<T = unknown>(socket: ClientSocket, event: string, timeoutMs = 3000): Promise<T> {
  const s = socket as unknown as Socket;
  return new Promise<T>((resolve, reject) => {
    const listener = (arg: T) => {
      clearTimeout(timer);
      resolve(arg);
    };
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for "${event}"`));
    }, timeoutMs);
    s.once(event, listener);
  });
}

/** A client that records what it hears and keeps its view up to date by applying patches. */
interface Client {
  name: string;
  socket: ClientSocket;
  snapshots: SnapshotMessage[];
  patches: PatchMessage[];
  audiences: Audience[];
  view: View | null;
  /** Patches that did not follow the client's version (a gap: the view would be wrong). */
  gaps: string[];
}

function connect(server: RollcallServer, name: string, options: Parameters<typeof io>[1] = {}): Client {
  const socket: ClientSocket = io(server.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    ...options,
  });
  const client: Client = { name, socket, snapshots: [], patches: [], audiences: [], view: null, gaps: [] };
  socket.on('snapshot', (msg) => {
    client.snapshots.push(msg);
    client.view = msg.view;
  });
  socket.on('patch', (msg) => {
    client.patches.push(msg);
    const next = client.view && applyPatch(client.view, msg);
    if (next) client.view = next;
    else client.gaps.push(`${name}: patch ${msg.baseVersion}->${msg.version} on view ${client.view?.version ?? 'none'}`);
  });
  socket.on('audience', (msg) => client.audiences.push(msg));
  socket.connect();
  return client;
}

async function connected(client: Client, timeoutMs = 3000): Promise<SnapshotMessage> {
  return waitFor(`${client.name} to receive its snapshot`, () => client.snapshots[0], timeoutMs);
}

const command = (client: Client, payload: unknown): Promise<CommandResult> =>
  client.socket.timeout(3000).emitWithAck('command', payload);
const sync = (client: Client, payload: unknown): Promise<SyncReply> => client.socket.timeout(3000).emitWithAck('sync', payload);

async function okCommand(client: Client, payload: Record<string, unknown>): Promise<number> {
  const result = await command(client, payload);
  if (!result.ok) throw new Error(`${String(payload.type)} refused: ${result.error.message}`);
  return result.version;
}

/** Waits until every client's patched view reached the server's version, then checks each against a fresh snapshot. */
async function expectConverged(server: RollcallServer, clients: Client[]) {
  const version = server.service.state().version;
  await waitFor(`every client at version ${version}`, () => clients.every((c) => c.view?.version === version));
  for (const client of clients) {
    expect(client.gaps, `${client.name} missed a patch`).toEqual([]);
    const fresh = await sync(client, { version: 0 });
    if (!('view' in fresh)) throw new Error(`${client.name}: sync from version 0 did not answer a snapshot`);
    expect(client.view, `${client.name}'s patched view`).toEqual(fresh.view);
  }
}

/** The patch for `version` a client received (fails if it has none). */
function patchAt(client: Client, version: number): PatchMessage {
  const patch = client.patches.find((p) => p.version === version);
  if (!patch) throw new Error(`${client.name} received no patch for version ${version}`);
  return patch;
}

/** Presence states of `entryId` the moderator saw, in order, from its patches after index `from`. */
function presenceSeen(moderator: Client, entryId: string, from = 0): ConnectionState[] {
  return moderator.patches
    .slice(from)
    .map((p) => p.set.connections?.[entryId]?.state)
    .filter((s): s is ConnectionState => s !== undefined);
}

async function startServer(extra: Partial<Parameters<typeof startRollcallServer>[0]> = {}, existingDir?: string) {
  const dataDir = existingDir ?? mkdtempSync(join(tmpdir(), 'rollcall-socket-'));
  const server = await startRollcallServer({ dataDir, port: 0, host: '127.0.0.1', moderatorKey: KEY, reconnectGraceMs: GRACE_MS, ...extra });
  return { server, dataDir };
}

// ---- one server, every role at once --------------------------------------------------------------

describe('socket transport on a real server', () => {
  let server: RollcallServer;
  let dataDir: string;
  let tokens: Record<string, string>;
  let moderator: Client;
  let cityA: Client;
  let cityB: Client;
  let viewer: Client;
  let A: string;
  let B: string;
  let C: string;
  const extra: Client[] = [];
  const all = () => [moderator, cityA, cityB, viewer];
  const track = (client: Client) => (extra.push(client), client);

  beforeAll(async () => {
    ({ server, dataDir } = await startServer());
    const res = await fetch(`${server.url}/api/links`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    const links = (await res.json()) as { entryId: string; token: string }[];
    tokens = Object.fromEntries(links.map((l) => [l.entryId, l.token]));
    // Three online cities of the demo round table.
    [A, B, C] = server.service.state().order.slice(3, 6) as [string, string, string];

    moderator = connect(server, 'moderator', { auth: { key: KEY } });
    viewer = connect(server, 'viewer');
    cityA = connect(server, 'city A', { auth: { token: tokens[A] } });
    cityB = connect(server, 'city B', { auth: { token: tokens[B] } });
    await Promise.all(all().map((c) => connected(c)));
    // Both participants came online: two presence changes.
    await waitFor('both participants online', () => server.service.state().version === 2);
    await expectConverged(server, all());
  });

  afterAll(async () => {
    for (const client of [...(all().filter(Boolean) as Client[]), ...extra]) client.socket.disconnect();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends every client a snapshot on connect with its role, its entry and the current version', async () => {
    expect(moderator.snapshots[0]).toMatchObject({ protocol: 1, role: 'moderator', entryId: null });
    expect(viewer.snapshots[0]).toMatchObject({ protocol: 1, role: 'viewer', entryId: null });
    expect(cityA.snapshots[0]).toMatchObject({ protocol: 1, role: 'participant', entryId: A });
    expect(cityB.snapshots[0]).toMatchObject({ protocol: 1, role: 'participant', entryId: B });

    // A client connecting now gets the version the server is at, and the server's time.
    const version = server.service.state().version;
    const before = Date.now();
    const late = track(connect(server, 'late viewer'));
    const snapshot = await connected(late);
    expect(snapshot.view.version).toBe(version);
    expect(snapshot.view.order).toEqual(server.service.state().order);
    expect(snapshot.serverTime).toBeGreaterThanOrEqual(before - 50);
    expect(snapshot.serverTime).toBeLessThanOrEqual(Date.now() + 50);
    // The moderator sees both cities online.
    expect(moderator.view!.connections[A]?.state).toBe('online');
    expect(moderator.view!.connections[B]?.state).toBe('online');
    late.socket.disconnect();
  });

  it('acknowledges a moderator command and sends every client a patch from its previous version', async () => {
    const before = all().map((c) => c.view!.version);
    const result = await command(moderator, { type: 'session.start', id: 'start-1' });
    expect(result).toEqual({ ok: true, version: before[0]! + 1 });
    const version = (result as { version: number }).version;
    await waitFor('every client to get the patch', () => all().every((c) => c.patches.some((p) => p.version === version)));
    all().forEach((client, i) => {
      const patch = patchAt(client, version);
      expect(patch.baseVersion, client.name).toBe(before[i]);
      expect(patch.events, client.name).toContainEqual({ type: 'phase', phase: 'live' });
      expect(client.view!.phase, client.name).toBe('live');
    });
    await expectConverged(server, all());
  });

  it('keeps every role\'s view equal to a fresh snapshot through a burst of concurrent commands', async () => {
    const startVersion = server.service.state().version;
    const order = server.service.state().order;
    const results = await Promise.all([
      command(moderator, { type: 'speaker.next' }),
      command(cityA, { type: 'signal.send', kind: 'ready' }),
      command(moderator, { type: 'speaker.extend', seconds: 30 }),
      command(cityB, { type: 'signal.send', kind: 'request_floor' }),
      command(moderator, { type: 'queue.move', entryId: order[8], index: 1 }),
      command(moderator, { type: 'entry.add', entry: { nameRu: 'Новый город', nameEn: 'New Town' }, index: 2 }),
      command(moderator, { type: 'entry.update', entryId: order[9], fields: { representative: 'Иванов И. И.' } }),
      command(moderator, { type: 'message.send', target: 'screens', text: 'Перерыв в 12:00' }),
      command(moderator, { type: 'message.send', target: B, text: 'Вы следующий' }),
      command(moderator, { type: 'entry.remove', entryId: order[order.length - 1] }),
      command(cityA, { type: 'signal.clear' }),
      command(moderator, { type: 'undo' }),
      command(moderator, { type: 'speaker.start', entryId: A }),
    ]);
    const accepted = results.filter((r): r is { ok: true; version: number } => r.ok);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Each accepted command got its own version, one after the other.
    expect(accepted.map((r) => r.version).sort((a, b) => a - b)).toEqual(accepted.map((_, i) => startVersion + 1 + i));
    await expectConverged(server, all());
    // Sanity of the outcome every screen now shows.
    expect(viewer.view!.currentEntryId).toBe(A);
    // One entry added; the removal was the last moderator change before `undo`, so it is back.
    expect(viewer.view!.order).toHaveLength(order.length + 1);
    expect(viewer.view!.order).toContain(order[order.length - 1]);
    expect(Object.values(viewer.view!.entries).some((e) => e.nameEn === 'New Town')).toBe(true);
    expect(moderator.view!.signals[A]).toBeUndefined();
    expect(moderator.view!.signals[B]?.kind).toBe('request_floor');
  });

  it('shows a message for the speaker only to the speaking participant and the moderator', async () => {
    expect(server.service.state().currentEntryId).toBe(A);
    const text = 'Осталась минута, завершайте';
    const version = await okCommand(moderator, { type: 'message.send', target: 'speaker', text });
    await expectConverged(server, all());
    const sees = (c: Client) => c.view!.messages.some((m) => m.target === 'speaker' && m.text === text);
    const heard = (c: Client) => patchAt(c, version).events.some((e) => e.type === 'message' && e.text === text);
    expect(sees(moderator) && heard(moderator)).toBe(true);
    expect(sees(cityA) && heard(cityA)).toBe(true);
    expect(sees(cityB) || heard(cityB)).toBe(false);
    expect(sees(viewer) || heard(viewer)).toBe(false);

    // A message for the screens reaches everyone.
    const screens = 'Добро пожаловать';
    await okCommand(moderator, { type: 'message.send', target: 'screens', text: screens });
    await expectConverged(server, all());
    for (const client of all()) expect(client.view!.messages.map((m) => m.text), client.name).toContain(screens);
  });

  it('shows a signal only to the moderator and the signalling participant', async () => {
    const version = await okCommand(cityB, { type: 'signal.send', kind: 'technical_problem' });
    await expectConverged(server, all());
    const heard = (c: Client) => patchAt(c, version).events.some((e) => e.type === 'signal' && e.entryId === B);
    expect(moderator.view!.signals[B]?.kind).toBe('technical_problem');
    expect(heard(moderator)).toBe(true);
    expect(Object.keys(cityB.view!.signals)).toEqual([B]);
    expect(heard(cityB)).toBe(true);
    expect(cityA.view!.signals[B]).toBeUndefined();
    expect(heard(cityA)).toBe(false);
    expect(viewer.view!.signals).toEqual({});
    expect(heard(viewer)).toBe(false);

    // Another city cannot clear it, and a screen cannot send anything.
    const foreign = await command(cityA, { type: 'signal.clear', entryId: B });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromScreen = await command(viewer, { type: 'message.send', target: 'screens', text: 'hi' });
    expect(fromScreen).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(server.service.state().version).toBe(version);

    await okCommand(moderator, { type: 'signal.clear', entryId: B });
    await expectConverged(server, all());
    expect(moderator.view!.signals[B]).toBeUndefined();
    expect(cityB.view!.signals).toEqual({});
  });

  it('answers sync with upToDate for the current version and with a full snapshot for an old one', async () => {
    const version = server.service.state().version;
    expect(await sync(cityA, { version })).toEqual({ upToDate: true, version });
    const old = await sync(cityA, { version: version - 3 });
    expect(old).toMatchObject({ role: 'participant', entryId: A, view: { version } });
    expect((old as SnapshotMessage).view).toEqual(cityA.view);
    const forViewer = await sync(viewer, { version: 1 });
    expect(forViewer).toMatchObject({ role: 'viewer', entryId: null, view: { version, signals: {} } });
  });

  it('refuses a malformed sync with an error naming the field', async () => {
    const wrongType = await sync(moderator, { version: 'latest' });
    expect(wrongType).toMatchObject({ error: { code: 'bad_request' } });
    expect((wrongType as { error: RollcallError }).error.message).toMatch(/^version: /);
    const negative = await sync(moderator, { version: -1 });
    expect((negative as { error: RollcallError }).error.message).toMatch(/^version: /);
    const missing = await sync(moderator, {});
    expect((missing as { error: RollcallError }).error.message).toMatch(/^version: /);
    const unknown = await sync(moderator, { version: 1, since: 0 });
    expect((unknown as { error: RollcallError }).error.message).toContain('since: unknown field');
  });

  it('answers time with the server clock', async () => {
    const before = Date.now();
    const serverTime = await viewer.socket.timeout(3000).emitWithAck('time');
    const after = Date.now();
    expect(typeof serverTime).toBe('number');
    expect(serverTime).toBeGreaterThanOrEqual(before - 50);
    expect(serverTime).toBeLessThanOrEqual(after + 50);
  });

  it('tracks a participant online, reconnecting, then offline after the grace', async () => {
    const from = moderator.patches.length;
    const cityC = track(connect(server, 'city C', { auth: { token: tokens[C] } }));
    expect(await connected(cityC)).toMatchObject({ role: 'participant', entryId: C });
    await waitFor('C online', () => moderator.view!.connections[C]?.state === 'online');

    cityC.socket.disconnect();
    await waitFor('C reconnecting', () => moderator.view!.connections[C]?.state === 'reconnecting');
    const droppedAt = Date.now();
    await waitFor('C offline', () => moderator.view!.connections[C]?.state === 'offline', GRACE_MS + 3000);
    // Not before the grace is over (a little slack for timer and network jitter).
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(presenceSeen(moderator, C, from)).toEqual(['online', 'reconnecting', 'offline']);
    // Every screen shows the same presence.
    await expectConverged(server, all());
    expect(viewer.view!.connections[C]?.state).toBe('offline');
  });

  it('goes straight back to online when a participant reconnects within the grace', async () => {
    const from = moderator.patches.length;
    const first = track(connect(server, 'city C again', { auth: { token: tokens[C] } }));
    await connected(first);
    await waitFor('C online', () => moderator.view!.connections[C]?.state === 'online');
    first.socket.disconnect();
    await waitFor('C reconnecting', () => moderator.view!.connections[C]?.state === 'reconnecting');
    const second = track(connect(server, 'city C reconnected', { auth: { token: tokens[C] } }));
    await connected(second);
    await waitFor('C online again', () => moderator.view!.connections[C]?.state === 'online');
    // Let the original grace run out twice over: an 'offline' must not appear.
    await sleep(GRACE_MS * 2);
    expect(server.service.state().connections[C]?.state).toBe('online');
    expect(presenceSeen(moderator, C, from)).toEqual(['online', 'reconnecting', 'online']);
    second.socket.disconnect();
    await waitFor('C offline at last', () => moderator.view!.connections[C]?.state === 'offline', GRACE_MS + 3000);
  });

  it('keeps a participant online while a second tab of it is still connected', async () => {
    const from = moderator.patches.length;
    const secondTab = track(connect(server, 'city A second tab', { auth: { token: tokens[A] } }));
    await connected(secondTab);
    secondTab.socket.disconnect();
    // cityA is still connected: closing the second tab changes nothing, so the next command's
    // patch is the only one the moderator gets.
    const version = await okCommand(moderator, { type: 'message.send', target: 'screens', text: 'Проверка связи' });
    await waitFor('moderator at the new version', () => moderator.view!.version === version);
    await sleep(GRACE_MS + 100);
    expect(presenceSeen(moderator, A, from)).toEqual([]);
    expect(server.service.state().connections[A]?.state).toBe('online');
  });

  it('tells everyone how many viewers are watching', async () => {
    const base = 1; // `viewer`
    const last = (c: Client) => c.audiences[c.audiences.length - 1];
    await waitFor('a settled audience of one viewer', () => last(moderator)?.viewers === base);
    const screens = [track(connect(server, 'screen 1')), track(connect(server, 'screen 2'))];
    await Promise.all(screens.map((s) => connected(s)));
    await waitFor('moderator to count three viewers', () => last(moderator)?.viewers === base + 2);
    await waitFor('the participant to count three viewers', () => last(cityA)?.viewers === base + 2);
    expect(last(moderator)).toMatchObject({ moderators: 1, participants: 2 });
    const state = (await (await fetch(`${server.url}/api/state`)).json()) as { counts: { viewers: number } };
    expect(state.counts.viewers).toBe(base + 2);

    for (const s of screens) s.socket.disconnect();
    await waitFor('the count to drop back', () => last(moderator)?.viewers === base);
  });

  it('refuses a connection from a foreign Origin and accepts the server\'s own', async () => {
    const evil = track(connect(server, 'evil', { extraHeaders: { origin: 'http://evil.example' } }));
    const error = await nextEvent<Error>(evil.socket, 'connect_error');
    expect(error).toBeInstanceOf(Error);
    expect(evil.socket.connected).toBe(false);
    expect(evil.snapshots).toEqual([]);

    const own = track(connect(server, 'own origin', { extraHeaders: { origin: server.url } }));
    expect(await connected(own)).toMatchObject({ role: 'viewer' });
    own.socket.disconnect();
  });

  it('refuses a wrong moderator key and an unknown token at the handshake', async () => {
    const wrongKey = track(connect(server, 'wrong key', { auth: { key: 'nope' } }));
    const keyError = await nextEvent<Error & { data?: { code: string } }>(wrongKey.socket, 'connect_error');
    expect(keyError.data?.code).toBe('unauthorized');
    const badToken = track(connect(server, 'bad token', { auth: { token: `${A}.forged` } }));
    const tokenError = await nextEvent<Error & { data?: { code: string } }>(badToken.socket, 'connect_error');
    expect(tokenError.data?.code).toBe('unauthorized');
    expect([...wrongKey.snapshots, ...badToken.snapshots]).toEqual([]);
  });

  it('does not apply a payload over 16 KiB', async () => {
    const target = server.service.state().order[6]!;
    const summaryBefore = server.service.state().entries[target]!.practiceSummary;
    // Within the schema's limits (4000 characters), but each control character is 6 bytes of JSON:
    // only the size limit can stop it.
    const payload = { type: 'entry.update', entryId: target, fields: { practiceSummary: `Итоги${'\u0001'.repeat(3500)}.` } };
    expect(parseCommand(payload).ok).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeGreaterThan(MAX_PAYLOAD_BYTES);

    const versionBefore = server.service.state().version;
    const big = track(connect(server, 'big sender', { auth: { key: KEY } }));
    await connected(big);
    const outcome = await Promise.race([
      nextEvent<string>(big.socket, 'disconnect').then((reason) => ({ disconnected: reason })),
      command(big, payload).then((result) => ({ result })),
    ]);
    if ('result' in outcome) expect(outcome.result.ok).toBe(false);
    expect(server.service.state().version).toBe(versionBefore);
    expect(server.service.state().entries[target]!.practiceSummary).toBe(summaryBefore);
    // The other clients are unaffected and the server still works.
    const version = await okCommand(moderator, { type: 'entry.update', entryId: target, fields: { practiceSummary: 'Короткие итоги' } });
    expect(version).toBe(versionBefore + 1);
    await expectConverged(server, all());
    expect(viewer.view!.entries[target]!.practiceSummary).toBe('Короткие итоги');
  });
});

// ---- rate limit -----------------------------------------------------------------------------------

describe('socket rate limit', () => {
  let server: RollcallServer;
  let dataDir: string;
  let moderator: Client;

  beforeAll(async () => {
    ({ server, dataDir } = await startServer({ socketRateLimit: { capacity: 3, perSecond: 1 } }));
    moderator = connect(server, 'moderator', { auth: { key: KEY } });
    await connected(moderator);
  });

  afterAll(async () => {
    moderator?.socket.disconnect();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers rate_limited to a flood of commands and applies only the allowed ones', async () => {
    const before = server.service.state().version;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => command(moderator, { type: 'message.send', target: 'screens', text: `flood ${i}` })),
    );
    const accepted = results.filter((r) => r.ok);
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited');
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    expect(accepted.length).toBeLessThanOrEqual(4); // the burst, plus at most one refilled token
    expect(limited.length).toBe(results.length - accepted.length);
    expect(limited[0]).toMatchObject({ ok: false, error: { code: 'rate_limited', reason: 'rate_limited' } });
    // Refused commands changed nothing.
    expect(server.service.state().version).toBe(before + accepted.length);
    await waitFor('the moderator view to settle', () => moderator.view!.version === before + accepted.length);

    // The bucket refills (one token a second): a command goes through again within a few seconds.
    const deadline = Date.now() + 4000;
    let later = await command(moderator, { type: 'message.send', target: 'screens', text: 'after the flood' });
    while (!later.ok && Date.now() < deadline) {
      expect(later.error.code).toBe('rate_limited');
      await sleep(100);
      later = await command(moderator, { type: 'message.send', target: 'screens', text: 'after the flood' });
    }
    expect(later).toEqual({ ok: true, version: before + accepted.length + 1 });
  });
});

// ---- presence across a restart --------------------------------------------------------------------

describe('presence across a server restart', () => {
  let server: RollcallServer | undefined;
  let dataDir: string | undefined;
  const clients: Client[] = [];
  const track = (client: Client) => (clients.push(client), client);

  afterAll(async () => {
    for (const client of clients) client.socket.disconnect();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a participant who does not come back after a restart as offline after the grace', async () => {
    ({ server, dataDir } = await startServer());
    const [a, b] = server.service.state().order.slice(3, 5) as [string, string];
    const [linkA, linkB] = server.links.list([a, b]);
    const cities = [track(connect(server, 'city A', { auth: { token: linkA!.token } })), track(connect(server, 'city B', { auth: { token: linkB!.token } }))];
    await Promise.all(cities.map((c) => connected(c)));
    const first = server;
    await waitFor('both cities online', () => [a, b].every((id) => first.service.state().connections[id]?.state === 'online'));

    await server.close();
    server = undefined;
    ({ server } = await startServer({}, dataDir));
    // City A comes straight back; city B never does.
    const moderator = track(connect(server, 'moderator', { auth: { key: KEY } }));
    const back = track(connect(server, 'city A back', { auth: { token: linkA!.token } }));
    await Promise.all([connected(moderator), connected(back)]);
    await waitFor('city B shown offline', () => moderator.view?.connections[b]?.state === 'offline', GRACE_MS + 3000);
    await waitFor('city A shown online', () => moderator.view?.connections[a]?.state === 'online');
    await sleep(GRACE_MS + 100);
    expect(moderator.view!.connections[a]?.state).toBe('online');
    expect(moderator.view!.connections[b]?.state).toBe('offline');
  });
});
