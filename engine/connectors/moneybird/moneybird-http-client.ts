/** HTTP to Moneybird: paced, timed out, retried where safe (GETs only), every failure classified. */
import { classifyMoneybirdFailure, type MoneybirdFailure } from "./classify-moneybird-failure.js";
import type { MoneybirdPacer } from "./moneybird-pacer.js";
import { parseMoneybirdJson } from "./parse-moneybird-json.js";
import { readMoneybirdRateLimit } from "./read-moneybird-rate-limit.js";
import { KoppelingError } from "../../errors/koppeling-error.js";

/** How to reach Moneybird and how patient to be. */
export interface MoneybirdHttpOptions {
  /** API root, e.g. "https://moneybird.com/api/v2". */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per request, reading the body included (default 30 s). */
  timeoutMs?: number;
  /** Shared pacer of this token; `false` sends unpaced (only for tests that must provoke the vendor limit). */
  pacer: MoneybirdPacer | false;
  /** Waits before retrying a GET after a 5xx, timeout, network error or unreadable body (default [250, 1000]). */
  retryDelaysMs?: readonly number[];
  /** A GET answered 429 is retried after the asked wait when it is at most this long (default 15 s); else RATE_LIMITED. */
  maxRateLimitWaitMs?: number;
}

/** A successful answer: the parsed body (big ids as strings) and the headers. */
export interface MoneybirdHttpResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** GET and POST against the API root; failures throw a classified KoppelingError. */
export interface MoneybirdHttpClient {
  get(path: string, query?: Record<string, string>): Promise<MoneybirdHttpResult>;
  /** Sent once: a POST is never retried here, the engine checks by reference before any retry. */
  post(path: string, body: unknown): Promise<MoneybirdHttpResult>;
}

type Attempt = { kind: "ok"; result: MoneybirdHttpResult } | { kind: "failed"; error: KoppelingError };

/** The longest pause a RateLimit-Reset header can impose, as a guard against clock skew. */
const maxPauseMs = 330_000;

/** Creates the client. */
export function createMoneybirdHttpClient(options: MoneybirdHttpOptions): MoneybirdHttpClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retryDelays = options.retryDelaysMs ?? [250, 1000];
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 15_000;
  const root = options.baseUrl.replace(/\/+$/, "");
  const paced = <T>(task: () => Promise<T>): Promise<T> => (options.pacer ? options.pacer.schedule(task) : task());
  const classify = (failure: MoneybirdFailure) => classifyMoneybirdFailure(failure, { secrets: [options.token] });

  const attempt = async (method: "GET" | "POST", url: string, body?: string): Promise<Attempt> => {
    const held = options.pacer ? options.pacer.pausedUntil - Date.now() : 0;
    if (held > maxRateLimitWaitMs) return { kind: "failed", error: stillLimited(held) };
    let response: Response;
    let text: string;
    try {
      [response, text] = await paced(async () => {
        const answer = await doFetch(url, {
          method,
          headers: {
            Authorization: `Bearer ${options.token}`,
            Accept: "application/json",
            ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        // Told to the pacer before this request stops counting as under way.
        if (options.pacer) options.pacer.observe(readMoneybirdRateLimit(answer.headers, Date.now()));
        return [answer, await answer.text()] as const;
      });
    } catch (error) {
      return { kind: "failed", error: classify({ kind: "network", error }) };
    }
    noteBudget(response);
    if (!response.ok) {
      return { kind: "failed", error: classify({ kind: "response", status: response.status, body: text, headers: response.headers }) };
    }
    try {
      const parsed = text.trim() === "" ? null : parseMoneybirdJson(text);
      return { kind: "ok", result: { status: response.status, body: parsed, headers: response.headers } };
    } catch {
      return { kind: "failed", error: classify({ kind: "invalidJson", status: response.status, body: text }) };
    }
  };

  /** Holds the shared pacer when Moneybird says the budget is spent (429, or RateLimit-Remaining: 0). */
  const noteBudget = (response: Response): void => {
    if (!options.pacer) return;
    const now = Date.now();
    const budget = readMoneybirdRateLimit(response.headers, now);
    const wait = response.status === 429 ? budget.retryAfterMs : budget.remaining === 0 && budget.resetAtMs ? budget.resetAtMs - now : null;
    if (wait !== null && wait > 0) options.pacer.pauseUntil(now + Math.min(wait, maxPauseMs));
  };

  const urlFor = (path: string, query?: Record<string, string>): string => {
    const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
    return `${root}${path}${search}`;
  };

  return {
    async get(path, query) {
      const url = urlFor(path, query);
      let transientRetries = 0;
      let rateLimitRetries = 0;
      for (;;) {
        const outcome = await attempt("GET", url);
        if (outcome.kind === "ok") return outcome.result;
        const { error } = outcome;
        const wait = error.retryAfterMs;
        if (error.code === "RATE_LIMITED" && wait !== undefined && wait <= maxRateLimitWaitMs && rateLimitRetries < 3) {
          rateLimitRetries += 1;
          if (!options.pacer) await sleep(wait);
          continue;
        }
        const delay = retryDelays[transientRetries];
        if (error.code === "ACC_UNAVAILABLE" && delay !== undefined) {
          transientRetries += 1;
          await sleep(delay);
          continue;
        }
        throw error;
      }
    },
    async post(path, body) {
      const outcome = await attempt("POST", urlFor(path), JSON.stringify(body));
      if (outcome.kind === "ok") return outcome.result;
      throw outcome.error;
    },
  };
}

/** A request not sent because Moneybird asked for a longer wait than this call may take. */
function stillLimited(waitMs: number): KoppelingError {
  return new KoppelingError("RATE_LIMITED", "Moneybird's API limit is reached; not sent before the wait Moneybird asked for", {
    retryAfterMs: waitMs,
    facts: { reason: "rate_limited" },
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
