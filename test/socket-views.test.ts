// The socket.io transport against a real server on a random port: a snapshot on connect,
// acknowledged commands, per-role patches that converge through a burst of commands, what each role
// may see, and sync/time. Clients are real socket.io-client sockets over the websocket transport.
import { beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type PatchMessage, type RollcallError } from '../lib/protocol';
import type { RollcallServer } from '../server/app-server';
import { connected, waitFor, type Client } from './support/real-server';
import { command, expectConverged, okCommand, patchAt, sync, useSocketRoom } from './support/socket-room';

/** The patch a client got for `version`, if its view changed then. */
const patchOf = (client: Client, version: number): PatchMessage | undefined => client.patches.find((p) => p.version === version);

describe('socket transport on a real server', () => {
  // A fresh server and room for every test: each arranges the phase and the speaker it needs.
  const room = useSocketRoom({ fresh: 'each' });
  const { s } = room;
  let server: RollcallServer;
  let moderator: Client;
  let cityA: Client;
  let cityB: Client;
  let viewer: Client;
  let A: string;
  let B: string;
  const all = () => room.all();

  // The room's own beforeEach (registered first) has connected everyone by now.
  beforeEach(() => {
    ({ moderator, cityA, cityB, viewer, A, B } = room);
    server = s.server;
  });

  it('sends every client a snapshot on connect with its role, its entry and the current version', async () => {
    expect(moderator.snapshots[0]).toMatchObject({ protocol: PROTOCOL_VERSION, role: 'moderator', entryId: null });
    expect(viewer.snapshots[0]).toMatchObject({ protocol: PROTOCOL_VERSION, role: 'viewer', entryId: null });
    expect(cityA.snapshots[0]).toMatchObject({ protocol: PROTOCOL_VERSION, role: 'participant', entryId: A });
    expect(cityB.snapshots[0]).toMatchObject({ protocol: PROTOCOL_VERSION, role: 'participant', entryId: B });

    // A screen connecting now gets the version of the last change screens could see, and a recent server
    // time: the one its shared snapshot was encoded at, for this version (by a connect or sync moments ago).
    const version = server.visibleVersion({ role: 'viewer' });
    const before = Date.now();
    const late = s.connect('late viewer');
    const snapshot = await connected(late);
    expect(snapshot.view.version).toBe(version);
    expect(snapshot.view.order).toEqual(server.service.state().order);
    expect(snapshot.serverTime).toBeGreaterThanOrEqual(before - 10_000);
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
      expect(patch.notices, client.name).toContainEqual({ type: 'phase', phase: 'live' });
      expect(client.view!.phase, client.name).toBe('live');
    });
    await expectConverged(server, all());
  });

  it("keeps every role's view equal to a fresh snapshot through a burst of concurrent commands", async () => {
    await okCommand(moderator, { type: 'session.start' });
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
    await okCommand(moderator, { type: 'session.start' });
    await okCommand(moderator, { type: 'speaker.start', entryId: A });
    expect(server.service.state().currentEntryId).toBe(A);
    const text = 'Осталась минута, завершайте';
    const version = await okCommand(moderator, { type: 'message.send', target: 'speaker', text });
    await expectConverged(server, all());
    const sees = (c: Client) => c.view!.messages.some((m) => m.target === 'speaker' && m.text === text);
    const heard = (c: Client) => !!patchOf(c, version)?.notices.some((e) => e.type === 'message' && e.text === text);
    expect(sees(moderator) && heard(moderator)).toBe(true);
    expect(sees(cityA) && heard(cityA)).toBe(true);
    expect(sees(cityB) || heard(cityB)).toBe(false);
    expect(sees(viewer) || heard(viewer)).toBe(false);

    // A message for the screens reaches everyone.
    const screens = 'Добро пожаловать';
    await okCommand(moderator, { type: 'message.send', target: 'screens', text: screens });
    await expectConverged(server, all());
    for (const client of all())
      expect(
        client.view!.messages.map((m) => m.text),
        client.name,
      ).toContain(screens);
  });

  it('shows a signal only to the moderator and the signalling participant', async () => {
    const version = await okCommand(cityB, { type: 'signal.send', kind: 'technical_problem' });
    await expectConverged(server, all());
    const heard = (c: Client) => !!patchOf(c, version)?.notices.some((e) => e.type === 'signal' && e.entryId === B);
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

  it("answers sync with upToDate for the audience's version, else with a snapshot message first", async () => {
    const version = server.visibleVersion({ role: 'participant', entryId: A });
    expect(cityA.view!.version).toBe(version);
    expect(await sync(cityA, { version })).toEqual({ upToDate: true, version });
    const count = cityA.snapshots.length;
    expect(await sync(cityA, { version: version - 1 })).toEqual({ upToDate: false, version });
    expect(cityA.snapshots[count]).toMatchObject({ role: 'participant', entryId: A, view: { version } });
    expect(cityA.snapshots[count]!.view).toEqual(cityA.view);
    const screens = server.visibleVersion({ role: 'viewer' });
    const before = viewer.snapshots.length;
    expect(await sync(viewer, { version: 1 })).toEqual({ upToDate: false, version: screens });
    expect(viewer.snapshots[before]).toMatchObject({
      role: 'viewer',
      entryId: null,
      view: { version: screens, signals: {}, connections: {} },
    });
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
});
