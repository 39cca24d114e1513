/** The two ports every connector implements; the sync engine knows nothing else of a vendor. */
import type { SaleCustomer, ShopSale } from "../sales/sale.js";

/** The result of a live call with the stored credential: the connection dot. */
export type ConnectionCheck =
  | { kind: "green"; detail: string }
  | { kind: "red"; code: import("../errors/catalogue.js").ErrorCode; detail: string };

/** A status the shop knows, e.g. { slug: "processing", name: "Processing" }. */
export interface ShopStatus {
  slug: string;
  name: string;
}

/** Which sales to fetch. `createdAfter` is the install moment; `modifiedAfter` the sync cursor. */
export interface FetchSalesQuery {
  createdAfter: Date;
  modifiedAfter?: Date;
}

/** The sales system side of a koppeling (WooCommerce, Shopify, ...). */
export interface SalesConnector {
  readonly system: string;
  testConnection(): Promise<ConnectionCheck>;
  listStatuses(): Promise<ShopStatus[]>;
  /** Yields the sales page by page, oldest first. Failures throw a KoppelingError. */
  fetchSales(query: FetchSalesQuery): AsyncIterable<ShopSale[]>;
  /** One sale by its shop id, for re-checks and traces; null when the shop no longer has it. */
  fetchSale(externalId: string): Promise<ShopSale | null>;
}

export interface Administration {
  id: string;
  name: string;
}

/** A VAT code (Moneybird: tax rate) in the accounting system. */
export interface VatCode {
  id: string;
  name: string;
  /** Percentage in basis points: 21% = 2100. */
  percentageBp: number;
  /** Only "sales" codes may be used on sales documents. */
  usage: "sales" | "purchase" | "other";
  active: boolean;
  /** ISO country for OSS codes; null for domestic ones. */
  country: string | null;
}

/** A ledger account (grootboekrekening). Only "revenue" accounts may take sales lines. */
export interface Ledger {
  id: string;
  /** The number the accountant uses, e.g. "8000". */
  code: string;
  name: string;
  type: "revenue" | "expenses" | "balance" | "other";
  active: boolean;
}

/** A debtor (contact) in accounting. */
export interface Debtor {
  id: string;
  email: string | null;
  name: string;
}

/** What is needed to create a debtor: the billing data of the sale's customer. */
export type DebtorInput = SaleCustomer;

/** One line of the document to book, already mapped to codes of the accounting system. */
export interface DocumentLine {
  description: string;
  /** Line total excluding VAT, in cents (negative for refunds). */
  totalExclCents: number;
  vatCodeId: string;
  ledgerId: string;
}

/** The document to create; `reference` is the sale number, so it can be found again. */
export interface DocumentInput {
  reference: string;
  debtorId: string;
  /** Booking date, YYYY-MM-DD in Europe/Amsterdam. */
  date: string;
  currency: string;
  lines: DocumentLine[];
}

/** A booked document in accounting. */
export interface AccountingDocument {
  id: string;
  reference: string;
  totalInclCents: number | null;
}

/** The accounting system side of a koppeling (Moneybird, Exact Online, ...). */
export interface AccountingConnector {
  readonly system: string;
  /** How long one request may take before it is given up (a given-up POST may still land later). */
  readonly requestTimeoutMs?: number;
  testConnection(): Promise<ConnectionCheck>;
  listAdministrations(): Promise<Administration[]>;
  listVatCodes(): Promise<VatCode[]>;
  listLedgers(): Promise<Ledger[]>;
  findDebtorByEmail(email: string): Promise<Debtor | null>;
  /** Creates a debtor; an existing one is never updated. */
  createDebtor(input: DebtorInput): Promise<Debtor>;
  /** `hint.date` (the booking date) lets systems without a reference filter search one period only. */
  findDocumentByReference(reference: string, hint?: { date?: string }): Promise<AccountingDocument | null>;
  /** Creates the document. Never retried inside the connector: the engine checks by reference first. */
  createDocument(input: DocumentInput): Promise<AccountingDocument>;
}
