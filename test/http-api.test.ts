// The HTTP control API against a real server (no pages) on an ephemeral port, driven with fetch:
// every route, every error a client can get, and that no refused request changes the state.
import { describe, expect, it } from 'vitest';
import { KEY, MODERATOR, NO_LIMITS, T0, useRealServer, type RealServerOptions } from './support/real-server';

/** A real server in a fresh temp dir for the enclosing describe block, with a clock the test moves. */
const useServer = (extra: RealServerOptions = {}) =>
  useRealServer({
    fakeClock: true,
    tempPrefix: 'rollcall-http-',
    // These tests send hundreds of requests from one address; the limits have tests of their own.
    limits: NO_LIMITS,
    refusedAlsoChecks: { reasonIsText: true },
    ...extra,
  });

/** What a JSON client sends along with a raw (here broken or empty) body. */
const JSON_BODY = { 'content-type': 'application/json' };

describe('reading the state', () => {
  const s = useServer({ fresh: 'each' });

  it("GET /api/health answers 200 with the version, the server time and this process's sockets", async () => {
    const reply = await s.request('GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, version: 0, serverTime: T0, sockets: { viewers: 0, participants: 0, moderators: 0 } });
    expect(reply.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('GET /api/state lists every entry in running order with its derived times', async () => {
    const state = await s.state();
    expect(state).toMatchObject({ version: 0, serverTime: T0, phase: 'planned', currentEntryId: null });
    expect(state.entries).toHaveLength(37);
    expect(state.entries.map((e) => e.id)).toEqual(s.server.service.state().order);
    expect(state.entries[0]).toMatchObject({
      id: 'opening-words',
      kind: 'guest',
      name: 'Вступительное слово',
      status: 'waiting',
      attendance: 'in_person',
      presence: 'offline',
      allottedMs: 300_000,
      usedMs: 0,
      overtimeMs: 0,
    });
    const yakutsk = state.entries.find((e) => e.id === 'yakutsk')!;
    expect(yakutsk).toMatchObject({ kind: 'city', name: 'Якутск', attendance: 'in_person', allottedMs: 180_000 });
  });

  it('usedMs counts the running turn up to serverTime, and overtimeMs what is past the allotment', async () => {
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    s.advance(200_000);

    let state = await s.state();
    expect(state.phase).toBe('live');
    expect(state.currentEntryId).toBe('opening-words');
    expect(state.serverTime).toBe(s.t);
    expect(state.entries[0]).toMatchObject({ status: 'speaking', usedMs: 200_000, overtimeMs: 0, allottedMs: 300_000 });

    s.advance(150_000);
    state = await s.state();
    expect(state.entries[0]).toMatchObject({ usedMs: 350_000, overtimeMs: 50_000 });

    // An extension moves the allotment; overtime shrinks accordingly.
    await s.ok({ type: 'speaker.extend', seconds: 30 });
    state = await s.state();
    expect(state.entries[0]).toMatchObject({
      allottedMs: 300_000,
      extraMs: 30_000,
      allottedTotalMs: 330_000,
      usedMs: 350_000,
      overtimeMs: 20_000,
    });

    // Once the turn ends its time stops.
    await s.ok({ type: 'speaker.next' });
    s.advance(60_000);
    state = await s.state();
    expect(state.currentEntryId).toBe('welcome-from-fmba-of-russia');
    expect(state.entries[0]).toMatchObject({ status: 'done', usedMs: 350_000, overtimeMs: 20_000 });
    expect(state.entries[1]).toMatchObject({ status: 'speaking', usedMs: 60_000, overtimeMs: 0 });
  });

  it('reflects queue moves and presence', async () => {
    await s.ok({ type: 'queue.move', entryId: 'kaliningrad', index: 2 });
    await s.ok({ type: 'entry.checkIn', entryId: 'yakutsk', present: true });
    await s.ok({ type: 'entry.markAbsent', entryId: 'magadan' });
    const state = await s.state();
    expect(state.entries[2]!.id).toBe('kaliningrad');
    expect(state.entries.map((e) => e.id)).toEqual(s.server.service.state().order);
    expect(state.entries.find((e) => e.id === 'yakutsk')!.presence).toBe('in_hall');
    expect(state.entries.find((e) => e.id === 'magadan')).toMatchObject({ presence: 'absent', status: 'absent' });
  });

  it('anything outside /api is not found', async () => {
    const reply = await s.request('GET', '/moderator');
    expect(reply.status).toBe(404);
  });
});

describe('POST /api/commands', () => {
  const s = useServer({ fresh: 'each' });

  it('409 for a command the state does not allow (speaker.next before session.start)', async () => {
    const reply = await s.refused(() => s.command({ type: 'speaker.next' }), 409, 'conflict');
    expect(reply.body.error.reason).toBe('session_not_started');
  });

  it('200 with the new version', async () => {
    const before = (await s.state()).version;
    const reply = await s.command({ type: 'session.start' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ version: before + 1 });
    expect(await s.state()).toMatchObject({ version: before + 1, phase: 'live' });
  });

  it('a retry with the same id is applied once and answers duplicate', async () => {
    await s.ok({ type: 'session.start' });
    const body = { id: 'companion-42', type: 'speaker.next' };
    const first = await s.command(body);
    const second = await s.command(body);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ version: first.body.version, duplicate: true });
    const state = await s.state();
    expect(state.version).toBe(first.body.version);
    expect(state.currentEntryId).toBe('opening-words');
  });

  it('another command under a used id is refused: 409 conflict, id_reused, and nothing changes', async () => {
    // The README's old example: a button that always sends the same id.
    await s.ok({ id: 'companion-42', type: 'session.start' });
    const reply = await s.refused(
      () => s.command({ id: 'companion-42', type: 'speaker.extend', seconds: 30 }),
      409,
      'conflict',
      /^id: "companion-42" was already used/,
    );
    expect(reply.body.error.reason).toBe('id_reused');
  });

  describe('400 bad_request, naming the field', () => {
    it('invalid JSON', async () => {
      await s.refused(
        () => s.request('POST', '/api/commands', { auth: MODERATOR, raw: '{"type": "speaker.next",', headers: JSON_BODY }),
        400,
        'bad_request',
        /body/,
      );
    });
    it('an empty body', async () => {
      await s.refused(
        () => s.request('POST', '/api/commands', { auth: MODERATOR, raw: '', headers: JSON_BODY }),
        400,
        'bad_request',
        /body/,
      );
    });
    it('an unknown command type', async () => {
      await s.refused(() => s.command({ type: 'speaker.teleport' }), 400, 'bad_request', /^type/);
    });
    it('an unknown field', async () => {
      await s.refused(() => s.command({ type: 'speaker.next', force: true }), 400, 'bad_request', /force: unknown field/);
    });
    it('a wrong field type', async () => {
      await s.refused(() => s.command({ type: 'queue.move', entryId: 'omsk', index: 'first' }), 400, 'bad_request', /^index: .*number/);
    });
    it('a nested wrong field', async () => {
      await s.refused(
        () => s.command({ type: 'entry.update', entryId: 'omsk', fields: { allottedSeconds: 5 } }),
        400,
        'bad_request',
        /fields\.allottedSeconds/,
      );
    });
    it('an unknown entryId', async () => {
      const reply = await s.refused(
        () => s.command({ type: 'entry.checkIn', entryId: 'atlantis', present: true }),
        400,
        'bad_request',
        /entryId: .*atlantis/,
      );
      expect(reply.body.error.reason).toBe('unknown_entry');
    });
  });

  describe('401 unauthorized', () => {
    it('without Authorization', async () => {
      await s.refused(() => s.request('POST', '/api/commands', { body: { type: 'speaker.next' } }), 401, 'unauthorized', /Authorization/);
    });
    it('with a malformed header', async () => {
      await s.refused(() => s.command({ type: 'speaker.next' }, KEY), 401, 'unauthorized', /Authorization/);
      await s.refused(
        () => s.command({ type: 'speaker.next' }, `Basic ${Buffer.from(`admin:${KEY}`).toString('base64')}`),
        401,
        'unauthorized',
      );
      await s.refused(() => s.command({ type: 'speaker.next' }, 'Bearer '), 401, 'unauthorized');
    });
    it('with a wrong key', async () => {
      await s.refused(() => s.command({ type: 'speaker.next' }, 'Bearer test-kez'), 401, 'unauthorized', /not valid/);
      await s.refused(() => s.command({ type: 'speaker.next' }, 'Bearer omsk.forged-token'), 401, 'unauthorized');
    });
  });

  describe('403 forbidden', () => {
    it('a participant token sending a moderator command', async () => {
      const token = await s.tokenOf('omsk');
      await s.refused(() => s.command({ type: 'speaker.next' }, `Bearer ${token}`), 403, 'forbidden', /participant/);
      await s.refused(() => s.command({ type: 'signal.send', kind: 'ready', entryId: 'tomsk' }, `Bearer ${token}`), 403, 'forbidden');
      // ...while its own signal goes through.
      expect(await s.ok({ type: 'signal.send', kind: 'ready' }, `Bearer ${token}`)).toBeGreaterThan(0);
      expect(s.server.service.state().signals.omsk?.kind).toBe('ready');
    });
    it('a foreign Origin on POST', async () => {
      await s.refused(() => s.command({ type: 'speaker.next' }, MODERATOR, { origin: 'https://evil.example' }), 403, 'forbidden', /Origin/);
      // Same host on another port is another origin.
      await s.refused(() => s.command({ type: 'speaker.next' }, MODERATOR, { origin: 'http://127.0.0.1:1' }), 403, 'forbidden');
    });
    it('an Origin equal to the server’s own host is accepted', async () => {
      const before = (await s.state()).version;
      const reply = await s.command({ type: 'session.start' }, MODERATOR, { origin: s.url });
      expect(reply.status).toBe(200);
      expect((await s.state()).version).toBe(before + 1);
    });
  });

  describe('404 not_found', () => {
    it('an unknown route', async () => {
      await s.refused(() => s.request('GET', '/api/nothing-here'), 404, 'not_found', /\/api\/nothing-here/);
      await s.refused(() => s.request('DELETE', '/api/state', { auth: MODERATOR }), 404, 'not_found');
      await s.refused(() => s.request('GET', '/api/commands'), 404, 'not_found');
    });
  });

  describe('409', () => {
    it('a stale expectedVersion', async () => {
      const seen = (await s.state()).version;
      await s.ok({ type: 'message.send', target: 'screens', text: 'Перерыв', expectedVersion: seen });
      const reply = await s.refused(() => s.command({ type: 'speaker.next', expectedVersion: seen }), 409, 'stale', /expectedVersion/);
      expect(reply.body.error.reason).toBe('stale_version');
    });
  });

  describe('413 too_large', () => {
    it('a body over 16 KiB', async () => {
      const body = { type: 'message.send', target: 'screens', text: 'я'.repeat(9_000) }; // ~18 KB of UTF-8
      await s.refused(() => s.command(body), 413, 'too_large', /body/);
    });
    it('a body over 16 KiB sent without a Content-Length', async () => {
      const chunk = new TextEncoder().encode(JSON.stringify({ type: 'message.send', target: 'screens', text: 'x'.repeat(20_000) }));
      const before = (await s.state()).version;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < chunk.length; i += 4096) controller.enqueue(chunk.slice(i, i + 4096));
          controller.close();
        },
      });
      const res = await fetch(`${s.url}/api/commands`, {
        method: 'POST',
        headers: { authorization: MODERATOR, 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe('too_large');
      expect((await s.state()).version).toBe(before);
    });
  });
});

describe('join links', () => {
  const s = useServer();

  it('GET /api/links is for the moderator only', async () => {
    await s.refused(() => s.request('GET', '/api/links'), 401, 'unauthorized');
    await s.refused(() => s.request('GET', '/api/links', { auth: 'Bearer wrong' }), 401, 'unauthorized');
    const token = await s.tokenOf('omsk');
    await s.refused(() => s.request('GET', '/api/links', { auth: `Bearer ${token}` }), 403, 'forbidden');
  });

  it('lists a token and a url for every entry, the same on every call', async () => {
    const first = await s.request('GET', '/api/links', { auth: MODERATOR });
    expect(first.status).toBe(200);
    const links = first.body as { entryId: string; name: string; token: string; url: string }[];
    expect(links.map((l) => l.entryId)).toEqual(s.server.service.state().order);
    for (const link of links) {
      expect(link.token.startsWith(`${link.entryId}.`)).toBe(true);
      expect(link.url).toBe(`${s.url}/join/${encodeURIComponent(link.token)}`);
    }
    expect(links.find((l) => l.entryId === 'omsk')!.name).toBe('Омск');
    expect(new Set(links.map((l) => l.token)).size).toBe(links.length);
    const second = await s.request('GET', '/api/links', { auth: MODERATOR });
    expect(second.body).toEqual(first.body);
  });

  it('POST /api/links/:id regenerates: the old token gets 401, the new one works', async () => {
    const old = await s.tokenOf('tomsk');
    expect(await s.ok({ type: 'signal.send', kind: 'ready' }, `Bearer ${old}`)).toBeGreaterThan(0);

    const reply = await s.request('POST', '/api/links/tomsk', { auth: MODERATOR });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ entryId: 'tomsk', name: 'Томск' });
    const fresh = reply.body.token as string;
    expect(fresh).not.toBe(old);
    expect(reply.body.url).toBe(`${s.url}/join/${encodeURIComponent(fresh)}`);

    await s.refused(() => s.command({ type: 'signal.send', kind: 'technical_problem' }, `Bearer ${old}`), 401, 'unauthorized');
    expect(s.server.service.state().signals.tomsk?.kind).toBe('ready');
    await s.ok({ type: 'signal.send', kind: 'technical_problem' }, `Bearer ${fresh}`);
    expect(s.server.service.state().signals.tomsk?.kind).toBe('technical_problem');
    expect(await s.tokenOf('tomsk')).toBe(fresh);
  });

  it('DELETE /api/links/:id revokes: the token gets 401 and the link list shows none', async () => {
    const token = await s.tokenOf('barnaul');
    await s.ok({ type: 'signal.send', kind: 'ready' }, `Bearer ${token}`);

    const reply = await s.request('DELETE', '/api/links/barnaul', { auth: MODERATOR });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ entryId: 'barnaul', token: null, url: null });

    await s.refused(() => s.command({ type: 'signal.clear' }, `Bearer ${token}`), 401, 'unauthorized');
    const list = await s.request('GET', '/api/links', { auth: MODERATOR });
    expect((list.body as { entryId: string; token: string | null }[]).find((l) => l.entryId === 'barnaul')!.token).toBeNull();

    // A revoked entry can be given a new link again.
    const again = await s.request('POST', '/api/links/barnaul', { auth: MODERATOR });
    expect(again.status).toBe(200);
    await s.ok({ type: 'signal.clear' }, `Bearer ${again.body.token}`);
    await s.refused(() => s.command({ type: 'signal.clear' }, `Bearer ${token}`), 401, 'unauthorized');
  });

  it('changing links needs the moderator, a known entry and our own origin', async () => {
    const token = await s.tokenOf('omsk');
    await s.refused(() => s.request('POST', '/api/links/omsk'), 401, 'unauthorized');
    await s.refused(() => s.request('DELETE', '/api/links/omsk', { auth: 'Bearer nope' }), 401, 'unauthorized');
    await s.refused(() => s.request('POST', '/api/links/omsk', { auth: `Bearer ${token}` }), 403, 'forbidden');
    await s.refused(
      () => s.request('DELETE', '/api/links/omsk', { auth: MODERATOR, headers: { origin: 'https://evil.example' } }),
      403,
      'forbidden',
      /Origin/,
    );
    await s.refused(() => s.request('POST', '/api/links/atlantis', { auth: MODERATOR }), 404, 'not_found', /atlantis/);
    await s.refused(() => s.request('POST', '/api/links/%E0%A4%A', { auth: MODERATOR }), 404, 'not_found');
    // None of that touched omsk's link.
    expect(await s.tokenOf('omsk')).toBe(token);
    await s.ok({ type: 'signal.send', kind: 'ready' }, `Bearer ${token}`);
  });
});
