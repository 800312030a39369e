// The cities' registration through their links and the report with the library of practices, over
// the organisers' HTTP routes against a real server (no pages) on an ephemeral port.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../lib/report';
import { KEY, MODERATOR, T0, waitFor, type Client } from './support/real-server';
import { csvRows, useOrganiserServer } from './support/organiser-server';

// ---- registration -----------------------------------------------------------------------------------

describe('registration through a participant’s link', () => {
  // Every test starts before the session, with a fresh server and the moderator watching.
  const s = useOrganiserServer({ fresh: 'each' });
  let moderator: Client;

  beforeEach(async () => {
    moderator = s.connect('moderator', { auth: { key: KEY } });
    await waitFor('the moderator snapshot', () => moderator.snapshots[0]);
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
    expect((await s.state()).entries.find((e) => e.id === 'omsk')).toMatchObject({
      representative: registration.representative,
      attendance: 'in_person',
    });
  });

  it('a participant cannot register another entry: 403', async () => {
    const token = await s.tokenOf('omsk');
    await s.refused(
      () => s.command({ type: 'entry.register', entryId: 'tomsk', fields: registration }, `Bearer ${token}`),
      403,
      'forbidden',
    );
    expect(s.server.service.state().entries.tomsk!.registeredAt).toBeNull();
    // Nor may it do anything a moderator does with its entry.
    await s.refused(
      () => s.command({ type: 'entry.update', entryId: 'omsk', fields: { nameRu: 'Не Омск' } }, `Bearer ${token}`),
      403,
      'forbidden',
    );
    // Without any credentials it is 401.
    await s.refused(
      () => s.request('POST', '/api/commands', { body: { type: 'entry.register', fields: registration } }),
      401,
      'unauthorized',
    );
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
  const s = useOrganiserServer();
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
