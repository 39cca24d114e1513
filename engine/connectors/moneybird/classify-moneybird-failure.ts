/** The one place where a failed Moneybird call (HTTP answer, unreadable body, network error) becomes a KoppelingError. */
import { parseMoneybirdJson } from "./parse-moneybird-json.js";
import { readMoneybirdRateLimit, type HeaderSource } from "./read-moneybird-rate-limit.js";
import type { ErrorCode } from "../../errors/catalogue.js";
import { KoppelingError } from "../../errors/koppeling-error.js";

/** What went wrong, as the HTTP client saw it. */
export type MoneybirdFailure =
  | { kind: "response"; status: number; body: string; headers?: HeaderSource }
  | { kind: "invalidJson"; status: number; body: string }
  | { kind: "network"; error: unknown };

/** One field error: the field ("details.tax_rate_id"), Moneybird's messages and symbolic codes. */
interface FieldError {
  field: string;
  messages: string[];
  codes: string[];
}

/** A code decided from field errors, with the facts that make it specific. */
interface FieldVerdict {
  code: ErrorCode;
  field: string;
  reason: string;
}

/**
 * Classifies a failure. `vendorMessage` holds Moneybird's own words (field errors flattened to
 * "field: message; ..."); every string in the result has `secrets` (the API token) blanked out.
 */
export function classifyMoneybirdFailure(
  failure: MoneybirdFailure,
  options: { secrets?: readonly string[]; nowMs?: number } = {},
): KoppelingError {
  const error = classify(failure, options.nowMs ?? Date.now());
  return redact(error, options.secrets ?? []);
}

function classify(failure: MoneybirdFailure, nowMs: number): KoppelingError {
  if (failure.kind === "network") return classifyNetwork(failure.error);
  if (failure.kind === "invalidJson") {
    return new KoppelingError("ACC_UNAVAILABLE", `Moneybird answered ${failure.status} with a body that is not JSON`, {
      httpStatus: failure.status,
      vendorMessage: snippet(failure.body),
      facts: { reason: "invalid_json" },
    });
  }
  const { status } = failure;
  const body = parseBody(failure.body);
  const vendorMessage = vendorText(body, failure.body);
  const details = { httpStatus: status, vendorMessage };
  const fail = (code: ErrorCode, what: string, reason: string) =>
    new KoppelingError(code, `Moneybird answered ${status}: ${what}`, { ...details, facts: { reason } });

  if (status === 401) {
    return /no access/i.test(vendorMessage)
      ? fail("CONN_ACC_NO_RIGHTS", "the token lacks a permission this call needs", "scope")
      : fail("CONN_ACC_TOKEN_EXPIRED", "the token is invalid, expired or revoked", "auth");
  }
  if (status === 403) return fail("CONN_ACC_NO_RIGHTS", "access to this administration is forbidden", "forbidden");
  if (status === 402) return fail("PACKAGE_FEATURE_MISSING", "the subscription does not allow this", "limit_reached");
  if (status === 429) {
    const retryAfterMs = readMoneybirdRateLimit(failure.headers ?? {}, nowMs).retryAfterMs ?? undefined;
    return new KoppelingError("RATE_LIMITED", "Moneybird answered 429: the API limit is reached", {
      ...details,
      retryAfterMs,
      facts: { reason: "rate_limited" },
    });
  }
  if (status >= 500 || status === 408) return fail("ACC_UNAVAILABLE", "Moneybird is not available", "server_error");
  const fields = fieldErrors(body);
  if (status === 404) {
    if (fields.some((field) => /administration/.test(field.field)) || /administration/i.test(vendorMessage)) {
      return fail("CONN_ACC_NO_RIGHTS", "the administration is not found for this token", "administration");
    }
    if (fields.some((field) => /contact/.test(field.field))) return fail("DEBTOR_DELETED", "the contact is not found", "not_found");
    return fail("UNKNOWN", "not found", "not_found");
  }
  if (status === 400 || status === 422) {
    const verdict = classifyFieldErrors(fields);
    if (verdict) {
      return new KoppelingError(verdict.code, `Moneybird refused the request (${verdict.field}: ${verdict.reason})`, {
        ...details,
        facts: { field: verdict.field, reason: verdict.reason },
      });
    }
    return fail("UNKNOWN", "the request was refused", "rejected");
  }
  return fail("UNKNOWN", "unexpected answer", "unexpected_response");
}

/** Decides a code from field errors; the first matching rule in this order wins. */
function classifyFieldErrors(fields: FieldError[]): FieldVerdict | null {
  const text = (field: FieldError) => [...field.messages, ...field.codes].join(" ").toLowerCase();
  const notAllowed = /not allowed|not_allowed|not permitted/;
  for (const field of fields) {
    if (!/tax_rate/.test(field.field)) continue;
    if (notAllowed.test(text(field))) return { code: "VAT_CODE_MISMATCH", field: field.field, reason: "not_allowed" };
    return { code: "VAT_CODE_MISSING", field: field.field, reason: /inactive/.test(text(field)) ? "inactive" : "not_found" };
  }
  for (const field of fields) {
    if (!/ledger_account/.test(field.field)) continue;
    if (notAllowed.test(text(field)) || /revenue|type/.test(text(field))) {
      return { code: "LEDGER_WRONG_TYPE", field: field.field, reason: "not_allowed" };
    }
    return { code: "LEDGER_NOT_FOUND", field: field.field, reason: /inactive/.test(text(field)) ? "inactive" : "not_found" };
  }
  const closed = fields.find((field) => /lock|closed|afgesloten|gesloten|vastgezet/.test(text(field)) && /date|period|base/.test(field.field));
  if (closed) return { code: "PERIOD_CLOSED", field: closed.field, reason: "locked" };
  const taken = fields.find((field) => /reference|invoice_id/.test(field.field) && /taken|already|in use|bestaat al|reeds/.test(text(field)));
  if (taken) return { code: "DUPLICATE_NUMBER", field: taken.field, reason: "taken" };
  const vat = fields.find((field) => /tax_number/.test(field.field));
  if (vat) return { code: "ICP_VAT_NUMBER_INVALID", field: vat.field, reason: "invalid" };
  const contact = fields.find((field) => /contact/.test(field.field));
  if (contact) {
    const gone = /not.?found|contact_invalid|must exist|is invalid/.test(text(contact));
    return { code: gone ? "DEBTOR_DELETED" : "DEBTOR_INVALID", field: contact.field, reason: gone ? "not_found" : "invalid" };
  }
  return null;
}

/** The field errors of a 422 (`error` + `details`) or of a symbolic 400/404 (`symbolic`, nested keys joined by "."). */
function fieldErrors(body: unknown): FieldError[] {
  if (!body || typeof body !== "object") return [];
  const { error, details, symbolic } = body as { error?: unknown; details?: unknown; symbolic?: unknown };
  const result: FieldError[] = [];
  if (error && typeof error === "object" && !Array.isArray(error)) {
    for (const [field, messages] of Object.entries(error)) {
      const codes = ((details as Record<string, unknown> | undefined)?.[field] ?? []) as unknown[];
      result.push({
        field,
        messages: (Array.isArray(messages) ? messages : [messages]).map(messageText),
        codes: Array.isArray(codes) ? codes.map(messageText) : [],
      });
    }
  }
  if (symbolic && typeof symbolic === "object") {
    const message = typeof error === "string" ? [error] : [];
    for (const [field, code] of flatten(symbolic as Record<string, unknown>)) result.push({ field, messages: message, codes: [code] });
  }
  return result;
}

/** Network failures, timeouts included: Moneybird could not be reached. */
function classifyNetwork(error: unknown): KoppelingError {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new KoppelingError("ACC_UNAVAILABLE", "Moneybird did not answer in time", {
      vendorMessage: (error as Error).message,
      facts: { reason: "timeout" },
    });
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : "";
  const reason =
    code === "ECONNREFUSED" ? "connection_refused"
    : code === "ENOTFOUND" || code === "EAI_AGAIN" ? "dns"
    : /ECONNRESET|UND_ERR_SOCKET|EPIPE|UND_ERR_CLOSED/.test(code) ? "connection_dropped"
    : "network";
  const message = typeof cause?.message === "string" ? cause.message : error instanceof Error ? error.message : String(error);
  return new KoppelingError("ACC_UNAVAILABLE", `Moneybird could not be reached (${reason})`, {
    vendorMessage: message,
    facts: { reason },
  });
}

/** Moneybird's words: the `error` string, field errors as "field: message; ...", or the body itself. */
function vendorText(body: unknown, raw: string): string {
  if (typeof body === "string") return body;
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === "string") return error;
  if (error && typeof error === "object") {
    return Object.entries(error)
      .flatMap(([field, messages]) => (Array.isArray(messages) ? messages : [messages]).map((m) => `${field}: ${messageText(m)}`))
      .join("; ");
  }
  return snippet(raw);
}

function parseBody(text: string): unknown {
  try {
    return parseMoneybirdJson(text);
  } catch {
    return text.trim();
  }
}

function messageText(value: unknown): string {
  if (typeof value === "string") return value;
  const error = (value as { error?: unknown } | null)?.error;
  return typeof error === "string" ? error : JSON.stringify(value);
}

function flatten(object: Record<string, unknown>, prefix = ""): Array<[string, string]> {
  return Object.entries(object).flatMap(([key, value]): Array<[string, string]> =>
    value && typeof value === "object" && !Array.isArray(value)
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)]],
  );
}

function snippet(text: string): string {
  const compact = text.replace(/\s+/g, " ").trim();
  return compact.length > 300 ? `${compact.slice(0, 300)}…` : compact;
}

/** Blanks the secrets out of every string of the error. */
function redact(error: KoppelingError, secrets: readonly string[]): KoppelingError {
  const active = secrets.filter((secret) => secret.length >= 4);
  if (active.length === 0) return error;
  const clean = (text: string) => active.reduce((result, secret) => result.split(secret).join("[redacted]"), text);
  return new KoppelingError(error.code, clean(error.message), {
    vendorMessage: error.vendorMessage === undefined ? undefined : clean(error.vendorMessage),
    httpStatus: error.httpStatus,
    retryAfterMs: error.retryAfterMs,
    facts: error.facts,
  });
}
