/** The simulator's checks on POST /external_sales_invoices.json, answering with Moneybird's error shapes. */
import type { ExternalSalesInvoiceDraft, ExternalSalesInvoiceDraftLine } from "./build-external-sales-invoice.js";
import { collectFieldErrors, type FieldErrorCollector } from "./moneybird-field-errors.js";
import { findMoneybirdRecord } from "./moneybird-id.js";
import type {
  MoneybirdAdministration,
  MoneybirdContact,
  MoneybirdExternalSalesInvoice,
  MoneybirdFieldErrorBody,
  MoneybirdLedgerAccount,
  MoneybirdTaxRate,
} from "./moneybird-records.js";

/** What the checks need to know about the administration. */
export interface InvoiceValidationContext {
  administration: MoneybirdAdministration;
  contacts: MoneybirdContact[];
  taxRates: MoneybirdTaxRate[];
  ledgerAccounts: MoneybirdLedgerAccount[];
  invoices: MoneybirdExternalSalesInvoice[];
  /** Whether a reference already used by another external invoice is refused. */
  uniqueReferences: boolean;
  today: string;
}

/** The outcome of checking a create request. */
export type InvoiceValidation =
  | { kind: "valid"; draft: ExternalSalesInvoiceDraft }
  | { kind: "badRequest"; body: { error: string; symbolic: Record<string, unknown> } }
  | { kind: "invalid"; body: MoneybirdFieldErrorBody };

/** The Moneybird message for a rate or ledger that exists but may not be used on sales invoices. */
export const notAllowedOnSalesInvoices = "is not allowed for sales invoices";

/**
 * Checks `{"external_sales_invoice": {...}}`: an existing contact (else 400, as Moneybird's spec
 * example), a reference, a valid date outside the locked period, and lines whose tax rate is an
 * active sales rate and whose ledger account takes sales invoices (revenue).
 */
export function validateExternalSalesInvoice(body: unknown, context: InvoiceValidationContext): InvoiceValidation {
  const invoice = (body as { external_sales_invoice?: unknown } | null)?.external_sales_invoice;
  if (!invoice || typeof invoice !== "object" || Array.isArray(invoice)) {
    return badRequest("External sales invoice is required", { external_sales_invoice: "required" });
  }
  const fields = invoice as Record<string, unknown>;
  const contact = findMoneybirdRecord(context.contacts, fields.contact_id);
  if (!contact) return badRequest("Contact ID is invalid", { external_sales_invoice: { contact_id: "contact_invalid" } });

  const errors = collectFieldErrors();
  const reference = typeof fields.reference === "string" || typeof fields.reference === "number" ? String(fields.reference) : "";
  if (reference.trim() === "") errors.add("reference", "can't be blank", "blank");
  else if (context.uniqueReferences && context.invoices.some((existing) => existing.reference === reference)) {
    errors.add("reference", "has already been taken", "taken");
  }
  const date = fields.date === undefined || fields.date === null || fields.date === "" ? context.today : String(fields.date);
  if (!isValidDate(date)) errors.add("date", "is not a valid date", "is not a valid date");
  else if (context.administration.period_locked_until && date <= context.administration.period_locked_until) {
    errors.add("date", `falls in a locked period (locked until ${context.administration.period_locked_until})`, "locked");
  }
  const lines = detailList(fields.details_attributes).map((detail) => checkLine(detail, context, errors));
  if (errors.hasErrors) return { kind: "invalid", body: errors.body() };
  return {
    kind: "valid",
    draft: {
      reference,
      contact,
      date,
      dueDate: typeof fields.due_date === "string" && isValidDate(fields.due_date) ? fields.due_date : null,
      currency: typeof fields.currency === "string" && fields.currency ? fields.currency.toUpperCase() : context.administration.currency,
      pricesAreInclTax: fields.prices_are_incl_tax === true || fields.prices_are_incl_tax === "true",
      source: typeof fields.source === "string" ? fields.source : null,
      sourceUrl: typeof fields.source_url === "string" ? fields.source_url : null,
      lines: lines.filter((line): line is ExternalSalesInvoiceDraftLine => line !== null),
    },
  };
}

/** Checks one detail; adds its errors under "details.<field>" as Moneybird does for nested attributes. */
function checkLine(
  detail: Record<string, unknown>,
  context: InvoiceValidationContext,
  errors: FieldErrorCollector,
): ExternalSalesInvoiceDraftLine | null {
  const priceCents = parseAmount(detail.price, 2);
  if (priceCents === null) errors.add("details.price", "is not a number", "not_a_number");
  const amountMilli = detail.amount === undefined || detail.amount === null ? 1000 : parseAmount(detail.amount, 3);
  if (amountMilli === null) errors.add("details.amount", "is not a number", "not_a_number");
  const taxRate = resolveTaxRate(detail.tax_rate_id, context, errors);
  const ledger = resolveLedger(detail.ledger_account_id, context, errors);
  if (priceCents === null || amountMilli === null || !taxRate || !ledger) return null;
  return {
    description: typeof detail.description === "string" ? detail.description : "",
    priceCents,
    amountText: detail.amount === undefined || detail.amount === null ? null : String(detail.amount),
    amountMilli,
    taxRate,
    ledger,
    period: typeof detail.period === "string" ? detail.period : null,
  };
}

/** The line's tax rate; without one, the administration's default (its highest active sales rate). */
function resolveTaxRate(given: unknown, context: InvoiceValidationContext, errors: FieldErrorCollector): MoneybirdTaxRate | null {
  if (given === undefined || given === null || given === "") {
    return [...context.taxRates]
      .filter((rate) => rate.active && rate.tax_rate_type === "sales_invoice")
      .sort((a, b) => Number(b.percentage) - Number(a.percentage))[0] ?? null;
  }
  const rate = findMoneybirdRecord(context.taxRates, given);
  if (!rate) errors.add("details.tax_rate_id", "is not found", "invalid");
  else if (!rate.active) errors.add("details.tax_rate_id", "is inactive", "inactive");
  else if (rate.tax_rate_type !== "sales_invoice") errors.add("details.tax_rate_id", notAllowedOnSalesInvoices, "not_allowed");
  else return rate;
  return null;
}

/** The line's ledger account; without one, the first active account that takes sales invoices. */
function resolveLedger(given: unknown, context: InvoiceValidationContext, errors: FieldErrorCollector): MoneybirdLedgerAccount | null {
  const takesSales = (ledger: MoneybirdLedgerAccount) => ledger.allowed_document_types.includes("sales_invoice");
  if (given === undefined || given === null || given === "") {
    return context.ledgerAccounts.find((ledger) => ledger.active && takesSales(ledger)) ?? null;
  }
  const ledger = findMoneybirdRecord(context.ledgerAccounts, given);
  if (!ledger) errors.add("details.ledger_account_id", "is not found", "invalid");
  else if (!ledger.active) errors.add("details.ledger_account_id", "is inactive", "inactive");
  else if (!takesSales(ledger)) errors.add("details.ledger_account_id", notAllowedOnSalesInvoices, "not_allowed");
  else return ledger;
  return null;
}

/** `details_attributes` as Moneybird takes it: an array, or a hash of index → detail. */
function detailList(value: unknown): Array<Record<string, unknown>> {
  const list = Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [];
  return list.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === "object");
}

/** A JSON number or decimal string scaled to an integer (2 digits: cents; 3: thousandths); null when not a number. */
function parseAmount(value: unknown, digits: 2 | 3): number | null {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || !/\d/.test(text)) return null;
  const fraction = match[3] ?? "";
  let scaled = Number(match[2] || "0") * 10 ** digits + Number(fraction.slice(0, digits).padEnd(digits, "0"));
  if (fraction.charAt(digits) >= "5") scaled += 1;
  return match[1] ? -scaled : scaled;
}

/** True for a real calendar date written YYYY-MM-DD. */
function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** A 400 with Moneybird's symbolic error shape. */
function badRequest(error: string, symbolic: Record<string, unknown>): InvoiceValidation {
  return { kind: "badRequest", body: { error, symbolic } };
}
