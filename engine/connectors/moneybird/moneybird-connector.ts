/** The Moneybird implementation of the AccountingConnector port: external sales invoices in one administration. */
import { amsterdamDate } from "./moneybird-filter.js";
import { createMoneybirdHttpClient, type MoneybirdHttpClient } from "./moneybird-http-client.js";
import {
  toAccountingDocument,
  toContactRequest,
  toDebtor,
  toExternalSalesInvoiceRequest,
  toLedger,
  toVatCode,
} from "./moneybird-mapping.js";
import { createMoneybirdPacer, type MoneybirdPacer } from "./moneybird-pacer.js";
import {
  administrationSchema,
  contactSchema,
  externalSalesInvoiceSchema,
  ledgerAccountSchema,
  readMoneybird,
  readMoneybirdList,
  taxRateSchema,
} from "./moneybird-schemas.js";
import { KoppelingError, toKoppelingError } from "../../errors/koppeling-error.js";
import type { AccountingConnector, AccountingDocument, Administration, ConnectionCheck } from "../ports.js";

/** What the connector needs: where Moneybird is, the token, the administration, and the shared pacer. */
export interface MoneybirdConnectorOptions {
  /** API root, "https://moneybird.com/api/v2" in production. */
  baseUrl: string;
  token: string;
  administrationId: string;
  fetch?: typeof fetch;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /**
   * The pacer of this token, shared by all connectors using it (default: a private one at
   * Moneybird's 150 requests per 5 minutes). `false` only for tests that must provoke the limit.
   */
  pacer?: MoneybirdPacer | false;
  /** Waits before retrying a failed GET (default [250, 1000]). */
  retryDelaysMs?: readonly number[];
  /** Longest 429 wait a GET sits out before retrying (default 15 s); longer waits throw RATE_LIMITED. */
  maxRateLimitWaitMs?: number;
  /** The clock, for the date range searched by reference (default: the real one). */
  now?: () => Date;
}

/** What findDocumentByReference may be told to narrow its search: the booking date (YYYY-MM-DD). */
export interface ReferenceSearchHint {
  date?: string;
}

/** The Moneybird connector; findDocumentByReference also takes an optional date hint. */
export interface MoneybirdConnector extends AccountingConnector {
  findDocumentByReference(reference: string, hint?: ReferenceSearchHint): Promise<AccountingDocument | null>;
}

/** Moneybird's largest page. */
const perPage = 100;
/** A guard against endless paging. */
const maxPages = 200;

/** Creates the connector; every request goes through the pacer. */
export function createMoneybirdConnector(options: MoneybirdConnectorOptions): MoneybirdConnector {
  const http = createMoneybirdHttpClient({
    baseUrl: options.baseUrl,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    pacer: options.pacer ?? createMoneybirdPacer(),
    retryDelaysMs: options.retryDelaysMs,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs,
  });
  const now = options.now ?? (() => new Date());
  const administration = `/${encodeURIComponent(options.administrationId)}`;

  const listAdministrations = async (): Promise<Administration[]> => {
    const { body } = await http.get("/administrations.json");
    return readMoneybirdList(administrationSchema, body, "administration").map(({ id, name }) => ({ id, name }));
  };

  return {
    system: "moneybird",
    requestTimeoutMs: options.timeoutMs ?? 30_000,

    /**
     * Lists the administrations of the token, then reads one external invoice (needs the
     * sales_invoices scope), so a green dot means documents can really be booked.
     * @see https://developer.moneybird.com/api/administrations
     */
    async testConnection(): Promise<ConnectionCheck> {
      try {
        const found = (await listAdministrations()).find((candidate) => candidate.id === options.administrationId);
        if (!found) {
          return { kind: "red", code: "CONN_ACC_NO_RIGHTS", detail: `Administration ${options.administrationId} is not available for this token` };
        }
        await http.get(`${administration}/external_sales_invoices.json`, { filter: "period:this_month", per_page: "1" });
        return { kind: "green", detail: `Moneybird: ${found.name}` };
      } catch (error) {
        const classified = toKoppelingError(error);
        return { kind: "red", code: classified.code, detail: classified.message };
      }
    },

    /** @see https://developer.moneybird.com/api/administrations */
    listAdministrations,

    /** All tax rates, sales and purchase alike, page by page. @see https://developer.moneybird.com/api/tax-rates */
    async listVatCodes() {
      const rates = await collectPages(http, `${administration}/tax_rates.json`, {}, (body) =>
        readMoneybirdList(taxRateSchema, body, "tax rate"),
      );
      return rates.map(toVatCode);
    },

    /** Ledger accounts (this endpoint is not paginated). @see https://developer.moneybird.com/api/ledger-accounts */
    async listLedgers() {
      const { body } = await http.get(`${administration}/ledger_accounts.json`);
      return readMoneybirdList(ledgerAccountSchema, body, "ledger account").map(toLedger);
    },

    /**
     * Searches with `query` (which matches e-mail among other fields, also partially) and keeps
     * only the contact whose e-mail is exactly this one, ignoring case.
     * @see https://developer.moneybird.com/api/contacts
     * @see https://developer.moneybird.com/integration/importing-external-invoices
     */
    async findDebtorByEmail(email) {
      const wanted = email.trim().toLowerCase();
      if (wanted === "") return null;
      const contacts = await collectPages(
        http,
        `${administration}/contacts.json`,
        { query: wanted },
        (body) => readMoneybirdList(contactSchema, body, "contact"),
        (page) => page.some((contact) => contact.email?.trim().toLowerCase() === wanted),
      );
      const match = contacts.find((contact) => contact.email?.trim().toLowerCase() === wanted);
      return match ? toDebtor(match) : null;
    },

    /** Creates a contact; never retried, never an update. @see https://developer.moneybird.com/api/contacts */
    async createDebtor(input) {
      const { body } = await http.post(`${administration}/contacts.json`, toContactRequest(input));
      return toDebtor(readMoneybird(contactSchema, body, "contact"));
    },

    /**
     * Exact match on `reference`. Moneybird's external invoice list has no reference filter (only
     * state, period and contact_id), so this pages through an explicit period, newest first, and
     * compares client-side. Without a date hint the period runs from 2000 to next year.
     * @see https://developer.moneybird.com/api/external-sales-invoices
     */
    async findDocumentByReference(reference, hint) {
      const period = hint?.date ? `${compactDate(hint.date)}..${compactDate(hint.date)}` : wholePeriod(now());
      const invoices = await collectPages(
        http,
        `${administration}/external_sales_invoices.json`,
        { filter: `period:${period}` },
        (body) => readMoneybirdList(externalSalesInvoiceSchema, body, "external sales invoice"),
        (page) => page.some((invoice) => invoice.reference === reference),
      );
      const match = invoices.find((invoice) => invoice.reference === reference);
      return match ? toAccountingDocument(match) : null;
    },

    /**
     * Creates an external sales invoice: one detail per line, price = line total excl. VAT, amount 1.
     * Sent once; a failure throws and the engine looks the reference up before any retry.
     * @see https://developer.moneybird.com/api/external-sales-invoices
     */
    async createDocument(input) {
      if (input.lines.length === 0) throw new KoppelingError("UNKNOWN", "A document without lines cannot be booked");
      const { body } = await http.post(`${administration}/external_sales_invoices.json`, toExternalSalesInvoiceRequest(input));
      return toAccountingDocument(readMoneybird(externalSalesInvoiceSchema, body, "external sales invoice"));
    },
  };
}

/** Reads pages of 100 until a short page, or until `done` says the wanted record is on this page. */
async function collectPages<T>(
  http: MoneybirdHttpClient,
  path: string,
  query: Record<string, string>,
  read: (body: unknown) => T[],
  done: (page: T[]) => boolean = () => false,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const { body } = await http.get(path, { ...query, page: String(page), per_page: String(perPage) });
    const items = read(body);
    all.push(...items);
    if (items.length < perPage || done(items)) break;
  }
  return all;
}

/** "2025-01-31" → "20250131". */
function compactDate(date: string): string {
  return date.replaceAll("-", "");
}

/** From 2000-01-01 to the end of next year (in Amsterdam): every date a webshop sale can have. */
function wholePeriod(now: Date): string {
  const year = Number(amsterdamDate(now).slice(0, 4));
  return `20000101..${year + 1}1231`;
}
