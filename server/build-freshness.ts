// Is the Next.js build older than its sources? One walk for `npm start` (server/start.ts), which
// builds when it is, and for the end-to-end tests' build (test/e2e/support/build.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Everything the page bundle is made from; the server code (server/) runs from source under tsx. */
export const BUILD_SOURCES = ['app', 'components', 'lib', 'messages', 'i18n', 'next.config.js', 'postcss.config.mjs', 'package.json'];

/** The newest path (file or folder: a deleted file changes its folder's mtime) among the sources, or null if none exists. */
export function newestSource(root: string): { path: string; mtimeMs: number } | null {
  let newest: { path: string; mtimeMs: number } | null = null;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (!newest || stat.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stat.mtimeMs };
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const source of BUILD_SOURCES) visit(join(root, source));
  return newest;
}

/** Why `<root>/<distDir>` needs building, or null when its BUILD_ID is newer than every source. */
export function staleReason(root: string, distDir: string): string | null {
  const buildId = join(root, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return `no ${distDir}/BUILD_ID yet`;
  const built = statSync(buildId).mtimeMs;
  const newest = newestSource(root);
  return newest && newest.mtimeMs > built ? `${relative(root, newest.path)} is newer than the last build` : null;
}
