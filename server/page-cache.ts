// The live pages' HTML, rendered once per page and language and then served from memory. These pages
// are client-rendered: their HTML depends only on the path and the language cookie, never on the
// state (that comes over the socket), so a render costs Next.js 20–30 ms of the one event loop that
// also acknowledges the moderator, and a reload storm on /screen must not pay it again and again.
// A miss renders through Next itself, by a request to this same server marked as internal.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCALE_COOKIE, defaultLocale, isLocale } from '../i18n/config';

/** Pages whose HTML is a function of the path and the language only. */
const CACHEABLE = /^\/(?:|screen|overlay|moderator(?:\/(?:setup|links|events))?|join\/[^/]+)$/;
/** Headers that vary the response besides the path and the cookie (client navigation, prefetch). */
const NEXT_VARIES = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch'];
/** Headers that describe one transfer, not the page. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length', 'content-encoding']);
/** Join links are one page per token: bounded, so made-up tokens cannot fill the memory. */
const MAX_PAGES = 1000;

interface RenderedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** Only a plain page is kept: an error, a redirect or a cookie being set is rendered each time. */
  keep: boolean;
}

const INTERNAL = 'x-rollcall-render';

function localeOf(req: IncomingMessage): string {
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(req.headers.cookie ?? '');
  return match && isLocale(match[1]) ? match[1] : defaultLocale;
}

export function createPageCache(origin: () => string) {
  const secret = randomBytes(16).toString('hex');
  const pages = new Map<string, Promise<RenderedPage>>();

  const render = async (path: string, locale: string): Promise<RenderedPage> => {
    const reply = await fetch(`${origin()}${path}`, {
      headers: { [INTERNAL]: secret, cookie: `${LOCALE_COOKIE}=${locale}`, 'accept-encoding': 'identity' },
      redirect: 'manual',
    });
    const body = Buffer.from(await reply.arrayBuffer());
    const headers = [...reply.headers].filter(([name]) => !HOP_BY_HOP.has(name));
    return { status: reply.status, headers, body, keep: reply.status === 200 && !reply.headers.has('set-cookie') };
  };

  return {
    /** This server's own render request for a miss: it goes straight to Next.js. */
    isInternal: (req: IncomingMessage) => req.headers[INTERNAL] === secret,
    /** A key when this request can be answered from the cache, else null. */
    keyOf(req: IncomingMessage): string | null {
      const url = req.url ?? '/';
      if (req.method !== 'GET' || url.includes('?') || !CACHEABLE.test(url) || NEXT_VARIES.some((h) => h in req.headers)) return null;
      return `${localeOf(req)} ${url}`;
    },
    /** Answers from the cache, or renders (concurrent misses share one render) and keeps what may be kept. */
    async serve(key: string, res: ServerResponse): Promise<void> {
      let page = pages.get(key);
      if (!page) {
        const [locale, path] = key.split(' ') as [string, string];
        page = render(path, locale);
        if (pages.size < MAX_PAGES) pages.set(key, page);
        void page.then(
          (p) => p.keep || pages.delete(key),
          () => pages.delete(key),
        );
      }
      const { status, headers, body } = await page;
      res.writeHead(status, [...headers.flat(), 'content-length', String(body.length)]);
      res.end(body);
    },
  };
}
export type PageCache = ReturnType<typeof createPageCache>;
