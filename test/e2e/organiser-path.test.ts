// The organiser's path (README), in order, against one server: import the list from an Excel-style
// CSV (BOM, ';', Russian headers, decimal commas) and see a bad file refused whole; order the list
// east to west; a city registers through its own link before the day and the set-up page shows it;
// a few turns from the console; the report with its chart and its CSV download.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLinks } from './support/api';
import { screenshot, type RolePage } from './support/browser';
import { useE2E } from './support/fixture';

const READY_MS = 20_000;
const HEADER = 'тип;город;название (англ.);страна;регион;часовой пояс;долгота;представитель;должность;участие;время (сек)';

interface Row {
  kind: 'гость' | 'город';
  name: string;
  nameEn: string;
  country: string;
  zone: string;
  longitude: string; // as written in the file: decimal comma
  representative: string;
}
// Out of geographic order on purpose, the guest in the middle.
const ROWS: Row[] = [
  { kind: 'город', name: 'Казань', nameEn: 'Kazan', country: 'Россия', zone: 'Europe/Moscow', longitude: '49,11', representative: 'Сафин Рустам Ильдарович' },
  { kind: 'город', name: 'Калининград', nameEn: 'Kaliningrad', country: 'Россия', zone: 'Europe/Kaliningrad', longitude: '20,51', representative: '' },
  { kind: 'гость', name: 'Министерство просвещения', nameEn: 'Ministry of Education', country: 'Россия', zone: 'Europe/Moscow', longitude: '37,62', representative: 'Орлов Павел' },
  { kind: 'город', name: 'Якутск', nameEn: 'Yakutsk', country: 'Россия', zone: 'Asia/Yakutsk', longitude: '129,73', representative: '' },
  { kind: 'город', name: 'Минск', nameEn: 'Minsk', country: 'Беларусь', zone: 'Europe/Minsk', longitude: '27,56', representative: 'Ковальчук Анна' },
  { kind: 'город', name: 'Владивосток', nameEn: 'Vladivostok', country: 'Россия', zone: 'Asia/Vladivostok', longitude: '131,89', representative: '' },
  { kind: 'город', name: 'Екатеринбург', nameEn: 'Yekaterinburg', country: 'Россия', zone: 'Asia/Yekaterinburg', longitude: '60,60', representative: '' },
  { kind: 'город', name: 'Новосибирск', nameEn: 'Novosibirsk', country: 'Россия', zone: 'Asia/Novosibirsk', longitude: '82,92', representative: '' },
];
const line = (r: Row) => [r.kind, r.name, r.nameEn, r.country, '', r.zone, r.longitude, r.representative, '', r.kind === 'гость' ? 'в зале' : 'онлайн', '60'].join(';');
/** Excel's "CSV UTF-8 (;)": a BOM, CRLF. */
const excelCsv = (lines: string[]) => '\uFEFF' + [HEADER, ...lines].join('\r\n') + '\r\n';

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
  const goodFile = join(dir, 'города.csv');
  const badFile = join(dir, 'города-с-ошибками.csv');
  let moderator: RolePage;
  let idOf: Map<string, string>; // city name → entry id, once imported
  const moderatorUrl = (path: string) => `${e2e.server.url}${path}#key=${encodeURIComponent(e2e.server.key)}`;

  beforeAll(async () => {
    writeFileSync(goodFile, excelCsv(ROWS.map(line)));
    // Line 3 (header = 1): a time zone that does not exist; line 5: a longitude that is not a number.
    const bad = ROWS.map((r, i) => (i === 1 ? { ...r, zone: 'Asia/Atlantis' } : i === 3 ? { ...r, longitude: 'восток' } : r));
    writeFileSync(badFile, excelCsv(bad.map(line)));
    moderator = await e2e.open('moderator', `/moderator/setup#key=${encodeURIComponent(e2e.server.key)}`);
    await moderator.page.getByTestId('setup-page').waitFor({ timeout: READY_MS });
    await moderator.page.getByTestId('registration-count').waitFor({ timeout: READY_MS });
  });

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

  it('imports an Excel CSV (BOM, ;, Russian headers, decimal commas) in file order', async () => {
    const { page } = moderator;
    await importFile(goodFile, 'import-result');
    expect(await page.getByTestId('import-result').innerText()).toContain(String(ROWS.length));
    await expect.poll(async () => (await setupRows(page)).map(([, name]) => name), { timeout: 10_000 }).toEqual(ROWS.map((r) => r.name));
    idOf = new Map((await setupRows(page)).map(([id, name]) => [name, id]));

    const row = (name: string) => page.locator(`[data-testid="setup-row"][data-entry-id="${idOf.get(name)}"]`);
    expect(await row('Владивосток').innerText()).toContain('131.89°'); // the decimal comma was read
    expect(await row('Минск').innerText()).toContain('BY'); // «Беларусь» became the country code
    expect(await row('Калининград').innerText()).toContain('Europe/Kaliningrad');
    expect(await page.getByTestId('registration-count').getAttribute('data-total')).toBe(String(ROWS.filter((r) => r.kind === 'город').length));
  });

  it('a file with a bad time zone and a bad longitude is refused whole, both rows listed', async () => {
    const { page } = moderator;
    const before = await setupRows(page);
    await importFile(badFile, 'import-errors');
    const errors = await page.$$eval('[data-testid="import-error-row"]', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(errors.map(([row, column]) => [row, column])).toEqual([
      ['3', 'часовой пояс'],
      ['5', 'долгота'],
    ]);
    expect(errors[1]![2], 'the wrong value is quoted').toContain('восток');
    expect(await page.getByTestId('import-nothing').isVisible()).toBe(true);
    expect(await page.getByTestId('import-result').count()).toBe(0);
    expect(await setupRows(page), 'nothing changed').toEqual(before);
  });

  it('«Восток → запад» puts the guest first, then the cities east to west', async () => {
    const { page } = moderator;
    const east = (r: Row) => Number(r.longitude.replace(',', '.'));
    const names = [...ROWS.filter((r) => r.kind === 'гость'), ...ROWS.filter((r) => r.kind === 'город').sort((a, b) => east(b) - east(a))].map((r) => r.name);
    expect(names).toEqual(['Министерство просвещения', 'Владивосток', 'Якутск', 'Новосибирск', 'Екатеринбург', 'Казань', 'Минск', 'Калининград']);
    await page.getByTestId('order-longitude').click();
    await expect.poll(async () => (await setupRows(page)).map(([id]) => id), { timeout: 10_000 }).toEqual(names.map((n) => idOf.get(n)));
    await screenshot(page, 'setup');
  });

  it('a city registers through its link before the day; the set-up page shows it', async () => {
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
    const { page } = moderator;
    await page.goto(moderatorUrl('/report/current'), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('report-page').waitFor({ timeout: READY_MS });
    const rows = page.getByTestId('report-row');
    await expect.poll(() => rows.count(), { timeout: READY_MS }).toBe(ROWS.length);
    expect(await page.getByTestId('report-phase').getAttribute('data-phase')).toBe('finished');
    const table = await page.getByTestId('report-table').innerText();
    for (const r of ROWS) expect(table).toContain(r.name);

    const row = (name: string) => page.locator(`[data-testid="report-row"][data-entry-id="${idOf.get(name)}"]`);
    const used = (name: string) => row(name).locator('td:nth-child(6)').innerText();
    for (const name of ['Министерство просвещения', 'Владивосток', 'Якутск']) expect(await used(name), `${name} spoke`).toMatch(/^\d+:\d{2}$/);
    expect(await used('Калининград'), 'Kaliningrad never spoke').toBe('—');
    expect(await row('Владивосток').locator('td:nth-child(5)').innerText()).toContain('+0:30');
    expect(await row(REGISTERED).innerText()).toContain(SPEAKER.representative);

    const chart = page.getByTestId('report-chart');
    await chart.locator('svg.recharts-surface').first().waitFor({ timeout: 10_000 });
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await screenshot(page, 'report');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId('download-csv').click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(header!.split(';')).toEqual(expect.arrayContaining(['Город', 'Представитель', 'Использовано']));
    expect(lines).toHaveLength(ROWS.length);
    const yakutsk = lines.find((l) => l.includes(REGISTERED));
    expect(yakutsk).toContain(SPEAKER.representative);
    expect(yakutsk).toContain(SPEAKER.contact);
  });

  it('no page threw an uncaught error', () => {
    const thrown = e2e.pages.flatMap((p) => p.errors.filter((e) => e.startsWith('pageerror')).map((e) => `[${p.role}] ${e}`));
    expect(thrown).toEqual([]);
  });
});
