/** Translation between Moneybird's resources and the engine's port types (VatCode, Ledger, Debtor, documents). */
import type {
  MoneybirdContactRead,
  MoneybirdExternalSalesInvoiceRead,
  MoneybirdLedgerAccountRead,
  MoneybirdTaxRateRead,
} from "./moneybird-schemas.js";
import type { AccountingDocument, Debtor, DebtorInput, DocumentInput, Ledger, VatCode } from "../ports.js";
import { formatCentsAsDecimal, parseDecimalToCents } from "../../sales/money.js";

/** A tax rate as a VatCode: "9.0" → 900 basis points, sales_invoice → usage "sales". */
export function toVatCode(rate: MoneybirdTaxRateRead): VatCode {
  return {
    id: rate.id,
    name: rate.name,
    percentageBp: percentageToBasisPoints(rate.percentage),
    usage: rate.tax_rate_type === "sales_invoice" ? "sales" : rate.tax_rate_type === "purchase_invoice" ? "purchase" : "other",
    active: rate.active,
    country: rate.country,
  };
}

/** Moneybird account types per ledger type; anything else is "other" (e.g. other_income_expenses). */
const ledgerTypes: Record<string, Ledger["type"]> = {
  revenue: "revenue",
  expenses: "expenses",
  cost_of_sales: "expenses",
  direct_costs: "expenses",
  current_assets: "balance",
  non_current_assets: "balance",
  current_liabilities: "balance",
  non_current_liabilities: "balance",
  equity: "balance",
  provisions: "balance",
};

/** A ledger account as a Ledger; the code is Moneybird's `account_id` (the number the accountant uses). */
export function toLedger(account: MoneybirdLedgerAccountRead): Ledger {
  return {
    id: account.id,
    code: account.account_id ?? "",
    name: account.name,
    type: ledgerTypes[account.account_type] ?? "other",
    active: account.active,
  };
}

/** A contact as a Debtor: the company name, else first and last name. */
export function toDebtor(contact: MoneybirdContactRead): Debtor {
  const person = [contact.firstname, contact.lastname].filter((part) => part && part.trim()).join(" ").trim();
  return { id: contact.id, email: contact.email?.trim() || null, name: contact.company_name?.trim() || person };
}

/** An external sales invoice as an AccountingDocument. */
export function toAccountingDocument(invoice: MoneybirdExternalSalesInvoiceRead): AccountingDocument {
  const total = invoice.total_price_incl_tax;
  return { id: invoice.id, reference: invoice.reference, totalInclCents: total ? parseDecimalToCents(total) : null };
}

/**
 * The body of POST /contacts.json. Moneybird needs a company name or a first and last name; a
 * one-word private name has no last name, so it goes into company_name.
 */
export function toContactRequest(input: DebtorInput): { contact: Record<string, string> } {
  const contact: Record<string, string> = {};
  const name = input.name.trim();
  const split = name.lastIndexOf(" ");
  if (input.company?.trim()) contact.company_name = input.company.trim();
  if (split > 0) {
    contact.firstname = name.slice(0, split).trim();
    contact.lastname = name.slice(split + 1).trim();
  } else if (!contact.company_name) {
    contact.company_name = name;
  }
  if (input.email) contact.email = input.email.trim();
  if (input.country) contact.country = input.country.toUpperCase();
  if (input.vatNumber) contact.tax_number = input.vatNumber.trim();
  if (input.address1) contact.address1 = input.address1;
  if (input.postcode) contact.zipcode = input.postcode;
  if (input.city) contact.city = input.city;
  return { contact };
}

/**
 * The body of POST /external_sales_invoices.json: one detail per line with amount "1" and the line
 * total excluding VAT as price, so Moneybird's VAT is computed on exactly the totals the shop had.
 */
export function toExternalSalesInvoiceRequest(input: DocumentInput): { external_sales_invoice: Record<string, unknown> } {
  return {
    external_sales_invoice: {
      reference: input.reference,
      contact_id: input.debtorId,
      date: input.date,
      currency: input.currency,
      prices_are_incl_tax: false,
      details_attributes: input.lines.map((line) => ({
        description: line.description,
        price: formatCentsAsDecimal(line.totalExclCents),
        amount: "1",
        tax_rate_id: line.vatCodeId,
        ledger_account_id: line.ledgerId,
      })),
    },
  };
}

/** "21.0" → 2100, "9" → 900, "5.25" → 525: decimal percentage to basis points without floats. */
export function percentageToBasisPoints(percentage: string): number {
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(percentage);
  if (!match) throw new RangeError(`Not a percentage: ${percentage}`);
  const fraction = (match[2] ?? "").padEnd(3, "0");
  const basisPoints = Number(match[1]) * 100 + Number(fraction.slice(0, 2));
  return Number(fraction[2]) >= 5 ? basisPoints + 1 : basisPoints;
}
