// The organiser's path (README), step by step, each step on a fresh server brought over the HTTP
// API to where the path would have left it: a secretary's list of names only
// («г. », «Могилев» for Могилёв, a Belarusian city, a misspelt name that gets "did you mean") and
// a list saved by Russian Excel in Windows-1251; a bad file refused whole; ordering east to west;
// a city registers through its own link before the day and the set-up page shows it; a few turns
// from the console; the report, its CSV, the minutes as PDF and a diploma.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { windows1251 } from '../support/organiser-server';
import { pdfText } from '../support/pdf-text';
import { getLinks, sendCommand } from './support/api';
import { screenshot, type RolePage } from './support/browser';
import { useE2E } from './support/fixture';

const READY_MS = 20_000;

/** A secretary's list: a «№» column and the names as people write them; one is misspelt. */
const NAMES_ONLY = ['№;Город', '1;г. Якутск', '2;Могилев', '3;Новосибирк', '4;город Нижний Новгород', '5;Калининград'];
const NAMES_FIXED = NAMES_ONLY.map((line) => line.replace('Новосибирк', 'Новосибирск'));

const HEADER = '№;Тип;Город;ФИО;Формат участия;Регламент';
interface Row {
  kind: 'гость' | 'город';
  /** As written in the file. */
  written: string;
  /** As the list shows it. */
  name: string;
  representative: string;
  attendance: string;
}
// Out of geographic order on purpose, the guest in the middle; no zones, no longitudes.
const ROWS: Row[] = [
  { kind: 'город', written: 'г. Казань', name: 'Казань', representative: 'Сафин Рустам Ильдарович', attendance: 'очно' },
  { kind: 'город', written: 'Калининград', name: 'Калининград', representative: '', attendance: 'ВКС' },
  {
    kind: 'гость',
    written: 'Министерство просвещения',
    name: 'Министерство просвещения',
    representative: 'Орлов Павел',
    attendance: 'в зале',
  },
  { kind: 'город', written: 'город Якутск', name: 'Якутск', representative: '', attendance: 'онлайн' },
  { kind: 'город', written: 'Минск', name: 'Минск', representative: 'Ковальчук Анна', attendance: 'очно' },
  { kind: 'город', written: 'Владивосток', name: 'Владивосток', representative: '', attendance: 'онлайн' },
  { kind: 'город', written: 'Екатеринбург', name: 'Екатеринбург', representative: '', attendance: 'дистанционно' },
  { kind: 'город', written: 'Могилев', name: 'Могилёв', representative: '', attendance: 'онлайн' },
];
const line = (r: Row, i: number, turn = '1 мин') => [i + 1, r.kind, r.written, r.representative, r.attendance, turn].join(';');
/** Russian Excel's «CSV (разделители — запятые)»: ';', CRLF and Windows-1251 bytes. */
const excel1251 = (lines: string[]) => windows1251([HEADER, ...lines].join('\r\n') + '\r\n');

const REGISTERED = 'Якутск';
const SPEAKER = { representative: 'Иванова Мария Петровна', position: 'начальник управления образования', contact: 'ivanova@example.ru' };

/** [data-entry-id, city name] of every set-up row, top to bottom. */
const setupRows = (page: Page) =>
  page.$$eval('[data-testid="setup-row"]', (rows) =>
    rows.map((r) => [r.getAttribute('data-entry-id') ?? '', r.querySelector('td:nth-child(2) span')?.textContent?.trim() ?? ''] as const),
  );

describe("the organiser's path: import, order, registration, session, report", () => {
  const e2e = useE2E();
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-import-'));
  const namesFile = join(dir, 'список городов.csv');
  const namesFixedFile = join(dir, 'список городов (исправлен).csv');
  const goodFile = join(dir, 'города.csv');
  const badFile = join(dir, 'города-с-ошибками.csv');
  let moderator: RolePage;
  let idOf: Map<string, string>; // city name → entry id, once imported
  const moderatorUrl = (path: string) => `${e2e.server.url}${path}#key=${encodeURIComponent(e2e.server.key)}`;

  beforeAll(() => {
    writeFileSync(namesFile, NAMES_ONLY.join('\r\n'));
    writeFileSync(namesFixedFile, NAMES_FIXED.join('\n'));
    writeFileSync(goodFile, excel1251(ROWS.map((r, i) => line(r, i))));
    // Line 3 (header = 1): a city nobody knows; line 5: a turn length that is not one.
    writeFileSync(
      badFile,
      excel1251(ROWS.map((r, i) => (i === 1 ? line({ ...r, written: 'Атлантида' }, i) : i === 3 ? line(r, i, 'три') : line(r, i)))),
    );
  });

  // Every step: a fresh server and the set-up page open on it.
  beforeEach(async () => {
    moderator = await e2e.open('moderator', `/moderator/setup#key=${encodeURIComponent(e2e.server.key)}`);
    await moderator.page.getByTestId('setup-page').waitFor({ timeout: READY_MS });
    await moderator.page.getByTestId('registration-count').waitFor({ timeout: READY_MS });
  });

  // ---- where the earlier steps leave the event, arranged over the HTTP API ----
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${e2e.server.url}${path}`, { ...init, headers: { authorization: `Bearer ${e2e.server.key}`, ...init.headers } });
  /** The Excel list imported (as the Windows-1251 step does), and `idOf` filled from it. */
  const excelListImported = async () => {
    const reply = await api('/api/events/current/import?format=csv&mode=replace', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: readFileSync(goodFile),
    });
    expect(reply.status, await reply.clone().text()).toBe(200);
    const links = await getLinks(e2e.server);
    idOf = new Map(links.map((l) => [l.name, l.entryId]));
    await expect.poll(async () => (await setupRows(moderator.page)).length, { timeout: READY_MS }).toBe(ROWS.length);
  };
  /** …then ordered east to west, and Yakutsk registered through its own link. */
  const listReadyForTheDay = async () => {
    await excelListImported();
    await sendCommand(e2e.server, { type: 'queue.order', by: 'longitude' });
    const token = (await getLinks(e2e.server)).find((l) => l.entryId === idOf.get(REGISTERED))!.token;
    const registered = await fetch(`${e2e.server.url}/api/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'entry.register',
        fields: {
          ...SPEAKER,
          attendance: 'online',
          practiceTitle: 'Школа цифрового наставничества',
          practiceSummary: 'Наставники из вузов ведут сельские школы по видеосвязи; 40 школ за год.',
        },
      }),
    });
    expect(registered.status).toBe(200);
  };
  /** …then the meeting run: the guest, Vladivostok (+30 s) and Yakutsk speak a moment each; finished. */
  const meetingRun = async () => {
    await listReadyForTheDay();
    await sendCommand(e2e.server, { type: 'session.start' });
    for (const name of ['Министерство просвещения', 'Владивосток', 'Якутск']) {
      await sendCommand(e2e.server, { type: 'speaker.next' });
      if (name === 'Владивосток') await sendCommand(e2e.server, { type: 'speaker.extend', seconds: 30 });
      await new Promise((r) => setTimeout(r, 1_300)); // a turn long enough to show used time
    }
    await sendCommand(e2e.server, { type: 'session.finish' });
    await moderator.page.goto(moderatorUrl('/report/current'), { waitUntil: 'domcontentloaded' });
    await moderator.page.getByTestId('report-page').waitFor({ timeout: READY_MS });
  };

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Picks a file, mode replace, imports; confirms the "replace the list?" dialog when it asks. */
  async function importFile(path: string, outcome: 'import-result' | 'import-errors') {
    const { page } = moderator;
    await page.getByTestId('import-file').setInputFiles(path);
    await page.getByTestId('import-mode').selectOption('replace');
    await page.getByTestId('import-submit').click();
    const ok = page.getByTestId('confirm-ok');
    await ok.or(page.getByTestId(outcome)).first().waitFor({ timeout: 10_000 });
    if (await ok.isVisible()) await ok.click();
    await page.getByTestId(outcome).waitFor({ timeout: 10_000 });
  }
  const importErrors = () =>
    moderator.page.$$eval('[data-testid="import-error-row"]', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );

  it('a list of names only: the misspelt city is refused with «did you mean», nothing imported', async () => {
    const { page } = moderator;
    const before = await setupRows(page);
    await importFile(namesFile, 'import-errors');
    const errors = await importErrors();
    expect(errors.map(([row, column]) => [row, column])).toEqual([['4', 'Город']]);
    expect(errors[0]![2]).toBe(
      '«Новосибирк» нет в справочнике городов. Может быть, Новосибирск (Новосибирская область)? Если это другой город — укажите часовой пояс и долготу',
    );
    expect(await setupRows(page), 'nothing changed').toEqual(before);
    await screenshot(page, 'import-did-you-mean');
  });

  it('the corrected list imports: names cleaned, ё restored, zones and longitudes filled, then east to west', async () => {
    const { page } = moderator;
    await importFile(namesFixedFile, 'import-result');
    const names = ['Якутск', 'Могилёв', 'Новосибирск', 'Нижний Новгород', 'Калининград'];
    await expect.poll(async () => (await setupRows(page)).map(([, name]) => name), { timeout: 10_000 }).toEqual(names);
    const rows = new Map((await setupRows(page)).map(([id, name]) => [name, id]));
    const row = (name: string) => page.locator(`[data-testid="setup-row"][data-entry-id="${rows.get(name)}"]`);
    expect(await row('Якутск').getByTestId('setup-zone').innerText()).toBe('МСК+6');
    expect(await row('Якутск').innerText()).toContain('129,73°');
    expect(await row('Могилёв').innerText()).toContain('BY');
    // Mogilev keeps Moscow's clock: its local time reads «то же время», as Moscow's cities do.
    expect(await row('Могилёв').getByTestId('setup-planned').innerText()).toContain('то же время');
    expect(await row('Калининград').getByTestId('setup-zone').innerText()).toBe('МСК−1');
    await page.getByTestId('order-longitude').click();
    await expect
      .poll(async () => (await setupRows(page)).map(([, name]) => name), { timeout: 10_000 })
      .toEqual(['Якутск', 'Новосибирск', 'Нижний Новгород', 'Могилёв', 'Калининград']);
  });

  it('«Добавить» fills a city from its name alone, and forgets it when the name stops matching', async () => {
    const { page } = moderator;
    await page.getByTestId('entry-add').click();
    const dialog = page.getByTestId('entry-dialog');
    const name = dialog.locator('input[name="nameRu"]');
    await name.fill('г. брест');
    await expect.poll(() => dialog.getByTestId('place-hint').getAttribute('data-kind')).toBe('found');
    expect(await dialog.locator('select[name="timeZone"]').inputValue()).toBe('Europe/Minsk');
    expect(await dialog.locator('input[name="longitude"]').inputValue()).toBe('23,69');
    expect(await dialog.locator('input[name="country"]').inputValue()).toBe('BY');
    await name.fill('Атлантида');
    expect(await dialog.getByTestId('place-hint').innerText()).toBe('Нет в справочнике городов — укажите часовой пояс и долготу');
    expect(await dialog.locator('input[name="longitude"]').inputValue()).toBe('');
    await name.fill('г. брест');
    await name.blur();
    expect(await name.inputValue()).toBe('Брест');
    await dialog.getByTestId('entry-save').click();
    await expect.poll(async () => (await setupRows(page)).map(([, n]) => n).at(-1), { timeout: 10_000 }).toBe('Брест');
  });

  it('imports a Windows-1251 file from Russian Excel (№, Тип, ФИО, «ВКС», «1 мин») in file order', async () => {
    const { page } = moderator;
    await importFile(goodFile, 'import-result');
    expect(await page.getByTestId('import-result').innerText()).toContain(String(ROWS.length));
    await expect.poll(async () => (await setupRows(page)).map(([, name]) => name), { timeout: 10_000 }).toEqual(ROWS.map((r) => r.name));
    idOf = new Map((await setupRows(page)).map(([id, name]) => [name, id]));

    const row = (name: string) => page.locator(`[data-testid="setup-row"][data-entry-id="${idOf.get(name)}"]`);
    expect(await row('Владивосток').innerText()).toContain('131,87°'); // the longitude came from the built-in list
    expect(await row('Минск').innerText()).toContain('BY');
    expect(await row('Калининград').innerText()).toContain('Europe/Kaliningrad');
    expect(await row('Калининград').innerText()).toContain('По видеосвязи'); // «ВКС»
    expect(await row('Казань').innerText()).toContain('Сафин Рустам Ильдарович');
    expect(await row('Казань').innerText()).toContain('1:00');
    expect(await page.getByTestId('registration-count').getAttribute('data-total')).toBe(
      String(ROWS.filter((r) => r.kind === 'город').length),
    );
  });

  it('a file with an unknown city and a bad turn length is refused whole, both rows listed', async () => {
    const { page } = moderator;
    const before = await setupRows(page);
    await importFile(badFile, 'import-errors');
    const errors = await importErrors();
    expect(errors.map(([row, column]) => [row, column])).toEqual([
      ['3', 'Город'],
      ['5', 'Регламент'],
    ]);
    expect(errors[1]![2], 'the wrong value is quoted').toContain('«три»');
    expect(await page.getByTestId('import-nothing').isVisible()).toBe(true);
    expect(await page.getByTestId('import-result').count()).toBe(0);
    expect(await setupRows(page), 'nothing changed').toEqual(before);
  });

  it('«Восток → запад» puts the guest first, then the cities east to west', async () => {
    await excelListImported();
    const { page } = moderator;
    const names = ['Министерство просвещения', 'Владивосток', 'Якутск', 'Екатеринбург', 'Казань', 'Могилёв', 'Минск', 'Калининград'];
    await page.getByTestId('order-longitude').click();
    await expect.poll(async () => (await setupRows(page)).map(([id]) => id), { timeout: 10_000 }).toEqual(names.map((n) => idOf.get(n)));
    await screenshot(page, 'setup');
  });

  it("the links sheet gives each city its turn in МСК and in its own time; Minsk keeps Moscow's clock", async () => {
    await excelListImported();
    await sendCommand(e2e.server, { type: 'queue.order', by: 'longitude' });
    const { page } = moderator;
    await page.goto(moderatorUrl('/moderator/links'), { waitUntil: 'domcontentloaded' });
    const card = (name: string) => page.locator(`[data-testid="link-row"][data-entry-id="${idOf.get(name)}"]`).getByTestId('link-turn');
    await card('Якутск').waitFor({ timeout: READY_MS });
    expect(await card('Якутск').innerText()).toMatch(/^Выступление по плану: 10:0\d МСК · по местному времени 16:0\d \(МСК\+6\)$/);
    expect(await card('Минск').innerText()).toMatch(/МСК · местное время то же$/);
    expect(await card('Калининград').innerText()).toMatch(/\(МСК−1\)$/);
    expect(await page.getByTestId('links-print-start').textContent()).toBe('Начало: 10.12.2026, 10:00 МСК');
    await page.goto(moderatorUrl('/moderator/setup'), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('registration-count').waitFor({ timeout: READY_MS });
  });

  it('a city registers through its link before the day; the set-up page shows it', async () => {
    await excelListImported();
    await sendCommand(e2e.server, { type: 'queue.order', by: 'longitude' });
    const { page } = moderator;
    const count = page.getByTestId('registration-count');
    expect(await count.getAttribute('data-registered')).toBe('0');
    const link = (await getLinks(e2e.server)).find((l) => l.entryId === idOf.get(REGISTERED));
    expect(link, `a link for ${REGISTERED}`).toBeDefined();

    const attendee = await e2e.open('attendee', new URL(link!.url).pathname);
    const form = attendee.page.getByTestId('registration-form');
    await form.waitFor({ timeout: READY_MS });
    const fill = (id: string, value: string) => attendee.page.getByTestId(id).fill(value);
    await fill('registration-representative', SPEAKER.representative);
    await fill('registration-position', SPEAKER.position);
    await attendee.page.getByTestId('registration-attendance-online').check();
    await fill('registration-practiceTitle', 'Школа цифрового наставничества');
    await fill('registration-practiceSummary', 'Наставники из вузов ведут сельские школы по видеосвязи; 40 школ за год.');
    await fill('registration-contact', SPEAKER.contact);
    await attendee.page.getByTestId('registration-submit').click();
    const saved = attendee.page.getByTestId('registration-saved');
    await saved.waitFor({ timeout: 10_000 });
    await saved.scrollIntoViewIfNeeded();
    await screenshot(attendee.page, 'registration');

    await expect.poll(() => count.getAttribute('data-registered'), { timeout: 10_000 }).toBe('1');
    const row = page.locator(`[data-testid="setup-row"][data-entry-id="${idOf.get(REGISTERED)}"]`);
    expect(await row.getAttribute('data-registered')).toBe('true');
    expect(await row.innerText()).toContain(SPEAKER.representative);
    await screenshot(page, 'setup-registered');
  });

  it('runs a few turns from the console, with one extension, and finishes', async () => {
    await listReadyForTheDay();
    const { page } = moderator;
    await page.goto(moderatorUrl('/moderator'), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('btn-start').click({ timeout: READY_MS });
    const next = page.getByTestId('btn-next');
    await expect.poll(() => next.isEnabled(), { timeout: 10_000 }).toBe(true);

    // Guest, Vladivostok (+30 s), Yakutsk: each gets the floor for a moment.
    for (const name of ['Министерство просвещения', 'Владивосток', 'Якутск']) {
      expect(await next.getAttribute('data-next-id'), `next in line is ${name}`).toBe(idOf.get(name));
      await next.click();
      await page.getByTestId('current-speaker').filter({ hasText: name }).waitFor({ timeout: 5_000 });
      if (name === 'Владивосток') await page.getByTestId('btn-extend-30').click();
      await page.waitForTimeout(1_300); // a turn long enough to show used time
    }
    await page.getByTestId('btn-finish').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('btn-finish').isDisabled(), { timeout: 10_000 }).toBe(true);
  });

  it('the report shows every city, used time, the chart, and downloads an Excel CSV', async () => {
    await meetingRun();
    const { page } = moderator;
    const rows = page.getByTestId('report-row');
    await expect.poll(() => rows.count(), { timeout: READY_MS }).toBe(ROWS.length);
    expect(await page.getByTestId('report-phase').getAttribute('data-phase')).toBe('finished');
    const table = await page.getByTestId('report-table').innerText();
    for (const r of ROWS) expect(table).toContain(r.name);

    const row = (name: string) => page.locator(`[data-testid="report-row"][data-entry-id="${idOf.get(name)}"]`);
    const used = (name: string) => row(name).locator('td:nth-child(6)').innerText();
    for (const name of ['Министерство просвещения', 'Владивосток', 'Якутск'])
      expect(await used(name), `${name} spoke`).toMatch(/^\d+:\d{2}$/);
    expect(await used('Калининград'), 'Kaliningrad never spoke').toBe('—');
    expect(await row('Владивосток').locator('td:nth-child(5)').innerText()).toContain('+0:30');
    expect(await row(REGISTERED).innerText()).toContain(SPEAKER.representative);

    const chart = page.getByTestId('report-chart');
    await chart.locator('svg.recharts-surface').first().waitFor({ timeout: 10_000 });
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await screenshot(page, 'report');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId('download-csv').click()]);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(header!.split(';')).toEqual(expect.arrayContaining(['Город', 'Представитель', 'Использовано (мин:с)']));
    expect(lines).toHaveLength(ROWS.length);
    const yakutsk = lines.find((l) => l.includes(REGISTERED));
    expect(yakutsk).toContain(SPEAKER.representative);
    expect(yakutsk).toContain(SPEAKER.contact);
  });

  it('the minutes download as a PDF that counts who was not called apart from who was absent', async () => {
    await meetingRun();
    const { page } = moderator;
    await expect.poll(() => page.getByTestId('minutes-not-called').innerText(), { timeout: 10_000 }).toMatch(/^Не вызваны: 5 \(/);
    expect(await page.getByTestId('minutes-absent').innerText()).toBe('Отсутствовали (отмечены ведущим): нет.');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('download-minutes-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-minutes\.pdf$/);
    const text = pdfText(readFileSync(await download.path())).replace(/\s+/g, ' ');
    expect(text).toMatch(/Не вызваны: 5 \(Екатеринбург; Казань; Могилёв, Беларусь; Минск, Беларусь; Калининград\)/);
    expect(text).toContain('Отсутствовали (отмечены ведущим): нет.');
    expect(text).toMatch(/Владивосток — время выступления \d+ с/);
  });

  it('a nominated practice gets its diploma from the report table', async () => {
    await meetingRun();
    const { page } = moderator;
    await sendCommand(e2e.server, { type: 'entry.nominate', entryId: idOf.get(REGISTERED)!, nomination: 'Лучшая практика' });
    const row = page.locator(`[data-testid="report-row"][data-entry-id="${idOf.get(REGISTERED)}"]`);
    const button = row.getByTestId('download-diploma');
    await button.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), button.click()]);
    const text = pdfText(readFileSync(await download.path())).replace(/\s+/g, ' ');
    expect(text).toContain(SPEAKER.representative);
    expect(text).toContain('представитель города Якутска');
    expect(text).toContain('в номинации «Лучшая практика»');
  });
});
