/** GET requests to a shop's WooCommerce REST API v3: authentication, timeout, retries and failure classification. */
import { KoppelingError } from "../../errors/koppeling-error.js";
import { type WooCommerceFailure, classifyWooCommerceFailure } from "./classify-woocommerce-failure.js";

/** How idempotent GETs are retried. */
export interface WooRetryPolicy {
  /** Total attempts per request, the first included (default 3). */
  attempts?: number;
  /** First back-off; doubles per attempt (default 500 ms). */
  baseDelayMs?: number;
  /** A 429 whose Retry-After is longer than this is not waited for but thrown (default 10 s). */
  maxRetryAfterMs?: number;
}

/** Where the shop is and how to reach it. */
export interface WooCommerceClientOptions {
  /** The shop's address as the merchant knows it, e.g. "https://shop.nl" or "https://shop.nl/winkel". */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  fetch?: typeof fetch;
  /** Per attempt (default 20 s). */
  timeoutMs?: number;
  retry?: WooRetryPolicy;
}

/** A successful answer: the parsed JSON and the headers (pagination lives there). */
export interface WooResponse {
  status: number;
  headers: Headers;
  data: unknown;
}

/** The HTTP side of the WooCommerce connector. */
export interface WooCommerceClient {
  /** GET `/wp-json/wc/v3{path}`; resolves null instead of throwing when `notFoundCode` is the 404's error code. */
  get(path: string, query?: Record<string, string>, options?: { notFoundCode?: string }): Promise<WooResponse | null>;
}

/** Failures that a second attempt can cure. */
const retryableReasons = new Set(["timeout", "connection_refused", "connection_dropped", "network", "server_error"]);

/** Creates the client. Uses HTTP Basic auth (consumer key as user, secret as password), as the docs prescribe over HTTPS. */
export function createWooCommerceClient(options: WooCommerceClientOptions): WooCommerceClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const attempts = Math.max(1, options.retry?.attempts ?? 3);
  const baseDelayMs = options.retry?.baseDelayMs ?? 500;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 10_000;
  const apiBase = `${options.baseUrl.replace(/\/+$/, "")}/wp-json/wc/v3`;
  const authorization = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString("base64")}`;
  // The consumer key is half of the credential: a shop or proxy that echoes it must not get it stored.
  const secrets = [options.consumerSecret, options.consumerKey, authorization.slice("Basic ".length)];
  const fail = (failure: WooCommerceFailure): KoppelingError => classifyWooCommerceFailure(failure, secrets);

  const attempt = async (url: string, notFoundCode: string | undefined): Promise<WooResponse | null> => {
    let response: Response;
    let body: string;
    try {
      response = await doFetch(url, {
        headers: { authorization, accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      throw fail({ kind: "network", error });
    }
    const contentType = response.headers.get("content-type");
    if (!response.ok) {
      if (response.status === 404 && notFoundCode && readErrorCode(body) === notFoundCode) return null;
      throw fail({ kind: "response", status: response.status, body, contentType, retryAfter: response.headers.get("retry-after") });
    }
    try {
      return { status: response.status, headers: response.headers, data: JSON.parse(body) as unknown };
    } catch {
      throw fail({ kind: "invalidJson", status: response.status, body, contentType });
    }
  };

  return {
    async get(path, query = {}, requestOptions = {}) {
      const url = `${apiBase}${path}${Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : ""}`;
      for (let number = 1; ; number += 1) {
        try {
          return await attempt(url, requestOptions.notFoundCode);
        } catch (error) {
          const waitMs = number < attempts ? retryWait(error, number, baseDelayMs, maxRetryAfterMs) : null;
          if (waitMs === null) throw error;
          await new Promise((resolve) => setTimeout(resolve, waitMs));
        }
      }
    },
  };
}

/** How long to wait before the next attempt, or null when this failure is not retried. */
function retryWait(error: unknown, attemptNumber: number, baseDelayMs: number, maxRetryAfterMs: number): number | null {
  if (!(error instanceof KoppelingError)) return null;
  const backoff = baseDelayMs * 2 ** (attemptNumber - 1);
  if (error.code === "RATE_LIMITED") {
    if (error.retryAfterMs === undefined) return backoff;
    return error.retryAfterMs <= maxRetryAfterMs ? error.retryAfterMs : null;
  }
  const reason = error.facts.reason;
  return typeof reason === "string" && retryableReasons.has(reason) ? backoff : null;
}

function readErrorCode(body: string): string | null {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === "string" ? code : null;
  } catch {
    return null;
  }
}
