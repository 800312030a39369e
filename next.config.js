// Next.js configuration (ESM: package.json has "type": "module").
// `npm run build` runs `next build` once per language with ROLLCALL_BUILD_LOCALE set: a static export
// into <ROLLCALL_PAGES_DIR>/<locale> (server/build-pages.ts) that the server serves as files.
// `npm run dev` loads it into Next's development server instead (server/main.ts). Response headers
// are the custom server's (server/static-pages.ts), for both.
import { fileURLToPath } from 'node:url';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  // Messages are compiled at build time, so the pages ship a small formatter instead of an ICU parser.
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

const exportLocale = process.env.ROLLCALL_BUILD_LOCALE;

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...(exportLocale && {
    output: 'export',
    distDir: `${process.env.ROLLCALL_PAGES_DIR || '.next-pages'}/${exportLocale}`,
    // One id for every language's export, so a page can switch language in place.
    generateBuildId: async () => process.env.ROLLCALL_BUILD_ID || null,
  }),
  // The code is the same in every language: server/build-pages.ts checks the types in the first build only.
  typescript: { ignoreBuildErrors: process.env.ROLLCALL_BUILD_SKIP_TYPES === '1' },
  poweredByHeader: false,
  reactStrictMode: true,
  // Native module used by the server only; pages must never import it, but keep it unbundled regardless.
  serverExternalPackages: ['better-sqlite3'],
  // Pin the workspace root so Turbopack does not guess it from lockfiles in parent folders.
  turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) },
};

export default withNextIntl(nextConfig);
