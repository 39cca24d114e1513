import { describe, expect, it } from "vitest";
import { KoppelingError } from "../../../../engine/errors/koppeling-error.js";
import { buildWooOrder, type WooOrderSpec } from "../../../../engine/connectors/woocommerce/build-woo-order.js";
import { mapWooCommerceOrder } from "../../../../engine/connectors/woocommerce/woocommerce-mapping.js";
import { wooVatNumberMetaKeys } from "../../../../engine/connectors/woocommerce/woocommerce-vat-number.js";
import type { ShopSale } from "../../../../engine/sales/sale.js";

const order = (spec: Partial<WooOrderSpec> = {}): ShopSale =>
  mapWooCommerceOrder(buildWooOrder({ id: 501, items: [{ name: "Product", price: "10.00" }], ...spec }));

/** Lines must always explain the order total: Σ(excl + VAT) = total, Σ VAT = total VAT. */
function expectLinesAddUp(sale: ShopSale): void {
  expect(sale.lines.reduce((sum, line) => sum + line.totalExclCents + line.taxCents, 0)).toBe(sale.totalCents);
  expect(sale.lines.reduce((sum, line) => sum + line.taxCents, 0)).toBe(sale.taxCents);
}

describe("mapWooCommerceOrder", () => {
  it("books a mixed 9% and 21% order with exact cents and the rate per line", () => {
    const sale = order({
      items: [
        { name: "Kookboek", price: "12.50", quantity: 2, vatRate: 9, sku: "BOEK-1" },
        { name: "Wijnglas", price: "8.26", vatRate: 21 },
      ],
      shipping: { total: "4.95", vatRate: 21 },
    });
    expect(sale.lines).toEqual([
      { kind: "product", description: "Kookboek", sku: "BOEK-1", quantity: "2", totalExclCents: 2500, taxCents: 225, vatRateBp: 900 },
      { kind: "product", description: "Wijnglas", sku: null, quantity: "1", totalExclCents: 826, taxCents: 173, vatRateBp: 2100 },
      { kind: "shipping", description: "Verzending", sku: null, quantity: "1", totalExclCents: 495, taxCents: 104, vatRateBp: 2100 },
    ]);
    expect(sale.totalCents).toBe(2500 + 225 + 826 + 173 + 495 + 104);
    expectLinesAddUp(sale);
  });

  it("keeps shipping without VAT apart: no rate and no tax, while the goods are taxed", () => {
    const sale = order({ shipping: { title: "PostNL", total: "6.95", vatRate: null } });
    expect(sale.lines.find((line) => line.kind === "shipping")).toEqual({
      kind: "shipping",
      description: "PostNL",
      sku: null,
      quantity: "1",
      totalExclCents: 695,
      taxCents: 0,
      vatRateBp: null,
    });
    expect(sale.lines[0]?.vatRateBp).toBe(2100);
    expectLinesAddUp(sale);
  });

  it("tells a 0% rate (ICP, export) from a line without any VAT", () => {
    const sale = order({ items: [{ name: "Export", price: "100.00", vatRate: 0 }, { name: "Cadeaubon", price: "25.00", vatRate: null }] });
    expect(sale.lines.map((line) => line.vatRateBp)).toEqual([0, null]);
  });

  it("turns a coupon into negative discount lines per VAT rate, so the lines still add up", () => {
    const sale = order({
      items: [
        { name: "Thee", price: "10.00", vatRate: 9 },
        { name: "Theepot", price: "30.00", vatRate: 21 },
      ],
      coupon: { code: "WELKOM10", percent: 10 },
    });
    const discounts = sale.lines.filter((line) => line.kind === "discount");
    expect(discounts).toEqual([
      { kind: "discount", description: "Korting (WELKOM10)", sku: null, quantity: "1", totalExclCents: -100, taxCents: -9, vatRateBp: 900 },
      { kind: "discount", description: "Korting (WELKOM10)", sku: null, quantity: "1", totalExclCents: -300, taxCents: -63, vatRateBp: 2100 },
    ]);
    expect(sale.lines.filter((line) => line.kind === "product").map((line) => line.totalExclCents)).toEqual([1000, 3000]);
    expectLinesAddUp(sale);
  });

  it("books fees as fee lines with their own rate", () => {
    const sale = order({ fees: [{ name: "Betaalkosten", total: "0.29", vatRate: 21 }, { name: "Statiegeld", total: "0.15", vatRate: null }] });
    expect(sale.lines.filter((line) => line.kind === "fee").map((line) => [line.description, line.totalExclCents, line.taxCents, line.vatRateBp])).toEqual([
      ["Betaalkosten", 29, 6, 2100],
      ["Statiegeld", 15, 0, null],
    ]);
    expectLinesAddUp(sale);
  });

  describe("without tax_lines[].rate_percent (WooCommerce before 3.7)", () => {
    it("derives each rate from the amounts taxed at it", () => {
      const sale = order({
        withoutRatePercent: true,
        items: [
          { name: "Drop", price: "0.99", vatRate: 9 },
          { name: "Koffie", price: "7.45", vatRate: 9 },
          { name: "Mok", price: "12.40", vatRate: 21 },
        ],
        shipping: { total: "3.95", vatRate: 21 },
      });
      expect(sale.lines.map((line) => [line.kind, line.vatRateBp])).toEqual([
        ["product", 900],
        ["product", 900],
        ["product", 2100],
        ["shipping", 2100],
      ]);
    });

    it("reads a lone small line as the whole percentage its rounded tax allows", () => {
      const sale = order({ withoutRatePercent: true, items: [{ name: "Drop", price: "0.99", vatRate: 9 }] });
      expect(sale.lines[0]).toMatchObject({ taxCents: 9, vatRateBp: 900 });
    });

    it("keeps fractional rates to the nearest 0.1%", () => {
      const sale = order({ withoutRatePercent: true, items: [{ name: "Livre", price: "200.00", vatRate: 5.5 }] });
      expect(sale.lines[0]?.vatRateBp).toBe(550);
    });
  });

  describe("EU VAT number", () => {
    it.each(wooVatNumberMetaKeys.map((key) => [key]))("is read from meta key %s, normalised for VIES", (key) => {
      const sale = order({ vatNumber: "nl 8530.52.123 b01", vatNumberMetaKey: key, billing: { company: "Bakkerij BV", country: "NL" } });
      expect(sale.customer.vatNumber).toBe("NL853052123B01");
    });

    it("is null when the plugin uses a key that is not read", () => {
      expect(order({ vatNumber: "BE0123456789", vatNumberMetaKey: "_my_plugin_tax_code" }).customer.vatNumber).toBeNull();
    });

    it("skips an empty field and reads the next known key, whatever the case of the key", () => {
      const sale = order({ meta: [{ key: "vat_number", value: "  " }, { key: "BTW_NUMMER", value: "DE123456789" }] });
      expect(sale.customer.vatNumber).toBe("DE123456789");
    });
  });

  it("reads dates from the _gmt fields as UTC, not the shop's local time", () => {
    const built = buildWooOrder({ id: 9, createdAt: "2024-07-01T22:30:00Z", modifiedAt: "2024-07-02T08:00:00Z", items: [] });
    expect(built.date_created).toBe("2024-07-02T00:30:00");
    const sale = mapWooCommerceOrder(built);
    expect(sale.createdAt.toISOString()).toBe("2024-07-01T22:30:00.000Z");
    expect(sale.modifiedAt.toISOString()).toBe("2024-07-02T08:00:00.000Z");
  });

  it("takes the customer from billing: company name when there is no person, country upper-cased", () => {
    const sale = order({ billing: { firstName: "", lastName: "", company: "Fietsen BV", email: "inkoop@fietsen.nl", country: "be" } });
    expect(sale.customer).toMatchObject({ name: "Fietsen BV", company: "Fietsen BV", email: "inkoop@fietsen.nl", country: "BE" });
  });

  it("keeps ids as strings and the merchant's order number as the number", () => {
    const sale = order({ number: "WC-1018-ZZ", status: "refunded" });
    expect(sale).toMatchObject({ externalId: "501", number: "WC-1018-ZZ", kind: "order", status: "refunded" });
  });

  it("adds stacked (non-compound) rates on one line", () => {
    const built = buildWooOrder({ id: 7, items: [{ name: "Gadget", price: "100.00", vatRate: 21 }] });
    const lines = built.line_items as Array<Record<string, unknown>>;
    lines[0]!.taxes = [{ id: 1, total: "6.25", subtotal: "6.25" }, { id: 40, total: "1.00", subtotal: "1.00" }];
    built.tax_lines = [
      { id: 1, rate_id: 1, label: "State", compound: false, rate_percent: 6.25 },
      { id: 2, rate_id: 40, label: "County", compound: false, rate_percent: 1 },
    ];
    expect(mapWooCommerceOrder(built).lines[0]?.vatRateBp).toBe(725);
  });

  describe("a malformed payload", () => {
    it("becomes KoppelingError UNKNOWN naming the order and the field", () => {
      const built = buildWooOrder({ id: 77, items: [{ name: "X", price: "1.00" }] });
      const error = catchError(() => mapWooCommerceOrder({ ...built, total: "12,34" }));
      expect(error).toBeInstanceOf(KoppelingError);
      expect(error).toMatchObject({ code: "UNKNOWN", facts: { system: "woocommerce", orderId: "77", field: "total" } });
    });

    it.each([null, "<html>", 42, { id: 3 }, []])("never crashes on %j", (payload) => {
      expect(catchError(() => mapWooCommerceOrder(payload))).toMatchObject({ code: "UNKNOWN" });
    });
  });
});

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
