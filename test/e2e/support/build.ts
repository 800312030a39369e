// Builds the Next.js app once for the end-to-end run, into NEXT_DIR, and only when a source is newer
// than the last build. `next build` rewrites tsconfig.json and next-env.d.ts for its build folder;
// both are put back byte for byte so a test run leaves the working tree as it found it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleReason as staleSince } from '../../../server/build-freshness';
import { buildServer, serverStale } from '../../../server/build-server';
import { childEnv, NEXT_DIR, ROOT } from './env';

/** Files `next build` rewrites for its own build folder. */
const RESTORED = ['tsconfig.json', 'next-env.d.ts'];
const BUILD_TIMEOUT_MS = 10 * 60_000;

/** Why a build is needed, or null when NEXT_DIR/BUILD_ID is newer than every source. */
export const staleReason = (): string | null => staleSince(ROOT, NEXT_DIR);

function snapshot(files: string[]): Map<string, string | null> {
  return new Map(files.map((f) => [f, existsSync(join(ROOT, f)) ? readFileSync(join(ROOT, f), 'utf8') : null]));
}

function restore(saved: Map<string, string | null>): void {
  for (const [file, content] of saved) {
    const path = join(ROOT, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current === content) continue; // untouched: keep its mtime too
    if (content === null) rmSync(path, { force: true });
    else writeFileSync(path, content);
  }
}

function runNextBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/next'), ['build'], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`next build failed (${signal ?? `exit ${code}`}); its output ends with:\n${output.slice(-6_000)}`));
    });
  });
}

/** Compiles the server into dist/ (as `npm start` does) unless it is fresh. */
export async function ensureServerBuild(log: (line: string) => void = console.log): Promise<void> {
  const reason = serverStale(ROOT);
  if (!reason) return;
  log(`[e2e] compiling the server (${reason})`);
  await buildServer(ROOT);
}

/** Builds the pages into NEXT_DIR and the server into dist/ unless they are fresh. */
export async function ensureBuild(log: (line: string) => void = console.log): Promise<void> {
  await ensureServerBuild(log);
  const reason = staleReason();
  if (!reason) {
    log(`[e2e] ${NEXT_DIR} is up to date; skipping next build`);
    return;
  }
  log(`[e2e] building the app into ${NEXT_DIR} (${reason}) …`);
  const started = Date.now();
  const saved = snapshot(RESTORED);
  try {
    await runNextBuild();
  } finally {
    restore(saved);
  }
  log(`[e2e] next build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
