// Next.js configuration (ESM: package.json has "type": "module").
// Loaded both by `next build` and by the custom server in server/main.ts via next({ dir }).
import { fileURLToPath } from 'node:url';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  // Messages are compiled at build time, so the pages ship a small formatter instead of an ICU parser.
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

/** Applied by Next to every route it serves (not to /api or socket.io, which the custom server answers). */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // The moderator link carries its key in the URL fragment; never leak any URL to other sites.
  { key: 'Referrer-Policy', value: 'no-referrer' },
  // Screens are not embeddable for now; relax both of these together if that changes.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'" },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a test run build while a developer's server keeps its own.
  distDir: process.env.ROLLCALL_NEXT_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // Native module used by the server only; pages must never import it, but keep it unbundled regardless.
  serverExternalPackages: ['better-sqlite3'],
  // Pin the workspace root so Turbopack does not guess it from lockfiles in parent folders.
  turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
