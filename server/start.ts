// `npm start`: build the pages and the server if either build is missing or stale, then run the
// compiled server (dist/main.js, see server/build-server.ts) with plain Node in production mode,
// forwarding SIGINT/SIGTERM and exiting with its code.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason } from './build-freshness';
import { SERVER_BUNDLE, buildServer, serverStale } from './build-server';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

const stale = staleReason(root, process.env.ROLLCALL_NEXT_DIR || '.next');
if (stale) {
  console.log(`> Building the pages (${stale}): running next build`);
  const build = spawnSync(bin('next'), ['build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
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
