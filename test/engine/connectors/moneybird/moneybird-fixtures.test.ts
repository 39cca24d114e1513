import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyMoneybirdFailure } from "../../../../engine/connectors/moneybird/classify-moneybird-failure.js";
import { defaultMoneybirdSeed } from "../../../../engine/connectors/moneybird/moneybird-seed.js";
import { parseMoneybirdJson } from "../../../../engine/connectors/moneybird/parse-moneybird-json.js";
import { fixturesAvailable, readFixture, readFixtureText } from "../../../support/fixtures.js";
import { startMoneybirdRig, type MoneybirdTestRig } from "./moneybird-harness.js";

/** The contact of Moneybird's external invoice example; its request sends this id as an overflowed number. */
const relation2 = "496081458176197690";

/** Every key path of a JSON value, array items folded into "[]", so shapes can be compared. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [`${prefix}[]`] : [...new Set(value.flatMap((item) => keyPaths(item, `${prefix}[]`)))];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => [`${prefix}.${key}`, ...keyPaths(child, `${prefix}.${key}`)]);
  }
  return [];
}

/** The sorted, distinct key paths of a JSON value: its shape. */
function shapeOf(value: unknown): string[] {
  return [...new Set(keyPaths(value))].sort();
}

describe.skipIf(!fixturesAvailable)("Moneybird fixtures", () => {
  let rig: MoneybirdTestRig;
  beforeEach(async () => {
    const seed = defaultMoneybirdSeed();
    rig = await startMoneybirdRig({
      rateLimit: false,
      seed: { ...seed, contacts: [...seed.contacts, { id: relation2, company_name: "Relation 2", email: "invoices@example.com" }] },
    });
  });
  afterEach(async () => {
    await rig.simulator.close();
  });
  const raw = (method: string, path: string, body?: string) =>
    fetch(`${rig.simulator.baseUrl}/${rig.simulator.administrationId}${path}`, {
      method,
      headers: { Authorization: `Bearer ${rig.simulator.token}`, "Content-Type": "application/json" },
      body,
    });
  it("accepts external_sales_invoice_create_request.json unchanged and answers in the shape of the 201 example", async () => {
    const response = await raw("POST", "/external_sales_invoices.json", readFixtureText("moneybird/external_sales_invoice_create_request.json"));
    expect(response.status).toBe(201);
    const body = parseMoneybirdJson(await response.text()) as Record<string, unknown>;
    const fixture = readFixture("moneybird/external_sales_invoice_create_201.json");
    expect(shapeOf(body)).toEqual(shapeOf(fixture));
    expect(body).toMatchObject({
      contact_id: relation2,
      reference: "30052",
      total_price_excl_tax: "129.95",
      total_price_incl_tax: "157.24",
      tax_totals: [{ tax_amount: "27.29", taxable_amount: "129.95" }],
      details: [{ price: "129.95", amount: null, amount_decimal: "1.0", description: "Rocking Chair", tax_report_reference: ["NL/1a"] }],
    });
    const [stored] = rig.simulator.state.externalSalesInvoices;
    const byId = await raw("GET", `/external_sales_invoices/${stored?.id}.json`);
    expect(shapeOf(await byId.json())).toEqual(shapeOf(fixture));
  });

  it("accepts contact_create_request.json unchanged and answers in the shape of the 201 example", async () => {
    const response = await raw("POST", "/contacts.json", readFixtureText("moneybird/contact_create_request.json"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    const fixture = readFixture<Record<string, unknown>>("moneybird/contact_create_201.json");
    expect(shapeOf(body)).toEqual(shapeOf(fixture));
    const blanks = Object.keys(fixture).filter((key) => fixture[key] === "");
    expect(Object.fromEntries(blanks.map((key) => [key, body[key]]))).toEqual(Object.fromEntries(blanks.map((key) => [key, ""])));
    expect(body.company_name).toBe("Test B.V.");
  });

  it("serves contacts, tax rates and ledger accounts in the shapes of the examples", async () => {
    const contactKeys = Object.keys(readFixture<Record<string, unknown>>("moneybird/contact_get_200.json")).sort();
    const contacts = (await (await raw("GET", "/contacts.json")).json()) as Array<Record<string, unknown>>;
    expect(Object.keys(contacts[0]!).sort()).toEqual(contactKeys);
    expect(Object.keys(await (await raw("GET", `/contacts/${relation2}.json`)).json()).sort()).toEqual(contactKeys);
    for (const [path, fixture] of [["/tax_rates.json", "tax_rates_list_200.json"], ["/ledger_accounts.json", "ledger_accounts_list_200.json"]]) {
      const served = (await (await raw("GET", path!)).json()) as Array<Record<string, unknown>>;
      const example = readFixture<Array<Record<string, unknown>>>(`moneybird/${fixture}`);
      expect(Object.keys(served[0]!).sort()).toEqual(Object.keys(example[0]!).sort());
    }
  });

  it("answers errors with the bodies of the examples", async () => {
    const perPage = await raw("GET", "/tax_rates.json?per_page=1000");
    expect([perPage.status, await perPage.json()]).toEqual([400, readFixture("moneybird/error_400_per_page_too_large.json")]);
    const invalid = await raw("POST", "/contacts.json", JSON.stringify({ contact: { company_name: "" } }));
    expect([invalid.status, await invalid.json()]).toEqual([422, readFixture("moneybird/error_422_contact_invalid.json")]);
    rig.simulator.settings.scopes = ["settings"];
    const noAccess = await raw("GET", "/external_sales_invoices.json");
    expect([noAccess.status, await noAccess.json()]).toEqual([401, readFixture("moneybird/error_401_no_access.json")]);
    await rig.simulator.close();
    rig = await startMoneybirdRig({ rateLimit: { requests: 1, windowMs: 60_000 } });
    await raw("GET", "/ledger_accounts.json");
    const limited = await raw("GET", "/ledger_accounts.json");
    expect([limited.status, await limited.text()]).toEqual([429, readFixture("moneybird/error_429_rate_limited_body.json")]);
  });

  it("keeps the overflowing ids of the request example as exact strings", () => {
    const request = parseMoneybirdJson(readFixtureText("moneybird/external_sales_invoice_create_request.json"));
    expect(request).toEqual({
      external_sales_invoice: { reference: "30052", contact_id: "496081458176197700", details_attributes: [{ description: "Rocking Chair", price: 129.95 }] },
    });
  });

  it("parses the published tax rate, ledger, contact and invoice examples into the port types", async () => {
    const connector = rig.connect();
    const serve = (path: RegExp, fixture: string, status = 200) =>
      rig.simulator.injectFault({ fault: { kind: "status", status, body: readFixtureText(`moneybird/${fixture}`) }, path });
    serve(/tax_rates/, "tax_rates_list_200.json");
    expect((await connector.listVatCodes()).map((code) => [code.id, code.percentageBp, code.usage])).toEqual([
      ["496081347565061258", 2100, "sales"],
      ["496081347576595595", 900, "sales"],
      ["496081347578692748", 0, "sales"],
      ["496081347580789901", 2100, "purchase"],
      ["496081347582887054", 900, "purchase"],
    ]);
    serve(/ledger_accounts/, "ledger_accounts_list_200.json");
    const ledgers = await connector.listLedgers();
    expect(ledgers).toHaveLength(readFixture<unknown[]>("moneybird/ledger_accounts_list_200.json").length);
    expect(ledgers.find((ledger) => ledger.name === "Omzet")).toEqual({ id: "496081347348006012", code: "81180.01", name: "Omzet", type: "revenue", active: true });
    expect(ledgers.find((ledger) => ledger.name === "Debiteuren")?.type).toBe("balance");
    expect(ledgers.find((ledger) => ledger.name === "Algemene kosten")?.type).toBe("expenses");
    expect(ledgers.find((ledger) => ledger.name === "Koersverschillen")?.type).toBe("other");
    rig.simulator.injectFault({ fault: { kind: "status", status: 200, body: `[${readFixtureText("moneybird/contact_get_200.json")}]` }, path: /contacts/ });
    expect(await connector.findDebtorByEmail("info@example.com")).toEqual({ id: "496081411808167496", email: "info@example.com", name: "Foobar Holding B.V." });
    serve(/external_sales_invoices/, "external_sales_invoice_create_201.json", 201);
    const document = await connector.createDocument({
      reference: "30052", debtorId: relation2, date: "2026-08-21", currency: "EUR",
      lines: [{ description: "Rocking Chair", totalExclCents: 12995, vatCodeId: "496081347565061258", ledgerId: "496081347348006010" }],
    });
    expect(document).toEqual({ id: "496081458207654972", reference: "30052", totalInclCents: 15724 });
  });

  it("classifies the published error examples", () => {
    const classify = (status: number, fixture: string) =>
      classifyMoneybirdFailure({ kind: "response", status, body: readFixtureText(`moneybird/${fixture}`) });
    expect(classify(401, "error_401_no_access.json").code).toBe("CONN_ACC_NO_RIGHTS");
    expect(classify(402, "error_402_sales_invoice_limit_reached.json").code).toBe("PACKAGE_FEATURE_MISSING");
    expect(classify(404, "error_404_sales_invoice_not_found.json").code).toBe("UNKNOWN");
    expect(classify(429, "error_429_rate_limited_body.json")).toMatchObject({ code: "RATE_LIMITED", vendorMessage: "Retry later" });
    expect(classify(422, "error_422_external_sales_invoice_invalid.json")).toMatchObject({
      code: "UNKNOWN",
      vendorMessage: "details.project_id: is not found; reference: can't be blank",
    });
    expect(classify(422, "error_422_contact_invalid.json").vendorMessage).toBe("firstname: is required; lastname: is required; company_name: is required");
  });
});
