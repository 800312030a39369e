// Small HTTP helpers shared by the API route files: typed errors, JSON and file replies, bounded
// body reading, bearer credentials, and a table of routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_PAYLOAD_BYTES, type RollcallError } from '../lib/protocol';

export class HttpError extends Error {
  constructor(readonly error: RollcallError) {
    super(error.message);
  }
}
export const httpError = (code: RollcallError['code'], reason: string, message: string) => new HttpError({ code, reason, message });

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** A download: the browser saves it under `fileName` (RFC 5987 for Cyrillic names). */
export function sendFile(res: ServerResponse, body: string | Uint8Array, contentType: string, fileName: string) {
  res.writeHead(200, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-disposition': `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
  res.end(body);
}

/** The body's bytes, refused past `limit`; text decoding is the caller's (an upload may not be UTF-8). */
export async function readBytes(req: IncomingMessage, limit = MAX_PAYLOAD_BYTES): Promise<Buffer> {
  const tooLarge = () => httpError('too_large', 'too_large', `body: larger than ${limit} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readText(req: IncomingMessage, limit = MAX_PAYLOAD_BYTES): Promise<string> {
  return (await readBytes(req, limit)).toString('utf8');
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (!text.trim()) throw httpError('bad_request', 'invalid_json', 'body: expected a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw httpError('bad_request', 'invalid_json', 'body: not valid JSON');
  }
}

export function bearer(req: IncomingMessage): string {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) throw httpError('unauthorized', 'missing_key', 'Authorization: expected "Bearer <moderator key or join token>"');
  return match[1]!;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Captured path segments, URL-decoded. */
  params: string[];
  query: URLSearchParams;
}
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  handle: (ctx: RouteContext) => void | Promise<void>;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.path.exec(path);
    if (!match) continue;
    try {
      return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      // A malformed escape names nothing we have.
      throw httpError('not_found', 'no_route', `no route ${method} ${path}`);
    }
  }
  return null;
}
