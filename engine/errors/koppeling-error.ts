/** The one error class of the engine: a catalogue code plus what the vendor said. */
import { type ErrorCode, describeErrorCode, isErrorCode } from "./catalogue.js";

export interface KoppelingErrorDetails {
  /** The vendor's own message, verbatim (shown to support, quoted to the merchant). */
  vendorMessage?: string;
  /** HTTP status the vendor answered with, when there was one. */
  httpStatus?: number;
  /** How long the vendor asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** Extra facts that make the cause specific: the VAT rate, the ledger id, the field. */
  facts?: Record<string, string | number | boolean | null>;
}

/** A failure classified into the catalogue of domain/errors.md. */
export class KoppelingError extends Error {
  readonly code: ErrorCode;
  readonly vendorMessage: string | undefined;
  readonly httpStatus: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly facts: Record<string, string | number | boolean | null>;

  constructor(code: ErrorCode, message: string, details: KoppelingErrorDetails = {}) {
    super(message);
    this.name = "KoppelingError";
    this.code = code;
    this.vendorMessage = details.vendorMessage;
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
    this.facts = details.facts ?? {};
  }

  get isTemporary(): boolean {
    return describeErrorCode(this.code).family === "temporary";
  }
}

/** Turns any throwable into a KoppelingError; unrecognised failures become UNKNOWN. */
export function toKoppelingError(error: unknown): KoppelingError {
  if (error instanceof KoppelingError) return error;
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") {
      return new KoppelingError("ACC_UNAVAILABLE", "The request timed out", { vendorMessage: error.message });
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && isErrorCode(code)) return new KoppelingError(code, error.message);
    return new KoppelingError("UNKNOWN", error.message);
  }
  return new KoppelingError("UNKNOWN", String(error));
}
