// The organisers' HTTP routes against a real server (no pages) on an ephemeral port, driven with fetch
// and socket.io-client: importing and exporting the list, ordering it, the cities' registration
// through their links, the report and the library of practices, and several events in one data dir
// (rehearsal copies, switching the active one, a restart).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/csv';
import type { ClientToServer, PatchMessage, ServerToClient, SnapshotMessage, View } from '../lib/protocol';
import type { Report } from '../lib/report';
import { applyPatch } from '../lib/view';
import { startRollcallServer, type RollcallServer, type RollcallServerOptions } from '../server/app-server';

const KEY = 'k';
const MODERATOR = `Bearer ${KEY}`;
const T0 = Date.parse('2026-12-10T10:00:00+03:00');
const BOM = '\uFEFF';
const MiB = 1024 * 1024;

interface Reply {
  status: number;
  headers: Headers;
  /** Raw bytes: fetch's text() would silently drop a BOM. */
  bytes: Uint8Array;
  /** UTF-8 text, BOM kept. */
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface ApiStateEntry {
  id: string;
  kind: string;
  name: string;
  nameEn: string;
  country: string;
  timeZone: string;
  representative: string;
  position: string;
  status: string;
  attendance: string;
  presence: string;
  allottedMs: number;
  usedMs: number;
  overtimeMs: number;
  turns: number;
}
interface ApiState {
  version: number;
  serverTime: number;
  phase: string;
  event: { title: string };
  currentEntryId: string | null;
  counts: Record<string, number>;
  entries: ApiStateEntry[];
}
interface EventSummary {
  id: string;
  title: string;
  plannedStart: string;
  phase: string;
  entries: number;
  rehearsalOf: string | null;
  active: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

// ---- a server per describe block ------------------------------------------------------------------

/**
 * A real server in a fresh temp dir for the enclosing describe block, with a clock the test moves.
 * `restart()` closes it and starts another on the same data dir (and the same clock).
 */
function useServer(extra: Partial<RollcallServerOptions> = {}) {
  const ctx = {
    t: T0,
    server: undefined as unknown as RollcallServer,
    dir: '',
    advance(ms: number) {
      ctx.t += ms;
    },
    get url() {
      return ctx.server.url;
    },
  };
  const clock = { now: () => ctx.t };
  const start = () =>
    startRollcallServer({
      dataDir: ctx.dir,
      port: 0,
      host: '127.0.0.1',
      moderatorKey: KEY,
      httpRateLimit: { capacity: 10_000, perSecond: 10_000 },
      reconnectGraceMs: 100,
      clock,
      ...extra,
    });
  beforeAll(async () => {
    ctx.dir = mkdtempSync(join(tmpdir(), 'rollcall-organiser-'));
    ctx.server = await start();
  });
  afterAll(async () => {
    await ctx.server?.close();
    if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
  });

  async function restart() {
    await ctx.server.close();
    ctx.server = await start();
  }

  async function request(
    method: string,
    path: string,
    options: { auth?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== undefined) headers.authorization = options.auth;
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${ctx.url}${path}`, { method, headers, body: body as BodyInit | undefined });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // a CSV or Markdown file
    }
    return { status: res.status, headers: res.headers, bytes, text, body: parsed };
  }
  const command = (body: unknown, auth: string = MODERATOR) => request('POST', '/api/commands', { auth, body });
  const ok = async (body: unknown, auth: string = MODERATOR) => {
    const reply = await command(body, auth);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.version as number;
  };
  const state = async (): Promise<ApiState> => {
    const reply = await request('GET', '/api/state');
    expect(reply.status).toBe(200);
    return reply.body as ApiState;
  };
  const importFile = (query: string, raw: string | Uint8Array, auth: string = MODERATOR) =>
    request('POST', `/api/events/current/import${query}`, { auth, raw, headers: { 'content-type': 'text/csv' } });
  const tokenOf = async (entryId: string) => {
    const reply = await request('GET', '/api/links', { auth: MODERATOR });
    expect(reply.status).toBe(200);
    const link = (reply.body as { entryId: string; token: string | null }[]).find((l) => l.entryId === entryId);
    if (!link?.token) throw new Error(`no token for ${entryId}`);
    return link.token;
  };
  /** Sends a request that must fail with `status`/`code`; the active event's state must not move at all. */
  const refused = async (send: () => Promise<Reply>, status: number, code: string, message?: RegExp) => {
    const before = await state();
    const reply = await send();
    expect(reply.status, reply.text).toBe(status);
    expect(reply.body.error.code).toBe(code);
    if (message) expect(reply.body.error.message).toMatch(message);
    const after = await state();
    expect(after.version).toBe(before.version);
    expect(after.entries).toEqual(before.entries);
    return reply;
  };
  return Object.assign(ctx, { request, command, ok, state, importFile, tokenOf, refused, restart });
}

// ---- socket clients -------------------------------------------------------------------------------

type ClientSocket = Socket<ServerToClient, ClientToServer>;

interface Client {
  name: string;
  socket: ClientSocket;
  snapshots: SnapshotMessage[];
  /** Reasons of every disconnect, in order. */
  disconnects: string[];
  view: View | null;
}

/**
 * A client that behaves like the app's (components/live/live-connection.ts): it keeps its view by
 * applying patches and reconnects by itself when the server closes the connection on purpose.
 */
function connect(url: string, name: string, auth: Record<string, string> = {}): Client {
  const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, autoConnect: false, auth });
  const client: Client = { name, socket, snapshots: [], disconnects: [], view: null };
  socket.on('snapshot', (msg) => {
    client.snapshots.push(msg);
    client.view = msg.view;
  });
  socket.on('patch', (msg: PatchMessage) => {
    const next = client.view && applyPatch(client.view, msg);
    if (next) client.view = next;
  });
  socket.on('disconnect', (reason) => {
    client.disconnects.push(reason);
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.connect();
  return client;
}

const csvRows = (text: string) => parseCsv(text).rows;

// ---- import -----------------------------------------------------------------------------------------

/** What an organiser saves from a Russian Excel: BOM, ';', Russian headers, decimal commas, CRLF. */
const GOOD_CSV =
  BOM +
  [
    'Тип;Город;Название (англ.);Страна;Регион;Часовой пояс;Долгота;Представитель;Должность;Участие;Время (сек);Практика;Описание практики;Контакт',
    'город;Калининград;Kaliningrad;Россия;Калининградская область;Europe/Kaliningrad;20,51;Петров Пётр;глава города;онлайн;;«Маршрут по побережью»;"Выезды; автобусы";kgd@example.org',
    'гость;Приветствие;Welcome;РФ;Москва;Europe/Moscow;37,62;Иванов Иван;министр;очно;240;;;',
    'город;Минск;Minsk;Беларусь;;Europe/Minsk;27,56;;;в зале;200;;;',
    'город;Якутск;Yakutsk;РФ;Республика Саха (Якутия);Asia/Yakutsk;129,73;Сидорова Анна;;онлайн;180;Донорство при −50;;',
    'гость;Заключительное слово;Closing words;РФ;Москва;Europe/Moscow;37,62;;;очно;120;;;',
  ].join('\r\n') +
  '\r\n';

const BAD_CSV = [
  'Тип;Город;Часовой пояс;Долгота;Время (сек)',
  'город;Омск;Asia/Omsk;73,37;180',
  'город;;Asia/Tomsk;84,95;180',
  'планета;Марс;Mars/Olympus;abc;5',
  'город;Томск;Asia/Tomsk;200;180',
].join('\r\n');

describe('importing the list over HTTP', () => {
  const s = useServer();

  it('is for the moderator only: 401 without a key, 403 with a participant token', async () => {
    await s.refused(() => s.importFile('?format=csv&mode=replace', GOOD_CSV, ''), 401, 'unauthorized');
    await s.refused(() => s.importFile('?format=csv&mode=replace', GOOD_CSV, 'Bearer wrong'), 401, 'unauthorized');
    const token = await s.tokenOf('omsk');
    await s.refused(() => s.importFile('?format=csv&mode=replace', GOOD_CSV, `Bearer ${token}`), 403, 'forbidden');
  });

  it('400 naming format when the format is missing or unknown, and naming mode when the mode is', async () => {
    for (const query of ['', '?mode=replace', '?format=xlsx&mode=replace', '?format=CSV']) {
      const reply = await s.refused(() => s.importFile(query, GOOD_CSV), 400, 'bad_request', /^format/);
      expect(reply.body.error.reason).toBe('invalid_format');
    }
    await s.refused(() => s.importFile('?format=csv&mode=merge', GOOD_CSV), 400, 'bad_request', /^mode/);
  });

  it('a file with several bad rows: 400 listing every problem by row and column, and nothing imported', async () => {
    const before = await s.state();
    const reply = await s.refused(() => s.importFile('?format=csv&mode=replace', BAD_CSV), 400, 'bad_request', /6 error/);
    expect(reply.body.error.reason).toBe('import_failed');
    expect(reply.body.error.message).toMatch(/nothing was imported/);
    expect(reply.body.errors).toEqual([
      { row: 3, column: 'Город', message: 'must not be empty' },
      { row: 4, column: 'Тип', message: expect.stringContaining('планета') },
      { row: 4, column: 'Часовой пояс', message: expect.stringMatching(/IANA time zone/) },
      { row: 4, column: 'Долгота', message: 'not a number: "abc"' },
      { row: 4, column: 'Время (сек)', message: expect.stringMatching(/10/) },
      { row: 5, column: 'Долгота', message: expect.stringMatching(/180/) },
    ]);
    // The good row (Омск) did not slip in either: the demo list is untouched.
    const after = await s.state();
    expect(after.entries).toHaveLength(37);
    expect(after).toEqual({ ...before, serverTime: after.serverTime });
  });

  it('a good file replaces the list, in file order, with every field read the organiser’s way', async () => {
    const before = await s.state();
    const reply = await s.importFile('?format=csv&mode=replace', GOOD_CSV);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ version: before.version + 1, imported: 5 });

    const after = await s.state();
    expect(after.version).toBe(before.version + 1);
    expect(after.entries.map((e) => e.id)).toEqual(['kaliningrad', 'welcome', 'minsk', 'yakutsk', 'closing-words']);
    expect(after.entries.map((e) => e.name)).toEqual(['Калининград', 'Приветствие', 'Минск', 'Якутск', 'Заключительное слово']);
    expect(after.entries[0]).toMatchObject({
      kind: 'city',
      nameEn: 'Kaliningrad',
      country: 'RU',
      timeZone: 'Europe/Kaliningrad',
      representative: 'Петров Пётр',
      position: 'глава города',
      attendance: 'online',
      allottedMs: 180_000, // empty: the event's default turn
      status: 'waiting',
      usedMs: 0,
      turns: 0,
    });
    expect(after.entries[1]).toMatchObject({ kind: 'guest', attendance: 'in_person', allottedMs: 240_000 });
    expect(after.entries[2]).toMatchObject({ country: 'BY', attendance: 'in_person', allottedMs: 200_000, representative: '' });
    // Fields /api/state does not show: the practice with its quoted ';', the contact, the decimal comma.
    const kgd = s.server.service.state().entries.kaliningrad!;
    expect(kgd).toMatchObject({ longitude: 20.51, practiceTitle: '«Маршрут по побережью»', practiceSummary: 'Выезды; автобусы', contact: 'kgd@example.org' });
    expect(s.server.service.state().entries.yakutsk!.practiceTitle).toBe('Донорство при −50');
  });

  it('queue.order by longitude through /api/commands puts the guests first, then the cities east to west', async () => {
    await s.ok({ type: 'queue.order', by: 'longitude' });
    const state = await s.state();
    // Guests keep their order among themselves; Якутск 129.73 > Минск 27.56 > Калининград 20.51.
    expect(state.entries.map((e) => e.id)).toEqual(['welcome', 'closing-words', 'yakutsk', 'minsk', 'kaliningrad']);
  });

  it('mode=append adds the file’s entries at the end, keeping the list and giving clashing names new ids', async () => {
    const before = await s.state();
    const more = ['Город;Часовой пояс;Долгота;Название (англ.)', 'Омск;Asia/Omsk;73,37;Omsk', 'Минск;Europe/Minsk;27,56;Minsk'].join('\n');
    const reply = await s.importFile('?format=csv&mode=append', more);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ version: before.version + 1, imported: 2 });
    const after = await s.state();
    expect(after.entries.slice(0, 5)).toEqual(before.entries);
    expect(after.entries.map((e) => e.id)).toEqual([...before.entries.map((e) => e.id), 'omsk', 'minsk-2']);
    expect(after.entries.slice(5).map((e) => e.name)).toEqual(['Омск', 'Минск']);
  });

  it('a body over 1 MiB: 413, nothing imported', async () => {
    const row = 'город;Омск;Asia/Omsk;73,37;180;' + 'x'.repeat(200) + '\r\n';
    const huge = 'Тип;Город;Часовой пояс;Долгота;Время (сек);Описание практики\r\n' + row.repeat(Math.ceil(MiB / row.length) + 1);
    expect(Buffer.byteLength(huge)).toBeGreaterThan(MiB);
    await s.refused(() => s.importFile('?format=csv&mode=append', huge), 413, 'too_large', /body/);
    // A file just under the limit is read (and here refused for its content, not its size).
    const under = 'Тип;Город;Часовой пояс;Долгота;Время (сек)\r\n' + ' '.repeat(MiB - 200) + '\r\n';
    expect(Buffer.byteLength(under)).toBeLessThan(MiB);
    await s.refused(() => s.importFile('?format=csv&mode=append', under), 400, 'bad_request', /error/);
  });

  it('replace after session.start: 409 session_started, the list stays', async () => {
    await s.ok({ type: 'session.start' });
    const reply = await s.refused(() => s.importFile('?format=csv&mode=replace', GOOD_CSV), 409, 'conflict');
    expect(reply.body.error.reason).toBe('session_started');
    // Appending a late city is still possible while live.
    const late = await s.importFile('?format=csv&mode=append', 'Город;Часовой пояс;Долгота\nТомск;Asia/Tomsk;84,95');
    expect(late.status, late.text).toBe(200);
    expect((await s.state()).entries.at(-1)).toMatchObject({ name: 'Томск', status: 'waiting' });
  });
});

// ---- export -----------------------------------------------------------------------------------------

describe('exporting the list', () => {
  const s = useServer();

  const expectAttachment = (reply: Reply, type: RegExp, fileName: string) => {
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(type);
    const disposition = reply.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment;/);
    expect(disposition).toContain(`filename="${fileName}"`);
  };

  it('is for the moderator only', async () => {
    await s.refused(() => s.request('GET', '/api/events/current/entries.csv'), 401, 'unauthorized');
    await s.refused(() => s.request('GET', '/api/events/current/entries.json'), 401, 'unauthorized');
    const token = await s.tokenOf('omsk');
    await s.refused(() => s.request('GET', '/api/events/current/entries.csv', { auth: `Bearer ${token}` }), 403, 'forbidden');
  });

  it('entries.csv: a UTF-8 attachment with a BOM, ";" and a row per entry in running order', async () => {
    const reply = await s.request('GET', '/api/events/current/entries.csv', { auth: MODERATOR });
    expectAttachment(reply, /^text\/csv; charset=utf-8$/, 'rollcall-main-entries.csv');
    expect([...reply.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(reply.text.split('\r\n')[0]).toBe(
      '\uFEFFkind;nameRu;nameEn;country;region;timeZone;longitude;representative;position;attendance;allottedSeconds;practiceTitle;practiceSummary;contact',
    );
    const rows = csvRows(reply.text);
    expect(rows).toHaveLength(38);
    expect(rows.slice(1).map((r) => r[1])).toEqual((await s.state()).entries.map((e) => e.name));
    expect(rows.find((r) => r[1] === 'Якутск')!.slice(5, 7)).toEqual(['Asia/Yakutsk', '129.73']);
  });

  it('entries.json: a JSON attachment holding the event and the list', async () => {
    const reply = await s.request('GET', '/api/events/current/entries.json', { auth: MODERATOR });
    expectAttachment(reply, /^application\/json; charset=utf-8$/, 'rollcall-main-entries.json');
    expect(reply.body.event).toMatchObject({ title: 'Круглый стол «Эстафета горячих сердец»', defaultTurnSeconds: 180 });
    expect(reply.body.entries).toHaveLength(37);
    expect(reply.body.entries[0]).toMatchObject({ kind: 'guest', nameRu: 'Вступительное слово', allottedSeconds: 300 });
  });

  it('re-importing the CSV export gives back the same list, tricky cells included', async () => {
    // Make the list the organisers' own first: a formula-looking name, a ';' and a line break, a move.
    await s.ok({ type: 'entry.update', entryId: 'omsk', fields: { representative: '=HYPERLINK("x")', practiceSummary: 'Строка 1; ещё\nСтрока 2', contact: '+7 900 000-00-00' } });
    await s.ok({ type: 'queue.move', entryId: 'kaliningrad', index: 3 });
    await s.ok({ type: 'entry.update', entryId: 'minsk', fields: { longitude: -0.5, allottedSeconds: 95 } });
    const exported = await s.request('GET', '/api/events/current/entries.csv', { auth: MODERATOR });
    const omskRow = csvRows(exported.text).find((r) => r[1] === 'Омск')!;
    expect(omskRow[7]).toBe(`'=HYPERLINK("x")`); // neutralised for Excel
    const expected = s.server.service.state();
    const listed = (await s.state()).entries;

    // Then spoil it, and bring the file back.
    await s.ok({ type: 'entry.remove', entryId: 'omsk' });
    await s.ok({ type: 'queue.move', entryId: 'kaliningrad', index: 36 - 1 });
    await s.ok({ type: 'entry.update', entryId: 'yakutsk', fields: { representative: 'Кто-то другой' } });
    const reply = await s.importFile('?format=csv&mode=replace', exported.bytes);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.imported).toBe(37);

    expect((await s.state()).entries).toEqual(listed);
    const now = s.server.service.state();
    expect(now.order).toEqual(expected.order);
    for (const id of expected.order) expect(now.entries[id], id).toEqual(expected.entries[id]);
    expect(now.entries.omsk!.representative).toBe('=HYPERLINK("x")');
    // And the export of the re-imported list is byte for byte the same file.
    const again = await s.request('GET', '/api/events/current/entries.csv', { auth: MODERATOR });
    expect(again.text).toBe(exported.text);
  });

  it('format=json: the demo’s own JSON export round-trips', async () => {
    const exported = await s.request('GET', '/api/events/current/entries.json', { auth: MODERATOR });
    const listed = (await s.state()).entries;
    await s.ok({ type: 'entry.remove', entryId: 'tomsk' });
    await s.ok({ type: 'queue.move', entryId: 'brest', index: 0 });
    const reply = await s.request('POST', '/api/events/current/import?format=json&mode=replace', { auth: MODERATOR, raw: exported.text, headers: { 'content-type': 'application/json' } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.imported).toBe(37);
    expect((await s.state()).entries).toEqual(listed);
    const again = await s.request('GET', '/api/events/current/entries.json', { auth: MODERATOR });
    expect(again.text).toBe(exported.text);
  });
});

// ---- registration -----------------------------------------------------------------------------------

describe('registration through a participant’s link', () => {
  const s = useServer();
  let moderator: Client;

  beforeAll(async () => {
    moderator = connect(s.url, 'moderator', { key: KEY });
    await waitFor('the moderator snapshot', () => moderator.snapshots[0]);
  });
  afterAll(() => {
    moderator?.socket.disconnect();
  });

  const registration = {
    representative: 'Новикова Мария Сергеевна',
    position: 'главный врач станции переливания крови',
    attendance: 'in_person',
    practiceTitle: 'Донорские субботы',
    contact: 'omsk@example.org',
  };

  it('before the session: updates the city’s own entry, and the moderator sees it at once', async () => {
    const token = await s.tokenOf('omsk');
    s.advance(60_000);
    const before = (await s.state()).version;
    const reply = await s.command({ type: 'entry.register', fields: registration }, `Bearer ${token}`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ version: before + 1 });

    const seen = await waitFor('the registration in the moderator view', () => moderator.view?.version === before + 1 && moderator.view);
    expect(seen.entries.omsk).toMatchObject({ ...registration, registeredAt: T0 + 60_000 });
    // Nobody else's entry moved.
    expect(seen.entries.tomsk).toEqual(moderator.snapshots[0]!.view.entries.tomsk);
    expect((await s.state()).entries.find((e) => e.id === 'omsk')).toMatchObject({ representative: registration.representative, attendance: 'in_person' });
  });

  it('a participant cannot register another entry: 403', async () => {
    const token = await s.tokenOf('omsk');
    await s.refused(() => s.command({ type: 'entry.register', entryId: 'tomsk', fields: registration }, `Bearer ${token}`), 403, 'forbidden');
    expect(s.server.service.state().entries.tomsk!.registeredAt).toBeNull();
    // Nor may it do anything a moderator does with its entry.
    await s.refused(() => s.command({ type: 'entry.update', entryId: 'omsk', fields: { nameRu: 'Не Омск' } }, `Bearer ${token}`), 403, 'forbidden');
    // Without any credentials it is 401.
    await s.refused(() => s.request('POST', '/api/commands', { body: { type: 'entry.register', fields: registration } }), 401, 'unauthorized');
  });

  it('after session.start the same call is refused: 409 registration_closed', async () => {
    const token = await s.tokenOf('barnaul');
    await s.ok({ type: 'session.start' });
    const reply = await s.refused(
      () => s.command({ type: 'entry.register', fields: { representative: 'Опоздавший', attendance: 'online' } }, `Bearer ${token}`),
      409,
      'conflict',
    );
    expect(reply.body.error.reason).toBe('registration_closed');
    expect(s.server.service.state().entries.barnaul!.registeredAt).toBeNull();
  });
});

// ---- report -----------------------------------------------------------------------------------------

describe('the report and the library of practices', () => {
  const s = useServer();
  const SEC = 1000;

  /** The scripted session; what each entry should show in the report. */
  const expected: Record<string, { usedMs: number; overtimeMs: number; turns: number }> = {
    'opening-words': { usedMs: 200 * SEC, overtimeMs: 0, turns: 1 }, // 300 s allotted
    'welcome-from-fmba-of-russia': { usedMs: 250 * SEC, overtimeMs: 10 * SEC, turns: 1 }, // 240 s
    'word-from-the-donor-community': { usedMs: 60 * SEC, overtimeMs: 0, turns: 1 }, // 240 s
    'petropavlovsk-kamchatsky': { usedMs: 200 * SEC, overtimeMs: 20 * SEC, turns: 2 }, // 180 s, two turns, a pause
  };

  beforeAll(async () => {
    await s.ok({ type: 'entry.update', entryId: 'magadan', fields: { representative: '=HYPERLINK("x")' } });
    await s.ok({ type: 'entry.nominate', entryId: 'magadan', nomination: 'Лучшая практика года' });
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' }); // opening-words
    s.advance(200 * SEC);
    await s.ok({ type: 'speaker.next' }); // welcome
    s.advance(250 * SEC);
    await s.ok({ type: 'speaker.next' }); // word from the donor community
    s.advance(60 * SEC);
    await s.ok({ type: 'speaker.start', entryId: 'petropavlovsk-kamchatsky' });
    s.advance(100 * SEC);
    await s.ok({ type: 'speaker.stop' });
    s.advance(30 * SEC); // nobody has the floor
    await s.ok({ type: 'speaker.start', entryId: 'petropavlovsk-kamchatsky' });
    s.advance(50 * SEC);
    await s.ok({ type: 'session.pause' });
    s.advance(1000 * SEC); // a pause does not count
    await s.ok({ type: 'session.resume' });
    s.advance(50 * SEC);
    await s.ok({ type: 'session.finish' });
    s.advance(3600 * SEC); // the report is fetched later; finished times stay put
  });

  it('report.json: per-entry time used, overtime and turns as scripted, and the totals', async () => {
    const reply = await s.request('GET', '/api/events/current/report.json', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.headers.get('content-disposition')).toBeNull();
    const report = reply.body as Report;
    expect(report.phase).toBe('finished');
    expect(report.generatedAt).toBe(s.t);
    expect(report.entries).toHaveLength(37);
    for (const e of report.entries) {
      const want = expected[e.id] ?? { usedMs: 0, overtimeMs: 0, turns: 0 };
      expect({ usedMs: e.usedMs, overtimeMs: e.overtimeMs, turns: e.turns }, e.id).toEqual(want);
    }
    const petro = report.entries.find((e) => e.id === 'petropavlovsk-kamchatsky')!;
    expect(petro).toMatchObject({ firstStartedAt: T0 + 510 * SEC, lastEndedAt: T0 + 1740 * SEC, status: 'done' });
    expect(report.totals).toMatchObject({
      spoke: 4,
      usedMs: 710 * SEC,
      overtimeMs: 30 * SEC,
      overTime: 2,
      sessionElapsedMs: 740 * SEC,
      pausedMs: 1000 * SEC,
      actualStartAt: T0,
      actualEndAt: T0 + 1740 * SEC,
    });
    // ?download makes it a file.
    const file = await s.request('GET', '/api/events/current/report.json?download', { auth: MODERATOR });
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;.*rollcall-main-report\.json/);
    expect(file.body).toEqual(report);
  });

  it('report.csv?locale=ru: an attachment with a BOM, ";", Russian headers, and formulas neutralised', async () => {
    const reply = await s.request('GET', '/api/events/current/report.csv?locale=ru', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="rollcall-main-report\.csv"/);
    expect([...reply.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = reply.text.slice(1).split('\r\n')[0]!;
    expect(header.startsWith('№;Город;Тип;Страна;Регион;Представитель;')).toBe(true);
    const rows = csvRows(reply.text);
    const headers = rows[0]!;
    expect(headers).toEqual(expect.arrayContaining(['Использовано, с', 'Сверх времени, с', 'Выступлений', 'Номинация']));
    const cell = (name: string, column: string) => rows.find((r) => r[1] === name)![headers.indexOf(column)];
    expect(rows).toHaveLength(38);
    expect(cell('Приветствие ФМБА России', 'Использовано, с')).toBe('250');
    expect(cell('Приветствие ФМБА России', 'Сверх времени, с')).toBe('10');
    expect(cell('Петропавловск-Камчатский', 'Выступлений')).toBe('2');
    expect(cell('Петропавловск-Камчатский', 'Статус')).toBe('Выступил');
    // The spreadsheet sees text, not a formula.
    expect(cell('Магадан', 'Представитель')).toBe(`'=HYPERLINK("x")`);
    expect(cell('Магадан', 'Номинация')).toBe('Лучшая практика года');
    expect(reply.text).not.toMatch(/(^|[;\r\n])"?=HYPERLINK/);
    // English on request.
    const en = await s.request('GET', '/api/events/current/report.csv?locale=en', { auth: MODERATOR });
    expect(csvRows(en.text)[0]!.slice(0, 3)).toEqual(['No.', 'City', 'Kind']);
  });

  it('practices.md: the nominated practice is in the nominations section', async () => {
    const reply = await s.request('GET', '/api/events/current/practices.md', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="rollcall-main-practices\.md"/);
    const md = reply.text;
    const nominated = md.indexOf('## Номинированы на диплом');
    const practices = md.indexOf('## Практики');
    expect(nominated).toBeGreaterThan(0);
    expect(practices).toBeGreaterThan(nominated);
    const section = md.slice(nominated, practices);
    expect(section).toContain('- **Магадан** — «Донор Севера» на вахтовых базах: Лучшая практика года');
    expect(section.match(/^- /gm)).toHaveLength(1);
    // The library itself lists it too, under its own heading.
    expect(md.slice(practices)).toContain('### Магадан');
    expect(md).toContain('### Петропавловск-Камчатский');
  });

  it('is for the moderator only: 401 without a key, 403 for a participant', async () => {
    for (const path of ['report.json', 'report.csv?locale=ru', 'practices.md', 'practices.csv']) {
      await s.refused(() => s.request('GET', `/api/events/current/${path}`), 401, 'unauthorized');
    }
    const token = await s.tokenOf('magadan');
    await s.refused(() => s.request('GET', '/api/events/current/report.json', { auth: `Bearer ${token}` }), 403, 'forbidden');
    await s.refused(() => s.request('GET', '/api/events/main/practices.md', { auth: 'Bearer nope' }), 401, 'unauthorized');
  });
});

// ---- events -----------------------------------------------------------------------------------------

describe('events: rehearsal copies, switching, a restart', () => {
  const s = useServer();
  const clients: Client[] = [];
  const track = (client: Client) => (clients.push(client), client);
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
  const times = (r: Report) => r.entries.map((e) => ({ id: e.id, usedMs: e.usedMs, overtimeMs: e.overtimeMs, turns: e.turns, status: e.status }));
  /** Waits for a client's `n`-th snapshot (1-based). */
  const snapshotNo = (client: Client, n: number) => waitFor(`${client.name}'s snapshot #${n}`, () => client.snapshots[n - 1]);

  let omskToken: string;
  let mainState: ApiState;
  let rehearsalId: string;
  let moderator: Client;
  let viewer: Client;

  afterAll(() => {
    for (const client of clients) client.socket.disconnect();
  });

  it('GET /api/events lists main, active; moderator only', async () => {
    expect(await events()).toEqual([
      { id: 'main', title: 'Круглый стол «Эстафета горячих сердец»', plannedStart: '2026-12-10T10:00:00+03:00', phase: 'planned', entries: 37, rehearsalOf: null, active: true },
    ]);
    await s.refused(() => s.request('GET', '/api/events'), 401, 'unauthorized');
    omskToken = await s.tokenOf('omsk');
    await s.refused(() => s.request('GET', '/api/events', { auth: `Bearer ${omskToken}` }), 403, 'forbidden');
  });

  it('POST /api/events/main/rehearsal: 201, a planned copy with the same entries and clean times', async () => {
    // Main has had turns, an extension and an absent city.
    await s.ok({ type: 'entry.markAbsent', entryId: 'magadan' });
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    s.advance(320_000);
    await s.ok({ type: 'speaker.extend', seconds: 60 });
    await s.ok({ type: 'speaker.next' });
    s.advance(30_000);
    mainState = await s.state();
    expect(mainState.entries[0]).toMatchObject({ usedMs: 320_000, turns: 1, status: 'done' });

    const reply = await s.request('POST', '/api/events/main/rehearsal', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(201);
    const created = reply.body as EventSummary;
    rehearsalId = created.id;
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
    for (const e of copy.entries) expect({ usedMs: e.usedMs, turns: e.turns, status: e.status, extraMs: e.extraMs }, e.id).toEqual({ usedMs: 0, turns: 0, status: 'waiting', extraMs: 0 });
    const list = await s.request('GET', `/api/events/${rehearsalId}/entries.csv`, { auth: MODERATOR });
    const mainList = await s.request('GET', '/api/events/main/entries.csv', { auth: MODERATOR });
    expect(list.text).toBe(mainList.text);
    expect(list.headers.get('content-disposition')).toContain(`rollcall-${rehearsalId}-entries.csv`);
  });

  it('POST /api/events/<id>/activate switches the screens: state, sockets and links follow', async () => {
    moderator = track(connect(s.url, 'moderator', { key: KEY }));
    viewer = track(connect(s.url, 'viewer'));
    expect((await snapshotNo(moderator, 1)).eventId).toBe('main');
    expect((await snapshotNo(viewer, 1)).eventId).toBe('main');

    const reply = await s.request('POST', `/api/events/${rehearsalId}/activate`, { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ id: rehearsalId, active: true, phase: 'planned' });

    const state = await s.state();
    expect(state).toMatchObject({ version: 0, phase: 'planned', currentEntryId: null });
    expect(state.event.title).toContain('репетиция');
    expect(state.entries.map((e) => e.id)).toEqual(mainState.entries.map((e) => e.id));
    expect(state.entries.every((e) => e.usedMs === 0 && e.turns === 0 && e.status === 'waiting')).toBe(true);
    expect((await events()).map((e) => [e.id, e.active])).toEqual([
      ['main', false],
      [rehearsalId, true],
    ]);

    // Every socket was dropped by the server, came back, and now sees the rehearsal.
    for (const client of [moderator, viewer]) {
      const snapshot = await snapshotNo(client, 2);
      expect(client.disconnects).toEqual(['io server disconnect']);
      expect(snapshot).toMatchObject({ eventId: rehearsalId, view: { version: 0, phase: 'planned', currentEntryId: null } });
    }

    // The city's link from main opens the rehearsal too: by socket and over HTTP.
    const omsk = track(connect(s.url, 'omsk', { token: omskToken }));
    expect(await snapshotNo(omsk, 1)).toMatchObject({ eventId: rehearsalId, role: 'participant', entryId: 'omsk' });
    await s.ok({ type: 'signal.send', kind: 'ready' }, `Bearer ${omskToken}`);
    expect((await s.state()).entries.find((e) => e.id === 'omsk')!.presence).toBe('online');
    await waitFor('the signal in the moderator view', () => moderator.view?.signals.omsk?.kind === 'ready');
    // Commands now go to the rehearsal, not to main.
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'speaker.next' });
    s.advance(5_000);
    expect((await report('main')).entries.find((e) => e.id === 'opening-words')!.usedMs).toBe(320_000);
    expect(times(await report('main')).filter((e) => e.turns > 0).map((e) => e.id)).toEqual(['opening-words', 'welcome-from-fmba-of-russia']);
  });

  it('activating main again brings back main’s state, and the sockets move back', async () => {
    const mainBefore = await report('main');
    const reply = await s.request('POST', '/api/events/main/activate', { auth: MODERATOR });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ id: 'main', active: true, phase: 'live' });

    const state = await s.state();
    expect(state.phase).toBe('live');
    expect(state.event.title).toBe(mainState.event.title);
    expect(state.currentEntryId).toBe(mainState.currentEntryId);
    const strip = (entries: ApiStateEntry[]) => entries.map(({ presence: _p, ...rest }) => rest);
    expect(strip(state.entries)).toEqual(strip(mainState.entries).map((e) => (e.status === 'speaking' ? { ...e, usedMs: e.usedMs + 5_000 } : e)));
    expect(state.version).toBeGreaterThanOrEqual(mainState.version);
    expect(times(await report('main'))).toEqual(times(mainBefore));

    for (const client of clients) {
      const last = await waitFor(`${client.name} back on main`, () => client.snapshots.at(-1)?.eventId === 'main' && client.snapshots.at(-1));
      expect(last.view.phase).toBe('live');
      expect(last.view.entries['opening-words']!.turns).toHaveLength(1);
    }
    // The rehearsal kept what happened in it.
    const rehearsal = await report(rehearsalId);
    expect(rehearsal.phase).toBe('live');
    expect(rehearsal.entries[0]).toMatchObject({ id: 'opening-words', turns: 1, usedMs: 5_000 });
  });

  it('an unknown event: 404 naming it, and nothing changes', async () => {
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
    // Leave the rehearsal active, with everyone gone (so no presence change is pending).
    const activated = await s.request('POST', `/api/events/${rehearsalId}/activate`, { auth: MODERATOR });
    expect(activated.status).toBe(200);
    await waitFor('everyone on the rehearsal', () => clients.every((c) => c.snapshots.at(-1)?.eventId === rehearsalId));
    for (const client of clients) client.socket.disconnect();
    await waitFor('omsk offline', () => s.server.service.state().connections.omsk?.state === 'offline');

    const listBefore = await events();
    const stateBefore = await s.state();
    const reportsBefore = { main: await report('main'), rehearsal: await report(rehearsalId) };
    // The port changes on restart; the tokens (what the printed links carry) must not.
    const tokens = async () => ((await s.request('GET', '/api/links', { auth: MODERATOR })).body as { entryId: string; token: string }[]).map((l) => [l.entryId, l.token]);
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
    const screen = track(connect(s.url, 'screen after restart'));
    expect(await snapshotNo(screen, 1)).toMatchObject({ eventId: rehearsalId });

    // Main is intact behind it.
    await s.request('POST', '/api/events/main/activate', { auth: MODERATOR });
    const main = await s.state();
    expect(main.phase).toBe('live');
    expect(main.entries.find((e) => e.id === 'opening-words')).toMatchObject({ usedMs: 320_000, turns: 1, allottedMs: 360_000 });
    expect(main.entries.find((e) => e.id === 'magadan')).toMatchObject({ status: 'absent' });
  });
});
