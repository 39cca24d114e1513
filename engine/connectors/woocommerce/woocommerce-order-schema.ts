/** The zod schema of a WooCommerce REST v3 order: only the fields the mapping reads, parsed defensively. */
import { z } from "zod";
import { parseScaledDecimal } from "./scaled-decimal.js";

/** Ids are integers in the docs, strings in some plugins' output; both become strings. */
const id = z.union([z.number(), z.string()]).transform(String);

/** Money: a decimal string per the docs; numbers are tolerated (some plugins send them). */
const amount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = typeof value === "number" ? value.toFixed(8) : value.trim();
  if (parseScaledDecimal(text, 2) === null) {
    ctx.addIssue({ code: "custom", message: `not a decimal amount: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return text;
});

/** Per-line tax entries may hold "" (the fee/coupon fixture has subtotal ""): read as zero. */
const looseAmount = z
  .union([z.string(), z.number(), z.null()])
  .transform((value) => (value === null || value === "" ? "0" : value))
  .pipe(amount);

const wooDatePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `date_*_gmt` fields come without a zone ("2017-03-22T19:28:02") and are UTC. */
const gmtDate = z
  .string()
  .regex(wooDatePattern, "not a WooCommerce date")
  .transform((text) => new Date(/(?:Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`));

const text = z.string().nullish().transform((value) => value ?? "");

const taxEntry = z.object({ id, total: looseAmount, subtotal: looseAmount.optional() });

const taxes = z.array(taxEntry).default([]);

const lineItem = z.object({
  id,
  name: text,
  quantity: z.union([z.number(), z.string()]).transform(String),
  sku: text,
  subtotal: amount.optional(),
  subtotal_tax: amount.optional(),
  total: amount,
  total_tax: amount,
  taxes,
});

const taxLine = z.object({
  id,
  rate_id: id,
  label: text,
  compound: z.boolean().default(false),
  /** Added in WooCommerce 3.7; older shops omit it and the rate is derived from the amounts. */
  rate_percent: z.union([z.number(), z.string()]).nullish(),
});

const shippingLine = z.object({ id, method_title: text, total: amount, total_tax: amount, taxes });

const feeLine = z.object({ id, name: text, total: amount, total_tax: amount, taxes });

const couponLine = z.object({ id, code: text, discount: amount, discount_tax: amount.optional() });

const refund = z.object({ id, reason: text, total: amount });

const billing = z
  .object({
    first_name: text,
    last_name: text,
    company: text,
    address_1: text,
    postcode: text,
    city: text,
    country: text,
    email: text,
  })
  .partial()
  .default({});

const meta = z.object({ key: z.string(), value: z.unknown() });

/** The parts of GET /orders/{id} the engine needs. */
export const wooOrderSchema = z.object({
  id,
  number: z.union([z.string(), z.number()]).transform(String).optional(),
  status: z.string().min(1),
  currency: z.string().min(1),
  date_created_gmt: gmtDate,
  date_modified_gmt: gmtDate.nullish(),
  prices_include_tax: z.boolean().default(false),
  total: amount,
  total_tax: amount,
  billing,
  payment_method: text,
  payment_method_title: text,
  meta_data: z.array(meta).default([]),
  line_items: z.array(lineItem).default([]),
  tax_lines: z.array(taxLine).default([]),
  shipping_lines: z.array(shippingLine).default([]),
  fee_lines: z.array(feeLine).default([]),
  coupon_lines: z.array(couponLine).default([]),
  refunds: z.array(refund).default([]),
});

/** A parsed WooCommerce order. */
export type WooOrder = z.output<typeof wooOrderSchema>;

/** One tax entry of a line (`taxes[]`): `id` is the tax rate id, as in `tax_lines[].rate_id`. */
export type WooTaxEntry = z.output<typeof taxEntry>;

/** An entry of `tax_lines[]`. */
export type WooTaxLine = z.output<typeof taxLine>;
