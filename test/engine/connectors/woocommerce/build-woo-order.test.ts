import { describe, expect, it } from "vitest";
import { buildWooOrder, type WooOrderSpec } from "../../../../engine/connectors/woocommerce/build-woo-order.js";
import { parseDecimalToCents } from "../../../../engine/sales/money.js";

interface TaxEntry { id: number; total: string }
interface Line { total: string; total_tax: string; taxes: TaxEntry[] }
interface TaxLine { rate_id: number; tax_total: string; shipping_tax_total: string; rate_percent?: number }

const cents = parseDecimalToCents;

const specs: Record<string, WooOrderSpec> = {
  "9% goods with 21% shipping": { id: 1, items: [{ name: "Boek", price: "19.99", vatRate: 9 }], shipping: { total: "4.95", vatRate: 21 } },
  "mixed rates, coupon, fees, untaxed shipping": {
    id: 2,
    items: [
      { name: "Thee", price: "3.33", quantity: 3, vatRate: 9 },
      { name: "Pot", price: "24.79", vatRate: 21 },
      { name: "Bon", price: "10.00", vatRate: null },
    ],
    coupon: { code: "X", percent: 15 },
    fees: [{ name: "Betaalkosten", total: "0.35", vatRate: 0 }],
    shipping: { total: "6.95", vatRate: null },
  },
};

describe("buildWooOrder", () => {
  it.each(Object.entries(specs))("builds an internally consistent order: %s", (_name, spec) => {
    const order = buildWooOrder(spec) as unknown as {
      total: string;
      total_tax: string;
      cart_tax: string;
      shipping_tax: string;
      discount_total: string;
      line_items: Array<Line & { subtotal: string }>;
      shipping_lines: Line[];
      fee_lines: Line[];
      tax_lines: TaxLine[];
      coupon_lines: Array<{ discount: string }>;
    };
    const lines = [...order.line_items, ...order.shipping_lines, ...order.fee_lines];
    const rateIds = new Set(order.tax_lines.map((taxLine) => taxLine.rate_id));
    for (const line of lines) for (const tax of line.taxes) expect(rateIds).toContain(tax.id);

    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    expect(sum(lines.map((line) => cents(line.total) + cents(line.total_tax)))).toBe(cents(order.total));
    expect(sum(lines.map((line) => cents(line.total_tax)))).toBe(cents(order.total_tax));
    expect(sum(order.tax_lines.map((t) => cents(t.tax_total) + cents(t.shipping_tax_total)))).toBe(cents(order.total_tax));
    expect(cents(order.cart_tax) + cents(order.shipping_tax)).toBe(cents(order.total_tax));
    expect(sum(order.line_items.map((item) => cents(item.subtotal) - cents(item.total)))).toBe(cents(order.discount_total));
    for (const taxLine of order.tax_lines) expect(taxLine.rate_percent).toBeTypeOf("number");
  });

  it("writes the non-GMT dates in the site's time zone", () => {
    const order = buildWooOrder({ id: 3, createdAt: "2024-01-15T23:30:00Z", items: [], timeZone: "Europe/Amsterdam" });
    expect(order).toMatchObject({ date_created_gmt: "2024-01-15T23:30:00", date_created: "2024-01-16T00:30:00" });
  });
});
