/** The one place where a failed WooCommerce call (HTTP answer, unreadable body, network error) becomes a KoppelingError. */
import { z } from "zod";
import { KoppelingError } from "../../errors/koppeling-error.js";

/** What went wrong, as the HTTP client saw it. */
export type WooCommerceFailure =
  | { kind: "response"; status: number; body: string; contentType?: string | null; retryAfter?: string | null }
  | { kind: "invalidJson"; status: number; body: string; contentType?: string | null }
  | { kind: "network"; error: unknown };

/** Why the shop could not be used; stored in `facts.reason` so the bot and the retry logic can tell causes apart. */
export type WooFailureReason =
  | "auth"
  | "rate_limited"
  | "timeout"
  | "connection_refused"
  | "connection_dropped"
  | "dns"
  | "tls"
  | "redirect_loop"
  | "network"
  | "server_error"
  | "no_route"
  | "permalinks_plain"
  | "password_protected"
  | "blocked"
  | "invalid_json"
  | "unexpected_response";

/** The WordPress/WooCommerce error body: {"code": "...", "message": "...", "data": {"status": 401}}. */
const wpErrorSchema = z.object({ code: z.string(), message: z.string() });

type WpError = z.output<typeof wpErrorSchema>;

/** Classifies a failure; every string in the result has `secrets` (the consumer secret and key) blanked out. */
export function classifyWooCommerceFailure(failure: WooCommerceFailure, secrets: readonly string[] = []): KoppelingError {
  const error = classify(failure);
  return redact(error, secrets);
}

function classify(failure: WooCommerceFailure): KoppelingError {
  switch (failure.kind) {
    case "network":
      return classifyNetworkError(failure.error);
    case "invalidJson":
      return unreachable("invalid_json", `WooCommerce answered HTTP ${failure.status} with a body that is not JSON`, {
        status: failure.status,
        vendorMessage: summariseBody(failure.body),
      });
    case "response":
      return classifyResponse(failure);
  }
}

function classifyResponse(failure: Extract<WooCommerceFailure, { kind: "response" }>): KoppelingError {
  const { status, body } = failure;
  const wpError = parseWpError(body);
  const vendorMessage = wpError?.message ?? summariseBody(body);
  const vendorCode = wpError?.code ?? null;
  const base = { httpStatus: status, vendorMessage, facts: { system: "woocommerce", vendorCode } };

  if (status === 429) {
    const retryAfterMs = parseRetryAfter(failure.retryAfter ?? null);
    return new KoppelingError("RATE_LIMITED", "WooCommerce (or its host) is rate limiting requests (HTTP 429)", {
      ...base,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      facts: { ...base.facts, reason: "rate_limited" },
    });
  }
  if ((status === 401 || status === 403) && wpError) {
    return new KoppelingError("CONN_SHOP_AUTH", `WooCommerce refused the consumer key (HTTP ${status} ${wpError.code})`, {
      ...base,
      facts: { ...base.facts, reason: "auth" },
    });
  }
  // A 401/403 that WordPress did not write: a password-protected site, a firewall or security plugin.
  if (status === 401) return unreachable("password_protected", "The shop asks for a password before WooCommerce is reached (HTTP 401)", { status, vendorMessage, vendorCode });
  if (status === 403) return unreachable("blocked", "The shop's server or firewall blocks the WooCommerce API (HTTP 403)", { status, vendorMessage, vendorCode });
  if (status === 404 && vendorCode === "rest_no_route") {
    return unreachable("no_route", "The shop has no WooCommerce REST API route (WooCommerce inactive or the REST API disabled)", { status, vendorMessage, vendorCode });
  }
  if (status === 404 && !wpError) {
    return unreachable("permalinks_plain", "The shop answers /wp-json/ with a web page, not the API: permalinks are probably set to \"Plain\"", { status, vendorMessage, vendorCode });
  }
  if (status >= 500) return unreachable("server_error", `The shop had a server error (HTTP ${status})`, { status, vendorMessage, vendorCode });
  if (status >= 300 && status < 400) return unreachable("redirect_loop", `The shop redirects the API request (HTTP ${status})`, { status, vendorMessage, vendorCode });
  return new KoppelingError("UNKNOWN", `WooCommerce answered HTTP ${status}${vendorCode ? ` ${vendorCode}` : ""}`, {
    ...base,
    facts: { ...base.facts, reason: "unexpected_response" },
  });
}

function classifyNetworkError(error: unknown): KoppelingError {
  if (error instanceof KoppelingError) return error;
  const { name, message, causeCode, causeMessage } = describeError(error);
  const vendorMessage = causeMessage ? `${message}: ${causeMessage}` : message;
  const details = { vendorMessage, vendorCode: causeCode };
  if (name === "TimeoutError" || name === "AbortError") return unreachable("timeout", "The shop did not answer in time", details);
  if (/redirect count exceeded/i.test(vendorMessage)) return unreachable("redirect_loop", "The shop redirects in a loop", details);
  switch (causeCode) {
    case "ECONNREFUSED":
      return unreachable("connection_refused", "The shop refused the connection", details);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return unreachable("dns", "The shop's domain name does not resolve", details);
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return unreachable("connection_dropped", "The shop closed the connection without an answer", details);
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return unreachable("timeout", "The shop did not answer in time", details);
  }
  if (causeCode && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(causeCode)) {
    return unreachable("tls", "The shop's HTTPS certificate is not valid", details);
  }
  return unreachable("network", "The shop could not be reached", details);
}

function unreachable(
  reason: WooFailureReason,
  message: string,
  details: { status?: number; vendorMessage?: string; vendorCode?: string | null },
): KoppelingError {
  return new KoppelingError("CONN_SHOP_UNREACHABLE", message, {
    ...(details.status === undefined ? {} : { httpStatus: details.status }),
    ...(details.vendorMessage === undefined ? {} : { vendorMessage: details.vendorMessage }),
    facts: { system: "woocommerce", reason, vendorCode: details.vendorCode ?? null },
  });
}

function describeError(error: unknown): { name: string; message: string; causeCode: string | null; causeMessage: string | null } {
  if (!(error instanceof Error)) return { name: "", message: String(error), causeCode: null, causeMessage: null };
  const cause = (error as { cause?: unknown }).cause;
  const own = (error as { code?: unknown }).code;
  const causeCode = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  const code = typeof causeCode === "string" ? causeCode : typeof own === "string" ? own : null;
  return { name: error.name, message: error.message, causeCode: code, causeMessage: cause instanceof Error ? cause.message : null };
}

function parseWpError(body: string): WpError | null {
  try {
    const parsed = wpErrorSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An HTML page is summarised by its <title>; other text is kept verbatim, cut at 500 characters. */
function summariseBody(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  if (title) return title;
  const trimmed = body.trim();
  return trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed;
}

/** Retry-After is delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function redact(error: KoppelingError, secrets: readonly string[]): KoppelingError {
  const usable = secrets.filter((secret) => secret.length >= 4);
  if (usable.length === 0) return error;
  const scrub = (text: string): string => usable.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
  const facts = Object.fromEntries(
    Object.entries(error.facts).map(([key, value]) => [key, typeof value === "string" ? scrub(value) : value]),
  );
  return new KoppelingError(error.code, scrub(error.message), {
    ...(error.vendorMessage === undefined ? {} : { vendorMessage: scrub(error.vendorMessage) }),
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    facts,
  });
}
