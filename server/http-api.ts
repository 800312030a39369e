// The HTTP control API (curl, Stream Deck / Bitfocus Companion, tests). Same dispatch path as the
// socket: authenticate, then RollcallService.dispatch; every error names its problem.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../lib/model';
import { HTTP_STATUS, type Headcount, type RollcallError } from '../lib/protocol';
import { nowOf } from '../lib/now';
import { apiState } from '../lib/view';
import { timeAck } from './ack-timing';
import { CORS_READ_PATHS, corsHeaders, preflightHeaders } from './cors';
import { LinksKeyMismatch, resolveActor, type CredentialScope, type Resolved } from './credentials';
import type { EventsPort, LiveEventPort } from './event-ports';
import { clientIp, originAllowed } from './guards';
import { bearer, httpError, HttpError, matchRoute, readJson, sendJson, type Route } from './http-kit';
import { documentRoutes } from './http-documents';
import { organiserRoutes } from './http-organiser';
import type { ClientLimits, Who } from './limits';
import { logRefusal, type Logger } from './logger';
import type { Clock } from './clock';
import type { NowStream } from './now-stream';
import { webhookRoutes } from './http-webhooks';
import type { Webhooks } from './webhooks';

export interface HttpApiOptions {
  events: EventsPort;
  moderatorKey: string;
  clock: Clock;
  allowedOrigins: readonly string[];
  limits: ClientLimits;
  logger: Logger;
  trustedProxies: readonly string[];
  viewers: () => number;
  /** Called after a join link changes so sockets using the old one are dropped. */
  onLinkChanged: (entryId: string) => void;
  /** The /api/now event stream's clients. */
  nowStream: NowStream;
  /** Absent on a cluster node: its webhook routes answer 503 `webhooks_embedded_only`. */
  webhooks?: Webhooks;
  /** Base for absolute links; defaults to the request's own host. */
  publicUrl?: string;
  /** Cluster mode: why this node takes no commands now (health answers 503), or null. */
  unhealthy?: () => string | null;
  /** This process's own sockets (in a cluster: not the other nodes'), shown by /api/health. */
  localSockets?: () => Headcount;
}

export interface ApiAuth {
  /** The caller on the active event: the moderator, a participant by its token, or 401. */
  authenticate(req: IncomingMessage, event?: LiveEventPort): Actor;
  requireModerator(req: IncomingMessage): void;
  baseUrl(req: IncomingMessage): string;
}

/**
 * Where `next=` may send the browser back to: a path on this site, or '/'. Control characters,
 * spaces, backslashes and a leading `//` are how a path turns into another site in a browser, so
 * anything but plain printable ASCII is refused, and the header is built from the parsed URL.
 */
export function sameSitePath(next: string | null): string {
  const base = 'http://rollcall.invalid';
  if (!next || !/^\/(?![/\\])[\x21-\x7e]*$/.test(next) || next.includes('\\')) return '/';
  try {
    const url = new URL(next, base);
    const path = url.pathname + url.search + url.hash;
    return url.origin === base && !path.startsWith('//') ? path : '/';
  } catch {
    return '/';
  }
}

export function createHttpApi(options: HttpApiOptions) {
  const { events, moderatorKey, clock, limits, logger } = options;
  const scopeOf = (event: LiveEventPort): CredentialScope => ({
    links: event.links,
    hasEntry: (id) => id in event.service.state().entries,
  });
  /** The bearer as the moderator key, else as a join link; throws `missing_key` without a bearer. */
  const resolveBearer = (req: IncomingMessage, event: LiveEventPort): Resolved => {
    const secret = bearer(req);
    const asKey = resolveActor({ key: secret }, moderatorKey, scopeOf(event));
    return asKey.ok ? asKey : resolveActor({ token: secret }, moderatorKey, scopeOf(event));
  };

  const auth: ApiAuth = {
    authenticate(req, event = events.active()) {
      const resolved = resolveBearer(req, event);
      if (resolved.ok) return resolved.actor;
      if (resolved.reason === 'entry_removed') throw httpError('unauthorized', 'entry_removed', `Authorization: ${resolved.message}`);
      throw httpError('unauthorized', 'invalid_key', 'Authorization: the key or token is not valid');
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
  /**
   * Regenerating needs an entry in the list. Revoking also takes the leftover link of a removed entry
   * (which opens nothing while the entry is gone, but would again if the removal were undone).
   */
  const changeLink = async (req: IncomingMessage, res: ServerResponse, entryId: string, regenerate: boolean) => {
    auth.requireModerator(req);
    const { links, service } = events.active();
    const listed = entryId in service.state().entries;
    if (!listed && (regenerate || !links.has(entryId))) {
      const why = links.has(entryId) ? '; it was removed from the list, and its link opens nothing while it is gone' : '';
      throw httpError('not_found', 'unknown_entry', `entryId: no entry "${entryId}"${why}`);
    }
    const token = regenerate ? await links.regenerate(entryId) : (await links.revoke(entryId), null);
    logger.info({ eventId: events.activeId(), entryId, action: regenerate ? 'regenerated' : 'revoked' }, 'join link changed');
    options.onLinkChanged(entryId);
    sendJson(res, 200, linkOf(req, entryId, token));
  };
  const listLinks = async (event: LiveEventPort) => {
    try {
      return await event.links.list(event.service.state().order);
    } catch (error) {
      if (!(error instanceof LinksKeyMismatch)) throw error;
      throw httpError('internal', 'links_key_mismatch', error.message);
    }
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: /^\/api\/health$/,
      handle: ({ res }) => {
        const why = options.unhealthy?.() ?? null;
        const version = events.active().service.state().version;
        const sockets = options.localSockets?.();
        if (why) return sendJson(res, 503, { ok: false, reason: why, version, serverTime: clock.now(), sockets });
        sendJson(res, 200, { ok: true, version, serverTime: clock.now(), sockets });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/state$/,
      handle: ({ res }) => sendJson(res, 200, apiState(events.active().service.state(), clock.now(), { viewers: options.viewers() })),
    },
    {
      method: 'GET',
      path: /^\/api\/now$/,
      handle: ({ res }) => {
        const event = events.active();
        sendJson(res, 200, nowOf(event.service.state(), event.id, clock.now()));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/now\/stream$/,
      handle: ({ req, res }) => options.nowStream.open(req, res, clientIp(req.socket.remoteAddress, req.headers, options.trustedProxies)),
    },
    {
      method: 'POST',
      path: /^\/api\/commands$/,
      async handle({ req, res }) {
        const answered = timeAck('http');
        const actor = auth.authenticate(req);
        const body = await readJson(req);
        // Answered in the same turn as an embedded dispatch: awaiting its plain result would let the
        // commit's subscribers (views, diffs) run first (commit-feed.ts).
        const dispatched = events.active().service.dispatch(actor, body);
        const result = dispatched instanceof Promise ? await dispatched : dispatched;
        if (!result.ok) throw new HttpError(result.error);
        sendJson(res, 200, { version: result.version, ...(result.duplicate && { duplicate: true }) });
        answered();
      },
    },
    {
      method: 'GET',
      path: /^\/api\/links$/,
      async handle({ req, res }) {
        auth.requireModerator(req);
        sendJson(
          res,
          200,
          (await listLinks(events.active())).map((l) => linkOf(req, l.entryId, l.token)),
        );
      },
    },
    {
      // The language switch without JavaScript: set the cookie, go back to the page (same site only).
      method: 'GET',
      path: /^\/api\/locale$/,
      handle({ res, query }) {
        const lang = query.get('lang');
        if (lang !== 'ru' && lang !== 'en') throw httpError('bad_request', 'invalid_locale', 'lang: expected ru or en');
        res.writeHead(303, {
          location: sameSitePath(query.get('next')),
          'set-cookie': `NEXT_LOCALE=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`,
          'cache-control': 'no-store',
        });
        res.end();
      },
    },
    { method: 'POST', path: /^\/api\/links\/([^/]+)$/, handle: ({ req, res, params }) => changeLink(req, res, params[0]!, true) },
    { method: 'DELETE', path: /^\/api\/links\/([^/]+)$/, handle: ({ req, res, params }) => changeLink(req, res, params[0]!, false) },
    ...organiserRoutes({ events, auth, clock, logger }),
    ...documentRoutes({ events, auth, clock, logger }),
    ...(options.webhooks
      ? webhookRoutes({ webhooks: options.webhooks, auth, logger })
      : (['GET', 'POST', 'DELETE'] as const).map((method): Route => ({
          method,
          path: /^\/api\/webhooks(\/.*)?$/,
          handle: () => {
            throw httpError('unavailable', 'webhooks_embedded_only', 'webhooks run in the embedded mode only; a cluster node has none');
          },
        }))),
  ];

  /** Whose budget a request spends: a valid key's or link's, else its address's. */
  const whoOf = (req: IncomingMessage, ip: string): { who: Who; actor: Actor | null } => {
    let resolved: Resolved | null = null;
    try {
      resolved = resolveBearer(req, events.active());
    } catch {
      // no or a malformed Authorization header: the request is anonymous, and the route will say why
    }
    if (!resolved?.ok) return { who: { kind: 'ip', ip }, actor: null };
    const { actor } = resolved;
    return { who: actor.role === 'participant' ? { kind: 'link', entryId: actor.entryId } : { kind: 'moderator' }, actor };
  };

  /** Handles /api/* requests; returns false for anything else. */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/api/')) return false;
    const method = req.method ?? 'GET';
    const { who, actor } = whoOf(req, clientIp(req.socket.remoteAddress, req.headers, options.trustedProxies));
    // Read routes answer other origins on the allow-list; Vary keeps caches from mixing the answers.
    const readable = CORS_READ_PATHS.test(url.pathname);
    const cors = readable ? corsHeaders(req.headers.origin, options.allowedOrigins) : {};
    if (readable) res.setHeader('vary', 'Origin');
    for (const [name, value] of Object.entries(cors ?? {})) res.setHeader(name, value);
    try {
      if (method === 'OPTIONS' && readable) {
        if (!limits.take(who, 'reads')) throw httpError('rate_limited', 'rate_limited', 'too many requests; slow down');
        if (!cors) throw httpError('forbidden', 'foreign_origin', `Origin: ${req.headers.origin} may not read this`);
        res.writeHead(204, preflightHeaders(cors)).end();
        return true;
      }
      if (!limits.take(who, method === 'GET' ? 'reads' : 'commands'))
        throw httpError('rate_limited', 'rate_limited', 'too many requests; slow down');
      if (method !== 'GET' && !originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
        throw httpError('forbidden', 'foreign_origin', `Origin: ${req.headers.origin} is not allowed`);
      }
      const found = matchRoute(routes, method, url.pathname);
      if (!found) throw httpError('not_found', 'no_route', `no route ${method} ${url.pathname}`);
      await found.route.handle({ req, res, params: found.params, query: url.searchParams });
    } catch (error) {
      const e: RollcallError =
        error instanceof HttpError
          ? error.error
          : { code: 'internal', reason: 'internal', message: 'internal error; the server logged it' };
      if (!(error instanceof HttpError)) logger.error({ err: error, method, path: url.pathname }, 'HTTP handler failed');
      else if (e.code !== 'rate_limited') logRefusal(logger, 'http', actor, `${method} ${url.pathname}`, e);
      const headers: Record<string, string> = e.code === 'rate_limited' ? { 'retry-after': '1' } : {};
      if (e.code === 'too_large') headers.connection = 'close';
      const answer = () => (res.headersSent ? res.destroy() : sendJson(res, HTTP_STATUS[e.code], { error: e }, headers));
      if (e.code === 'rate_limited') limits.answerRefusal(answer);
      else answer();
    }
    return true;
  };
}
