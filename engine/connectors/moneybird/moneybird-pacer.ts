/** Paces requests to Moneybird below its API limit; one pacer is shared by every connector using the same token. */
import pThrottle from "p-throttle";
import { moneybirdRateLimit } from "./moneybird-rate-limiter.js";

/** The budget to stay under; defaults are Moneybird's 150 requests per 5 minutes. */
export interface MoneybirdPacerOptions {
  requests?: number;
  windowMs?: number;
  /**
   * Added to the window, because Moneybird counts requests when they arrive and we count them when they
   * leave: network jitter must not push one request too many into a window (default max(250 ms, 1%)).
   */
  safetyMarginMs?: number;
}

/** Runs tasks no faster than the budget allows, and holds them all while Moneybird asked us to wait. */
export interface MoneybirdPacer {
  /** Runs `task` (one HTTP request) when the budget allows. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** Holds every request not yet started until `epochMs` (after a 429, or RateLimit-Remaining: 0). */
  pauseUntil(epochMs: number): void;
  /** Until when (epoch ms) requests are held; 0 or a past moment when they are not. */
  readonly pausedUntil: number;
  /** Requests waiting for their turn. */
  readonly queueSize: number;
}

/**
 * Creates a pacer on p-throttle's strict (sliding-window) algorithm: never more than `requests`
 * started in any `windowMs + safetyMarginMs`. "The limit is for the whole platform", so create one
 * pacer per Moneybird token and pass it to every connector that uses that token.
 */
export function createMoneybirdPacer(options: MoneybirdPacerOptions = {}): MoneybirdPacer {
  const requests = options.requests ?? moneybirdRateLimit.requests;
  const windowMs = options.windowMs ?? moneybirdRateLimit.windowMs;
  const margin = options.safetyMarginMs ?? Math.max(250, Math.ceil(windowMs / 100));
  const throttled = pThrottle({ limit: requests, interval: windowMs + margin, strict: true })(
    (task: () => Promise<unknown>) => task(),
  );
  let pausedUntil = 0;
  let waiting = 0;

  const waitForPause = async (): Promise<void> => {
    for (let delay = pausedUntil - Date.now(); delay > 0; delay = pausedUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };

  return {
    async schedule<T>(task: () => Promise<T>): Promise<T> {
      waiting += 1;
      try {
        await waitForPause();
      } finally {
        waiting -= 1;
      }
      return (await throttled(task)) as T;
    },
    pauseUntil(epochMs) {
      pausedUntil = Math.max(pausedUntil, epochMs);
    },
    get pausedUntil() {
      return pausedUntil;
    },
    get queueSize() {
      return waiting + throttled.queueSize;
    },
  };
}
