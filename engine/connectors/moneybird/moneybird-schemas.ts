/** The parts of Moneybird's answers the connector reads, checked with zod before they are mapped. */
import { z } from "zod";
import { KoppelingError } from "../../errors/koppeling-error.js";

/** An id as Moneybird sends it: a string, or a (small) number in test administrations; always kept as a string. */
const moneybirdId = z.union([z.string(), z.number().int()]).transform((value) => String(value));

const decimal = z.union([z.string(), z.number()]).transform((value) => String(value));

/** GET /administrations.json item. */
export const administrationSchema = z.object({ id: moneybirdId, name: z.string() });

/** GET /tax_rates.json item. */
export const taxRateSchema = z.object({
  id: moneybirdId,
  name: z.string(),
  percentage: decimal.pipe(z.string().regex(/^\d+(\.\d+)?$/, "a percentage such as \"21.0\"")),
  tax_rate_type: z.string(),
  active: z.boolean(),
  country: z.string().nullish().transform((value) => value ?? null),
});

/** GET /ledger_accounts.json item. */
export const ledgerAccountSchema = z.object({
  id: moneybirdId,
  name: z.string(),
  account_type: z.string(),
  account_id: z.string().nullish().transform((value) => value ?? null),
  active: z.boolean(),
});

/** GET/POST /contacts.json item. */
export const contactSchema = z.object({
  id: moneybirdId,
  company_name: z.string().nullish(),
  firstname: z.string().nullish(),
  lastname: z.string().nullish(),
  email: z.string().nullish(),
});

/** GET/POST /external_sales_invoices.json item. */
export const externalSalesInvoiceSchema = z.object({
  id: moneybirdId,
  reference: z.string().nullish().transform((value) => value ?? ""),
  date: z.string().nullish(),
  total_price_incl_tax: decimal.nullish(),
});

/** A tax rate as read. */
export type MoneybirdTaxRateRead = z.output<typeof taxRateSchema>;
/** A ledger account as read. */
export type MoneybirdLedgerAccountRead = z.output<typeof ledgerAccountSchema>;
/** A contact as read. */
export type MoneybirdContactRead = z.output<typeof contactSchema>;
/** An external sales invoice as read. */
export type MoneybirdExternalSalesInvoiceRead = z.output<typeof externalSalesInvoiceSchema>;

/** Parses one answer; a shape the connector does not understand is UNKNOWN (a support case, not an outage). */
export function readMoneybird<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new KoppelingError("UNKNOWN", `Moneybird answered with an unexpected ${what}`, {
    vendorMessage: z.prettifyError(parsed.error).slice(0, 500),
    facts: { reason: "unexpected_shape" },
  });
}

/** Parses a list answer. */
export function readMoneybirdList<T extends z.ZodType>(schema: T, body: unknown, what: string): Array<z.output<T>> {
  return readMoneybird(z.array(schema), body, `${what} list`);
}
