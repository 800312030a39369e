// Builds the pages once for the end-to-end run, into PAGES_DIR, as `npm start` builds them (both
// languages' static exports, server/build-pages.ts), and only when a source is newer than the last build.
import { buildPages, pagesStale } from '../../../server/build-pages';
import { buildServer, serverStale } from '../../../server/build-server';
import { childEnv, PAGES_DIR, ROOT } from './env';

/** Compiles the server into dist/ (as `npm start` does) unless it is fresh. */
export async function ensureServerBuild(log: (line: string) => void = console.log): Promise<void> {
  const reason = serverStale(ROOT);
  if (!reason) return;
  log(`[e2e] compiling the server (${reason})`);
  await buildServer(ROOT);
}

/** Builds the pages into PAGES_DIR and the server into dist/ unless they are fresh. */
export async function ensureBuild(log: (line: string) => void = console.log): Promise<void> {
  await ensureServerBuild(log);
  const reason = pagesStale(ROOT, PAGES_DIR);
  if (!reason) {
    log(`[e2e] ${PAGES_DIR} is up to date; skipping the pages' build`);
    return;
  }
  log(`[e2e] building the pages into ${PAGES_DIR} (${reason}) …`);
  const started = Date.now();
  await buildPages(ROOT, { dir: PAGES_DIR, env: childEnv(), quiet: true, log: (line) => log(`[e2e] ${line.replace(/^> /, '')}`) });
  log(`[e2e] pages built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
