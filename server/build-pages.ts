// The pages, built ahead of time as static files: one Next.js static export per language into
// <pages dir>/<locale>/, served by server/static-pages.ts, so the live process never loads Next's
// server runtime. The language is a cookie, not a URL segment (links already sent must keep
// working), so each export renders every page in one language (i18n/request.ts reads
// ROLLCALL_BUILD_LOCALE) and the server picks the folder by the cookie. Both exports share one build
// id, so switching language in place (router.refresh) fetches the other export's payload without a
// reload. Text files are compressed here once (gzip and brotli beside each file), not per request.
// Next keeps its intermediate build in .next; only the exports land in the pages dir.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defaultLocale, locales } from '../i18n/config';
import { staleSince, BUILD_SOURCES } from './build-freshness';
import { DEFAULT_PAGES_DIR, PAGES_STAMP } from './static-pages';

/** Extensions worth compressing; fonts and images are compressed already. */
const COMPRESSIBLE = /\.(?:html|txt|js|css|svg|json|map)$/;
/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/** Files `next build` may rewrite for its build folder; put back byte for byte. */
const RESTORED = ['tsconfig.json', 'next-env.d.ts'];
const BUILD_TIMEOUT_MS = 10 * 60_000;

export const pagesStale = (root: string, dir: string): string | null => staleSince(root, join(dir, PAGES_STAMP), BUILD_SOURCES);

function snapshot(root: string): Map<string, string | null> {
  return new Map(RESTORED.map((f) => [f, existsSync(join(root, f)) ? readFileSync(join(root, f), 'utf8') : null]));
}

function restore(root: string, saved: Map<string, string | null>): void {
  for (const [file, content] of saved) {
    const path = join(root, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current === content) continue; // untouched: keep its mtime too
    if (content === null) rmSync(path, { force: true });
    else writeFileSync(path, content);
  }
}

function nextBuild(root: string, env: NodeJS.ProcessEnv, quiet: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/next'), ['build'], {
      cwd: root,
      env: { ...env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(`next build failed (${signal ?? `exit ${code}`})${quiet ? `; its output ends with:\n${output.slice(-6_000)}` : ''}`),
        );
    });
  });
}

function compressTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) compressTree(path);
    else if (COMPRESSIBLE.test(name) && stat.size >= MIN_COMPRESS_BYTES) {
      const body = readFileSync(path);
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}

export interface BuildPagesOptions {
  /** Where to put the exports, relative to `root`. */
  dir: string;
  env?: NodeJS.ProcessEnv;
  /** Keep next build's output unless it fails (the tests' build). */
  quiet?: boolean;
  log?: (line: string) => void;
}

/** Builds both languages' exports into `<dir>/<locale>/`, compresses them, and stamps the build. */
export async function buildPages(root: string, options: BuildPagesOptions): Promise<void> {
  const { dir, env = process.env, quiet = false, log = console.log } = options;
  rmSync(join(root, dir, PAGES_STAMP), { force: true });
  const buildId = randomBytes(9).toString('base64url');
  const saved = snapshot(root);
  try {
    for (const locale of locales) {
      const started = Date.now();
      log(`> Building the pages in ${locale} into ${join(dir, locale)}`);
      await nextBuild(
        root,
        {
          ...env,
          ROLLCALL_BUILD_LOCALE: locale,
          ROLLCALL_BUILD_ID: buildId,
          ROLLCALL_PAGES_DIR: dir,
          // The code is the same for every language: check its types once.
          ...(locale === defaultLocale ? {} : { ROLLCALL_BUILD_SKIP_TYPES: '1' }),
        },
        quiet,
      );
      compressTree(join(root, dir, locale));
      log(`> Built the pages in ${locale} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    restore(root, saved);
  }
  writeFileSync(join(root, dir, PAGES_STAMP), `${buildId}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await buildPages(root, { dir: process.env.ROLLCALL_PAGES_DIR || DEFAULT_PAGES_DIR });
}
