// The server compiled ahead of time: `npm start` runs dist/main.js with plain Node, so a restart
// listens at once instead of compiling TypeScript first (tsx took seconds at every start). ESM files
// from server/main.ts and everything of ours it imports (lib/, i18n/config): dist/main.js and the
// chunks beside it; packages stay in node_modules. `npm start` rebuilds it whenever a source is newer
// (build-freshness.ts); `npm run build` builds it beside the pages.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleSince } from './build-freshness';

/** One level below the root like server/, so `new URL('..', import.meta.url)` is the root from either. */
export const SERVER_BUNDLE = 'dist/main.js';
/** What the bundle is made from. */
export const SERVER_SOURCES = ['server', 'lib', 'i18n', 'package.json', 'tsconfig.json'];

export const serverStale = (root: string): string | null => staleSince(root, SERVER_BUNDLE, SERVER_SOURCES);

/** A chunk's file name (`<name>-<hash>.js` and its map), as chunkNames below makes them. */
const CHUNK = /^[\w-]+-[A-Z0-9]{8}\.js(\.map)?$/;

export async function buildServer(root: string): Promise<void> {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: ['server/main.ts'],
    outdir: dirname(SERVER_BUNDLE),
    entryNames: '[name]',
    // What main.ts imports on demand (the document renderers, cluster mode) goes into chunks of its
    // own, loaded with its packages when first used, so the server listens without loading them.
    splitting: true,
    chunkNames: '[name]-[hash]',
    metafile: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  // The chunks of earlier builds (other hashes) are never loaded again.
  const built = new Set(Object.keys(metafile.outputs).map((path) => basename(path)));
  const dir = join(root, dirname(SERVER_BUNDLE));
  for (const name of readdirSync(dir)) if (CHUNK.test(name) && !built.has(name)) rmSync(join(dir, name));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await buildServer(root);
  console.log(`> Built the server into ${join(root, SERVER_BUNDLE)}`);
}
