// Several events in one data dir, over the organisers' HTTP routes and socket.io against a real
// server (no pages) on an ephemeral port: rehearsal copies, switching the active one, a restart.
import { describe, expect, it } from 'vitest';
import type { Report } from '../lib/report';
import type { ApiState } from '../lib/view';
import { KEY, MODERATOR, waitFor, type Client } from './support/real-server';
import { GOOD_CSV, useOrganiserServer } from './support/organiser-server';

interface EventSummary {
  id: string;
  title: string;
  plannedStart: string;
  phase: string;
  entries: number;
  registered: number;
  rehearsalOf: string | null;
  active: boolean;
}

describe('events: rehearsal copies, switching, a restart', () => {
  // A fresh data dir for every test: each one arranges what it needs with the helpers below.
  const s = useOrganiserServer({ fresh: 'each' });
  /** Every client connected below: plain socket.io clients, with no code of their own for a switch. */
  const clients = s.clients;
  const connectAs = (name: string, auth: Record<string, string> = {}) => s.connect(name, { auth });
  const events = async () => {
    const reply = await s.request('GET', '/api/events', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    return reply.body as EventSummary[];
  };
  const report = async (eventId: string) => {
    const reply = await s.request('GET', `/api/events/${eventId}/report.json`, { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    return reply.body as Report;
  };
  const times = (r: Report) =>
    r.entries.map((e) => ({ id: e.id, usedMs: e.usedMs, overtimeMs: e.overtimeMs, turns: e.turns, status: e.status }));
  /** Waits for a client's `n`-th snapshot (1-based). */
  const snapshotNo = (client: Client, n: number) => waitFor(`${client.name}'s snapshot #${n}`, () => client.snapshots[n - 1]);

  let omskToken: string;
  let mainState: ApiState;
  let rehearsalId: string;
  let moderator: Client;
  let viewer: Client;

  /** Main has had turns, an extension and an absent city: its state then. */
  const runMain = async () => {
    await s.ok({ type: 'entry.markAbsent', entryId: 'magadan' });
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    s.advance(320_000);
    await s.ok({ type: 'speaker.extend', seconds: 60 });
    await s.ok({ type: 'speaker.next' });
    s.advance(30_000);
    return s.state();
  };
  /** A rehearsal copy of main after its first turns; the copy's id. */
  const rehearseMain = async () => {
    omskToken = await s.tokenOf('omsk');
    mainState = await runMain();
    const reply = await s.request('POST', '/api/events/main/rehearsal', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(201);
    rehearsalId = (reply.body as EventSummary).id;
    return reply;
  };
  /**
   * The rehearsal made active with a moderator and a screen connected, then run a little: Omsk's
   * link signals there, and two turns begin (5 s of the second).
   */
  const runRehearsal = async () => {
    moderator = connectAs('moderator', { key: KEY });
    viewer = connectAs('viewer');
    expect((await snapshotNo(moderator, 1)).eventId).toBe('main');
    expect((await snapshotNo(viewer, 1)).eventId).toBe('main');
    const reply = await s.request('POST', `/api/events/${rehearsalId}/activate`, { auth: MODERATOR });
    const state = await s.state();
    const list = await events();
    const omsk = connectAs('omsk', { token: omskToken });
    await snapshotNo(omsk, 1);
    await s.ok({ type: 'signal.send', kind: 'ready' }, `Bearer ${omskToken}`);
    const omskPresence = (await s.state()).entries.find((e) => e.id === 'omsk')!.presence;
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    s.advance(5_000);
    return { reply, state, list, omsk, omskPresence };
  };

  it('GET /api/events lists main, active; moderator only', async () => {
    expect(await events()).toEqual([
      {
        id: 'main',
        title: 'Круглый стол «Эстафета горячих сердец»',
        plannedStart: '2026-12-10T10:00:00+03:00',
        phase: 'planned',
        entries: 37,
        registered: 0,
        rehearsalOf: null,
        active: true,
      },
    ]);
    await s.refused(() => s.request('GET', '/api/events'), 401, 'unauthorized');
    const omskToken = await s.tokenOf('omsk');
    await s.refused(() => s.request('GET', '/api/events', { auth: `Bearer ${omskToken}` }), 403, 'forbidden');
  });

  it('POST /api/events/main/rehearsal: 201, a planned copy with the same entries and clean times', async () => {
    const reply = await rehearseMain();
    expect(mainState.entries[0]).toMatchObject({ usedMs: 320_000, turns: 1, status: 'done' });
    const created = reply.body as EventSummary;
    expect(rehearsalId).not.toBe('main');
    expect(created).toMatchObject({ phase: 'planned', entries: 37, rehearsalOf: 'main', active: false });
    expect(created.title).toContain('репетиция');
    expect(created.title).toContain('Эстафета горячих сердец');

    // Main is still the active one and untouched.
    expect((await events()).map((e) => [e.id, e.active])).toEqual([
      ['main', true],
      [rehearsalId, false],
    ]);
    expect(await s.state()).toEqual(mainState);

    // The copy: the same list in the same order, nobody has spoken, nobody absent.
    const copy = await report(rehearsalId);
    expect(copy.phase).toBe('planned');
    expect(copy.entries.map((e) => e.id)).toEqual(mainState.entries.map((e) => e.id));
    for (const e of copy.entries)
      expect({ usedMs: e.usedMs, turns: e.turns, status: e.status, extraMs: e.extraMs }, e.id).toEqual({
        usedMs: 0,
        turns: 0,
        status: 'waiting',
        extraMs: 0,
      });
    const list = await s.request('GET', `/api/events/${rehearsalId}/entries.csv`, { auth: MODERATOR });
    const mainList = await s.request('GET', '/api/events/main/entries.csv', { auth: MODERATOR });
    expect(list.text).toBe(mainList.text);
    expect(list.headers.get('content-disposition')).toContain(`rollcall-${rehearsalId}-entries.csv`);
  });

  it('POST /api/events/<id>/activate switches the screens: state, sockets and links follow', async () => {
    await rehearseMain();
    const { reply, state, list, omsk, omskPresence } = await runRehearsal();
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ id: rehearsalId, active: true, phase: 'planned' });

    expect(state).toMatchObject({ version: 0, phase: 'planned', currentEntryId: null });
    expect(state.event.title).toContain('репетиция');
    expect(state.entries.map((e) => e.id)).toEqual(mainState.entries.map((e) => e.id));
    expect(state.entries.every((e) => e.usedMs === 0 && e.turns === 0 && e.status === 'waiting')).toBe(true);
    expect(list.map((e) => [e.id, e.active])).toEqual([
      ['main', false],
      [rehearsalId, true],
    ]);

    // Every socket stayed connected, was told, and got the rehearsal's snapshot on the same connection.
    for (const client of [moderator, viewer]) {
      const snapshot = await snapshotNo(client, 2);
      expect(client.disconnects).toEqual([]);
      expect(client.switches).toEqual([{ eventId: rehearsalId, previousEventId: 'main' }]);
      expect(snapshot).toMatchObject({ eventId: rehearsalId, view: { version: 0, phase: 'planned', currentEntryId: null } });
    }

    // The city's link from main opens the rehearsal too: by socket and over HTTP.
    expect(omsk.snapshots[0]).toMatchObject({ eventId: rehearsalId, role: 'participant', entryId: 'omsk' });
    expect(omskPresence).toBe('online');
    await waitFor('the signal in the moderator view', () => moderator.view?.signals.omsk?.kind === 'ready');
    // Commands went to the rehearsal, not to main.
    expect((await report('main')).entries.find((e) => e.id === 'opening-words')!.usedMs).toBe(320_000);
    expect(
      times(await report('main'))
        .filter((e) => e.turns > 0)
        .map((e) => e.id),
    ).toEqual(['opening-words', 'welcome-from-fmba-of-russia']);
    expect((await report(rehearsalId)).phase).toBe('live');
  });

  it('activating main again brings back main’s state, and the sockets move back', async () => {
    await rehearseMain();
    await runRehearsal();
    const mainBefore = await report('main');
    const reply = await s.request('POST', '/api/events/main/activate', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ id: 'main', active: true, phase: 'live' });

    const state = await s.state();
    expect(state.phase).toBe('live');
    expect(state.event.title).toBe(mainState.event.title);
    expect(state.currentEntryId).toBe(mainState.currentEntryId);
    const strip = (entries: ApiState['entries']) => entries.map(({ presence: _p, ...rest }) => rest);
    expect(strip(state.entries)).toEqual(
      strip(mainState.entries).map((e) => (e.status === 'speaking' ? { ...e, usedMs: e.usedMs + 5_000 } : e)),
    );
    expect(state.version).toBeGreaterThanOrEqual(mainState.version);
    expect(times(await report('main'))).toEqual(times(mainBefore));

    for (const client of clients) {
      const last = await waitFor(
        `${client.name} back on main`,
        () => client.snapshots.at(-1)?.eventId === 'main' && client.snapshots.at(-1),
      );
      expect(last.view.phase).toBe('live');
      expect(last.view.entries['opening-words']!.turns).toHaveLength(1);
    }
    // The rehearsal kept what happened in it.
    const rehearsal = await report(rehearsalId);
    expect(rehearsal.phase).toBe('live');
    expect(rehearsal.entries[0]).toMatchObject({ id: 'opening-words', turns: 1, usedMs: 5_000 });
  });

  it('an unknown event: 404 naming it, and nothing changes', async () => {
    await rehearseMain();
    for (const [method, path] of [
      ['POST', '/api/events/atlantis/activate'],
      ['POST', '/api/events/atlantis/rehearsal'],
      ['GET', '/api/events/atlantis/report.json'],
      ['GET', '/api/events/atlantis/entries.csv'],
    ] as const) {
      const reply = await s.refused(() => s.request(method, path, { auth: MODERATOR }), 404, 'not_found', /atlantis/);
      expect(reply.body.error.reason).toBe('unknown_event');
    }
    const reply = await s.refused(
      () => s.request('POST', '/api/events/current/import?format=csv', { auth: MODERATOR, raw: GOOD_CSV }),
      409,
      'conflict',
    );
    expect(reply.body.error.reason).toBe('session_started');
    expect((await events()).map((e) => [e.id, e.active])).toEqual([
      ['main', true],
      [rehearsalId, false],
    ]);
  });

  it('every event survives a restart on the same data dir, with the active one still active', async () => {
    await rehearseMain();
    await runRehearsal();
    await s.request('POST', '/api/events/main/activate', { auth: MODERATOR });
    // Leave the rehearsal active, with everyone gone (so no presence change is pending).
    const activated = await s.request('POST', `/api/events/${rehearsalId}/activate`, { auth: MODERATOR });
    expect(activated.status).toBe(200);
    await waitFor('everyone on the rehearsal', () => clients.every((c) => c.snapshots.at(-1)?.eventId === rehearsalId));
    for (const client of clients) client.socket.disconnect();
    await waitFor('omsk dropped', () => s.server.service.state().connections.omsk?.state === 'reconnecting');
    s.advance(100); // the reconnect grace, on the server's fake clock
    expect(s.server.service.state().connections.omsk?.state).toBe('offline');

    const listBefore = await events();
    const stateBefore = await s.state();
    const reportsBefore = { main: await report('main'), rehearsal: await report(rehearsalId) };
    // The port changes on restart; the tokens (what the printed links carry) must not.
    const tokens = async () =>
      ((await s.request('GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[]).map((l) => [
        l.entryId,
        l.token,
      ]);
    const linksBefore = await tokens();

    await s.restart();

    expect(await events()).toEqual(listBefore);
    expect(listBefore.find((e) => e.active)!.id).toBe(rehearsalId);
    expect(await s.state()).toEqual(stateBefore);
    expect(await report('main')).toEqual(reportsBefore.main);
    expect(await report(rehearsalId)).toEqual(reportsBefore.rehearsal);
    expect(await tokens()).toEqual(linksBefore);
    expect(linksBefore).toContainEqual(['omsk', omskToken]);
    // The city's link still works, and a reconnecting screen gets the rehearsal.
    await s.ok({ type: 'signal.clear' }, `Bearer ${omskToken}`);
    const screen = connectAs('screen after restart');
    expect(await snapshotNo(screen, 1)).toMatchObject({ eventId: rehearsalId });

    // Main is intact behind it.
    await s.request('POST', '/api/events/main/activate', { auth: MODERATOR });
    const main = await s.state();
    expect(main.phase).toBe('live');
    expect(main.entries.find((e) => e.id === 'opening-words')).toMatchObject({
      usedMs: 320_000,
      turns: 1,
      allottedMs: 300_000,
      extraMs: 60_000,
      allottedTotalMs: 360_000,
    });
    expect(main.entries.find((e) => e.id === 'magadan')).toMatchObject({ status: 'absent' });
  });

  it('DELETE /api/events/<id> removes a rehearsal that is not active; the real event and the active one stay', async () => {
    await rehearseMain();
    await s.refused(() => s.request('DELETE', '/api/events/main', { auth: MODERATOR }), 409, 'conflict', /active/);
    await s.refused(() => s.request('DELETE', `/api/events/${rehearsalId}`), 401, 'unauthorized');
    await s.refused(
      () => s.request('POST', `/api/events/${rehearsalId}/rehearsal`, { auth: MODERATOR }),
      409,
      'conflict',
      /is a rehearsal/,
    );
    const reply = await s.request('DELETE', `/api/events/${rehearsalId}`, { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    expect((reply.body as EventSummary[]).map((e) => e.id)).toEqual(['main']);
    await s.refused(() => s.request('GET', `/api/events/${rehearsalId}/report.json`, { auth: MODERATOR }), 404, 'not_found');
    const again = await s.request('POST', '/api/events/main/rehearsal', { auth: MODERATOR });
    expect((again.body as EventSummary).title).toMatch(/репетиция 2$/);
  });
});
