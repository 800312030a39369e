// `npm start`: build the Next.js app if the build is missing or stale, then run the custom server
// (server/main.ts) in production mode, forwarding SIGINT/SIGTERM and exiting with its code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Everything that goes into the Next.js build. */
const SOURCES = ['app', 'components', 'lib', 'messages', 'i18n', 'next.config.js', 'postcss.config.mjs', 'package.json'];

/** Newest modification time (ms) of a file, or of any file under a directory; 0 if missing. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const buildId = join(root, process.env.ROLLCALL_NEXT_DIR || '.next', 'BUILD_ID');
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map((source) => newest(join(root, source))));

if (changedAt > builtAt) {
  console.log(builtAt ? '> Sources changed since the last build: running next build' : '> No build yet: running next build');
  const build = spawnSync(bin('next'), ['build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(bin('tsx'), ['server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}

server.on('error', (error) => {
  console.error(`> Could not start the server: ${error.message}`);
  process.exit(1);
});

server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
});
