/** What the WooCommerce connector does beyond the shared contract: the exact requests, options and shop quirks. */
import { afterEach, describe, expect, it } from "vitest";
import { createWooCommerceConnector } from "../../../../engine/connectors/woocommerce/woocommerce-connector.js";
import type { ShopSale } from "../../../../engine/sales/sale.js";
import { type TestShop, startTestShop, testKey } from "./start-test-shop.js";

async function collect(sales: AsyncIterable<ShopSale[]>): Promise<ShopSale[][]> {
  const pages: ShopSale[][] = [];
  for await (const page of sales) pages.push(page);
  return pages;
}

const install = new Date("2024-06-01T12:00:00.750Z");
const since = { createdAfter: new Date("2024-01-01T00:00:00Z") };

describe("WooCommerce connector", () => {
  let running: TestShop | undefined;
  afterEach(async () => {
    await running?.shop.close();
    running = undefined;
  });
  const start = async (...args: Parameters<typeof startTestShop>): Promise<TestShop> => {
    running = await startTestShop(...args);
    return running;
  };
  const addOrders = (shop: TestShop, count: number): number[] =>
    Array.from({ length: count }, (_, index) =>
      shop.shop.createOrder({ createdAt: new Date(install.getTime() + (index + 1) * 60_000), items: [{ name: "P", price: "5.00" }] }).id,
    );
  const orderRequests = (shop: TestShop) => shop.shop.requests.filter((request) => request.path === "/wp-json/wc/v3/orders");

  it("asks for all statuses, 100 per page, oldest first, with GMT dates to the second and Basic auth", async () => {
    const shop = await start();
    await collect(shop.connector.fetchSales({ createdAfter: install, modifiedAfter: new Date("2024-06-03T08:00:00.200Z") }));
    const [request] = orderRequests(shop);
    expect(Object.fromEntries(request!.query)).toEqual({
      per_page: "100",
      page: "1",
      status: "any",
      after: "2024-06-01T12:00:00",
      modified_after: "2024-06-03T07:59:59",
      dates_are_gmt: "true",
      orderby: "date",
      order: "asc",
    });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${testKey.consumerKey}:${testKey.consumerSecret}`).toString("base64")}`);
  });

  it("stops at X-WP-TotalPages", async () => {
    const shop = await start({}, { perPage: 2 });
    addOrders(shop, 5);
    const pages = await collect(shop.connector.fetchSales(since));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(orderRequests(shop).map((request) => request.query.get("page"))).toEqual(["1", "2", "3"]);
  });

  it("stops at a short page when a proxy strips the pagination headers", async () => {
    const stripping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete("x-wp-total");
      headers.delete("x-wp-totalpages");
      return new Response(await response.text(), { status: response.status, headers });
    };
    const shop = await start({}, { perPage: 2, fetch: stripping });
    const ids = addOrders(shop, 3);
    const fetched = (await collect(shop.connector.fetchSales(since))).flat();
    expect(fetched.map((sale) => sale.externalId)).toEqual(ids.map(String));
    expect(orderRequests(shop)).toHaveLength(2);
  });

  it("accepts a shop address with a trailing slash", async () => {
    const shop = await start();
    const connector = createWooCommerceConnector({ ...shop.options, baseUrl: `${shop.shop.url}/` });
    expect(await connector.testConnection()).toMatchObject({ kind: "green", detail: "WooCommerce answered with 0 orders" });
  });

  it("lists custom statuses next to WooCommerce's own", async () => {
    const shop = await start({ customStatuses: [{ slug: "shipped", name: "Verzonden" }] });
    expect(await shop.connector.listStatuses()).toContainEqual({ slug: "shipped", name: "Verzonden" });
  });

  it("returns null for a deleted order and for an id that cannot be an order id, the latter without asking", async () => {
    const shop = await start();
    const [id] = addOrders(shop, 1);
    shop.shop.removeOrder(id!);
    expect(await shop.connector.fetchSale(String(id))).toBeNull();
    const before = shop.shop.requests.length;
    expect(await shop.connector.fetchSale("../orders")).toBeNull();
    expect(shop.shop.requests).toHaveLength(before);
  });

  it("does not wait out a Retry-After longer than 10 seconds", async () => {
    const shop = await start();
    shop.shop.injectFault({ fault: { kind: "rateLimit", retryAfterSeconds: 11 } });
    await expect(shop.connector.fetchSale("1")).rejects.toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 11_000 });
    expect(shop.shop.requests).toHaveLength(1);
  });

  it("retries a 429 without Retry-After and a passing 502 with back-off", async () => {
    const shop = await start();
    const [id] = addOrders(shop, 1);
    shop.shop.injectFault({ fault: { kind: "status", status: 429, body: "" } });
    shop.shop.injectFault({ fault: { kind: "status", status: 502, body: "Bad Gateway" } });
    expect(await shop.connector.fetchSale(String(id))).toMatchObject({ externalId: String(id) });
    expect(shop.shop.requests.map((request) => request.status)).toEqual([429, 502, 200]);
  });

  it("gives up after the configured attempts", async () => {
    const shop = await start({}, { retry: { attempts: 2, baseDelayMs: 1 } });
    shop.shop.injectFault({ fault: { kind: "status", status: 503, body: "" }, times: Number.POSITIVE_INFINITY });
    await expect(shop.connector.fetchSale("1")).rejects.toMatchObject({ code: "CONN_SHOP_UNREACHABLE", httpStatus: 503 });
    expect(shop.shop.requests).toHaveLength(2);
  });

  it("does not retry an authentication failure", async () => {
    const shop = await start({}, { consumerSecret: "cs_wrong" });
    await expect(shop.connector.fetchSale("1")).rejects.toMatchObject({
      code: "CONN_SHOP_AUTH",
      vendorMessage: "Consumer secret is invalid.",
    });
    expect(shop.shop.requests).toHaveLength(1);
  });

  it("goes red with CONN_SHOP_UNREACHABLE when permalinks are plain or WooCommerce is off", async () => {
    const shop = await start();
    shop.shop.setPermalinks("plain");
    expect(await shop.connector.testConnection()).toMatchObject({ kind: "red", code: "CONN_SHOP_UNREACHABLE" });
    await expect(shop.connector.fetchSale("1")).rejects.toMatchObject({ facts: { reason: "permalinks_plain" } });
    shop.shop.setPermalinks("pretty");
    shop.shop.setWooCommerceActive(false);
    await expect(shop.connector.fetchSale("1")).rejects.toMatchObject({ code: "CONN_SHOP_UNREACHABLE", facts: { reason: "no_route" } });
  });

  it("goes red with CONN_SHOP_AUTH when the key is deleted in the shop", async () => {
    const shop = await start();
    expect(await shop.connector.testConnection()).toMatchObject({ kind: "green" });
    shop.shop.revokeCredentials();
    expect(await shop.connector.testConnection()).toMatchObject({ kind: "red", code: "CONN_SHOP_AUTH" });
  });

  it("throws a coded error, not a crash, for a malformed order in a page", async () => {
    const shop = await start();
    addOrders(shop, 1);
    shop.shop.addOrder({ id: 5000, status: "processing", date_created_gmt: "2024-07-01T00:00:00", currency: "EUR", total: "twelve" });
    await expect(collect(shop.connector.fetchSales(since))).rejects.toMatchObject({ code: "UNKNOWN", facts: { orderId: "5000", field: "total" } });
  });

  it("gives up on a shop slower than timeoutMs", async () => {
    const shop = await start({}, { timeoutMs: 100, retry: { attempts: 1 } });
    shop.shop.injectFault({ fault: { kind: "slow", delayMs: 1_000 } });
    const started = Date.now();
    await expect(shop.connector.fetchSale("1")).rejects.toMatchObject({ code: "CONN_SHOP_UNREACHABLE", facts: { reason: "timeout" } });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("never puts the consumer secret into an error", async () => {
    const shop = await start();
    const secret = testKey.consumerSecret;
    const basicToken = Buffer.from(`${testKey.consumerKey}:${secret}`).toString("base64");
    const echo = `<html><head><title>Fatal error for key ${testKey.consumerKey}:${secret} (${basicToken})</title></head></html>`;
    shop.shop.injectFault({ fault: { kind: "status", status: 500, body: echo, headers: { "content-type": "text/html" } }, times: 3 });
    const error = await shop.connector.fetchSale("1").catch((failure: unknown) => failure);
    const written = JSON.stringify(error, Object.getOwnPropertyNames(error));
    expect(written).toContain("Fatal error");
    expect(written).not.toContain(secret);
    expect(written).not.toContain(basicToken);
  });
});
