/** Reads Moneybird's rate-limit headers: RateLimit-Limit/-Remaining/-Reset and Retry-After. */

/** A header source: fetch's Headers or a plain record (names compared case-insensitively). */
export type HeaderSource = Headers | Record<string, string | undefined>;

/** What the headers say about the request budget. */
export interface MoneybirdRateLimitState {
  limit: number | null;
  remaining: number | null;
  /** When the window resets, epoch milliseconds. */
  resetAtMs: number | null;
  /** How long to wait before the next request, in milliseconds (from Retry-After, else RateLimit-Reset). */
  retryAfterMs: number | null;
}

/** Numbers above this are epoch seconds rather than a number of seconds to wait. */
const epochThresholdSeconds = 1_000_000_000;

/**
 * Interprets the headers. Retry-After may be seconds to wait, epoch seconds (Moneybird's spec
 * describes it so, probably a copy-paste slip) or an HTTP date; all three are accepted.
 */
export function readMoneybirdRateLimit(headers: HeaderSource, nowMs: number = Date.now()): MoneybirdRateLimitState {
  const limit = integerHeader(headers, "ratelimit-limit");
  const remaining = integerHeader(headers, "ratelimit-remaining");
  const reset = integerHeader(headers, "ratelimit-reset");
  const resetAtMs = reset === null ? null : reset > epochThresholdSeconds ? reset * 1000 : nowMs + reset * 1000;
  const retryAfterMs = parseRetryAfter(header(headers, "retry-after"), nowMs) ?? (resetAtMs === null ? null : Math.max(0, resetAtMs - nowMs));
  return { limit, remaining, resetAtMs, retryAfterMs };
}

/** Retry-After as milliseconds to wait; null when absent or unreadable. */
function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return seconds > epochThresholdSeconds ? Math.max(0, seconds * 1000 - nowMs) : Math.ceil(seconds * 1000);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** One header's integer value, or null. */
function integerHeader(headers: HeaderSource, name: string): number | null {
  const value = header(headers, name);
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/** One header's value, or null. */
function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return null;
}
