// `npm run bench -- pages`: what a browser downloads for each page and how soon a cold /screen shows
// the speaker. The server starts exactly as the e2e tests start it (test/e2e/support), and the figures
// come from what real Chromium fetched, so they hold however the pages are built and served.
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { getEntries, getLinks, sendCommand } from '../e2e/support/api';
import { launchBrowser } from '../e2e/support/browser';
import { ensureBuild } from '../e2e/support/build';
import { startServer, type E2EServer } from '../e2e/support/server';
import { percentile, sortedCopy } from './figures';

/** Issue 10's targets for first-load JS, gzip, in kB. */
export const JS_TARGETS_KB: Record<string, number> = { '/screen': 130, '/join': 150, '/moderator': 170 };
export const COLD_SCREEN_TARGET_MS = 400;

export interface PageWeight {
  route: string;
  /** Scripts the page's HTML names (script src, module/preload links), gzip. */
  firstLoadKb: number;
  /** Every script fetched until the network was idle, lazy chunks included, gzip. */
  allJsKb: number;
  /** The HTML document itself, gzip (inline payloads, the messages among them). */
  htmlKb: number;
  /** Whether any script it loaded holds zod (its schemas' `_zod` internals). */
  zod: boolean;
}

const kb = (bytes: number) => bytes / 1024;

/** Script URLs the HTML names, resolved against the page's URL. */
function scriptsNamedBy(html: string, base: string): Set<string> {
  const named = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) named.add(new URL(m[1]!.replaceAll('&amp;', '&'), base).href);
  for (const m of html.matchAll(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href && (/\bas="script"/.test(m[0]) || m[0].includes('modulepreload')))
      named.add(new URL(href[1]!.replaceAll('&amp;', '&'), base).href);
  }
  return named;
}

/** Opens `path` in a fresh context (empty cache) and weighs what the browser fetched. */
async function weigh(browser: Browser, server: E2EServer, route: string, path: string): Promise<PageWeight> {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  const scripts = new Map<string, Promise<Buffer>>();
  let document: Promise<string> | undefined;
  page.on('response', (res: Response) => {
    const type = res.request().resourceType();
    if (type === 'script') scripts.set(res.url(), res.body());
    else if (type === 'document' && !document) document = res.text();
  });
  try {
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    // What the page loads once its data has come (the report's chart after the report) counts too.
    await page.waitForTimeout(1_000);
    await page.waitForLoadState('networkidle');
    const html = (await document) ?? '';
    const named = scriptsNamedBy(html, page.url());
    let firstLoad = 0;
    let all = 0;
    let zod = false;
    for (const [url, body] of scripts) {
      const bytes = await body;
      zod ||= bytes.includes('._zod');
      const size = gzipSync(bytes).length;
      all += size;
      if (named.has(url)) firstLoad += size;
    }
    return { route, firstLoadKb: kb(firstLoad), allJsKb: kb(all), htmlKb: kb(gzipSync(html).length), zod };
  } finally {
    await context.close();
  }
}

/** Cold /screen (fresh context, empty cache) → the speaker's name drawn, from navigation start, in ms. */
async function coldScreen(browser: Browser, server: E2EServer, name: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/screen`, { waitUntil: 'commit' });
    // performance.now() counts from the navigation's start in the page's own clock.
    const drawn = await page.waitForFunction(
      (speaker) =>
        [...document.querySelectorAll('[data-testid="screen-speaker"]')].some((el) => el.textContent?.includes(speaker)) &&
        performance.now(),
      name,
      { polling: 'raf', timeout: 15_000 },
    );
    return (await drawn.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

/** Baseline for the cold figure: the not-found page (framework scripts only) to its load event, in ms. */
async function coldFloor(browser: Browser, server: E2EServer): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/no-such-page`, { waitUntil: 'load' });
    return await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  } finally {
    await context.close();
  }
}

export interface PageFigures {
  weights: PageWeight[];
  /** The framework's floor: the not-found page, which has no app code of its own. */
  floor: PageWeight;
  coldScreenMs: number[];
  /** The framework's floor loaded cold, interleaved with the /screen runs. */
  coldFloorMs: number[];
}

export async function pageFigures(coldRuns = 7): Promise<PageFigures> {
  await ensureBuild((line) => console.error(line));
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const [link] = await getLinks(server);
    await sendCommand(server, { type: 'session.start' });
    await sendCommand(server, { type: 'speaker.next' });
    const speaking = (await getEntries(server)).find((e) => e.status === 'speaking');
    if (!link || !speaking) throw new Error('the demo round table has no link or no speaker on the floor');
    const key = `#key=${encodeURIComponent(server.key)}`;
    const routes: [string, string][] = [
      ['/screen', '/screen'],
      ['/join', `/join/${link.token}`],
      ['/moderator', `/moderator${key}`],
      ['/moderator/setup', `/moderator/setup${key}`],
      ['/report', `/report/current${key}`],
      ['/overlay', '/overlay'],
    ];
    const weights: PageWeight[] = [];
    for (const [route, path] of routes) weights.push(await weigh(browser, server, route, path));
    const floor = await weigh(browser, server, 'not found', '/no-such-page');
    await coldScreen(browser, server, speaking.name); // warms Chromium and the server, not counted
    const coldScreenMs: number[] = [];
    const coldFloorMs: number[] = [];
    for (let i = 0; i < coldRuns; i++) {
      coldScreenMs.push(await coldScreen(browser, server, speaking.name));
      coldFloorMs.push(await coldFloor(browser, server));
    }
    return { weights, floor, coldScreenMs, coldFloorMs };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export const medianOf = (values: number[]) => percentile(sortedCopy(values), 50);
