import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultMoneybirdSeed } from "../../../../engine/connectors/moneybird/moneybird-seed.js";
import { startMoneybirdSimulator, type MoneybirdSimulator, type MoneybirdSimulatorOptions } from "../../../../engine/connectors/moneybird/moneybird-simulator.js";

const jan = "484113000000000301";
const rate21 = "484113000000000101";
const rate9 = "484113000000000102";
const omzetHoog = "484113000000000201";

describe("Moneybird simulator", () => {
  let simulator: MoneybirdSimulator;
  const start = async (options: MoneybirdSimulatorOptions = {}) => {
    simulator = await startMoneybirdSimulator({ now: () => new Date("2025-06-15T10:00:00Z"), ...options });
  };
  const call = async (method: string, path: string, body?: unknown, token = simulator.token) => {
    const response = await fetch(`${simulator.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
  };
  const admin = () => `/${simulator.administrationId}`;
  const invoice = (fields: Record<string, unknown> = {}, detail: Record<string, unknown> = {}) => ({
    external_sales_invoice: {
      reference: "W-1", contact_id: jan, date: "2025-06-01", currency: "EUR", prices_are_incl_tax: false,
      details_attributes: [{ description: "Stoel", price: "100.00", amount: "1", tax_rate_id: rate21, ledger_account_id: omzetHoog, ...detail }],
      ...fields,
    },
  });

  afterEach(async () => {
    await simulator.close();
  });

  describe("auth and administrations", () => {
    beforeEach(() => start());

    it("answers 401 with Moneybird's error body for a wrong token, and after revocation", async () => {
      expect(await call("GET", "/administrations.json", undefined, "wrong")).toMatchObject({ status: 401, json: { error: "token is invalid" } });
      expect((await call("GET", "/administrations.json")).status).toBe(200);
      simulator.revokeToken();
      expect((await call("GET", "/administrations.json")).status).toBe(401);
    });

    it("lists the seeded administration with its locked period", async () => {
      const { json } = await call("GET", "/administrations.json");
      expect(json).toEqual([expect.objectContaining({ id: simulator.administrationId, name: "Demo Webwinkel B.V.", period_locked_until: null })]);
    });

    it("answers 404 for an administration the token does not have", async () => {
      expect(await call("GET", "/123/tax_rates.json")).toMatchObject({ status: 404, json: { symbolic: { administration_id: "not_found" } } });
    });

    it("answers 401 'No access to ...' when the token lacks the scope", async () => {
      await simulator.close();
      await start({ scopes: ["settings"] });
      expect((await call("GET", `${admin()}/tax_rates.json`)).status).toBe(200);
      expect(await call("GET", `${admin()}/external_sales_invoices.json`)).toMatchObject({ status: 401, json: { error: "No access to sales_invoices" } });
    });
  });

  describe("master data", () => {
    beforeEach(() => start());

    it("filters tax rates with Moneybird's filter syntax", async () => {
      const names = async (filter: string) =>
        (await call("GET", `${admin()}/tax_rates.json?filter=${encodeURIComponent(filter)}`)).json.map((rate: { id: string }) => rate.id);
      expect(await names("percentage:21")).toEqual([rate21, "484113000000000111"]);
      expect(await names("tax_rate_type:purchase_invoice")).toEqual(["484113000000000111", "484113000000000112"]);
      expect(await names("tax_rate_type:sales_invoice,active:false")).toEqual(["484113000000000105"]);
      expect(await names("partial_name:icp")).toEqual(["484113000000000104"]);
      expect((await call("GET", `${admin()}/tax_rates.json?filter=colour:red`)).status).toBe(400);
    });

    it("searches contacts by any part of the e-mail or name, hiding archived ones unless asked", async () => {
      const seed = defaultMoneybirdSeed();
      await simulator.close();
      await start({ seed: { ...seed, contacts: [...seed.contacts, { id: "484113000000000399", lastname: "Oud", firstname: "Jan", email: "oud@example.com", archived: true }] } });
      const ids = async (query: string) => (await call("GET", `${admin()}/contacts.json?${query}`)).json.map((c: { id: string }) => c.id);
      expect(await ids("query=example.com")).toEqual([jan]);
      expect(await ids("query=JANSEN")).toEqual([jan]);
      expect(await ids("query=example.com&include_archived=true")).toEqual([jan, "484113000000000399"]);
    });

    it("paginates with per_page up to 100, X-Total-Count and a Link to the next page", async () => {
      const page = await call("GET", `${admin()}/tax_rates.json?per_page=2&page=2`);
      expect(page.json).toHaveLength(2);
      expect(page.headers.get("X-Total-Count")).toBe("7");
      expect(page.headers.get("Link")).toContain('per_page=2&page=3>; rel="next"');
      expect(page.headers.get("Link")).toContain('rel="prev"');
      expect((await call("GET", `${admin()}/tax_rates.json?per_page=101`)).status).toBe(400);
    });

    it("creates contacts, refusing a missing name and a malformed EU VAT number", async () => {
      const created = await call("POST", `${admin()}/contacts.json`, { contact: { company_name: "Nieuw B.V.", tax_number: "NL 123456789 B01" } });
      expect(created).toMatchObject({ status: 201, json: { company_name: "Nieuw B.V.", customer_id: "3", country: "NL" } });
      expect(created.json.id).toMatch(/^\d{18}$/);
      expect((await call("POST", `${admin()}/contacts.json`, { contact: { firstname: "Alleen" } })).json.error).toEqual({
        lastname: ["is required"], company_name: ["is required"],
      });
      expect(await call("POST", `${admin()}/contacts.json`, { contact: { company_name: "X", tax_number: "BE123" } })).toMatchObject({
        status: 422, json: { error: { tax_number: ["is invalid"] }, details: { tax_number: [{ error: "invalid" }] } },
      });
      expect((await call("POST", `${admin()}/contacts.json`, { contact: { company_name: "UK Ltd", tax_number: "GB123" } })).status).toBe(201);
    });
  });

  describe("external sales invoices", () => {
    beforeEach(() => start({ lockedUntil: "2024-12-31" }));

    it("books an invoice with VAT per tax rate and keeps it for tests to inspect", async () => {
      const lines = [
        { description: "Boek", price: "10.00", amount: "3", tax_rate_id: rate9, ledger_account_id: omzetHoog },
        { description: "Stoel", price: 129.95, tax_rate_id: rate21, ledger_account_id: omzetHoog },
      ];
      const { status, json } = await call("POST", `${admin()}/external_sales_invoices.json`, invoice({ details_attributes: lines }));
      expect(status).toBe(201);
      expect(json).toMatchObject({ reference: "W-1", state: "open", total_price_excl_tax: "159.95", total_price_incl_tax: "189.94" });
      expect(json.tax_totals.map((total: { tax_amount: string }) => total.tax_amount)).toEqual(["2.7", "27.29"]);
      expect(simulator.state.externalSalesInvoices.map((booked) => booked.id)).toEqual([json.id]);
      expect((await call("GET", `${admin()}/external_sales_invoices/${json.id}.json`)).json).toEqual(json);
    });

    it("computes VAT out of prices that include it", async () => {
      const { json } = await call("POST", `${admin()}/external_sales_invoices.json`, invoice({ prices_are_incl_tax: true }, { price: "121.00" }));
      expect(json).toMatchObject({ total_price_excl_tax: "100.0", total_price_incl_tax: "121.0" });
    });

    it.each([
      ["an unknown tax rate", { tax_rate_id: "999999999999999999" }, "details.tax_rate_id", "is not found"],
      ["an inactive tax rate", { tax_rate_id: "484113000000000105" }, "details.tax_rate_id", "is inactive"],
      ["a purchase tax rate", { tax_rate_id: "484113000000000111" }, "details.tax_rate_id", "is not allowed for sales invoices"],
      ["an unknown ledger", { ledger_account_id: "999999999999999999" }, "details.ledger_account_id", "is not found"],
      ["a balance ledger", { ledger_account_id: "484113000000000211" }, "details.ledger_account_id", "is not allowed for sales invoices"],
    ])("refuses %s with a 422 field error", async (_, detail, field, message) => {
      const { status, json } = await call("POST", `${admin()}/external_sales_invoices.json`, invoice({}, detail));
      expect(status).toBe(422);
      expect(json.error).toEqual({ [field]: [message] });
      expect(simulator.state.externalSalesInvoices).toHaveLength(0);
    });

    it("refuses a date in the locked period, and an unknown contact with Moneybird's 400", async () => {
      expect((await call("POST", `${admin()}/external_sales_invoices.json`, invoice({ date: "2024-12-31" }))).json.error).toEqual({
        date: ["falls in a locked period (locked until 2024-12-31)"],
      });
      expect(await call("POST", `${admin()}/external_sales_invoices.json`, invoice({ contact_id: "999999999999999999" }))).toMatchObject({
        status: 400, json: { error: "Contact ID is invalid", symbolic: { external_sales_invoice: { contact_id: "contact_invalid" } } },
      });
    });

    it("accepts a reused reference unless uniqueReferences is on", async () => {
      expect((await call("POST", `${admin()}/external_sales_invoices.json`, invoice())).status).toBe(201);
      expect((await call("POST", `${admin()}/external_sales_invoices.json`, invoice())).status).toBe(201);
      simulator.settings.uniqueReferences = true;
      expect(await call("POST", `${admin()}/external_sales_invoices.json`, invoice())).toMatchObject({
        status: 422, json: { error: { reference: ["has already been taken"] }, details: { reference: [{ error: "taken" }] } },
      });
    });

    it("lists newest first, by default only this year, otherwise by the period, state and contact filters", async () => {
      for (const [reference, date] of [["A", "2025-01-10"], ["B", "2025-06-01"], ["C", "2025-03-05"]] as const) {
        await call("POST", `${admin()}/external_sales_invoices.json`, invoice({ reference, date }));
      }
      simulator.state.externalSalesInvoices[0]!.date = "2023-05-01";
      const references = async (query = "") =>
        (await call("GET", `${admin()}/external_sales_invoices.json${query}`)).json.map((listed: { reference: string }) => listed.reference);
      expect(await references()).toEqual(["B", "C"]);
      expect(await references("?filter=state:open")).toEqual(["B", "C"]);
      expect(await references("?filter=period:20000101..20261231")).toEqual(["B", "C", "A"]);
      expect(await references("?filter=period:202303..202305")).toEqual(["A"]);
      expect(await references("?filter=period:prev_month")).toEqual([]);
      expect(await references(`?filter=period:this_year,state:paid|late`)).toEqual([]);
      expect(await references(`?filter=contact_id:${jan},period:this_year`)).toEqual(["B", "C"]);
      expect((await call("GET", `${admin()}/external_sales_invoices.json?filter=contact_id:484113000000000777`)).status).toBe(404);
      expect((await call("GET", `${admin()}/external_sales_invoices.json?filter=reference:A`)).status).toBe(400);
    });

    it("answers Moneybird's 404 for an invoice it does not have", async () => {
      expect(await call("GET", `${admin()}/external_sales_invoices/484113000000000555.json`)).toMatchObject({
        status: 404, json: { error: "record not found", symbolic: { id: "not_found" } },
      });
    });
  });
});
