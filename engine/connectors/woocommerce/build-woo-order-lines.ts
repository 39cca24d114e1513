/** The lines and totals of a built WooCommerce order: items, shipping, fees, coupons and the tax lines they reference. */
import { formatCentsAsDecimal, parseDecimalToCents } from "../../sales/money.js";
import type { WooOrderItemSpec, WooOrderSpec, WooVatPercent } from "./build-woo-order.js";
import { divideRounded } from "./scaled-decimal.js";

/** The line arrays of an order plus its total fields (discount_total ... total_tax), all consistent with each other. */
export interface WooOrderLinesJson {
  totals: Record<"discount_total" | "discount_tax" | "shipping_total" | "shipping_tax" | "cart_tax" | "total" | "total_tax", string>;
  line_items: unknown[];
  tax_lines: unknown[];
  shipping_lines: unknown[];
  fee_lines: unknown[];
  coupon_lines: unknown[];
}

interface Taxed {
  totalCents: number;
  taxCents: number;
  basisPoints: number | null;
}

interface BuiltItem {
  subtotal: Taxed;
  total: Taxed;
  json: Record<string, unknown>;
}

/** Builds the lines of `spec`; `nextId` hands out item ids. Tax is rounded per line, as WooCommerce does by default. */
export function buildWooOrderLines(spec: WooOrderSpec, nextId: () => number): WooOrderLinesJson {
  const rates = createRateTable(spec.billing?.country ?? "NL");
  const percentOff = spec.coupon ? Math.round(spec.coupon.percent * 100) : 0;
  const items = spec.items.map((item, index) => buildItem(item, index, percentOff, rates, nextId));
  const shipping = spec.shipping ? taxed(parseDecimalToCents(spec.shipping.total), rate(spec.shipping.vatRate)) : null;
  const fees = (spec.fees ?? []).map((fee) => ({ name: fee.name, amounts: taxed(parseDecimalToCents(fee.total), rate(fee.vatRate)) }));
  // Register every rate before the tax lines are written, shipping and fees included.
  for (const amounts of [shipping, ...fees.map((fee) => fee.amounts)]) if (amounts) rates.idOf(amounts.basisPoints);

  const discountTotal = sum(items.map((item) => item.subtotal.totalCents - item.total.totalCents));
  const discountTax = sum(items.map((item) => item.subtotal.taxCents - item.total.taxCents));
  const cartTax = sum(items.map((item) => item.total.taxCents)) + sum(fees.map((fee) => fee.amounts.taxCents));
  const totalTax = cartTax + (shipping?.taxCents ?? 0);
  const net = sum(items.map((item) => item.total.totalCents)) + sum(fees.map((fee) => fee.amounts.totalCents)) + (shipping?.totalCents ?? 0);

  const cartLines = [...items.map((item) => item.total), ...fees.map((fee) => fee.amounts)];
  return {
    totals: {
      discount_total: formatCentsAsDecimal(discountTotal),
      discount_tax: formatCentsAsDecimal(discountTax),
      shipping_total: formatCentsAsDecimal(shipping?.totalCents ?? 0),
      shipping_tax: formatCentsAsDecimal(shipping?.taxCents ?? 0),
      cart_tax: formatCentsAsDecimal(cartTax),
      total: formatCentsAsDecimal(net + totalTax),
      total_tax: formatCentsAsDecimal(totalTax),
    },
    line_items: items.map((item) => item.json),
    tax_lines: buildTaxLines(rates, cartLines, shipping, nextId, spec.withoutRatePercent ?? false),
    shipping_lines: shipping && spec.shipping ? [shippingLineJson(nextId(), spec.shipping.title ?? "Verzending", shipping, rates.idOf(shipping.basisPoints))] : [],
    fee_lines: fees.map((fee) => feeLineJson(nextId(), fee.name, fee.amounts, rates)),
    coupon_lines: spec.coupon
      ? [{ id: nextId(), code: spec.coupon.code, discount: formatCentsAsDecimal(discountTotal), discount_tax: formatCentsAsDecimal(discountTax), meta_data: [] }]
      : [],
  };
}

function buildItem(item: WooOrderItemSpec, index: number, percentOff: number, rates: RateTable, nextId: () => number): BuiltItem {
  const quantity = item.quantity ?? 1;
  const unitCents = parseDecimalToCents(item.price);
  const subtotal = taxed(unitCents * quantity, rate(item.vatRate));
  const total = taxed(subtotal.totalCents - share(subtotal.totalCents, percentOff), subtotal.basisPoints);
  const rateId = rates.idOf(total.basisPoints);
  const json = {
    id: nextId(),
    name: item.name,
    product_id: item.productId ?? 100 + index,
    variation_id: 0,
    quantity,
    tax_class: rates.taxClassOf(total.basisPoints),
    subtotal: formatCentsAsDecimal(subtotal.totalCents),
    subtotal_tax: formatCentsAsDecimal(subtotal.taxCents),
    total: formatCentsAsDecimal(total.totalCents),
    total_tax: formatCentsAsDecimal(total.taxCents),
    taxes: rateId === null ? [] : [{ id: rateId, total: trimmed(total.taxCents), subtotal: trimmed(subtotal.taxCents) }],
    meta_data: [],
    sku: item.sku ?? "",
    price: unitCents / 100,
  };
  return { subtotal, total, json };
}

/** One tax line per rate used, with the cart and shipping tax at that rate. */
function buildTaxLines(rates: RateTable, cartLines: Taxed[], shipping: Taxed | null, nextId: () => number, withoutRatePercent: boolean): unknown[] {
  return rates.used().map(({ basisPoints, rateId }) => {
    const onRate = (amounts: Taxed | null): number => (amounts && amounts.basisPoints === basisPoints ? amounts.taxCents : 0);
    const percent = basisPoints / 100;
    return {
      id: nextId(),
      rate_code: `${rates.country}-BTW ${percent}%-1`.toUpperCase(),
      rate_id: rateId,
      label: `BTW ${percent}%`,
      compound: false,
      tax_total: formatCentsAsDecimal(sum(cartLines.map(onRate))),
      shipping_tax_total: formatCentsAsDecimal(onRate(shipping)),
      ...(withoutRatePercent ? {} : { rate_percent: percent }),
      meta_data: [],
    };
  });
}

function shippingLineJson(id: number, title: string, amounts: Taxed, rateId: number | null): Record<string, unknown> {
  return {
    id,
    method_title: title,
    method_id: "flat_rate",
    instance_id: "1",
    total: formatCentsAsDecimal(amounts.totalCents),
    total_tax: formatCentsAsDecimal(amounts.taxCents),
    taxes: rateId === null ? [] : [{ id: rateId, total: trimmed(amounts.taxCents), subtotal: "" }],
    meta_data: [],
  };
}

function feeLineJson(id: number, name: string, amounts: Taxed, rates: RateTable): Record<string, unknown> {
  const rateId = rates.idOf(amounts.basisPoints);
  return {
    id,
    name,
    tax_class: rates.taxClassOf(amounts.basisPoints),
    tax_status: rateId === null ? "none" : "taxable",
    amount: formatCentsAsDecimal(amounts.totalCents),
    total: formatCentsAsDecimal(amounts.totalCents),
    total_tax: formatCentsAsDecimal(amounts.taxCents),
    taxes: rateId === null ? [] : [{ id: rateId, total: trimmed(amounts.taxCents), subtotal: "" }],
    meta_data: [],
  };
}

interface RateTable {
  country: string;
  idOf(basisPoints: number | null): number | null;
  taxClassOf(basisPoints: number | null): string;
  used(): Array<{ basisPoints: number; rateId: number }>;
}

/** Dutch tax rate ids as a fresh shop numbers them: 21% standard, 9% reduced, 0% zero; others after. */
function createRateTable(country: string): RateTable {
  const known = new Map<number, number>([[2100, 1], [900, 2], [0, 3]]);
  const used = new Map<number, number>();
  const idOf = (basisPoints: number | null): number | null => {
    if (basisPoints === null) return null;
    if (!known.has(basisPoints)) known.set(basisPoints, 10 + known.size);
    const rateId = known.get(basisPoints)!;
    used.set(basisPoints, rateId);
    return rateId;
  };
  const classes: Record<number, string> = { 2100: "", 900: "reduced-rate", 0: "zero-rate" };
  return {
    country,
    idOf,
    taxClassOf: (basisPoints) => (basisPoints === null ? "" : (classes[basisPoints] ?? `rate-${basisPoints}`)),
    used: () => [...used].map(([basisPoints, rateId]) => ({ basisPoints, rateId })),
  };
}

function taxed(totalCents: number, basisPoints: number | null): Taxed {
  return { totalCents, taxCents: basisPoints === null ? 0 : share(totalCents, basisPoints), basisPoints };
}

/** amount × basis points ÷ 10000, rounded half away from zero. */
function share(amountCents: number, basisPoints: number): number {
  return Number(divideRounded(BigInt(amountCents) * BigInt(basisPoints), 10_000n));
}

function rate(percent: WooVatPercent | undefined): number | null {
  if (percent === null) return null;
  return Math.round((percent ?? 21) * 100);
}

/** Per-line taxes are shown as WooCommerce stores them: without trailing zeros ("0.9"). */
function trimmed(amountCents: number): string {
  return formatCentsAsDecimal(amountCents).replace(/\.?0+$/, "") || "0";
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
