// CORS for the read-only routes (/api/now, its event stream, /api/state): a web overlay or a
// dashboard on another origin may read them when its origin is on ROLLCALL_ALLOWED_ORIGINS, or any
// origin when that list holds `*`. Writes are untouched: they still need an allowed Origin and a
// bearer, and `*` never matches a real Origin in their check (server/guards.ts).
/** The routes a page on another origin may read. */
export const CORS_READ_PATHS = /^\/api\/(?:now|now\/stream|state)$/;

/** How long a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Headers that let `origin` read the response, `{}` for a request without an Origin (curl,
 * Companion), or null when the origin is not allowed (the browser then keeps the body from the page).
 */
export function corsHeaders(origin: string | undefined, allowList: readonly string[]): Record<string, string> | null {
  if (!origin) return {};
  if (allowList.includes('*')) return { 'access-control-allow-origin': '*' };
  if (allowList.includes(origin)) return { 'access-control-allow-origin': origin, vary: 'Origin' };
  return null;
}

/** The answer to a preflight (OPTIONS) for an allowed origin: GET only, and the header an event stream resumes with. */
export function preflightHeaders(allowed: Record<string, string>): Record<string, string> {
  return {
    ...allowed,
    'access-control-allow-methods': 'GET',
    'access-control-allow-headers': 'Last-Event-ID, Cache-Control',
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
    'cache-control': 'no-store',
  };
}
