/**
 * WooCommerce order JSON → ShopSale.
 *
 * Decisions:
 * - Products are booked at their price before discounts (`subtotal`); what coupons took off comes
 *   back as negative "discount" lines, one per VAT rate (item `subtotal − total`), so the lines
 *   still add up to the order total and each discount carries the VAT of the goods it reduced.
 * - Refunds: an order keeps its original amounts in WooCommerce, also when its status is
 *   `refunded`, so it maps to an ordinary `kind: "order"` sale; whether a refunded order is booked
 *   is the status filter's decision. The order's `refunds[]` carry only a total (no lines, no VAT),
 *   so they are not turned into refund sales here; refund sales need the refund objects of
 *   GET /orders/{id}/refunds.
 * - Dates come from the `_gmt` fields (UTC); ids and quantities are strings; money is parsed
 *   from the decimal strings into cents without floats.
 */
import { KoppelingError } from "../../errors/koppeling-error.js";
import { parseDecimalToCents } from "../../sales/money.js";
import type { SaleCustomer, SaleLine, ShopSale } from "../../sales/sale.js";
import { decodeHtmlEntities } from "./decode-html-entities.js";
import { type WooOrder, wooOrderSchema } from "./woocommerce-order-schema.js";
import { type VatRateResolver, createVatRateResolver } from "./woocommerce-vat-rates.js";
import { readWooVatNumber } from "./woocommerce-vat-number.js";

/** Maps one order as GET /orders or /orders/{id} returns it; a malformed payload throws a KoppelingError (UNKNOWN). */
export function mapWooCommerceOrder(raw: unknown): ShopSale {
  const parsed = wooOrderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    const orderId = readId(raw);
    throw new KoppelingError(
      "UNKNOWN",
      `WooCommerce order ${orderId ?? "(without id)"} could not be read: ${field || "order"}: ${issue?.message ?? "invalid"}`,
      { facts: { system: "woocommerce", orderId, field } },
    );
  }
  return toShopSale(parsed.data);
}

function toShopSale(order: WooOrder): ShopSale {
  const rateOf = createVatRateResolver(order);
  return {
    externalId: order.id,
    number: order.number || order.id,
    kind: "order",
    status: order.status,
    createdAt: order.date_created_gmt,
    modifiedAt: order.date_modified_gmt ?? order.date_created_gmt,
    currency: order.currency,
    pricesIncludeTax: order.prices_include_tax,
    totalCents: cents(order.total),
    taxCents: cents(order.total_tax),
    customer: customerOf(order),
    lines: [...itemLines(order, rateOf), ...shippingLines(order, rateOf), ...feeLines(order, rateOf)],
    paymentMethod: order.payment_method_title || order.payment_method || null,
  };
}

function itemLines(order: WooOrder, rateOf: VatRateResolver): SaleLine[] {
  const products: SaleLine[] = [];
  const discounts = new Map<number | null, { totalExclCents: number; taxCents: number }>();
  for (const item of order.line_items) {
    const totalCents = cents(item.total);
    const taxCents = cents(item.total_tax);
    const subtotalCents = item.subtotal === undefined ? totalCents : cents(item.subtotal);
    const subtotalTaxCents = item.subtotal_tax === undefined ? taxCents : cents(item.subtotal_tax);
    const vatRateBp = rateOf({ totalCents: subtotalCents, taxCents: subtotalTaxCents, taxes: item.taxes });
    products.push({
      kind: "product",
      description: decodeHtmlEntities(item.name),
      sku: item.sku.trim() || null,
      quantity: item.quantity,
      totalExclCents: subtotalCents,
      taxCents: subtotalTaxCents,
      vatRateBp,
    });
    const discount = discounts.get(vatRateBp) ?? { totalExclCents: 0, taxCents: 0 };
    discount.totalExclCents -= subtotalCents - totalCents;
    discount.taxCents -= subtotalTaxCents - taxCents;
    discounts.set(vatRateBp, discount);
  }
  const codes = order.coupon_lines.map((coupon) => coupon.code).filter((code) => code !== "");
  const description = codes.length > 0 ? `Korting (${codes.join(", ")})` : "Korting";
  const discountLines = [...discounts]
    .filter(([, amounts]) => amounts.totalExclCents !== 0 || amounts.taxCents !== 0)
    .map(([vatRateBp, amounts]): SaleLine => ({ kind: "discount", description, sku: null, quantity: "1", ...amounts, vatRateBp }));
  return [...products, ...discountLines];
}

/** A shipping or fee line: one amount with its taxes, booked as quantity 1. */
function chargeLine(
  kind: "shipping" | "fee",
  line: { total: string; total_tax: string; taxes: WooOrder["shipping_lines"][number]["taxes"] },
  title: string,
  rateOf: VatRateResolver,
): SaleLine {
  const amounts = { totalCents: cents(line.total), taxCents: cents(line.total_tax), taxes: line.taxes };
  return { kind, description: title, sku: null, quantity: "1", totalExclCents: amounts.totalCents, taxCents: amounts.taxCents, vatRateBp: rateOf(amounts) };
}

function shippingLines(order: WooOrder, rateOf: VatRateResolver): SaleLine[] {
  return order.shipping_lines.map((line) => chargeLine("shipping", line, decodeHtmlEntities(line.method_title) || "Verzendkosten", rateOf));
}

function feeLines(order: WooOrder, rateOf: VatRateResolver): SaleLine[] {
  return order.fee_lines.map((line) => chargeLine("fee", line, decodeHtmlEntities(line.name) || "Toeslag", rateOf));
}

function customerOf(order: WooOrder): SaleCustomer {
  const billing = order.billing;
  const email = present(billing.email);
  const company = present(billing.company);
  const person = [billing.first_name, billing.last_name].map((part) => (part ?? "").trim()).filter(Boolean).join(" ");
  return {
    email,
    name: person || company || email || "",
    company,
    country: present(billing.country)?.toUpperCase() ?? null,
    vatNumber: readWooVatNumber(order.meta_data),
    address1: present(billing.address_1),
    postcode: present(billing.postcode),
    city: present(billing.city),
  };
}

function present(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

/** The schema has already checked every amount, so this never throws. */
function cents(text: string): number {
  return parseDecimalToCents(text);
}

function readId(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === "number" || typeof id === "string" ? String(id) : null;
}
