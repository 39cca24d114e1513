/** Builds complete, internally consistent WooCommerce REST v3 order JSON from a compact spec, for the simulator, tests and demo. */
import { buildWooOrderLines } from "./build-woo-order-lines.js";
import { wooDatePair } from "./format-woo-date.js";

/** An order as the WooCommerce REST API returns it; only the fields the simulator relies on are typed. */
export interface WooOrderJson {
  id: number;
  status: string;
  date_created_gmt: string;
  date_modified_gmt?: string | null;
  [field: string]: unknown;
}

/** A VAT rate in percent (21, 9, 0); `null` means the line is not taxed at all (no `taxes[]`). */
export type WooVatPercent = number | null;

/** One product line: unit price excluding VAT as a decimal string. */
export interface WooOrderItemSpec {
  name: string;
  price: string;
  quantity?: number;
  /** Default 21. */
  vatRate?: WooVatPercent;
  sku?: string;
  productId?: number;
}

/** The compact description buildWooOrder expands. Amounts are decimal strings excluding VAT ("12.34"). */
export interface WooOrderSpec {
  id: number;
  /** Default String(id). */
  number?: string;
  /** Default "processing". */
  status?: string;
  /** Default 2024-03-01T10:00:00Z. */
  createdAt?: Date | string;
  /** Default createdAt. */
  modifiedAt?: Date | string;
  /** Default "EUR". */
  currency?: string;
  items: WooOrderItemSpec[];
  /** Shipping; vatRate default 21, null for shipping without VAT. */
  shipping?: { title?: string; total: string; vatRate?: WooVatPercent };
  fees?: Array<{ name: string; total: string; vatRate?: WooVatPercent }>;
  /** A percentage coupon on every item (WooCommerce puts the discount into each item's `total`). */
  coupon?: { code: string; percent: number };
  billing?: { firstName?: string; lastName?: string; company?: string; email?: string; country?: string; address1?: string; postcode?: string; city?: string };
  vatNumber?: string;
  /** The meta key the shop's VAT plugin uses; default "_billing_eu_vat_number". */
  vatNumberMetaKey?: string;
  meta?: Array<{ key: string; value: unknown }>;
  paymentMethod?: { id: string; title: string };
  /** Leave out `tax_lines[].rate_percent`, as WooCommerce before 3.7 does. */
  withoutRatePercent?: boolean;
  /** The site's time zone for the non-GMT dates; default "Europe/Amsterdam". */
  timeZone?: string;
  /** Used in `_links`; default "https://shop.example". */
  shopUrl?: string;
}

/** Expands a spec into the full order JSON: line taxes reference tax_lines by rate_id and every total adds up. */
export function buildWooOrder(spec: WooOrderSpec): WooOrderJson {
  let lastItemId = spec.id * 1000;
  const nextItemId = (): number => (lastItemId += 1);
  const createdAt = toDate(spec.createdAt ?? "2024-03-01T10:00:00Z");
  const modifiedAt = spec.modifiedAt === undefined ? createdAt : toDate(spec.modifiedAt);
  const status = spec.status ?? "processing";
  const timeZone = spec.timeZone ?? "Europe/Amsterdam";
  const shopUrl = (spec.shopUrl ?? "https://shop.example").replace(/\/+$/, "");
  const { totals, ...lines } = buildWooOrderLines(spec, nextItemId);
  const { billing, shipping } = addressesOf(spec);
  const meta = [
    ...(spec.vatNumber ? [{ key: spec.vatNumberMetaKey ?? "_billing_eu_vat_number", value: spec.vatNumber }] : []),
    ...(spec.meta ?? []),
  ].map((entry) => ({ id: nextItemId(), ...entry }));

  const order = {
    id: spec.id,
    parent_id: 0,
    number: spec.number ?? String(spec.id),
    order_key: `wc_order_${spec.id.toString(36)}k3y`,
    created_via: "checkout",
    version: "8.9.3",
    status,
    currency: spec.currency ?? "EUR",
    ...wooDatePair("created", createdAt, timeZone),
    ...wooDatePair("modified", modifiedAt, timeZone),
    ...totals,
    prices_include_tax: false,
    customer_id: 0,
    customer_ip_address: "",
    customer_user_agent: "",
    customer_note: "",
    billing,
    shipping,
    payment_method: spec.paymentMethod?.id ?? "mollie_wc_gateway_ideal",
    payment_method_title: spec.paymentMethod?.title ?? "iDEAL",
    transaction_id: "",
    ...wooDatePair("paid", status === "processing" || status === "completed" ? createdAt : null, timeZone),
    ...wooDatePair("completed", status === "completed" ? modifiedAt : null, timeZone),
    cart_hash: "",
    meta_data: meta,
    ...lines,
    refunds: [],
    _links: {
      self: [{ href: `${shopUrl}/wp-json/wc/v3/orders/${spec.id}` }],
      collection: [{ href: `${shopUrl}/wp-json/wc/v3/orders` }],
    },
  };
  return order as WooOrderJson;
}

/** Billing as specified (Dutch defaults); the shipping address is the same without e-mail and phone. */
function addressesOf(spec: WooOrderSpec): { billing: Record<string, string>; shipping: Record<string, string> } {
  const billing = {
    first_name: spec.billing?.firstName ?? "Jan",
    last_name: spec.billing?.lastName ?? "Jansen",
    company: spec.billing?.company ?? "",
    address_1: spec.billing?.address1 ?? "Dorpsstraat 1",
    address_2: "",
    city: spec.billing?.city ?? "Utrecht",
    state: "",
    postcode: spec.billing?.postcode ?? "3511 AA",
    country: spec.billing?.country ?? "NL",
    email: spec.billing?.email ?? `klant${spec.id}@example.nl`,
    phone: "",
  };
  const { email: _email, phone: _phone, ...shipping } = billing;
  return { billing, shipping };
}

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a date: ${String(value)}`);
  return date;
}
