// The big screen on a 1280×720 projector and a 1920×1080 one, and a city's page on a phone: long
// names and long messages are never cut off or drawn over one another, every line the hall reads is
// big enough for the back of the room, and the operator's hint and language switch are not projected.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { getLinks, sendCommand } from './support/api';
import { screenshot, type RolePage } from './support/browser';
import { useE2E } from './support/fixture';

const READY_MS = 20_000;
const PROJECTORS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
/** The smallest text on the projector: 24 px at 720 lines, 36 px at 1080 (3.3% of the height). */
const MIN_TEXT_SHARE = 0.033;
const LONG_WORD_NAME = 'Верхнеднепровскпетропавловсккамчатскийзаполярный';
const LONG_MESSAGE = 'Уважаемые участники круглого стола! '.repeat(15).slice(0, 500);
const UNBROKEN_MESSAGE = 'Ж'.repeat(300);

/** What is wrong with the screen's layout now: clipped or overlapping blocks, text too small. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((minShare) => {
    const problems: string[] = [];
    const box = (el: Element | null) => el?.getBoundingClientRect() ?? null;
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const inside = (a: DOMRect, b: DOMRect) =>
      a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    const viewport = new DOMRect(0, 0, innerWidth, innerHeight);

    const name = document.querySelector('[data-testid="screen-name"]');
    const fit = name?.closest('.scr-fit') ?? null;
    const clock = document.querySelector('[data-testid="screen-clock"] [data-testid="countdown"]');
    const message = document.querySelector('[data-testid="screen-message"]');
    const kicker = name?.previousElementSibling ?? null;
    if (name && fit) {
      const n = box(name)!;
      if (fit.scrollWidth > fit.clientWidth + 1)
        problems.push(`the speaker column overflows sideways (${fit.scrollWidth} > ${fit.clientWidth})`);
      if (!inside(n, box(fit)!))
        problems.push(`the name is cut by its column: ${JSON.stringify(n)} not inside ${JSON.stringify(box(fit))}`);
      if (kicker && !inside(box(kicker)!, box(fit)!)) problems.push('«Сейчас выступает» is cut by its column');
      const marker = fit.querySelector('[data-testid="screen-attendance"]');
      if (marker && !inside(box(marker)!, box(fit)!)) problems.push('the attendance marker is cut by its column');
      if (clock && overlap(n, box(clock)!)) problems.push('the countdown overlaps the name');
      if (message && overlap(n, box(message)!)) problems.push('the message overlaps the name');
    }
    if (clock && message && overlap(box(clock)!, box(message)!)) problems.push('the countdown overlaps the message');
    if (message && message.scrollWidth > message.clientWidth + 1) problems.push('the message overflows sideways');
    const title = document.querySelector('[data-testid="screen-title"]');
    if (title && (title.scrollHeight > title.clientHeight + 1 || title.scrollWidth > title.clientWidth + 1))
      problems.push('the title is cut');
    if (document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls sideways');

    // Every visible line of text, at least the floor.
    const floor = innerHeight * minShare - 0.5;
    const root = document.querySelector('[data-testid="screen"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const small = new Set<string>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      // The language switch is the operator's, shown only while the mouse moves; the hall reads the rest.
      if (!el || !node.textContent?.trim() || el.closest('.sr-only, [data-testid="screen-corner"]')) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility !== 'visible' || rect.width === 0 || !overlap(rect, viewport)) continue;
      let hidden = false;
      for (let up: Element | null = el; up; up = up.parentElement) if (getComputedStyle(up).opacity === '0') hidden = true;
      if (hidden) continue;
      const size = parseFloat(style.fontSize);
      if (size < floor) small.add(`«${node.textContent.trim().slice(0, 30)}» ${size.toFixed(1)}px`);
    }
    if (small.size) problems.push(`text below ${floor.toFixed(1)}px: ${[...small].join('; ')}`);
    return problems;
  }, MIN_TEXT_SHARE);
}

describe('the big screen and the city page hold long names and long messages', () => {
  const e2e = useE2E();
  let screens: RolePage[];

  const settle = async () => {
    // Entrance animations (700 ms) and the fit steps finish before anything is measured.
    await Promise.all(screens.map(({ page }) => page.waitForTimeout(1_000)));
  };
  const eachScreen = async (scene: string) => {
    for (const { page } of screens) {
      const { width, height } = page.viewportSize()!;
      await screenshot(page, `projector-${scene}-${width}`);
      expect(await layoutProblems(page), `${scene} at ${width}×${height}`).toEqual([]);
    }
  };

  /** Arranges the moment a test measures, over the HTTP API (every test starts on a fresh server). */
  const send = (...commands: Parameters<typeof sendCommand>[1][]) =>
    commands.reduce<Promise<unknown>>((done, command) => done.then(() => sendCommand(e2e.server, command)), Promise.resolve());
  const speaking = async (entryId: string, name: string) => {
    await send({ type: 'session.start' }, { type: 'speaker.start', entryId });
    await Promise.all(
      screens.map(({ page }) => page.getByTestId('screen-speaker').filter({ hasText: name }).waitFor({ timeout: READY_MS })),
    );
  };

  beforeEach(async () => {
    screens = [];
    for (const size of PROJECTORS) {
      const screen = await e2e.open('screen', '/screen');
      await screen.page.setViewportSize(size);
      screens.push(screen);
    }
    await Promise.all(screens.map(({ page }) => page.getByTestId('screen-welcome').waitFor({ timeout: READY_MS })));
  });

  it('before the start: the welcome fits, and the hint and language switch are not projected', async () => {
    await settle();
    await eachScreen('welcome');
    for (const { page } of screens) {
      for (const id of ['screen-fullscreen-hint', 'screen-corner']) {
        expect(await page.getByTestId(id).isVisible(), `${id} on a screen nobody has touched`).toBe(false);
      }
    }
    // The operator moves the mouse: the hint shows (until it rests again).
    const { page } = screens[0]!;
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    await expect.poll(() => page.getByTestId('screen-fullscreen-hint').isVisible(), { timeout: 5_000 }).toBe(true);
  });

  it('a city name as long as «Владивосток» is whole at both sizes', async () => {
    await sendCommand(e2e.server, { type: 'session.start' });
    await sendCommand(e2e.server, { type: 'speaker.start', entryId: 'vladivostok' });
    await Promise.all(
      screens.map(({ page }) => page.getByTestId('screen-speaker').filter({ hasText: 'Владивосток' }).waitFor({ timeout: READY_MS })),
    );
    await settle();
    await eachScreen('vladivostok');
  });

  it('a 500-character message is cut with an ellipsis and leaves the speaker and the clock in view', async () => {
    await speaking('vladivostok', 'Владивосток');
    await sendCommand(e2e.server, { type: 'message.send', target: 'screens', text: LONG_MESSAGE });
    await Promise.all(screens.map(({ page }) => page.getByTestId('screen-message').waitFor({ timeout: READY_MS })));
    await settle();
    await eachScreen('message-500');
    for (const { page } of screens) {
      const text = page.getByTestId('screen-message-text');
      const clamp = await text.evaluate((el) => ({
        lines: getComputedStyle(el).webkitLineClamp,
        cut: el.scrollHeight > el.clientHeight + 1,
      }));
      expect(clamp, 'clamped to three lines, which shows the ellipsis').toEqual({ lines: '3', cut: true });
    }
  });

  it('an unbroken message and a name that is one long word still fit', async () => {
    await sendCommand(e2e.server, { type: 'session.start' });
    await sendCommand(e2e.server, { type: 'message.send', target: 'screens', text: UNBROKEN_MESSAGE });
    await sendCommand(e2e.server, { type: 'entry.update', entryId: 'magadan', fields: { nameRu: LONG_WORD_NAME } });
    await sendCommand(e2e.server, { type: 'speaker.start', entryId: 'magadan' });
    await Promise.all(
      screens.map(({ page }) =>
        page
          .getByTestId('screen-speaker')
          .filter({ hasText: LONG_WORD_NAME.slice(0, 10) })
          .waitFor({ timeout: READY_MS }),
      ),
    );
    await settle();
    await eachScreen('unbroken');
    await sendCommand(e2e.server, { type: 'message.clear' });
    await settle();
    await eachScreen('long-word-name');
  });

  it('on a phone, the city page with that name and that message does not scroll sideways', async () => {
    await send(
      { type: 'entry.update', entryId: 'magadan', fields: { nameRu: LONG_WORD_NAME } },
      { type: 'session.start' },
      { type: 'speaker.start', entryId: 'magadan' },
      { type: 'message.send', target: 'magadan', text: UNBROKEN_MESSAGE },
    );
    const links = await getLinks(e2e.server);
    const city = await e2e.open('attendee', new URL(links.find((l) => l.entryId === 'magadan')!.url).pathname);
    await city.page.getByTestId('join-message').waitFor({ timeout: READY_MS });
    await screenshot(city.page, 'phone-long-word-name');
    const widths = await city.page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    const name = await city.page.getByTestId('join-city-name').boundingBox();
    expect(name!.x + name!.width).toBeLessThanOrEqual(390);
  });

  it('after the finish: the summary fits too', async () => {
    await speaking('vladivostok', 'Владивосток');
    await send(
      { type: 'entry.update', entryId: 'magadan', fields: { nameRu: LONG_WORD_NAME } },
      { type: 'speaker.start', entryId: 'magadan' },
    );
    await send({ type: 'session.finish' });
    await Promise.all(screens.map(({ page }) => page.getByTestId('screen-summary').waitFor({ timeout: READY_MS })));
    await settle();
    await eachScreen('summary');
  });
});
