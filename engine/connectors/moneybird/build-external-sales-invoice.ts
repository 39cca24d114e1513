/** Builds an external sales invoice record with Moneybird's totals (external_sales_invoice_create_201.json). */
import { moneybirdEvent } from "./build-moneybird-contact.js";
import type {
  MoneybirdContact,
  MoneybirdDetail,
  MoneybirdExternalSalesInvoice,
  MoneybirdId,
  MoneybirdLedgerAccount,
  MoneybirdTaxRate,
  MoneybirdTaxTotal,
} from "./moneybird-records.js";
import { parseVatRate } from "../../sales/vat-rate.js";

/** One validated line: price in cents, quantity in thousandths, rate and ledger resolved. */
export interface ExternalSalesInvoiceDraftLine {
  description: string;
  priceCents: number;
  /** The quantity as sent ("1", "2"), or null when the request left it out. */
  amountText: string | null;
  amountMilli: number;
  taxRate: MoneybirdTaxRate;
  ledger: MoneybirdLedgerAccount;
  period: string | null;
}

/** A validated create request. */
export interface ExternalSalesInvoiceDraft {
  reference: string;
  contact: MoneybirdContact;
  date: string;
  dueDate: string | null;
  currency: string;
  pricesAreInclTax: boolean;
  source: string | null;
  sourceUrl: string | null;
  lines: ExternalSalesInvoiceDraftLine[];
}

/** Builds the record; VAT is computed per tax rate over the summed lines, rounded half away from zero. */
export function buildExternalSalesInvoice(
  draft: ExternalSalesInvoiceDraft,
  context: { id: MoneybirdId; newId: () => MoneybirdId; entryNumber: number; now: Date },
): MoneybirdExternalSalesInvoice {
  const stamp = context.now.toISOString();
  const administrationId = draft.contact.administration_id;
  const lineTotals = draft.lines.map((line) => divideRounded(line.priceCents * line.amountMilli, 1000));
  const taxTotals = computeTaxTotals(draft, lineTotals);
  const excl = taxTotals.reduce((sum, total) => sum + total.taxableCents, 0);
  const tax = taxTotals.reduce((sum, total) => sum + total.taxCents, 0);
  const details = draft.lines.map((line, index): MoneybirdDetail => {
    const bp = rateBp(line.taxRate);
    const total = lineTotals[index] ?? 0;
    const lineExcl = draft.pricesAreInclTax ? divideRounded(total * 10_000, 10_000 + bp) : total;
    return {
      id: context.newId(),
      administration_id: administrationId,
      tax_rate_id: line.taxRate.id,
      ledger_account_id: line.ledger.id,
      project_id: null,
      product_id: null,
      amount: line.amountText,
      amount_decimal: formatScaled(line.amountMilli, 3),
      description: line.description,
      price: formatMoneybirdDecimal(line.priceCents),
      period: line.period,
      row_order: index,
      total_price_excl_tax_with_discount: formatMoneybirdDecimal(lineExcl),
      total_price_excl_tax_with_discount_base: formatMoneybirdDecimal(lineExcl),
      tax_report_reference: [taxReportReference(line.taxRate)],
      mandatory_tax_text: null,
      created_at: stamp,
      updated_at: stamp,
    };
  });
  const { events: _events, ...contactCore } = draft.contact;
  return {
    id: context.id,
    administration_id: administrationId,
    contact_id: draft.contact.id,
    contact: contactCore,
    date: draft.date,
    state: "open",
    due_date: draft.dueDate,
    reference: draft.reference,
    entry_number: context.entryNumber,
    origin: "api",
    source: draft.source,
    source_url: draft.sourceUrl,
    currency: draft.currency,
    paid_at: null,
    created_at: stamp,
    updated_at: stamp,
    version: Math.floor(context.now.getTime() / 1000),
    details,
    payments: [],
    total_paid: "0.0",
    total_unpaid: formatMoneybirdDecimal(excl + tax),
    total_unpaid_base: formatMoneybirdDecimal(excl + tax),
    prices_are_incl_tax: draft.pricesAreInclTax,
    total_price_excl_tax: formatMoneybirdDecimal(excl),
    total_price_excl_tax_base: formatMoneybirdDecimal(excl),
    total_price_incl_tax: formatMoneybirdDecimal(excl + tax),
    total_price_incl_tax_base: formatMoneybirdDecimal(excl + tax),
    marked_dubious_on: null,
    marked_uncollectible_on: null,
    notes: [],
    attachments: [],
    events: [moneybirdEvent("external_sales_invoice_created", administrationId, context.now)],
    tax_totals: taxTotals.map(
      (total): MoneybirdTaxTotal => ({
        tax_rate_id: total.taxRateId,
        taxable_amount: formatMoneybirdDecimal(total.taxableCents),
        taxable_amount_base: formatMoneybirdDecimal(total.taxableCents),
        tax_amount: formatMoneybirdDecimal(total.taxCents),
        tax_amount_base: formatMoneybirdDecimal(total.taxCents),
      }),
    ),
  };
}

/** Cents as Moneybird prints decimals: 12995 → "129.95", 30000 → "300.0", 150 → "1.5", -350 → "-3.5". */
export function formatMoneybirdDecimal(cents: number): string {
  return formatScaled(cents, 2);
}

/** Sums the lines per tax rate and computes the VAT of each group. */
function computeTaxTotals(
  draft: ExternalSalesInvoiceDraft,
  lineTotals: number[],
): Array<{ taxRateId: MoneybirdId; taxableCents: number; taxCents: number }> {
  const groups = new Map<MoneybirdId, { rate: MoneybirdTaxRate; sum: number }>();
  draft.lines.forEach((line, index) => {
    const group = groups.get(line.taxRate.id) ?? { rate: line.taxRate, sum: 0 };
    group.sum += lineTotals[index] ?? 0;
    groups.set(line.taxRate.id, group);
  });
  return [...groups.values()].map(({ rate, sum }) => {
    const bp = rateBp(rate);
    const taxCents = draft.pricesAreInclTax ? divideRounded(sum * bp, 10_000 + bp) : divideRounded(sum * bp, 10_000);
    const taxableCents = draft.pricesAreInclTax ? sum - taxCents : sum;
    return { taxRateId: rate.id, taxableCents, taxCents };
  });
}

/** The VAT return box ("rubriek") Moneybird reports a sales line under. */
function taxReportReference(rate: MoneybirdTaxRate): string {
  const bp = rateBp(rate);
  if (/icp|eu/i.test(rate.name)) return "NL/3b";
  if (bp === 0) return "NL/1e";
  return bp >= 2100 ? "NL/1a" : "NL/1b";
}

/** The rate's percentage in basis points ("21.0" → 2100). */
function rateBp(rate: MoneybirdTaxRate): number {
  return parseVatRate(rate.percentage) ?? 0;
}

/** Integer division rounding half away from zero. */
function divideRounded(numerator: number, denominator: number): number {
  const quotient = Math.round(Math.abs(numerator) / denominator);
  return numerator < 0 ? -quotient : quotient;
}

/** An integer scaled by 10^digits as a decimal with trailing zeros trimmed to at least one: 1500 (3) → "1.5". */
function formatScaled(value: number, digits: number): string {
  const sign = value < 0 ? "-" : "";
  const magnitude = Math.abs(value);
  const scale = 10 ** digits;
  const fraction = String(magnitude % scale).padStart(digits, "0").replace(/0+$/, "") || "0";
  return `${sign}${Math.floor(magnitude / scale)}.${fraction}`;
}
