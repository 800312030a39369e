// Where the end-to-end harness finds things. Shared by the global setup (main vitest process) and the
// test files (workers), so it must stay free of vitest imports.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The tests' own pages build (ROLLCALL_PAGES_DIR, server/build-pages.ts); a developer's .next-pages stays untouched. */
export const PAGES_DIR = '.next-pages-e2e';

/** Screenshots of every page land here at the end of a run (gitignored). */
export const RESULTS_DIR = join(ROOT, 'test-results');

/** Debian's Chromium; override with ROLLCALL_E2E_CHROMIUM to point at another build of it. */
export const CHROMIUM_PATH = process.env.ROLLCALL_E2E_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Throws (never skips) when the browser is missing, saying how to get it. */
export function assertChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `End-to-end tests need Chromium at ${CHROMIUM_PATH}, which is missing.\n` +
      `Install Debian's browser: sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core\n` +
      `(.ci/run does this on a clean machine), or set ROLLCALL_E2E_CHROMIUM to a Chromium executable.\n` +
      `Unit tests alone: npx vitest run --project unit`,
  );
}

/** The parent environment minus what vitest injects (NODE_ENV=test among it): children run as in production. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('VITEST') && name !== 'TEST' && name !== 'NODE_ENV') env[name] = value;
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ROLLCALL_PAGES_DIR: PAGES_DIR, ...extra, NODE_ENV: 'production' };
}
