// The HTTP control API (curl, Stream Deck / Bitfocus Companion, tests). Same dispatch path as the
// socket: authenticate, then RollcallService.dispatch; every error names its problem.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS, MAX_PAYLOAD_BYTES, type RollcallError } from '../lib/protocol';
import { apiState } from '../lib/view';
import { resolveActor, type JoinLinks } from './credentials';
import { createRateLimiter, originAllowed, type RateLimit } from './guards';
import type { Clock, RollcallService } from './rollcall-service';

export interface HttpApiOptions {
  service: RollcallService;
  links: JoinLinks;
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

class HttpError extends Error {
  constructor(readonly error: RollcallError) {
    super(error.message);
  }
}
const httpError = (code: RollcallError['code'], reason: string, message: string) => new HttpError({ code, reason, message });

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_PAYLOAD_BYTES) throw httpError('too_large', 'too_large', `body: larger than ${MAX_PAYLOAD_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) throw httpError('too_large', 'too_large', `body: larger than ${MAX_PAYLOAD_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw httpError('bad_request', 'invalid_json', 'body: expected a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw httpError('bad_request', 'invalid_json', 'body: not valid JSON');
  }
}

export function createHttpApi(options: HttpApiOptions) {
  const { service, links, moderatorKey, clock } = options;
  const limiter = createRateLimiter(options.rateLimit, () => clock.now());

  const bearer = (req: IncomingMessage) => {
    const header = req.headers.authorization;
    if (!header) throw httpError('unauthorized', 'missing_key', 'Authorization: expected "Bearer <moderator key or join token>"');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw httpError('unauthorized', 'missing_key', 'Authorization: expected "Bearer <moderator key or join token>"');
    return match[1]!;
  };
  const authenticate = (req: IncomingMessage) => {
    const secret = bearer(req);
    const actor = resolveActor({ key: secret }, moderatorKey, links) ?? resolveActor({ token: secret }, moderatorKey, links);
    if (!actor) throw httpError('unauthorized', 'invalid_key', 'Authorization: the key or token is not valid');
    return actor;
  };
  const requireModerator = (req: IncomingMessage) => {
    if (authenticate(req).role !== 'moderator') throw httpError('forbidden', 'forbidden', 'only the moderator may do this');
  };
  const baseUrl = (req: IncomingMessage) => options.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
  const linkOf = (req: IncomingMessage, entryId: string, token: string | null) => ({
    entryId,
    name: service.state().entries[entryId]?.nameRu ?? entryId,
    token,
    url: token ? `${baseUrl(req)}/join/${encodeURIComponent(token)}` : null,
  });
  // A malformed escape (e.g. /api/links/%E0) names no entry: 404, not a 500 from decodeURIComponent.
  const decodeEntryId = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw httpError('not_found', 'unknown_entry', `entryId: no entry "${segment}"`);
    }
  };
  const knownEntry = (entryId: string) => {
    if (!service.state().entries[entryId]) throw httpError('not_found', 'unknown_entry', `entryId: no entry "${entryId}"`);
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string) {
    const method = req.method ?? 'GET';
    if (path === '/api/health' && method === 'GET') {
      return send(res, 200, { ok: true, version: service.state().version, serverTime: clock.now() });
    }
    if (path === '/api/state' && method === 'GET') {
      return send(res, 200, apiState(service.state(), clock.now(), { viewers: options.viewers() }));
    }
    if (path === '/api/commands' && method === 'POST') {
      const actor = authenticate(req);
      const body = await readJson(req);
      const result = service.dispatch(actor, body);
      if (!result.ok) throw new HttpError(result.error);
      return send(res, 200, { version: result.version, ...(result.duplicate && { duplicate: true }) });
    }
    if (path === '/api/links' && method === 'GET') {
      requireModerator(req);
      return send(res, 200, links.list(service.state().order).map((l) => linkOf(req, l.entryId, l.token)));
    }
    const link = /^\/api\/links\/([^/]+)$/.exec(path);
    if (link && (method === 'POST' || method === 'DELETE')) {
      requireModerator(req);
      const entryId = decodeEntryId(link[1]!);
      knownEntry(entryId);
      const token = method === 'POST' ? links.regenerate(entryId) : (links.revoke(entryId), null);
      options.onLinkChanged(entryId);
      return send(res, 200, linkOf(req, entryId, token));
    }
    throw httpError('not_found', 'no_route', `no route ${method} ${path}`);
  }

  /** Handles /api/* requests; returns false for anything else. */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/api/')) return false;
    try {
      if (!limiter.take(req.socket.remoteAddress ?? 'unknown')) {
        throw httpError('rate_limited', 'rate_limited', 'too many requests; slow down');
      }
      if (req.method !== 'GET' && !originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
        throw httpError('forbidden', 'foreign_origin', `Origin: ${req.headers.origin} is not allowed`);
      }
      await route(req, res, path);
    } catch (error) {
      const e = error instanceof HttpError ? error.error : { code: 'internal' as const, reason: 'internal', message: 'internal error' };
      if (!(error instanceof HttpError)) console.error(error);
      const headers: Record<string, string> = e.code === 'rate_limited' ? { 'retry-after': '1' } : {};
      if (e.code === 'too_large') headers.connection = 'close';
      send(res, HTTP_STATUS[e.code], { error: e }, headers);
    }
    return true;
  };
}
