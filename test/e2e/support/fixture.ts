// Per test file: a real server and a headless Chromium, torn down after the file even when it fails.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openRole, type OpenOptions, type Role, type RolePage } from './browser';
import { startServer, type E2EServer } from './server';

export interface E2E {
  server: E2EServer;
  browser: Browser;
  /** Opens `path` (e.g. '/screen') in a new context sized and set up for `role`. */
  open(role: Role, path: string, options?: OpenOptions): Promise<RolePage>;
  /** Every page opened so far, for error reports. */
  pages: RolePage[];
}

export function useE2E(): E2E {
  const ctx = { pages: [] as RolePage[] } as E2E;
  ctx.open = async (role, path, options) => {
    const opened = await openRole(ctx.browser, role, `${ctx.server.url}${path}`, options);
    ctx.pages.push(opened);
    return opened;
  };

  beforeAll(async () => {
    // Both start at once: the server takes a few seconds to prepare Next, the browser about one.
    const [server, browser] = await Promise.allSettled([startServer(), launchBrowser()]);
    if (server.status === 'fulfilled') ctx.server = server.value;
    if (browser.status === 'fulfilled') ctx.browser = browser.value;
    if (server.status === 'rejected') throw server.reason;
    if (browser.status === 'rejected') throw browser.reason;
  }, 120_000);

  afterAll(async () => {
    const errors = ctx.pages.flatMap((p) => p.errors.map((e) => `[${p.role}] ${e}`));
    if (errors.length) console.warn(`[e2e] errors seen in pages:\n${errors.join('\n')}`);
    await Promise.allSettled([ctx.browser?.close(), ctx.server?.stop()]);
  }, 30_000);

  return ctx;
}
