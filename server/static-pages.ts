// The pages, served as the files `npm run build` exported (server/build-pages.ts): one folder per
// language, picked by the language cookie, so the live process carries no page renderer. Every URL a
// user holds keeps working: each join link and each event's report is the one page built with a
// placeholder, which reads the real value from the browser's URL. Files are read once and kept in
// memory (a few MB), with the gzip and brotli copies the build made.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { defaultLocale, isLocale, LOCALE_COOKIE, locales, type AppLocale } from '../i18n/config';
import { PLACEHOLDER_PARAM } from '../lib/route-placeholder';
import { StartupError } from './data-dir';

/** Where `npm start` builds and serves the pages from, relative to the project root (ROLLCALL_PAGES_DIR overrides it). */
export const DEFAULT_PAGES_DIR = '.next-pages';
/** Written last by server/build-pages.ts: its presence says every language's export is complete. */
export const PAGES_STAMP = 'BUILD_ID';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  // Next's client reads the prebuilt page payloads only when they are served as text/plain.
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Segments whose every value is the one page built with the placeholder (app/join/[token],
 * app/report/[event]). Tokens hold dots, so only a trailing `.txt` (Next's page payload) is kept.
 */
const DYNAMIC = /^\/(join|report)\/[^/]+?(\.txt)?(\/.*)?$/;
/** Content-hashed assets: their URL changes with their content. */
const IMMUTABLE = '/_next/static/';

type Encoding = 'br' | 'gzip';

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
  encoded: Partial<Record<Encoding, Buffer>>;
}

/** The file path (relative to a language's folder) a URL path is answered with, before the lookup. */
export function candidatesFor(urlPath: string): string[] {
  let path = urlPath.length > 1 && urlPath.endsWith('/') ? urlPath.slice(0, -1) : urlPath;
  const dynamic = DYNAMIC.exec(path);
  if (dynamic) path = `/${dynamic[1]}/${PLACEHOLDER_PARAM}${dynamic[2] ?? ''}${dynamic[3] ?? ''}`;
  if (path === '/') return ['index.html'];
  const file = path.slice(1);
  return extname(file) ? [file, `${file}.html`] : [`${file}.html`];
}

function preferredEncoding(req: IncomingMessage): Encoding | null {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

function localeOf(req: IncomingMessage): AppLocale {
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(req.headers.cookie ?? '');
  return match && isLocale(match[1]) ? match[1] : defaultLocale;
}

/** Every file under `dir`, by its path relative to it with forward slashes (what a URL names). */
function listFiles(dir: string): Set<string> {
  const files = new Set<string>();
  const visit = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) visit(child);
      else if (!name.endsWith('.gz') && !name.endsWith('.br')) files.add(relative(dir, child).split(sep).join('/'));
    }
  };
  visit(dir);
  return files;
}

/**
 * The pages' handler over an exported build in `dir` (`<dir>/<locale>/…`). Refuses to start, naming the
 * folder and the fix, when there is no complete build.
 */
export function createStaticPages(dir: string) {
  if (!existsSync(join(dir, PAGES_STAMP)) || locales.some((l) => !existsSync(join(dir, l, 'index.html'))))
    throw new StartupError(
      `The pages are not built: ${dir} holds no complete build.\nFix: run \`npm run build\` (\`npm start\` does it when needed).`,
    );
  const index = new Map(locales.map((locale) => [locale, listFiles(join(dir, locale))]));
  const cache = new Map<string, StaticFile>();

  const load = (locale: AppLocale, file: string): StaticFile => {
    const key = `${locale}/${file}`;
    let loaded = cache.get(key);
    if (!loaded) {
      const path = join(dir, locale, file);
      const body = readFileSync(path);
      const encoded: StaticFile['encoded'] = {};
      if (existsSync(`${path}.br`)) encoded.br = readFileSync(`${path}.br`);
      if (existsSync(`${path}.gz`)) encoded.gzip = readFileSync(`${path}.gz`);
      const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
      loaded = { body, type: TYPES[extname(file)] ?? 'application/octet-stream', etag, encoded };
      cache.set(key, loaded);
    }
    return loaded;
  };

  const send = (req: IncomingMessage, res: ServerResponse, file: StaticFile, status: number, cacheControl: string, vary: string) => {
    const encoding = preferredEncoding(req);
    const body = (encoding && file.encoded[encoding]) ?? file.body;
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': cacheControl,
      vary,
      etag: file.etag,
      'content-length': String(body.length),
    };
    if (body !== file.body) headers['content-encoding'] = encoding!;
    if (status === 200 && req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, { 'cache-control': cacheControl, vary, etag: file.etag }).end();
      return;
    }
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  return {
    handle(req: IncomingMessage, res: ServerResponse): void {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
        return;
      }
      const urlPath = (req.url ?? '/').split('?')[0]!;
      const locale = localeOf(req);
      const files = index.get(locale)!;
      if (urlPath.startsWith(IMMUTABLE)) {
        const file = urlPath.slice(1);
        if (files.has(file)) return send(req, res, load(locale, file), 200, 'public, max-age=31536000, immutable', 'accept-encoding');
      } else {
        const file = candidatesFor(urlPath).find((f) => files.has(f));
        // Revalidated every time (ETag), and varying by the language cookie.
        if (file) return send(req, res, load(locale, file), 200, 'no-cache', 'cookie, accept-encoding');
      }
      send(req, res, load(locale, '404.html'), 404, 'no-cache', 'cookie, accept-encoding');
    },
  };
}
