// `npm start`: build the pages (server/build-pages.ts) and the server if either build is missing or
// stale, then run the compiled server (dist/main.js, see server/build-server.ts) with plain Node in
// production mode, forwarding SIGINT/SIGTERM and exiting with its code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildPages, pagesStale } from './build-pages';
import { SERVER_BUNDLE, buildServer, serverStale } from './build-server';
import { DEFAULT_PAGES_DIR } from './static-pages';

const root = fileURLToPath(new URL('..', import.meta.url));

const pagesDir = process.env.ROLLCALL_PAGES_DIR || DEFAULT_PAGES_DIR;
const stale = pagesStale(root, pagesDir);
if (stale) {
  console.log(`> Building the pages (${stale})`);
  try {
    await buildPages(root, { dir: pagesDir });
  } catch (error) {
    console.error(`> ${(error as Error).message}`);
    process.exit(1);
  }
}
const serverStaleness = serverStale(root);
if (serverStaleness) {
  console.log(`> Building the server (${serverStaleness}) into ${SERVER_BUNDLE}`);
  await buildServer(root);
}

const server = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal));
}

server.on('error', (error) => {
  console.error(`> Could not start the server: ${error.message}`);
  process.exit(1);
});

server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
});
