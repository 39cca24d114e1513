/** The simulator must answer like a real WooCommerce shop, or the connector tests prove nothing. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type WooCommerceSimulator, startWooCommerceSimulator } from "../../../../engine/connectors/woocommerce/woocommerce-simulator.js";
import { testKey } from "./start-test-shop.js";

const basic = (key: string, secret: string): string => `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;

describe("WooCommerce simulator", () => {
  let shop: WooCommerceSimulator;
  beforeEach(async () => {
    shop = await startWooCommerceSimulator({ customStatuses: [{ slug: "shipped", name: "Verzonden" }] });
  });
  afterEach(async () => {
    await shop.close();
  });

  const get = async (path: string, authorization: string | null = basic(testKey.consumerKey, testKey.consumerSecret)) => {
    const response = await fetch(`${shop.url}${path}`, { headers: authorization ? { authorization } : {} });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
  };
  const addDays = (count: number, status = "processing"): number[] =>
    Array.from({ length: count }, (_, day) => shop.createOrder({ status, createdAt: new Date(Date.UTC(2024, 0, day + 1)), items: [{ name: "P", price: "1.00" }] }).id);

  it("pages GET /orders with X-WP-Total, X-WP-TotalPages and Link headers", async () => {
    const ids = addDays(25);
    const page = await get("/wp-json/wc/v3/orders?per_page=10&page=2&orderby=date&order=asc");
    expect(page.status).toBe(200);
    expect(page.headers.get("x-wp-total")).toBe("25");
    expect(page.headers.get("x-wp-totalpages")).toBe("3");
    const links = (page.headers.get("link") ?? "").split(", ").map((link) => /<(.*)>; rel="(\w+)"/.exec(link));
    expect(links.map((match) => [match?.[2], new URL(match?.[1] ?? "").searchParams.get("page")])).toEqual([
      ["prev", "1"],
      ["next", "3"],
    ]);
    expect((page.json() as Array<{ id: number }>).map((order) => order.id)).toEqual(ids.slice(10, 20));
  });

  it("lists newest first by default, ten per page", async () => {
    const ids = addDays(12);
    const page = await get("/wp-json/wc/v3/orders");
    expect((page.json() as Array<{ id: number }>).map((order) => order.id)).toEqual(ids.slice(2).reverse());
  });

  it("refuses per_page above 100 with rest_invalid_param", async () => {
    const answer = await get("/wp-json/wc/v3/orders?per_page=101");
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({
      code: "rest_invalid_param",
      message: "Invalid parameter(s): per_page",
      data: { status: 400, params: { per_page: "per_page must be between 1 (inclusive) and 100 (inclusive)" } },
    });
  });

  it("filters by a comma list of statuses, custom ones included, and refuses unknown ones", async () => {
    const [first, second, third] = addDays(3);
    shop.setOrderStatus(second!, "shipped");
    shop.setOrderStatus(third!, "completed");
    const answer = await get("/wp-json/wc/v3/orders?status=processing,shipped&order=asc");
    expect((answer.json() as Array<{ id: number }>).map((order) => order.id)).toEqual([first, second]);
    const unknown = await get("/wp-json/wc/v3/orders?status=verzonden");
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({ code: "rest_invalid_param", data: { params: { status: expect.stringContaining("status[0] is not one of") } } });
  });

  it("leaves trashed orders out of status=any", async () => {
    const [kept, trashed] = addDays(2);
    shop.setOrderStatus(trashed!, "trash");
    const answer = await get("/wp-json/wc/v3/orders?status=any");
    expect((answer.json() as Array<{ id: number }>).map((order) => order.id)).toEqual([kept]);
  });

  it("compares after / modified_after exclusively on the GMT dates when dates_are_gmt=true", async () => {
    const ids = addDays(3);
    shop.setOrderStatus(ids[0]!, "completed", new Date("2024-02-01T00:00:00Z"));
    const after = await get("/wp-json/wc/v3/orders?after=2024-01-02T00:00:00&dates_are_gmt=true&order=asc");
    expect((after.json() as Array<{ id: number }>).map((order) => order.id)).toEqual([ids[2]]);
    const modified = await get("/wp-json/wc/v3/orders?modified_after=2024-01-15T00:00:00Z&dates_are_gmt=true");
    expect((modified.json() as Array<{ id: number }>).map((order) => order.id)).toEqual([ids[0]]);
    expect((await get("/wp-json/wc/v3/orders?after=yesterday")).json()).toMatchObject({ code: "rest_invalid_param" });
  });

  it("answers an unknown order id with 404 woocommerce_rest_shop_order_invalid_id", async () => {
    const answer = await get("/wp-json/wc/v3/orders/4242");
    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual({ code: "woocommerce_rest_shop_order_invalid_id", message: "Invalid ID.", data: { status: 404 } });
  });

  it("lists statuses with their order counts in GET /reports/orders/totals", async () => {
    const [, second] = addDays(2);
    shop.setOrderStatus(second!, "shipped");
    const totals = (await get("/wp-json/wc/v3/reports/orders/totals")).json() as Array<{ slug: string; name: string; total: number }>;
    expect(totals.map((status) => status.slug)).toEqual(["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "shipped"]);
    expect(totals.find((status) => status.slug === "processing")?.total).toBe(1);
    expect(totals.find((status) => status.slug === "shipped")).toEqual({ slug: "shipped", name: "Verzonden", total: 1 });
  });

  describe("authentication", () => {
    it("accepts the key as query parameters too", async () => {
      const answer = await get(`/wp-json/wc/v3/orders?consumer_key=${testKey.consumerKey}&consumer_secret=${testKey.consumerSecret}`, null);
      expect(answer.status).toBe(200);
    });

    it("runs requests without a known key anonymously: 401 woocommerce_rest_cannot_view", async () => {
      for (const authorization of [null, basic("ck_unknown", "cs_whatever")]) {
        const answer = await get("/wp-json/wc/v3/orders", authorization);
        expect(answer.status).toBe(401);
        expect(answer.json()).toEqual({ code: "woocommerce_rest_cannot_view", message: "Sorry, you cannot list resources.", data: { status: 401 } });
      }
      expect((await get("/wp-json/wc/v3/orders/1", null)).json()).toMatchObject({ message: "Sorry, you cannot view this resource." });
    });

    it("answers a wrong secret with woocommerce_rest_authentication_error and a Basic challenge", async () => {
      const answer = await get("/wp-json/wc/v3/orders", basic(testKey.consumerKey, "cs_wrong"));
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({ code: "woocommerce_rest_authentication_error", message: "Consumer secret is invalid.", data: { status: 401 } });
      expect(answer.headers.get("www-authenticate")).toMatch(/^Basic realm="WooCommerce API/);
    });

    it("treats a revoked key as unknown and a write-only key as unable to read", async () => {
      shop.revokeCredentials();
      expect((await get("/wp-json/wc/v3/orders")).json()).toMatchObject({ code: "woocommerce_rest_cannot_view" });
      shop.setCredentials({ consumerKey: "ck_w", consumerSecret: "cs_w", permissions: "write" });
      expect((await get("/wp-json/wc/v3/orders", basic("ck_w", "cs_w"))).json()).toMatchObject({
        message: "The API key provided does not have read permissions.",
      });
    });
  });

  describe("shops that break", () => {
    it("with plain permalinks answers /wp-json/ with an HTML page, but ?rest_route= still works", async () => {
      shop.setPermalinks("plain");
      const page = await get("/wp-json/wc/v3/orders");
      expect(page.status).toBe(404);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect((await get("/?rest_route=/wc/v3/orders")).status).toBe(200);
    });

    it("with WooCommerce deactivated answers 404 rest_no_route", async () => {
      shop.setWooCommerceActive(false);
      expect((await get("/wp-json/wc/v3/orders")).json()).toEqual({
        code: "rest_no_route",
        message: "No route was found matching the URL and request method",
        data: { status: 404 },
      });
    });
  });

  it("moves date_modified when an order changes", async () => {
    const [id] = addDays(1);
    const at = new Date("2024-05-05T05:05:05Z");
    const changed = shop.setOrderStatus(id!, "completed", at);
    expect(changed).toMatchObject({ status: "completed", date_modified_gmt: "2024-05-05T05:05:05", date_modified: "2024-05-05T07:05:05" });
    expect((await get(`/wp-json/wc/v3/orders/${id}`)).json()).toMatchObject({ status: "completed", date_modified_gmt: "2024-05-05T05:05:05" });
  });

  it("lists what changed since the same query was last asked (new, edited and removed orders)", async () => {
    const ids = addDays(3);
    const query = "/wp-json/wc/v3/orders?per_page=10&orderby=date&order=asc&status=processing";
    const list = async () => (await get(query)).json() as Array<{ id: number; status: string }>;
    expect((await list()).map((order) => order.id)).toEqual(ids);
    shop.setOrderStatus(ids[0]!, "completed");
    shop.removeOrder(ids[1]!);
    const added = shop.createOrder({ status: "processing", createdAt: new Date(Date.UTC(2024, 1, 1)), items: [{ name: "P", price: "1.00" }] }).id;
    expect((await list()).map((order) => order.id)).toEqual([ids[2], added]);
    shop.setOrderStatus(ids[0]!, "processing");
    expect((await list()).map((order) => [order.id, order.status])).toEqual([
      [ids[0], "processing"],
      [ids[2], "processing"],
      [added, "processing"],
    ]);
  });

  it("refuses a second order with the same id and a status it does not know", () => {
    const [id] = addDays(1);
    expect(() => shop.addOrder(shop.orders[0]!)).toThrow(/already has order/);
    expect(() => shop.setOrderStatus(id!, "verzonden")).toThrow(/not registered/);
  });
});
