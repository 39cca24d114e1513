import { afterEach, describe, expect, it } from "vitest";
import { startSimulatorServer, type SimulatorServer } from "../../../../engine/connectors/simulator-server.js";
import {
  classifyWooCommerceFailure,
  parseRetryAfter,
} from "../../../../engine/connectors/woocommerce/classify-woocommerce-failure.js";
import { createWooCommerceConnector } from "../../../../engine/connectors/woocommerce/woocommerce-connector.js";
import { KoppelingError } from "../../../../engine/errors/koppeling-error.js";
import { fixturesAvailable, readFixtureText } from "../../../support/fixtures.js";
import { deadShopUrl, testKey } from "./start-test-shop.js";

const htmlPage = (title: string): string => `<!DOCTYPE html><html><head><title>${title}</title></head><body>…</body></html>`;
const wpError = (status: number, code: string, message: string): string => JSON.stringify({ code, message, data: { status } });

describe.skipIf(!fixturesAvailable)("classifyWooCommerceFailure on WooCommerce's published error bodies", () => {
  it("reads 401 rest_forbidden as CONN_SHOP_AUTH, keeping the vendor message verbatim", () => {
    const error = classifyWooCommerceFailure({ kind: "response", status: 401, body: readFixtureText("woocommerce/error_401_rest_forbidden.json") });
    expect(error).toMatchObject({ code: "CONN_SHOP_AUTH", httpStatus: 401, vendorMessage: "Sorry, you are not allowed to do that." });
    expect(error.facts.vendorCode).toBe("rest_forbidden");
  });

  it("reads 404 rest_no_route as CONN_SHOP_UNREACHABLE (no WooCommerce API at this address)", () => {
    const error = classifyWooCommerceFailure({ kind: "response", status: 404, body: readFixtureText("woocommerce/error_404_rest_no_route.json") });
    expect(error).toMatchObject({
      code: "CONN_SHOP_UNREACHABLE",
      vendorMessage: "No route was found matching the URL and request method",
      facts: { reason: "no_route", vendorCode: "rest_no_route" },
    });
    expect(error.isTemporary).toBe(true);
  });
});

describe("classifyWooCommerceFailure", () => {
  it.each([
    [401, "woocommerce_rest_authentication_error", "Consumer key is invalid."],
    [401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."],
    [401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."],
    [403, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."],
  ])("reads %i %s as CONN_SHOP_AUTH", (status, code, message) => {
    const error = classifyWooCommerceFailure({ kind: "response", status, body: wpError(status, code, message) });
    expect(error).toMatchObject({ code: "CONN_SHOP_AUTH", httpStatus: status, vendorMessage: message });
    expect(error.isTemporary).toBe(false);
  });

  it.each([
    [404, htmlPage("Page not found – Shop"), "permalinks_plain"],
    [401, htmlPage("401 Authorization Required"), "password_protected"],
    [403, htmlPage("Attention Required! | Cloudflare"), "blocked"],
    [500, wpError(500, "internal_server_error", "<p>There has been a critical error on this website.</p>"), "server_error"],
    [502, "Bad Gateway", "server_error"],
    [301, "", "redirect_loop"],
  ])("reads %i with a non-API body as CONN_SHOP_UNREACHABLE (%s)", (status, body, reason) => {
    const error = classifyWooCommerceFailure({ kind: "response", status, body, contentType: "text/html" });
    expect(error).toMatchObject({ code: "CONN_SHOP_UNREACHABLE", httpStatus: status, facts: { reason } });
  });

  it("keeps the page title of an HTML answer as the vendor message", () => {
    const error = classifyWooCommerceFailure({ kind: "response", status: 404, body: htmlPage("Page not found – Shop") });
    expect(error.vendorMessage).toBe("Page not found – Shop");
  });

  it("reads 429 as RATE_LIMITED with Retry-After in seconds or as a date", () => {
    const seconds = classifyWooCommerceFailure({ kind: "response", status: 429, body: "Retry later", retryAfter: "30" });
    expect(seconds).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 30_000, vendorMessage: "Retry later" });
    const now = new Date("2024-01-01T12:00:00Z");
    expect(parseRetryAfter("Mon, 01 Jan 2024 12:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(classifyWooCommerceFailure({ kind: "response", status: 429, body: "" }).retryAfterMs).toBeUndefined();
  });

  it("reads a 200 that is not JSON as CONN_SHOP_UNREACHABLE", () => {
    const error = classifyWooCommerceFailure({ kind: "invalidJson", status: 200, body: htmlPage("Maintenance mode") });
    expect(error).toMatchObject({ code: "CONN_SHOP_UNREACHABLE", vendorMessage: "Maintenance mode", facts: { reason: "invalid_json" } });
  });

  it("reads an unexpected 400 as UNKNOWN", () => {
    const body = wpError(400, "rest_invalid_param", "Invalid parameter(s): per_page");
    expect(classifyWooCommerceFailure({ kind: "response", status: 400, body })).toMatchObject({ code: "UNKNOWN", vendorMessage: "Invalid parameter(s): per_page" });
  });

  it.each([
    ["ECONNREFUSED", "connection_refused"],
    ["ENOTFOUND", "dns"],
    ["ECONNRESET", "connection_dropped"],
    ["UND_ERR_SOCKET", "connection_dropped"],
    ["CERT_HAS_EXPIRED", "tls"],
  ])("reads a network error with cause %s as CONN_SHOP_UNREACHABLE (%s)", (code, reason) => {
    const cause = Object.assign(new Error(`${code} shop.example`), { code });
    const error = classifyWooCommerceFailure({ kind: "network", error: new TypeError("fetch failed", { cause }) });
    expect(error).toMatchObject({ code: "CONN_SHOP_UNREACHABLE", facts: { reason } });
    expect(error.vendorMessage).toContain(code);
  });

  it("reads a timeout as CONN_SHOP_UNREACHABLE", () => {
    const error = classifyWooCommerceFailure({ kind: "network", error: new DOMException("The operation was aborted due to timeout", "TimeoutError") });
    expect(error).toMatchObject({ code: "CONN_SHOP_UNREACHABLE", facts: { reason: "timeout" } });
  });

  it("never lets the consumer secret into a message", () => {
    const secret = "cs_0123456789abcdef";
    const body = wpError(401, "woocommerce_rest_authentication_error", `Consumer secret ${secret} is invalid.`);
    const error = classifyWooCommerceFailure({ kind: "response", status: 401, body }, [secret]);
    expect(JSON.stringify({ message: error.message, vendorMessage: error.vendorMessage, facts: error.facts })).not.toContain(secret);
    expect(error.vendorMessage).toBe("Consumer secret [redacted] is invalid.");
  });
});

describe("failures met over real HTTP", () => {
  let server: SimulatorServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("reads a redirect loop as CONN_SHOP_UNREACHABLE", async () => {
    server = await startSimulatorServer((request) => ({ status: 302, headers: { location: `${request.path}?again=1` } }));
    const connector = createWooCommerceConnector({ baseUrl: server.url, ...testKey, retry: { baseDelayMs: 1 } });
    const check = await connector.testConnection();
    expect(check).toMatchObject({ kind: "red", code: "CONN_SHOP_UNREACHABLE" });
    await expect(connector.fetchSale("1")).rejects.toMatchObject({ facts: { reason: "redirect_loop" } });
  });

  it("reads a refused connection as CONN_SHOP_UNREACHABLE", async () => {
    const connector = createWooCommerceConnector({ baseUrl: await deadShopUrl(), ...testKey, retry: { baseDelayMs: 1 } });
    const error = await connector.fetchSale("1").catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(KoppelingError);
    expect(error).toMatchObject({ code: "CONN_SHOP_UNREACHABLE", facts: { reason: "connection_refused" } });
  });
});
