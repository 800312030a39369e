// Per test file: a headless Chromium; per test: a fresh server (its own data dir: the demo round
// table as loaded) and the pages the test opens, torn down after the test even when it fails. So no
// test depends on another having run first, whatever order the suite is shuffled into. Each server
// is started during the test before it (one spare), so no test waits for a start.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchBrowser, openRole, type OpenOptions, type Role, type RolePage } from './browser';
import { startServer, type E2EServer } from './server';

export interface E2E {
  server: E2EServer;
  browser: Browser;
  /** Opens `path` (e.g. '/screen') in a new context sized and set up for `role`. */
  open(role: Role, path: string, options?: OpenOptions): Promise<RolePage>;
  /** Every page the running test opened, for error reports. */
  pages: RolePage[];
  /**
   * Resolves once the server started for the next test is up, so nothing else competes for the
   * CPU: tests that measure time call it before they measure.
   */
  quiet(): Promise<void>;
}

export interface E2EOptions {
  /**
   * What a page may not have shown by the end of a test: an uncaught exception ('thrown', the
   * default), or also any console error ('logged').
   */
  pageErrors?: 'thrown' | 'logged';
}

export function useE2E({ pageErrors = 'thrown' }: E2EOptions = {}): E2E {
  const ctx = { pages: [] as RolePage[] } as E2E;
  // The next test's server, started while this test runs: a start (tsx, then Next's build loaded)
  // takes seconds on a 2-core machine, and the suite would otherwise wait for one per test.
  let spare: Promise<E2EServer> | undefined;
  const startSpare = () => {
    spare = startServer();
    spare.catch(() => {}); // reported when a test takes it
  };
  ctx.open = async (role, path, options) => {
    const opened = await openRole(ctx.browser, role, `${ctx.server.url}${path}`, options);
    ctx.pages.push(opened);
    return opened;
  };
  ctx.quiet = async () => {
    await spare?.catch(() => {});
  };

  beforeAll(async () => {
    startSpare();
    ctx.browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    const left = spare;
    spare = undefined;
    await Promise.allSettled([ctx.browser?.close(), left?.then((server) => server.stop())]);
  }, 30_000);

  beforeEach(async () => {
    const taken = spare ?? startServer();
    startSpare();
    ctx.server = await taken;
  }, 120_000);

  afterEach(async () => {
    const pages = ctx.pages.splice(0);
    const errors = pages.flatMap((p) =>
      (pageErrors === 'logged' ? p.errors : p.errors.filter((e) => e.startsWith('pageerror'))).map((e) => `[${p.role}] ${e}`),
    );
    await Promise.allSettled([...pages.map((p) => p.context.close()), ctx.server?.stop()]);
    expect(errors, 'errors seen in the pages').toEqual([]);
  }, 30_000);

  return ctx;
}
