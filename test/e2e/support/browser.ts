// One headless Chromium per test file, one browser context per role (each its own cookies, socket and
// viewport), and helpers to read pages the way the tests need.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH, RESULTS_DIR } from './env';

export type Role = 'moderator' | 'screen' | 'attendee';

const ROLE_CONTEXT = {
  moderator: { viewport: { width: 1366, height: 768 } },
  screen: { viewport: { width: 1920, height: 1080 } },
  attendee: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

export interface RolePage {
  role: Role;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors seen in the page. */
  errors: string[];
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface OpenOptions {
  /** Refuse every WebSocket the page opens, as a network that blocks them would. */
  blockWebSockets?: boolean;
}

export async function openRole(browser: Browser, role: Role, url: string, options: OpenOptions = {}): Promise<RolePage> {
  const context = await browser.newContext({ ...ROLE_CONTEXT[role], locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  context.setDefaultTimeout(15_000);
  // Not connected to the server: the page's WebSocket is closed as soon as it opens.
  if (options.blockWebSockets) await context.routeWebSocket(/./, (ws) => void ws.close({ code: 1008, reason: 'blocked' }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { role, context, page, errors };
}

/** Saves a viewport screenshot as test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), animations: 'disabled' });
}

/** The text of the first matching test id, trimmed ('' when absent). */
export async function textOf(page: Page, testId: string): Promise<string> {
  const locator = page.getByTestId(testId).first();
  return ((await locator.count()) ? ((await locator.textContent()) ?? '') : '').trim();
}

/** Remaining seconds shown by a countdown face (lib/format countdownFace): "2:59", "1:02:03"; overtime "+0:07" is negative. */
export function faceSeconds(face: string): number {
  const match = /([-−+])?\s*(\d+(?::\d{2}){1,2})/.exec(face);
  if (!match) throw new Error(`not a countdown face: ${JSON.stringify(face)}`);
  const seconds = match[2]!.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return match[1] ? -seconds : seconds;
}
