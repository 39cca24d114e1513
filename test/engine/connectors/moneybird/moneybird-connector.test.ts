import { afterEach, describe, expect, it } from "vitest";
import { KoppelingError } from "../../../../engine/errors/koppeling-error.js";
import { runAccountingConnectorContract } from "../accounting-connector-contract.js";
import { startMoneybirdContractHarness, startMoneybirdRig, type MoneybirdTestRig } from "./moneybird-harness.js";

runAccountingConnectorContract("Moneybird", startMoneybirdContractHarness);

const salesRate21 = "484113000000000101";
const purchaseRate21 = "484113000000000111";
const omzetHoog = "484113000000000201";
const verzendkosten = "484113000000000203";
const jan = "484113000000000301";

async function failureOf(promise: Promise<unknown>): Promise<KoppelingError> {
  const error = await promise.then(() => undefined, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(KoppelingError);
  return error as KoppelingError;
}

describe("Moneybird connector", () => {
  let rig: MoneybirdTestRig;
  afterEach(async () => {
    await rig.simulator.close();
  });

  it("books one detail per line: amount 1, price = line total excl. VAT, the sale number as reference", async () => {
    rig = await startMoneybirdRig();
    const document = await rig.connect().createDocument({
      reference: "2025-0042",
      debtorId: jan,
      date: "2025-05-01",
      currency: "EUR",
      lines: [
        { description: "Tuinstoel (2x)", totalExclCents: 9990, vatCodeId: salesRate21, ledgerId: omzetHoog },
        { description: "Verzending", totalExclCents: 495, vatCodeId: salesRate21, ledgerId: verzendkosten },
      ],
    });
    const [invoice] = rig.simulator.state.externalSalesInvoices;
    expect(invoice).toMatchObject({ reference: "2025-0042", contact_id: jan, date: "2025-05-01", prices_are_incl_tax: false });
    expect(invoice?.details.map((detail) => [detail.price, detail.amount, detail.ledger_account_id])).toEqual([
      ["99.9", "1", omzetHoog],
      ["4.95", "1", verzendkosten],
    ]);
    const sent = JSON.parse(rig.simulator.requests.find((request) => request.method === "POST")!.body);
    expect(sent.external_sales_invoice.details_attributes[0]).toEqual({
      description: "Tuinstoel (2x)", price: "99.90", amount: "1", tax_rate_id: salesRate21, ledger_account_id: omzetHoog,
    });
    expect(document).toEqual({ id: invoice?.id, reference: "2025-0042", totalInclCents: 12687 });
  });

  it("maps tax rates and ledger accounts of the demo administration", async () => {
    rig = await startMoneybirdRig();
    const connector = rig.connect();
    const codes = await connector.listVatCodes();
    expect(codes.find((code) => code.name === "0% ICP/EU")).toMatchObject({ percentageBp: 0, usage: "sales", active: true });
    expect(codes.find((code) => code.name === "6% btw (oud)")).toMatchObject({ percentageBp: 600, active: false });
    expect(codes.find((code) => code.id === purchaseRate21)).toMatchObject({ percentageBp: 2100, usage: "purchase" });
    const ledgers = await connector.listLedgers();
    expect(ledgers.map((ledger) => [ledger.code, ledger.type])).toEqual([
      ["8000", "revenue"], ["8010", "revenue"], ["8050", "revenue"], ["1100", "balance"], ["1300", "balance"], ["4000", "expenses"],
    ]);
  });

  it("creates contacts as Moneybird wants them: company name, or first and last name", async () => {
    rig = await startMoneybirdRig();
    const connector = rig.connect();
    const base = { country: "BE", vatNumber: null, address1: null, postcode: null, city: null };
    await connector.createDebtor({ ...base, email: "a@example.be", name: "Anna Maria de Vries", company: null });
    await connector.createDebtor({ ...base, email: "b@example.be", name: "Bert", company: "Bert BV", vatNumber: "BE0123456789" });
    await connector.createDebtor({ ...base, email: "c@example.be", name: "Cher", company: null });
    const created = rig.simulator.state.contacts.slice(-3).map((c) => [c.company_name, c.firstname, c.lastname, c.tax_number, c.country]);
    expect(created).toEqual([
      ["", "Anna Maria de", "Vries", "", "BE"],
      ["Bert BV", "", "", "BE0123456789", "BE"],
      ["Cher", "", "", "", "BE"],
    ]);
  });

  it("classifies an invalid EU VAT number on a new debtor as ICP_VAT_NUMBER_INVALID", async () => {
    rig = await startMoneybirdRig();
    const error = await failureOf(
      rig.connect().createDebtor({
        email: "x@example.de", name: "Max Muster", company: "Muster GmbH", country: "DE", vatNumber: "DE12345", address1: null, postcode: null, city: null,
      }),
    );
    expect(error).toMatchObject({ code: "ICP_VAT_NUMBER_INVALID", httpStatus: 422, vendorMessage: "tax_number: is invalid" });
  });

  it("retries a GET answered 429 after the short wait Moneybird asked for", async () => {
    rig = await startMoneybirdRig();
    rig.simulator.injectFault({ fault: { kind: "rateLimit", retryAfterSeconds: 1 }, path: /tax_rates/ });
    const started = Date.now();
    expect(await rig.connect().listVatCodes()).toHaveLength(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(rig.simulator.requests.filter((request) => request.path.endsWith("tax_rates.json")).map((r) => r.status)).toEqual([429, 200]);
  });

  it("retries a GET after a transient 503 or a dropped connection", async () => {
    rig = await startMoneybirdRig();
    rig.simulator.injectFault({ fault: { kind: "status", status: 503 }, path: /ledger_accounts/ });
    rig.simulator.injectFault({ fault: { kind: "drop" }, path: /ledger_accounts/ });
    expect(await rig.connect().listLedgers()).toHaveLength(6);
    expect(rig.simulator.requests.map((request) => request.status)).toEqual([503, 0, 200]);
  });

  it("gives up a timed-out POST as ACC_UNAVAILABLE without resending it", async () => {
    rig = await startMoneybirdRig();
    const connector = rig.connect({ timeoutMs: 150 });
    rig.simulator.injectFault({ fault: { kind: "slow", delayMs: 400 }, method: "POST" });
    const error = await failureOf(
      connector.createDocument({
        reference: "T-1", debtorId: jan, date: "2025-05-01", currency: "EUR",
        lines: [{ description: "Stoel", totalExclCents: 1000, vatCodeId: salesRate21, ledgerId: omzetHoog }],
      }),
    );
    expect(error).toMatchObject({ code: "ACC_UNAVAILABLE", facts: { reason: "timeout" } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rig.simulator.requests.filter((request) => request.method === "POST")).toHaveLength(1);
    expect(await connector.findDocumentByReference("T-1")).toMatchObject({ reference: "T-1" });
  });

  it("answers CONN_ACC_NO_RIGHTS for an administration the token cannot reach, and for a missing scope", async () => {
    rig = await startMoneybirdRig({ scopes: ["settings"] });
    const wrong = rig.connect({ administrationId: "484113000000009999" });
    expect(await wrong.testConnection()).toMatchObject({ kind: "red", code: "CONN_ACC_NO_RIGHTS" });
    expect((await failureOf(wrong.listLedgers())).code).toBe("CONN_ACC_NO_RIGHTS");
    const check = await rig.connect().testConnection();
    expect(check).toMatchObject({ kind: "red", code: "CONN_ACC_NO_RIGHTS" });
  });

  it("answers CONN_ACC_TOKEN_EXPIRED once the user revokes the token", async () => {
    rig = await startMoneybirdRig();
    const connector = rig.connect();
    expect((await connector.testConnection()).kind).toBe("green");
    rig.simulator.revokeToken();
    expect(await connector.testConnection()).toMatchObject({ kind: "red", code: "CONN_ACC_TOKEN_EXPIRED" });
  });

  it("never puts the token in an error", async () => {
    rig = await startMoneybirdRig({ token: "secret-token-5f2a9c" });
    const connector = rig.connect({ maxRateLimitWaitMs: 0 });
    const echo = `{"error":"Bearer secret-token-5f2a9c is not welcome here"}`;
    rig.simulator.injectFault({ fault: { kind: "status", status: 500, body: echo }, times: Infinity, path: /tax_rates/ });
    rig.simulator.injectFault({ fault: { kind: "status", status: 422, body: `{"error":{"base":["secret-token-5f2a9c"]}}` }, method: "POST" });
    rig.simulator.injectFault({ fault: { kind: "rateLimit", retryAfterSeconds: 60 }, path: /ledger_accounts/ });
    const errors = [
      await failureOf(connector.listVatCodes()),
      await failureOf(connector.createDebtor({ email: null, name: "A B", company: null, country: null, vatNumber: null, address1: null, postcode: null, city: null })),
      await failureOf(connector.listLedgers()),
      await failureOf(rig.connect({ baseUrl: "http://127.0.0.1:1/api/v2", pacer: false }).listLedgers()),
    ];
    expect(errors.map((error) => error.code)).toEqual(["ACC_UNAVAILABLE", "UNKNOWN", "RATE_LIMITED", "ACC_UNAVAILABLE"]);
    for (const error of errors) {
      expect(`${error.message} ${error.vendorMessage} ${JSON.stringify(error.facts)}`).not.toContain("secret-token-5f2a9c");
    }
  });

  it("finds a reference beyond the first page, and in one request when the booking date is known", async () => {
    rig = await startMoneybirdRig({ rateLimit: false });
    const connector = rig.connect();
    for (let number = 1; number <= 120; number += 1) {
      await connector.createDocument({
        reference: `R-${number}`, debtorId: jan, date: number === 1 ? "2025-01-02" : "2025-06-01", currency: "EUR",
        lines: [{ description: "Artikel", totalExclCents: 100, vatCodeId: salesRate21, ledgerId: omzetHoog }],
      });
    }
    const listed = () => rig.simulator.requests.filter((request) => request.method === "GET").length;
    expect(await connector.findDocumentByReference("R-1")).toMatchObject({ reference: "R-1", totalInclCents: 121 });
    expect(listed()).toBe(2);
    expect(await connector.findDocumentByReference("R-1", { date: "2025-01-02" })).toMatchObject({ reference: "R-1" });
    expect(listed()).toBe(3);
  });

  it("finds documents dated in earlier years, beyond Moneybird's default period of this year", async () => {
    const clock = () => new Date("2027-02-01T09:00:00Z");
    rig = await startMoneybirdRig({ now: clock });
    const connector = rig.connect({ now: clock });
    await connector.createDocument({
      reference: "OLD-1", debtorId: jan, date: "2025-11-30", currency: "EUR",
      lines: [{ description: "Artikel", totalExclCents: 100, vatCodeId: salesRate21, ledgerId: omzetHoog }],
    });
    expect(await connector.findDocumentByReference("OLD-1")).toMatchObject({ reference: "OLD-1" });
    expect(rig.simulator.requests.at(-1)?.query.get("filter")).toBe("period:20000101..20281231");
  });

  it("fails fast with RATE_LIMITED instead of sending while Moneybird asked for a long wait", async () => {
    rig = await startMoneybirdRig();
    const connector = rig.connect();
    rig.simulator.injectFault({ fault: { kind: "rateLimit", retryAfterSeconds: 120 }, path: /ledger_accounts/ });
    expect((await failureOf(connector.listLedgers())).retryAfterMs).toBe(120_000);
    const error = await failureOf(connector.listVatCodes());
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterMs).toBeGreaterThan(115_000);
    expect(rig.simulator.requests.map((request) => request.path)).toEqual([expect.stringMatching(/ledger_accounts/)]);
  });
});
