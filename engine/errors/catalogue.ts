/** The error catalogue of domain/errors.md: every rejection is classified into one of these codes. */

/** What the bot offers for a code (domain/errors.md, "Action class"). */
export type ActionClass = "A" | "B" | "C" | "D" | "E" | "F";

/** Temporary failures are retried automatically; permanent ones wait for a fix and "Verwerk". */
export type FailureFamily = "temporary" | "permanent";

export interface CatalogueEntry {
  actionClass: ActionClass;
  family: FailureFamily;
  /** True when a retry without any change can succeed (temporary causes only). */
  blindRetryAllowed: boolean;
}

export const catalogue = {
  CONN_SHOP_AUTH: { actionClass: "B", family: "permanent", blindRetryAllowed: false },
  CONN_SHOP_UNREACHABLE: { actionClass: "C", family: "temporary", blindRetryAllowed: true },
  CONN_ACC_TOKEN_EXPIRED: { actionClass: "B", family: "permanent", blindRetryAllowed: false },
  CONN_ACC_NO_RIGHTS: { actionClass: "B", family: "permanent", blindRetryAllowed: false },
  ACC_UNAVAILABLE: { actionClass: "C", family: "temporary", blindRetryAllowed: true },
  RATE_LIMITED: { actionClass: "C", family: "temporary", blindRetryAllowed: true },
  VAT_CODE_MISSING: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  VAT_CODE_MISMATCH: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  LEDGER_NOT_FOUND: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  LEDGER_WRONG_TYPE: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  LEDGER_NEEDS_DIMENSION: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  REQUIRED_DEFAULT_MISSING: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  TOTALS_NOMATCH: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  DISCOUNT_NOMATCH: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  DUPLICATE_NUMBER: { actionClass: "E", family: "permanent", blindRetryAllowed: false },
  ALREADY_TRANSFERRED: { actionClass: "E", family: "permanent", blindRetryAllowed: false },
  ICP_VAT_NUMBER_INVALID: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  VAT_NUMBER_NOT_READ: { actionClass: "F", family: "permanent", blindRetryAllowed: false },
  SHIPPING_WITHOUT_VAT: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  DEBTOR_INVALID: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  DEBTOR_DELETED: { actionClass: "F", family: "permanent", blindRetryAllowed: false },
  CUSTOMER_DATA_MISSING: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  PERIOD_CLOSED: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  ARTICLE_PROBLEM: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  NEGATIVE_NOT_ALLOWED: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  CREDIT_NO_VAT_INFO: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  PACKAGE_FEATURE_MISSING: { actionClass: "A", family: "permanent", blindRetryAllowed: false },
  OPEN_EXPIRED: { actionClass: "D", family: "permanent", blindRetryAllowed: false },
  UNKNOWN: { actionClass: "F", family: "permanent", blindRetryAllowed: false },
} as const satisfies Record<string, CatalogueEntry>;

/** A catalogue code such as "VAT_CODE_MISSING". */
export type ErrorCode = keyof typeof catalogue;

export const errorCodes = Object.keys(catalogue) as ErrorCode[];

/** Looks up the catalogue entry of a code. */
export function describeErrorCode(code: ErrorCode): CatalogueEntry {
  return catalogue[code];
}

/** Narrows an arbitrary string (from the database, a button id) to a catalogue code. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(catalogue, value);
}
