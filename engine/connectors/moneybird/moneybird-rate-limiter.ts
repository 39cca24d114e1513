/** The simulator's enforcement of Moneybird's API limit: N requests per fixed window, per token. */

/** A request budget: Moneybird's is 150 requests per 5 minutes for the whole platform. */
export interface MoneybirdRateLimit {
  requests: number;
  windowMs: number;
}

/** Moneybird's real limit (helpcenter.moneybird.nl, "API token limiet"). */
export const moneybirdRateLimit: MoneybirdRateLimit = { requests: 150, windowMs: 300_000 };

/** Whether a request may pass, and the RateLimit-* headers to answer with. */
export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/** Counts requests per key (the bearer token) and decides each one. */
export interface MoneybirdRateLimiter {
  check(key: string): RateLimitDecision;
}

/**
 * Fixed windows aligned to the epoch, counting every request including refused ones: the behaviour of
 * Rack::Attack, whose default throttled body is Moneybird's "Retry later". Headers follow the 429
 * response of Moneybird's OpenAPI spec: RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (epoch
 * seconds) and, on a 429, Retry-After in seconds to wait.
 */
export function createMoneybirdRateLimiter(limit: MoneybirdRateLimit, now: () => number = Date.now): MoneybirdRateLimiter {
  const windows = new Map<string, { window: number; count: number }>();
  return {
    check(key) {
      const at = now();
      const window = Math.floor(at / limit.windowMs);
      const current = windows.get(key);
      const entry = current && current.window === window ? current : { window, count: 0 };
      entry.count += 1;
      windows.set(key, entry);
      const resetAtMs = (window + 1) * limit.windowMs;
      const allowed = entry.count <= limit.requests;
      const headers: Record<string, string> = {
        "RateLimit-Limit": String(limit.requests),
        "RateLimit-Remaining": String(Math.max(0, limit.requests - entry.count)),
        "RateLimit-Reset": String(Math.ceil(resetAtMs / 1000)),
      };
      if (!allowed) headers["Retry-After"] = String(Math.max(1, Math.ceil((resetAtMs - at) / 1000)));
      return { allowed, headers };
    },
  };
}
