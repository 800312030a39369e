// The HTTP control API (curl, Stream Deck / Bitfocus Companion, tests). Same dispatch path as the
// socket: authenticate, then RollcallService.dispatch; every error names its problem.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../lib/model';
import { HTTP_STATUS, type RollcallError } from '../lib/protocol';
import { apiState } from '../lib/view';
import { resolveActor } from './credentials';
import type { EventRegistry, LiveEvent } from './event-registry';
import { createRateLimiter, originAllowed, type RateLimit } from './guards';
import { bearer, httpError, HttpError, matchRoute, readJson, sendJson, type Route } from './http-kit';
import { documentRoutes } from './http-documents';
import { organiserRoutes } from './http-organiser';
import type { Clock } from './rollcall-service';

export interface HttpApiOptions {
  events: EventRegistry;
  moderatorKey: string;
  clock: Clock;
  allowedOrigins: readonly string[];
  rateLimit: RateLimit;
  viewers: () => number;
  /** Called after a join link changes so sockets using the old one are dropped. */
  onLinkChanged: (entryId: string) => void;
  /** Base for absolute links; defaults to the request's own host. */
  publicUrl?: string;
}

export interface ApiAuth {
  /** The caller on the active event: the moderator, a participant by its token, or 401. */
  authenticate(req: IncomingMessage, event?: LiveEvent): Actor;
  requireModerator(req: IncomingMessage): void;
  baseUrl(req: IncomingMessage): string;
}

export function createHttpApi(options: HttpApiOptions) {
  const { events, moderatorKey, clock } = options;
  const limiter = createRateLimiter(options.rateLimit, () => clock.now());

  const auth: ApiAuth = {
    authenticate(req, event = events.active()) {
      const secret = bearer(req);
      const actor = resolveActor({ key: secret }, moderatorKey, event.links) ?? resolveActor({ token: secret }, moderatorKey, event.links);
      if (!actor) throw httpError('unauthorized', 'invalid_key', 'Authorization: the key or token is not valid');
      return actor;
    },
    requireModerator(req) {
      if (auth.authenticate(req).role !== 'moderator') throw httpError('forbidden', 'forbidden', 'only the moderator may do this');
    },
    baseUrl: (req) => options.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`,
  };

  const linkOf = (req: IncomingMessage, entryId: string, token: string | null) => ({
    entryId,
    name: events.active().service.state().entries[entryId]?.nameRu ?? entryId,
    token,
    url: token ? `${auth.baseUrl(req)}/join/${encodeURIComponent(token)}` : null,
  });
  const knownEntry = (entryId: string) => {
    if (!events.active().service.state().entries[entryId]) throw httpError('not_found', 'unknown_entry', `entryId: no entry "${entryId}"`);
  };
  const changeLink = (req: IncomingMessage, res: ServerResponse, entryId: string, regenerate: boolean) => {
    auth.requireModerator(req);
    knownEntry(entryId);
    const { links } = events.active();
    const token = regenerate ? links.regenerate(entryId) : (links.revoke(entryId), null);
    options.onLinkChanged(entryId);
    sendJson(res, 200, linkOf(req, entryId, token));
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: /^\/api\/health$/,
      handle: ({ res }) => sendJson(res, 200, { ok: true, version: events.active().service.state().version, serverTime: clock.now() }),
    },
    {
      method: 'GET',
      path: /^\/api\/state$/,
      handle: ({ res }) => sendJson(res, 200, apiState(events.active().service.state(), clock.now(), { viewers: options.viewers() })),
    },
    {
      method: 'POST',
      path: /^\/api\/commands$/,
      async handle({ req, res }) {
        const actor = auth.authenticate(req);
        const result = events.active().service.dispatch(actor, await readJson(req));
        if (!result.ok) throw new HttpError(result.error);
        sendJson(res, 200, { version: result.version, ...(result.duplicate && { duplicate: true }) });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/links$/,
      handle({ req, res }) {
        auth.requireModerator(req);
        const { links, service } = events.active();
        sendJson(res, 200, links.list(service.state().order).map((l) => linkOf(req, l.entryId, l.token)));
      },
    },
    {
      // The language switch without JavaScript: set the cookie, go back to the page (same site only).
      method: 'GET',
      path: /^\/api\/locale$/,
      handle({ res, query }) {
        const lang = query.get('lang');
        if (lang !== 'ru' && lang !== 'en') throw httpError('bad_request', 'invalid_locale', 'lang: expected ru or en');
        const next = query.get('next') ?? '/';
        const location = next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
        res.writeHead(303, { location, 'set-cookie': `NEXT_LOCALE=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`, 'cache-control': 'no-store' });
        res.end();
      },
    },
    { method: 'POST', path: /^\/api\/links\/([^/]+)$/, handle: ({ req, res, params }) => changeLink(req, res, params[0]!, true) },
    { method: 'DELETE', path: /^\/api\/links\/([^/]+)$/, handle: ({ req, res, params }) => changeLink(req, res, params[0]!, false) },
    ...organiserRoutes({ events, auth, clock }),
    ...documentRoutes({ events, auth, clock }),
  ];

  /** Handles /api/* requests; returns false for anything else. */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/api/')) return false;
    const method = req.method ?? 'GET';
    try {
      if (!limiter.take(req.socket.remoteAddress ?? 'unknown')) throw httpError('rate_limited', 'rate_limited', 'too many requests; slow down');
      if (method !== 'GET' && !originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
        throw httpError('forbidden', 'foreign_origin', `Origin: ${req.headers.origin} is not allowed`);
      }
      const found = matchRoute(routes, method, url.pathname);
      if (!found) throw httpError('not_found', 'no_route', `no route ${method} ${url.pathname}`);
      await found.route.handle({ req, res, params: found.params, query: url.searchParams });
    } catch (error) {
      const e: RollcallError = error instanceof HttpError ? error.error : { code: 'internal', reason: 'internal', message: 'internal error' };
      if (!(error instanceof HttpError)) console.error(error);
      const headers: Record<string, string> = e.code === 'rate_limited' ? { 'retry-after': '1' } : {};
      if (e.code === 'too_large') headers.connection = 'close';
      if (!res.headersSent) sendJson(res, HTTP_STATUS[e.code], { error: e }, headers);
    }
    return true;
  };
}
