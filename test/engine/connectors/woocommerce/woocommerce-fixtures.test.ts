/** The simulator serves WooCommerce's own published orders unchanged, and the mapping reads them. */
import { afterEach, describe, expect, it } from "vitest";
import type { WooOrderJson } from "../../../../engine/connectors/woocommerce/build-woo-order.js";
import { mapWooCommerceOrder } from "../../../../engine/connectors/woocommerce/woocommerce-mapping.js";
import { fixturesAvailable, readFixture, readFixtureText } from "../../../support/fixtures.js";
import { type TestShop, startTestShop, testKey } from "./start-test-shop.js";

const basic = `Basic ${Buffer.from(`${testKey.consumerKey}:${testKey.consumerSecret}`).toString("base64")}`;

describe.skipIf(!fixturesAvailable)("WooCommerce vendor fixtures", () => {
  let running: TestShop | undefined;
  afterEach(async () => {
    await running?.shop.close();
    running = undefined;
  });

  const serve = async (...fixtures: string[]): Promise<TestShop> => {
    running = await startTestShop({ orders: fixtures.map((name) => readFixtureText(`woocommerce/${name}`)) });
    return running;
  };
  const getText = async (shop: TestShop, path: string): Promise<{ status: number; text: string; headers: Headers }> => {
    const response = await fetch(`${shop.shop.url}/wp-json/wc/v3${path}`, { headers: { authorization: basic } });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };

  it.each(["order_get_200.json", "order_create_201.json", "order_with_fee_and_coupon_lines.json", "order_fully_refunded.json"])(
    "serves %s back byte for byte on GET /orders/{id}",
    async (name) => {
      const shop = await serve(name);
      const fixture = readFixture<{ id: number }>(`woocommerce/${name}`);
      const answer = await getText(shop, `/orders/${fixture.id}`);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(readFixtureText(`woocommerce/${name}`).trim());
      expect(JSON.parse(answer.text)).toEqual(fixture);
    },
  );

  it("serves the documented order list in GET /orders with the pagination headers", async () => {
    const listed = readFixture<WooOrderJson[]>("woocommerce/orders_list_200.json");
    const shop = await serve();
    for (const order of listed) shop.shop.addOrder(order);
    const answer = await getText(shop, "/orders?per_page=100");
    expect(answer.headers.get("x-wp-total")).toBe("2");
    expect(answer.headers.get("x-wp-totalpages")).toBe("1");
    expect(JSON.parse(answer.text)).toEqual(listed);
  });

  it("maps the documented order 727: cents, 7.5% derived from the amounts, untaxed shipping, billing customer", async () => {
    const shop = await serve("order_get_200.json");
    const sale = await shop.connector.fetchSale("727");
    expect(sale).toMatchObject({
      externalId: "727",
      number: "727",
      kind: "order",
      status: "processing",
      currency: "USD",
      totalCents: 2935,
      taxCents: 135,
      pricesIncludeTax: false,
      paymentMethod: "Direct Bank Transfer",
      customer: { name: "John Doe", email: "john.doe@example.com", country: "US", company: null, vatNumber: null, postcode: "94103" },
    });
    expect(sale?.createdAt.toISOString()).toBe("2017-03-22T19:28:02.000Z");
    expect(sale?.modifiedAt.toISOString()).toBe("2017-03-22T19:28:08.000Z");
    expect(sale?.lines).toEqual([
      { kind: "product", description: "Woo Single #1", sku: null, quantity: "2", totalExclCents: 600, taxCents: 45, vatRateBp: 750 },
      { kind: "product", description: "Ship Your Idea – Color: Black, Size: M Test", sku: "Bar3", quantity: "1", totalExclCents: 1200, taxCents: 90, vatRateBp: 750 },
      { kind: "shipping", description: "Flat Rate", sku: null, quantity: "1", totalExclCents: 1000, taxCents: 0, vatRateBp: null },
    ]);
  });

  it("reads the fee and coupon order for shape: every line kind, rate_percent 4.5%, fractional quantity", () => {
    // This SDK test order does not add up (see fixtures/README.md): only the shape is checked.
    const sale = mapWooCommerceOrder(readFixture("woocommerce/order_with_fee_and_coupon_lines.json"));
    expect(sale.lines.map((line) => line.kind)).toEqual(["product", "product", "discount", "shipping", "fee"]);
    expect(sale.lines[1]).toMatchObject({ quantity: "1.5", sku: "5555-A", totalExclCents: 1000 });
    expect(sale.lines[2]).toMatchObject({ description: "Korting (30$off)", totalExclCents: -3000, taxCents: -120 });
    expect(sale.lines[4]).toMatchObject({ description: "$125.50 fee", totalExclCents: 12550, vatRateBp: null });
    expect(sale.createdAt.toISOString()).toBe("2018-04-03T23:05:12.000Z");
    expect(sale.pricesIncludeTax).toBe(false);
  });

  it("maps a fully refunded order as the original order with status refunded", async () => {
    const shop = await serve("order_fully_refunded.json");
    const sale = await shop.connector.fetchSale("609");
    expect(sale).toMatchObject({ kind: "order", status: "refunded", totalCents: 22371, taxCents: 0 });
    expect(sale?.lines.map((line) => [line.kind, line.totalExclCents, line.vatRateBp])).toEqual([
      ["product", 18000, null],
      ["shipping", 4371, null],
    ]);
  });

  it("fetches the documented orders through fetchSales", async () => {
    const shop = await serve("order_get_200.json", "order_fully_refunded.json");
    const pages = [];
    for await (const page of shop.connector.fetchSales({ createdAfter: new Date("2017-01-01T00:00:00Z") })) pages.push(page);
    expect(pages.flat().map((sale) => sale.externalId)).toEqual(["727", "609"]);
  });
});
