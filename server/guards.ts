// Request guards shared by the socket and HTTP transports: Origin allow-list and rate limits.

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

/** Token buckets keyed by socket id or IP; stale buckets are dropped as they refill. */
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
