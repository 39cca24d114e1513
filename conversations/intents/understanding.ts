/** What the bot understood of a message: the intent, how sure it is, the slots, the language. */
import type { ErrorCode } from "../../engine/errors/catalogue.js";

/** The intents the bot knows (issue "conversation core"); `answer` is a bare reply to a question. */
export type IntentName =
  | "check_setup"
  | "status"
  | "list_errors"
  | "explain_open"
  | "trace_sale"
  | "retry"
  | "report_problem"
  | "ignore"
  | "configure"
  | "connect"
  | "link"
  | "unlink"
  | "subscribe"
  | "unsubscribe"
  | "howto"
  | "help"
  | "answer"
  | "unknown";

export const intentNames: readonly IntentName[] = [
  "check_setup", "status", "list_errors", "explain_open", "trace_sale", "retry", "report_problem", "ignore",
  "configure", "connect", "link", "unlink", "subscribe", "unsubscribe", "howto", "help", "answer", "unknown",
];

/** What a message names besides its intent. */
export interface Slots {
  /** Sale numbers ("1043", "#1043", "bestelling 1043"). */
  saleNumbers?: string[];
  /** A VAT rate in basis points ("9%" → 900). */
  vatRateBp?: number;
  /** A ledger code ("8050", "grootboek 8000"). */
  ledgerCode?: string;
  /** Which ledger is meant ("verzendkosten" → shipping). */
  ledgerRole?: "revenue" | "shipping" | "paymentCosts";
  /** A shop status, as WooCommerce slug ("in behandeling" → "processing"). */
  status?: string;
  /** "all", "alles", "allemaal". */
  all?: boolean;
  /** A yes or no ("ja", "yes", "ok", "nee", "no", "later"). */
  answer?: "yes" | "no";
  /** A bare choice number ("2") as a reply to numbered options. */
  choice?: number;
  /** The cause the merchant means ("btw", "vat number", "dubbel factuurnummer") as a catalogue code. */
  cause?: ErrorCode;
  /** A license key such as "KB-DEMO-0001". */
  licenseKey?: string;
  /** Which side a connection question is about. */
  side?: "sales" | "accounting";
  /** Weekday (0 = Sunday … 6 = Saturday), hour and minute for a digest subscription. */
  weekday?: number;
  hour?: number;
  minute?: number;
  /** "overview": support asks for the overview of all koppelingen instead of this koppeling's digest. */
  overview?: boolean;
}

/** The result of understanding one message. */
export interface Understanding {
  intent: IntentName;
  /** 0..1: how sure the rules are; below 0.6 an LLM (when configured) may be asked. */
  confidence: number;
  slots: Slots;
  /** The language of this message; null when it cannot be told (a bare number). */
  language: "nl" | "en" | null;
}
