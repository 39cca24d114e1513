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

/** What Moneybird's RateLimit-* headers said on one answer. */
export interface MoneybirdBudget {
  limit: number | null;
  remaining: number | null;
  /** Epoch milliseconds. */
  resetAtMs: number | null;
}

/** Runs tasks no faster than the budget allows, and holds them all while Moneybird asked us to wait. */
export interface MoneybirdPacer {
  /** Runs `task` (one HTTP request) when the budget allows. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** What an answer's headers said about the budget; call it before the task settles. */
  observe(budget: MoneybirdBudget): void;
  /** Holds every request not yet started until `epochMs` (after a 429, or RateLimit-Remaining: 0). */
  pauseUntil(epochMs: number): void;
  /** Until when (epoch ms) requests are held; 0 or a past moment when they are not. */
  readonly pausedUntil: number;
  /** Requests waiting for their turn. */
  readonly queueSize: number;
}

/**
 * Creates a pacer. While Moneybird's answers carry RateLimit-Remaining and RateLimit-Reset, those are
 * the truth (they count every client of the token): requests go as long as the remaining budget minus
 * the requests still under way allows, then wait for the reset. A new window starts with the full
 * budget minus what was still under way at the reset. Before the first answer, and for servers that
 * send no such headers, p-throttle's strict sliding window keeps `requests` per `windowMs + margin`.
 * "The limit is for the whole platform": create one pacer per Moneybird token and share it.
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
  let inFlight = 0;
  /** The server's word on the current window, kept up to date by observe(). */
  let budget: { limit: number; remaining: number; resetAtMs: number; estimated: boolean } | null = null;
  /** Wakes the requests waiting for the budget when an answer arrives. */
  let wake: Array<() => void> = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = wake.filter((fn) => fn !== done);
        resolve();
      }
      wake.push(done);
    });

  /**
   * Waits until the budget admits one more request and counts it as under way (in the same tick as
   * the check, so two waiters woken together cannot both take the last unit); false when the server
   * never told us its budget (then the sliding window decides).
   */
  const admit = async (): Promise<boolean> => {
    for (;;) {
      const now = Date.now();
      if (pausedUntil > now) {
        await sleep(pausedUntil - now);
        continue;
      }
      if (!budget) return false;
      if (now >= budget.resetAtMs + margin) {
        // A new window: full, except for what may still arrive from the previous one. An estimate
        // until the next answer says otherwise.
        const windows = Math.ceil((now - budget.resetAtMs + 1) / windowMs);
        budget = { limit: budget.limit, remaining: Math.max(0, budget.limit - inFlight), resetAtMs: budget.resetAtMs + windows * windowMs, estimated: true };
      }
      if (budget.remaining - inFlight > 0) {
        inFlight += 1;
        return true;
      }
      await sleep(Math.min(budget.resetAtMs + margin - now, windowMs + margin));
    }
  };

  /** Runs a task already counted in `inFlight`. */
  const finish = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await task();
    } finally {
      inFlight -= 1;
    }
  };

  return {
    async schedule<T>(task: () => Promise<T>): Promise<T> {
      waiting += 1;
      try {
        if (!(await admit())) {
          // Nothing known yet: the sliding window lets it pass — unless answers meanwhile told the budget.
          await throttled(() => Promise.resolve());
          if (!(await admit())) inFlight += 1;
        }
      } finally {
        waiting -= 1;
      }
      return finish(task);
    },
    observe(seen) {
      if (seen.remaining === null || seen.resetAtMs === null) return;
      const limit = seen.limit ?? budget?.limit ?? requests;
      if (!budget || seen.resetAtMs > budget.resetAtMs || (budget.estimated && seen.resetAtMs !== budget.resetAtMs)) {
        budget = { limit, remaining: seen.remaining, resetAtMs: seen.resetAtMs, estimated: false };
      } else if (seen.resetAtMs === budget.resetAtMs) {
        // Answers can arrive out of order: the lowest remaining of a window is the latest word.
        budget = { ...budget, remaining: Math.min(budget.estimated ? Infinity : budget.remaining, seen.remaining), estimated: false };
      }
      for (const fn of wake) fn();
    },
    pauseUntil(epochMs) {
      pausedUntil = Math.max(pausedUntil, epochMs);
    },
    get pausedUntil() {
      return pausedUntil;
    },
    get queueSize() {
      return waiting;
    },
  };
}
