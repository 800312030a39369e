// Is a build older than its sources? One walk for `npm start` (server/start.ts), which builds the
// pages and the server when they are, and for the end-to-end tests' build (test/e2e/support/build.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Everything the page bundle is made from. */
export const BUILD_SOURCES = ['app', 'components', 'lib', 'messages', 'i18n', 'next.config.js', 'postcss.config.mjs', 'package.json'];

/** The newest path (file or folder: a deleted file changes its folder's mtime) among `sources`, or null if none exists. */
export function newestSource(root: string, sources: readonly string[] = BUILD_SOURCES): { path: string; mtimeMs: number } | null {
  let newest: { path: string; mtimeMs: number } | null = null;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (!newest || stat.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stat.mtimeMs };
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const source of sources) visit(join(root, source));
  return newest;
}

/** Why `<root>/<built>` needs building, or null when it is newer than every one of `sources`. */
export function staleSince(root: string, built: string, sources: readonly string[]): string | null {
  if (!existsSync(join(root, built))) return `no ${built} yet`;
  const builtAt = statSync(join(root, built)).mtimeMs;
  const newest = newestSource(root, sources);
  return newest && newest.mtimeMs > builtAt ? `${relative(root, newest.path)} is newer than the last build` : null;
}
