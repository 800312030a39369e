// Each page's provider (i18n/page-messages.tsx) must hold exactly the namespaces its client
// components read: a missing one shows message keys instead of text, an extra one is weight for
// nothing. Found by following the page's imports (dynamic ones too) from its route file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAGE_NAMESPACES, type PageName } from '../i18n/page-messages';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Route files each provider serves (the overlay carries its own catalogues: components/overlay). */
const ROUTES: Record<PageName, string[]> = {
  root: ['app/page.tsx', 'app/not-found.tsx'],
  screen: ['app/screen/page.tsx'],
  join: ['app/join/[token]/page.tsx'],
  console: ['app/moderator/page.tsx'],
  setup: ['app/moderator/setup/page.tsx', 'app/moderator/links/page.tsx', 'app/moderator/events/page.tsx'],
  report: ['app/report/[event]/page.tsx', 'app/report/[event]/practices/page.tsx'],
};

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  for (const suffix of ['.ts', '.tsx', '/index.ts', '']) {
    const file = base + suffix;
    if (/\.tsx?$/.test(file) && existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

const IMPORTS = /^(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Top-level namespaces of every `useTranslations('…')` reachable from the route files. */
function clientNamespaces(routes: string[]): Set<string> {
  const seen = new Set<string>();
  const namespaces = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments say `useTranslations('…')` too
    for (const m of source.matchAll(/useTranslations\(\s*'([^'.]+)/g)) namespaces.add(m[1]!);
    if (/useTranslations\(\s*\)/.test(source)) namespaces.add(`every namespace (${file})`);
    for (const m of source.matchAll(IMPORTS)) {
      if (m[1]) continue; // type-only
      const next = resolveImport(file, m[2] ?? m[3]!);
      if (next) visit(next);
    }
  };
  for (const route of routes) visit(join(ROOT, route));
  return namespaces;
}

describe('per-page messages', () => {
  for (const [page, routes] of Object.entries(ROUTES) as [PageName, string[]][]) {
    it(`${page}: the provider holds exactly the namespaces its client components read`, () => {
      expect([...clientNamespaces(routes)].sort()).toEqual([...PAGE_NAMESPACES[page]].sort());
    });
  }
});
