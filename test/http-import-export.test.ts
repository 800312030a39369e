// Importing and exporting the list over the organisers' HTTP routes, against a real server (no
// pages) on an ephemeral port: the file an organiser saves from Excel, every problem in a bad one,
// ordering the list, and a round trip through the export.
import { describe, expect, it } from 'vitest';
import { MODERATOR, type Reply } from './support/real-server';
import { BAD_CSV, GOOD_CSV, csvRows, useOrganiserServer, windows1251 } from './support/organiser-server';

const MiB = 1024 * 1024;

// ---- import -----------------------------------------------------------------------------------------

describe('importing the list over HTTP', () => {
  // A fresh demo round table for every test; a test that needs the organiser's list imports it.
  const s = useOrganiserServer({ fresh: 'each' });
  const importGood = async () => expect((await s.importFile('?format=csv&mode=replace', GOOD_CSV)).status).toBe(200);

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
      { row: 4, column: 'Часовой пояс', message: expect.stringMatching(/^unknown time zone "Mars\/Olympus"/) },
      { row: 4, column: 'Долгота', message: 'not a number: "abc"' },
      { row: 4, column: 'Время (сек)', message: expect.stringMatching(/too short/) },
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
    expect(kgd).toMatchObject({
      longitude: 20.51,
      practiceTitle: '«Маршрут по побережью»',
      practiceSummary: 'Выезды; автобусы',
      contact: 'kgd@example.org',
    });
    expect(s.server.service.state().entries.yakutsk!.practiceTitle).toBe('Донорство при −50');
  });

  it('queue.order by longitude through /api/commands puts the guests first, then the cities east to west', async () => {
    await importGood();
    await s.ok({ type: 'queue.order', by: 'longitude' });
    const state = await s.state();
    // Guests keep their order among themselves; Якутск 129.73 > Минск 27.56 > Калининград 20.51.
    expect(state.entries.map((e) => e.id)).toEqual(['welcome', 'closing-words', 'yakutsk', 'minsk', 'kaliningrad']);
  });

  it('mode=append adds the file’s entries at the end, keeping the list and giving clashing names new ids', async () => {
    await importGood();
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

  it('reads a Windows-1251 file (Russian Excel\'s "CSV (разделители — запятые)") as Cyrillic, and a names-only list fills in', async () => {
    const text = [
      '№;Город;ФИО;Формат участия',
      '1;г. Якутск;Сидорова Анна;ВКС',
      '2;Могилев;Ковальчук Анна;очно',
      '3;Нарьян-Мар;;онлайн',
    ].join('\r\n');
    const reply = await s.importFile('?format=csv&mode=replace', windows1251(text));
    expect(reply.status, reply.text).toBe(200);
    const state = s.server.service.state();
    expect(state.order.map((id) => state.entries[id]!.nameRu)).toEqual(['Якутск', 'Могилёв', 'Нарьян-Мар']);
    expect(state.order.map((id) => state.entries[id]!.timeZone)).toEqual(['Asia/Yakutsk', 'Europe/Minsk', 'Europe/Moscow']);
    expect(state.entries[state.order[0]!]!.representative).toBe('Сидорова Анна');
    expect(state.entries[state.order[1]!]).toMatchObject({ country: 'BY', attendance: 'in_person' });
  });

  it('refuses a file in another encoding or an Excel workbook with a clear message, nothing imported', async () => {
    const koi8 = Uint8Array.from([0xe7, 0xcf, 0xd2, 0xcf, 0xc4, 0x0d, 0x0a, 0xf1, 0xcb, 0xd5, 0xd4, 0xd3, 0xcb, 0x0d, 0x0a]); // «Город», «Якутск» in KOI8-R
    const reply = await s.refused(() => s.importFile('?format=csv&mode=replace', koi8), 400, 'bad_request', /1 error/);
    expect(reply.body.errors).toEqual([
      { row: 0, column: '', message: expect.stringMatching(/^the file's encoding is neither UTF-8 nor Windows-1251/) },
    ]);
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    const workbook = await s.refused(() => s.importFile('?format=csv&mode=replace', xlsx), 400, 'bad_request');
    expect(workbook.body.errors[0].message).toMatch(/^the file is an Excel workbook/);
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
  // Each test reads or changes the demo round table as it was loaded.
  const s = useOrganiserServer({ fresh: 'each' });

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
    await s.ok({
      type: 'entry.update',
      entryId: 'omsk',
      fields: { representative: '=HYPERLINK("x")', practiceSummary: 'Строка 1; ещё\nСтрока 2', contact: '+7 900 000-00-00' },
    });
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
    const reply = await s.request('POST', '/api/events/current/import?format=json&mode=replace', {
      auth: MODERATOR,
      raw: exported.text,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.imported).toBe(37);
    expect((await s.state()).entries).toEqual(listed);
    const again = await s.request('GET', '/api/events/current/entries.json', { auth: MODERATOR });
    expect(again.text).toBe(exported.text);
  });
});
