// axe finds no serious or critical violation on any page, in each state people see it in: the
// moderator's pages, the big screen, a city's page (registration, waiting, speaking), the report and
// the practices, and the same pages during a rehearsal, which every one of them marks as such.
import { beforeEach, describe, expect, it } from 'vitest';
import { getLinks, sendCommand } from './support/api';
import { seriousViolations } from './support/axe';
import { screenshot, type RolePage } from './support/browser';
import { useE2E } from './support/fixture';

const READY_MS = 20_000;

describe('accessibility: no serious or critical axe violation on any page', () => {
  const e2e = useE2E();
  const withKey = (path: string) => `${path}#key=${encodeURIComponent(e2e.server.key)}`;
  let joinPath: (entryId: string) => string;
  let moderator: RolePage;

  /** Opens (or reuses) a page, waits for `ready`, and checks it. */
  async function check(page: RolePage['page'], ready: string, name: string) {
    await page.getByTestId(ready).first().waitFor({ timeout: READY_MS });
    await page.evaluate(() => document.fonts.ready);
    const problems = await seriousViolations(page);
    await screenshot(page, `axe-${name}`);
    expect.soft(problems, `${name}: ${JSON.stringify(problems, null, 2)}`).toEqual([]);
  }

  // Every test: a fresh server, which it brings to the state it checks, and the console open.
  beforeEach(async () => {
    const links = await getLinks(e2e.server);
    joinPath = (id) => new URL(links.find((l) => l.entryId === id)!.url).pathname;
    moderator = await e2e.open('moderator', withKey('/moderator'));
  });

  it('before the start: console, set-up, links, events, the big screen and a city registering', async () => {
    await check(moderator.page, 'btn-start', 'console-planned');
    for (const [path, ready, name] of [
      ['/moderator/setup', 'setup-page', 'setup'],
      ['/moderator/links', 'link-row', 'links'],
      ['/moderator/events', 'events-table', 'events'],
    ] as const) {
      await moderator.page.goto(e2e.server.url + withKey(path));
      await check(moderator.page, ready, name);
    }
    const screen = await e2e.open('screen', '/screen');
    await check(screen.page, 'screen-welcome', 'screen-planned');
    const city = await e2e.open('attendee', joinPath('magadan'));
    await check(city.page, 'registration-form', 'join-registration');
  });

  it('during the session: console, big screen, a city waiting and the city speaking', async () => {
    await sendCommand(e2e.server, { type: 'session.start' });
    await sendCommand(e2e.server, { type: 'speaker.start', entryId: 'vladivostok' });
    await sendCommand(e2e.server, { type: 'message.send', target: 'screens', text: 'Перерыв на кофе в 11:30' });
    await sendCommand(e2e.server, { type: 'entry.markAbsent', entryId: 'khabarovsk' });
    await moderator.page.goto(e2e.server.url + withKey('/moderator'));
    await check(moderator.page, 'current-speaker', 'console-live');
    const screen = await e2e.open('screen', '/screen');
    await check(screen.page, 'screen-speaker', 'screen-live');
    const waiting = await e2e.open('attendee', joinPath('magadan'));
    await check(waiting.page, 'join-status', 'join-waiting');
    const speaking = await e2e.open('attendee', joinPath('vladivostok'));
    await speaking.page.locator('[data-testid="join-status"][data-status="speaking"]').waitFor({ timeout: READY_MS });
    await check(speaking.page, 'join-status', 'join-speaking');
  });

  it('during a rehearsal every page says so, and stays accessible', async () => {
    const created = await (
      await fetch(`${e2e.server.url}/api/events/main/rehearsal`, { method: 'POST', headers: { authorization: `Bearer ${e2e.server.key}` } })
    ).json();
    await fetch(`${e2e.server.url}/api/events/${created.id}/activate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${e2e.server.key}` },
    });
    await moderator.page.goto(e2e.server.url + withKey('/moderator'));
    await check(moderator.page, 'rehearsal-banner', 'console-rehearsal');
    expect(await moderator.page.getByTestId('rehearsal-banner').innerText()).toMatch(/Репетиция 1/i);
    const screen = await e2e.open('screen', '/screen');
    await check(screen.page, 'rehearsal-banner', 'screen-rehearsal');
    const city = await e2e.open('attendee', joinPath('magadan'));
    await check(city.page, 'rehearsal-banner', 'join-rehearsal');
    expect(await city.page.getByTestId('rehearsal-banner').innerText()).toContain('настоящей переклички');
    await moderator.page.goto(e2e.server.url + withKey('/moderator/events'));
    await check(moderator.page, 'event-rehearsal-badge', 'events-rehearsal');
    // The active rehearsal cannot be deleted nor rehearsed again; main can be rehearsed.
    const row = (id: string) => moderator.page.locator(`[data-testid="event-row"][data-event-id="${id}"]`);
    expect(await row(created.id).getByTestId('event-delete').count()).toBe(0);
    expect(await row(created.id).getByTestId('event-rehearsal').count()).toBe(0);
    expect(await row('main').getByTestId('event-rehearsal').count()).toBe(1);
    // Back to main: now the rehearsal can be deleted from the page.
    await row('main').getByTestId('event-activate').click();
    await moderator.page.getByTestId('confirm-ok').click();
    await row(created.id).getByTestId('event-delete').click();
    await moderator.page.getByTestId('confirm-ok').click();
    await expect.poll(() => row(created.id).count(), { timeout: 10_000 }).toBe(0);
  });

  it('after the finish: the report and the library of practices', async () => {
    await sendCommand(e2e.server, { type: 'session.start' });
    await sendCommand(e2e.server, { type: 'speaker.start', entryId: 'vladivostok' });
    await sendCommand(e2e.server, { type: 'entry.markAbsent', entryId: 'khabarovsk' });
    await sendCommand(e2e.server, { type: 'session.finish' });
    await moderator.page.goto(e2e.server.url + withKey('/report/current'));
    await check(moderator.page, 'report-table', 'report');
    await moderator.page.goto(e2e.server.url + withKey('/report/current/practices'));
    await check(moderator.page, 'practices-page', 'practices');
  });
});
