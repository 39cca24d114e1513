/** When a temporary failure is retried automatically (domain/errors.md: 1 min, 10 min, 30 min, 3 h, 12 h). */

const MINUTE = 60_000;

/** The waits between automatic retries; after the last one the sale surfaces in Fouten. */
export const autoRetryDelaysMs = [1 * MINUTE, 10 * MINUTE, 30 * MINUTE, 180 * MINUTE, 720 * MINUTE] as const;

/**
 * The moment of the next automatic retry after `retriesSoFar` retries, or null when they are exhausted.
 * A vendor's Retry-After is honoured when it asks for longer.
 */
export function nextAutoRetryAt(now: Date, retriesSoFar: number, retryAfterMs?: number): Date | null {
  const delay = autoRetryDelaysMs[retriesSoFar];
  if (delay === undefined) return null;
  return new Date(now.getTime() + Math.max(delay, retryAfterMs ?? 0));
}
