// The server compiled ahead of time: `npm start` runs dist/main.js with plain Node, so a restart
// listens at once instead of compiling TypeScript first (tsx took seconds at every start). ESM
// from server/main.ts and everything of ours it imports (lib/, i18n/config), with what is imported
// lazily in chunks of its own; packages stay in node_modules. `npm start` rebuilds it whenever a source is newer (build-freshness.ts);
// `npm run build` builds it beside the pages.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleSince } from './build-freshness';

/** One level below the root like server/, so `new URL('..', import.meta.url)` is the root from either. */
export const SERVER_BUNDLE = 'dist/main.js';
/** What the bundle is made from. */
export const SERVER_SOURCES = ['server', 'lib', 'i18n', 'package.json', 'tsconfig.json'];

export const serverStale = (root: string): string | null => staleSince(root, SERVER_BUNDLE, SERVER_SOURCES);

export async function buildServer(root: string): Promise<void> {
  // No chunk of an earlier build may linger beside the new one.
  rmSync(join(root, dirname(SERVER_BUNDLE)), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['server/main.ts'],
    outdir: dirname(SERVER_BUNDLE),
    // What is imported lazily (the documents' renderers, cluster mode) gets chunks of its own, and its
    // packages (pdfkit, docx, pg) load with them, not at every start.
    splitting: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await buildServer(root);
  console.log(`> Built the server into ${join(root, SERVER_BUNDLE)}`);
}
