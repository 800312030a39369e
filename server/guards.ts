// Request guards shared by the socket and HTTP transports: Origin allow-list, the client's address,
// and token buckets.
import type { IncomingHttpHeaders } from 'node:http';

/**
 * A browser request must come from our own origin or one on the allow-list. Requests without an
 * Origin header (curl, Companion, socket.io-client in Node) are not cross-site and pass.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowList: readonly string[]): boolean {
  if (!origin) return true;
  if (allowList.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export interface RateLimit {
  /** Burst size. */
  capacity: number;
  /** Sustained rate. */
  perSecond: number;
}

/**
 * The address a request comes from. Behind a reverse proxy every request comes from the proxy, so
 * only when the peer is one of `trustedProxies` is the last hop of X-Forwarded-For taken instead
 * (a client can forge the header, but not the hop the proxy itself appends).
 */
export function clientIp(peer: string | undefined, headers: IncomingHttpHeaders, trustedProxies: readonly string[]): string {
  const address = peer ?? 'unknown';
  if (!trustedProxies.includes(address)) return address;
  const forwarded = headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return hops[hops.length - 1] ?? address;
}

/** Token buckets by key (a credential, an IP, a socket); stale buckets are dropped as they refill. */
export function createRateLimiter(limit: RateLimit, now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** True if the request may go ahead. */
    take(key: string): boolean {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: limit.capacity, at: t };
      bucket.tokens = Math.min(limit.capacity, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
      bucket.at = t;
      if (buckets.size > 10_000) {
        for (const [k, b] of buckets) if (b.tokens >= limit.capacity) buckets.delete(k);
      }
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      buckets.set(key, bucket);
      return allowed;
    },
    forget(key: string) {
      buckets.delete(key);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
