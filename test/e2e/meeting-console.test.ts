// The moderator's console through a meeting, with the big screen and cities' phones beside it:
// schedule figures that make sense before the start and after the finish, Space that pauses only
// when no control has the keyboard, one row menu at a time laid over the queue, ready-made messages
// in one click, an alert with one-click pause when the speaking city's link drops (and the screen
// stops saying it is connected by video), an absent city said once and still counted as connected,
// «перерасход» instead of «осталось +0:33», and a finish that says who has not spoken.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { getEntries, getLinks, sendCommand } from './support/api';
import { screenshot, textOf, type RolePage } from './support/browser';
import { useE2E } from './support/fixture';

const READY_MS = 20_000;
/** ISO 8601 in Moscow time, `ms` from now: a planned start close enough to talk about. */
const moscowIso = (at: number) => new Date(at + 3 * 3_600_000).toISOString().slice(0, 16) + ':00+03:00';
const phaseOf = (page: Page) => page.getByTestId('totals-phase').locator('[data-phase]').getAttribute('data-phase');

describe('the moderator through the meeting', () => {
  // A fresh server for every test; no page may log an error, not only throw one.
  const e2e = useE2E({ pageErrors: 'logged' });
  let moderator: RolePage;
  let screen: RolePage;
  let joinPath: (entryId: string) => string;
  const row = (id: string) => moderator.page.locator(`[data-testid="queue-row"][data-entry-id="${id}"]`);

  /** The session started (and, with `next`, the first speaker on), as the console shows it. */
  const live = async ({ next = false } = {}) => {
    await sendCommand(e2e.server, { type: 'session.start' });
    if (next) await sendCommand(e2e.server, { type: 'speaker.next' });
    await expect.poll(() => phaseOf(moderator.page), { timeout: READY_MS }).toBe('live');
    if (next) await moderator.page.getByTestId('current-speaker').getByTestId('speaker-name').waitFor({ timeout: READY_MS });
  };

  beforeEach(async () => {
    const links = await getLinks(e2e.server);
    joinPath = (id) => new URL(links.find((l) => l.entryId === id)!.url).pathname;
    // The event starts in an hour: the list (115 min of turns) is 10 minutes shorter than the plan.
    await sendCommand(e2e.server, { type: 'event.update', fields: { plannedStart: moscowIso(Date.now() + 3_600_000) } });
    [moderator, screen] = await Promise.all([
      e2e.open('moderator', `/moderator#key=${encodeURIComponent(e2e.server.key)}`),
      e2e.open('screen', '/screen'),
    ]);
    await moderator.page.getByTestId('btn-start').waitFor({ timeout: READY_MS });
  });

  it('before the start: time until the start and the slack of the list, never a signed «опережение −10:00»', async () => {
    const { page } = moderator;
    await expect.poll(() => textOf(page, 'totals-drift'), { timeout: 5_000 }).toMatch(/запас 10:00/);
    expect(await textOf(page, 'totals-drift')).not.toMatch(/−|опережение/);
    expect(await textOf(page, 'totals-elapsed')).toMatch(/До начала\s*(5\d|1:00):\d\d/);
    expect(await textOf(page, 'totals-remaining')).toMatch(/Регламент\s*1:55:00/);
    await screenshot(page, 'console-before-start');
  });

  it('Space presses a control that has the keyboard, and pauses otherwise', async () => {
    const { page } = moderator;
    await page.getByTestId('btn-start').click();
    await page.getByTestId('btn-next').click();
    await page.getByTestId('current-speaker').getByTestId('speaker-name').waitFor({ timeout: 5_000 });
    expect(await phaseOf(page)).toBe('live');

    // Tab onto the help button (keyboard focus), then Space: the help opens, the meeting runs on.
    await page.getByTestId('btn-shortcuts').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('btn-shortcuts');
    await page.keyboard.press('Space');
    await page.locator('dialog[open]').waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(await phaseOf(page), 'Space on a focused button must not pause').toBe('live');

    // Nothing focused: Space is pause, and again resume.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect.poll(() => phaseOf(page), { timeout: 5_000 }).toBe('paused');
    await page.keyboard.press('Space');
    await expect.poll(() => phaseOf(page), { timeout: 5_000 }).toBe('live');
  });

  it('a ready-made message goes to the speaker in one click; ✎ puts it in the box to edit first', async () => {
    await live({ next: true });
    const { page } = moderator;
    await page.getByTestId('message-quick-oneMinute').click();
    await page
      .locator('[data-testid="message-item"][data-target="speaker"]')
      .filter({ hasText: 'Осталась минута' })
      .waitFor({ timeout: 5_000 });
    await page.getByTestId('message-quick-edit-wrapUp').click();
    expect(await page.getByTestId('message-text').inputValue()).toBe('Пожалуйста, завершайте');
    expect(await page.locator('[data-testid="message-item"]').filter({ hasText: 'Пожалуйста, завершайте' }).count(), 'not sent yet').toBe(
      0,
    );
  });

  it('one row menu at a time, laid over the queue: the rows below do not move', async () => {
    const { page } = moderator;
    const entries = await getEntries(e2e.server);
    const [a, b, c] = [entries[4]!.id, entries[5]!.id, entries[6]!.id];
    const before = await row(c).boundingBox();
    await row(a).getByTestId('row-menu').click();
    await row(a).getByTestId('row-actions').waitFor();
    expect((await row(c).boundingBox())!.y, 'the queue is not pushed down').toBe(before!.y);
    await row(b).getByTestId('row-menu').click();
    await row(b).getByTestId('row-actions').waitFor();
    expect(await page.getByTestId('row-actions').count(), 'only one menu is open').toBe(1);
    await screenshot(page, 'console-row-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('row-actions').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'focus back on ⋯').toBe('row-menu');
  });

  it("the speaking city's link drops: an alert with one-click pause, and the screen stops saying «По видеосвязи»", async () => {
    await live();
    const { page } = moderator;
    const city = await e2e.open('attendee', joinPath('magadan'));
    await row('magadan').and(page.locator('[data-presence="online"]')).waitFor({ timeout: READY_MS });
    await row('magadan').getByTestId('row-start').click();
    await page.getByTestId('current-speaker').filter({ hasText: 'Магадан' }).waitFor({ timeout: 5_000 });
    const marker = screen.page.getByTestId('screen-speaker').getByTestId('screen-attendance');
    await expect.poll(() => marker.getAttribute('data-connection'), { timeout: 5_000 }).toBe('online');
    expect(await marker.innerText()).toBe('По видеосвязи');
    expect(await page.getByTestId('speaker-connection-lost').count()).toBe(0);

    await city.context.close();
    await page.getByTestId('speaker-connection-lost').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('speaker-connection-lost').innerText()).toContain('Магадан: связь прервалась');
    await expect.poll(() => marker.getAttribute('data-connection'), { timeout: 5_000 }).not.toBe('online');
    expect(await marker.innerText()).toMatch(/Связь прерывается|Не на связи/);
    await Promise.all([screenshot(page, 'console-connection-lost'), screenshot(screen.page, 'screen-connection-lost')]);
    await page.getByTestId('lost-pause').click();
    await expect.poll(() => phaseOf(page), { timeout: 5_000 }).toBe('paused');
    await page.getByTestId('btn-resume').click();
    await expect.poll(() => phaseOf(page), { timeout: 5_000 }).toBe('live');
  });

  it('an absent city whose page is open says «Отсутствует» once and counts as connected', async () => {
    const { page } = moderator;
    const city = await e2e.open('attendee', joinPath('yuzhno-sakhalinsk'));
    await row('yuzhno-sakhalinsk').and(page.locator('[data-presence="online"]')).waitFor({ timeout: READY_MS });
    await sendCommand(e2e.server, { type: 'entry.markAbsent', entryId: 'yuzhno-sakhalinsk' });
    await row('yuzhno-sakhalinsk').and(page.locator('[data-status="absent"]')).waitFor({ timeout: 5_000 });
    const text = await row('yuzhno-sakhalinsk').innerText();
    expect(text.match(/Отсутствует/g), text).toHaveLength(1);
    expect(text).toContain('На связи');
    await expect.poll(() => textOf(page, 'totals-online')).toMatch(/На связи\s*1$/);
    await expect.poll(() => textOf(screen.page, 'screen-count-connected')).toBe('На связи: 1');
    await city.context.close();
  });

  it('the city next in line reads «перерасход» when the speaker runs over, not «осталось +0:07»', async () => {
    await sendCommand(e2e.server, { type: 'session.start' });
    await sendCommand(e2e.server, { type: 'speaker.start', entryId: 'magadan' });
    const nextId = (await getEntries(e2e.server)).find((e) => e.status === 'waiting')!.id;
    const next = await e2e.open('attendee', joinPath(nextId));
    await next.page.locator('[data-testid="join-status"][data-status="next"]').waitFor({ timeout: READY_MS });
    expect(await textOf(next.page, 'join-next-clock-label')).toBe('осталось');
    // Magadan has the floor: shorten its turn to what it has used plus two seconds.
    await sendCommand(e2e.server, { type: 'speaker.extend', seconds: -170 });
    await expect.poll(() => textOf(next.page, 'join-next-clock-label'), { timeout: 15_000 }).toBe('перерасход');
    await screenshot(next.page, 'join-next-overtime');
    // Its turn comes and a message arrives: both buzz the phone, which the browser refuses (with
    // an error in the console) until the person has touched the page. Nothing may be logged.
    await sendCommand(e2e.server, { type: 'speaker.start', entryId: nextId });
    await next.page.locator('[data-testid="join-status"][data-status="speaking"]').waitFor({ timeout: 5_000 });
    await sendCommand(e2e.server, { type: 'message.send', target: nextId, text: 'Вас хорошо слышно' });
    await next.page.getByTestId('join-message').waitFor({ timeout: 5_000 });
    await next.page.waitForTimeout(500);
    expect(next.errors, 'no vibration before a tap').toEqual([]);
  });

  it('finishing says how many have not spoken, names only its own buttons, and then offers the report', async () => {
    await live({ next: true });
    const { page } = moderator;
    const entries = await getEntries(e2e.server);
    const notSpoken = entries.filter((e) => e.status === 'waiting' || e.status === 'deferred').length;
    expect(notSpoken).toBeGreaterThan(4);
    await page.getByTestId('btn-finish').click();
    const dialog = page.getByTestId('confirm-dialog');
    const form = {
      one: 'участник ещё не выступил — в отчёте он будет отмечен',
      few: 'участника ещё не выступили — в отчёте они будут отмечены',
      many: 'участников ещё не выступили — в отчёте они будут отмечены',
    };
    const plural = new Intl.PluralRules('ru').select(notSpoken) as keyof typeof form;
    expect(await dialog.getByTestId('confirm-warning').innerText()).toBe(
      `${notSpoken} ${form[plural]} как не вызванны${plural === 'one' ? 'й' : 'е'}.`,
    );
    const buttons = await dialog.locator('button').allInnerTexts();
    for (const [, quoted] of (await dialog.innerText()).matchAll(/«([^»]+)»/g)) expect(buttons).toContain(quoted);
    await screenshot(page, 'console-finish-dialog');
    await page.getByTestId('confirm-ok').click();

    await page.getByTestId('btn-report').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('btn-next').count(), 'no «Далее: …» after the finish').toBe(0);
    expect(await page.locator('[data-testid="queue-row"][data-next]').count()).toBe(0);
    expect(await page.getByTestId('totals-remaining').count(), 'no «Осталось по плану»').toBe(0);
    expect(await textOf(page, 'totals-drift')).toMatch(/план|по плану/);
    expect(await textOf(page, 'totals-drift')).not.toMatch(/−/);
    await screenshot(page, 'console-finished');
    await page.getByTestId('btn-report').click();
    await page.waitForURL(/\/report\/current/, { timeout: 10_000 });
    await page.getByTestId('report-page').waitFor({ timeout: READY_MS });
  });
});
