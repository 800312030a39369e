// /overlay in Chromium at 1920×1080, as an OBS/vMix browser source sees it: the page is transparent
// (checked on the pixels of a screenshot taken without a background), the lower third comes with a
// turn and goes when the floor is free, and the layouts, language, scale and safe area follow the URL.
import type { Page } from 'playwright-core';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendCommand } from './support/api';
import { useE2E } from './support/fixture';
import { RESULTS_DIR } from './support/env';
import type { Now } from '../../lib/feed-schemas';

/** Alpha (0–255) of screenshot pixels taken without a background, decoded by the browser itself. */
async function alphaAt(page: Page, points: [number, number][]): Promise<number[]> {
  const png = (await page.screenshot({ omitBackground: true, animations: 'disabled' })).toString('base64');
  const decoder = await page.context().newPage();
  try {
    return await decoder.evaluate(
      async ({ png, points }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return points.map(([x, y]) => g.getImageData(x, y, 1, 1).data[3]!);
      },
      { png, points },
    );
  } finally {
    await decoder.close();
  }
}

async function shot(page: Page, name: string) {
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, omitBackground: true, animations: 'disabled' });
  return path;
}

describe('/overlay', () => {
  const e2e = useE2E();

  /** Each test sets the floor it needs, whatever ran before it: a live session and this speaker (or nobody). */
  async function arrange(speaker: string | null) {
    const now = (await (await fetch(`${e2e.server.url}/api/now`)).json()) as Now;
    if (now.phase === 'planned') await sendCommand(e2e.server, { type: 'session.start' });
    if (now.phase === 'paused') await sendCommand(e2e.server, { type: 'session.resume' });
    if (speaker === null && now.current) await sendCommand(e2e.server, { type: 'speaker.stop' });
    if (speaker !== null && now.current?.id !== speaker) await sendCommand(e2e.server, { type: 'speaker.start', entryId: speaker });
  }

  it('is transparent; the lower third comes with a turn and goes when the floor is free', async () => {
    await arrange(null);
    const { page } = await e2e.open('screen', '/overlay');
    await page.getByTestId('overlay').waitFor();
    expect(
      await page.evaluate(() => [
        getComputedStyle(document.documentElement).backgroundColor,
        getComputedStyle(document.body).backgroundColor,
      ]),
    ).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    expect(await page.getByTestId('overlay-lower-third').count()).toBe(0);
    expect(
      await alphaAt(page, [
        [10, 10],
        [960, 540],
        [1900, 1060],
      ]),
    ).toEqual([0, 0, 0]);

    await arrange('opening-words');
    const third = page.getByTestId('overlay-lower-third');
    await expect.poll(() => third.getAttribute('data-state')).toBe('in');
    await expect.poll(() => page.getByTestId('overlay-name').textContent()).toBe('Вступительное слово');
    await expect.poll(async () => /^\d+:\d{2}$/.test((await page.getByTestId('countdown').textContent()) ?? '')).toBe(true);
    await page.waitForTimeout(800); // the entrance animation
    const box = (await third.boundingBox())!;
    // Inside the 5% safe area, at the bottom; everything around it stays transparent.
    expect(box.x).toBeGreaterThanOrEqual(54 - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(1080 - 54 + 1);
    expect(box.y + box.height).toBeGreaterThan(1080 - 54 - 10);
    const [inside, above] = await alphaAt(page, [
      [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
      [Math.round(box.x + box.width / 2), Math.round(box.y) - 40],
    ]);
    expect(inside).toBeGreaterThan(200);
    expect(above).toBe(0);
    copyFileSync(await shot(page, 'overlay-lower-third'), join(RESULTS_DIR, 'overlay-lower-third-1920.png'));

    await sendCommand(e2e.server, { type: 'speaker.stop' });
    await expect.poll(() => third.getAttribute('data-state')).toBe('out');
    await expect
      .poll(async () => (await alphaAt(page, [[Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]]))[0])
      .toBe(0);
  });

  it('?layout=corner-timer&lang=en: the countdown in the corner, the name in English', async () => {
    await arrange('petropavlovsk-kamchatsky');
    const { page } = await e2e.open('screen', '/overlay?layout=corner-timer&lang=en');
    const corner = page.getByTestId('overlay-corner-timer');
    await corner.waitFor();
    await expect.poll(() => page.getByTestId('overlay-name').textContent()).toBe('Petropavlovsk-Kamchatsky');
    expect(await page.getByTestId('overlay').getAttribute('lang')).toBe('en');
    await page.waitForTimeout(800);
    const box = (await corner.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1920 - 54 + 1);
    expect(box.y).toBeGreaterThanOrEqual(54 - 1);
    await shot(page, 'overlay-corner-timer');
  });

  it('?layout=next-up lists who speaks next; ?scale=2 doubles the sizes and ?safe=10 widens the margin', async () => {
    await arrange('petropavlovsk-kamchatsky');
    const { page } = await e2e.open('screen', '/overlay?layout=next-up');
    await page.getByTestId('overlay-next-up').waitFor();
    await expect.poll(async () => (await page.getByTestId('overlay-next').locator('li').allTextContents()).length).toBe(3);
    await page.waitForTimeout(300);
    await shot(page, 'overlay-next-up');

    const size = async (path: string) => {
      const { page: p } = await e2e.open('screen', path);
      const name = p.getByTestId('overlay-name');
      await name.waitFor();
      await p.waitForTimeout(800);
      const third = (await p.getByTestId('overlay-lower-third').boundingBox())!;
      return { font: await name.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)), bottom: third.y + third.height };
    };
    const normal = await size('/overlay');
    const big = await size('/overlay?scale=2&safe=10');
    expect(big.font).toBeCloseTo(normal.font * 2, 0);
    expect(big.bottom).toBeLessThanOrEqual(1080 - 108 + 1);
    expect(normal.bottom).toBeGreaterThan(1080 - 108);
  });
});
