import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, sales, transferAttempts } from "../../../db/schema.js";
import { updateConfig } from "../../../engine/config/update-config.js";
import { listErrorGroups } from "../../../engine/errors/list-error-groups.js";
import { planRetry, retrySales } from "../../../engine/retry/retry-sales.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "terminal", user: "merchant" };
const ninePercent = { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] }; // € 21,80
const icpWithoutNumber = {
  items: [{ name: "Plaid", price: "100.00", vatRate: 0 }],
  billing: { company: "Schmidt GmbH", email: "b2b@example.de", country: "DE" },
  vatNumber: "DE1234",
};

async function statesByNumber(h: EngineHarness): Promise<Record<string, string>> {
  const rows = await h.deps.db.select({ number: sales.number, state: sales.state }).from(sales).where(eq(sales.koppelingId, h.koppelingId));
  return Object.fromEntries(rows.map((r) => [r.number, r.state]));
}

const bookedReferences = (h: EngineHarness) => h.books.state.externalSalesInvoices.map((i) => String(i.reference)).sort();

async function retryAudits(h: EngineHarness) {
  return h.deps.db.select().from(auditLog).where(and(eq(auditLog.koppelingId, h.koppelingId), eq(auditLog.action, "retry")));
}

async function startWithUnmappedNinePercent(count: number): Promise<EngineHarness> {
  const h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21, "0": seedIds.vatIcp } } });
  h.addOrders(count, ninePercent);
  await runSync(h.deps, h.koppelingId);
  return h;
}

const mapNinePercent = (h: EngineHarness) => updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant);

describe(`Verwerk: retrying rejected sales on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("transfers one named sale after its cause was fixed, and leaves the others in Fouten", async () => {
    h = await startWithUnmappedNinePercent(3);
    await mapNinePercent(h);
    h.clock.advance(60_000);

    const plan = await planRetry(h.deps, h.koppelingId, { kind: "sale", number: "#2" });
    expect(plan).toMatchObject({ kind: "plan", saleCount: 1, cents: 2180, groups: [{ allowed: true, verdict: "config_changed" }] });

    const result = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "#2" }, merchant);

    expect(result.outcomes).toEqual([{ number: "2", state: "transferred", code: null }]);
    expect(await statesByNumber(h)).toEqual({ "1": "rejected", "2": "transferred", "3": "rejected" });
    expect(bookedReferences(h)).toEqual(["2"]);
    const [sale] = await h.deps.db.select().from(sales).where(eq(sales.number, "2"));
    const attempts = await h.deps.db.select().from(transferAttempts).where(eq(transferAttempts.saleId, sale!.id));
    expect(attempts.map((a) => [a.trigger, a.outcome, a.actor])).toEqual([
      ["sync", "rejected", null],
      ["retry", "transferred", "terminal:merchant"],
    ]);
    const [audit] = await retryAudits(h);
    expect(audit).toMatchObject({ actor: "terminal:merchant", before: { target: { kind: "sale", number: "#2" }, saleCount: 1 }, after: { transferred: 1, rejected: 0 }, at: h.clock.now() });
  });

  it("retries nothing and says so when accounting cannot be reached", async () => {
    h = await startWithUnmappedNinePercent(2);
    await mapNinePercent(h);
    h.books.injectFault({ method: "GET", fault: { kind: "status", status: 503, body: "down" }, times: Infinity });
    const result = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);
    expect(result).toMatchObject({ outcomes: [], unavailable: "ACC_UNAVAILABLE" });
    expect(await statesByNumber(h)).toEqual({ "1": "rejected", "2": "rejected" });
    expect(await retryAudits(h)).toHaveLength(0);
  });

  it("transfers every sale of one cause after the fix", async () => {
    h = await startWithUnmappedNinePercent(3);
    await mapNinePercent(h);
    const [group] = await listErrorGroups(h.deps.db, h.koppelingId);

    const result = await retrySales(h.deps, h.koppelingId, { kind: "cause", fingerprint: group!.fingerprint }, merchant);

    expect(result.plan).toMatchObject({ kind: "plan", saleCount: 3, cents: 3 * 2180 });
    expect(result.outcomes.map((o) => o.state)).toEqual(["transferred", "transferred", "transferred"]);
    expect(bookedReferences(h)).toEqual(["1", "2", "3"]);
    expect(await listErrorGroups(h.deps.db, h.koppelingId)).toEqual([]);
  });

  it("retries all causes that can succeed now and refuses the ones that cannot", async () => {
    h = await startWithUnmappedNinePercent(2);
    h.addOrders(1, icpWithoutNumber); // 3
    await runSync(h.deps, h.koppelingId);
    await mapNinePercent(h);

    const result = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);

    expect(result.plan.kind === "plan" && result.plan.groups.map((g) => [g.group.code, g.allowed, g.verdict])).toEqual([
      ["ICP_VAT_NUMBER_INVALID", false, "fix_in_shop"],
      ["VAT_CODE_MISSING", true, "config_changed"],
    ]);
    expect(result.outcomes.map((o) => `${o.number}:${o.state}`).sort()).toEqual(["1:transferred", "2:transferred"]);
    expect(await statesByNumber(h)).toMatchObject({ "3": "rejected" });
    expect(bookedReferences(h)).toEqual(["1", "2"]);
  });

  it("retries more sales than fit in one booking batch", async () => {
    h = await startWithUnmappedNinePercent(55);
    await mapNinePercent(h);

    const result = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);

    expect(result.outcomes.filter((o) => o.state === "transferred")).toHaveLength(55);
    expect(h.books.state.externalSalesInvoices).toHaveLength(55);
    expect((await retryAudits(h))[0]!.after).toEqual({ transferred: 55, rejected: 0 });
  });

  it("refuses a configuration error retried without any change, touching nothing", async () => {
    h = await startWithUnmappedNinePercent(2);
    const plan = await planRetry(h.deps, h.koppelingId, { kind: "sale", number: "1" });
    expect(plan).toMatchObject({ kind: "plan", saleCount: 0, cents: 0, groups: [{ allowed: false, verdict: "config_unchanged" }] });

    const result = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);

    expect(result.outcomes).toEqual([]);
    expect(await h.deps.db.select().from(transferAttempts)).toHaveLength(2); // only the sync's
    expect(await retryAudits(h)).toEqual([]);
    expect(await statesByNumber(h)).toEqual({ "1": "rejected", "2": "rejected" });
  });

  it("refuses a sale error until the shop changed the sale, then transfers it", async () => {
    h = await startEngineHarness();
    h.addOrders(1, icpWithoutNumber);
    await runSync(h.deps, h.koppelingId);

    const refused = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant);
    expect(refused.plan).toMatchObject({ groups: [{ allowed: false, verdict: "fix_in_shop" }] });
    expect(refused.outcomes).toEqual([]);

    h.clock.advance(60_000);
    h.shop.updateOrder(1, { meta_data: [{ id: 1, key: "_billing_eu_vat_number", value: "DE123456789" }] });
    await runSync(h.deps, h.koppelingId);
    const retried = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant);

    expect(retried.plan).toMatchObject({ groups: [{ allowed: true, verdict: "sale_changed" }] });
    expect(retried.outcomes).toEqual([{ number: "1", state: "transferred", code: null }]);
    expect(bookedReferences(h)).toEqual(["1"]);
  });

  it("retries a connection refusal by name only after a live test finds the connection working again", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "status", status: 401, body: '{"error":"No access to sales_invoices"}' }, times: 1 });
    await runSync(h.deps, h.koppelingId);
    expect(await statesByNumber(h)).toEqual({ "1": "rejected" });

    const all = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);
    expect(all.plan).toMatchObject({ groups: [{ group: { code: "CONN_ACC_NO_RIGHTS", actionClass: "B" }, allowed: false, verdict: "connection_still_red" }] });

    const named = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant);
    expect(named.plan).toMatchObject({ groups: [{ allowed: true, verdict: "connection_restored" }] });
    expect(named.outcomes).toEqual([{ number: "1", state: "transferred", code: null }]);
  });

  it("retries an unrecognised refusal (class F) only when it is named", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "status", status: 404, body: '{"error":"Not found"}' }, times: 1 });
    await runSync(h.deps, h.koppelingId);

    const all = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);
    expect(all.plan).toMatchObject({ groups: [{ group: { code: "UNKNOWN", actionClass: "F" }, allowed: false, verdict: "needs_support" }] });
    expect(all.outcomes).toEqual([]);

    const named = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant);
    expect(named.outcomes).toEqual([{ number: "1", state: "transferred", code: null }]);
  });

  describe("a number that already exists in accounting (class E)", () => {
    async function startWithDuplicate(): Promise<EngineHarness> {
      const harness = await startEngineHarness();
      harness.books.settings.uniqueReferences = true;
      const accounting = harness.deps.connectors.accountingConnector({ system: "moneybird", baseUrl: harness.books.baseUrl, credentials: { token: harness.books.token } }, seedIds.administration);
      const debtor = await accounting.createDebtor({ email: "hand@example.nl", name: "Met de Hand", company: null, country: "NL", vatNumber: null, address1: null, postcode: null, city: null });
      await accounting.createDocument({ reference: "1", debtorId: debtor.id, date: "2026-11-10", currency: "EUR", lines: [{ description: "Met de hand", totalExclCents: 1000, vatCodeId: seedIds.vat21, ledgerId: seedIds.revenueHigh }] });
      harness.addOrders(1);
      await runSync(harness.deps, harness.koppelingId);
      return harness;
    }

    it("is never retried blindly, not even after a configuration change", async () => {
      h = await startWithDuplicate();
      await updateConfig(h.deps, h.koppelingId, { kind: "tickStatus", status: "on-hold" }, merchant);

      for (const target of [{ kind: "sale", number: "1" }, { kind: "all" }] as const) {
        const result = await retrySales(h.deps, h.koppelingId, target, merchant);
        expect(result.plan).toMatchObject({ groups: [{ allowed: false, verdict: "check_accounting_first" }] });
        expect(result.outcomes).toEqual([]);
      }
      expect(h.books.state.externalSalesInvoices).toHaveLength(1);
      expect(await statesByNumber(h)).toEqual({ "1": "rejected" });
    });

    it("is retried once the merchant checked accounting, and still never books over the existing number", async () => {
      h = await startWithDuplicate();

      const stillThere = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant, { accountingChecked: true });
      expect(stillThere.outcomes).toEqual([{ number: "1", state: "rejected", code: "DUPLICATE_NUMBER" }]);
      expect(h.books.state.externalSalesInvoices).toHaveLength(1);

      // The merchant renumbers the other document in Moneybird, then retries.
      h.books.state.externalSalesInvoices[0]!.reference = "HAND-1";
      const retried = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant, { accountingChecked: true });

      expect(retried.outcomes).toEqual([{ number: "1", state: "transferred", code: null }]);
      expect(bookedReferences(h)).toEqual(["1", "HAND-1"]);
    });
  });

  it("says why there is nothing to retry", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);

    expect(await planRetry(h.deps, h.koppelingId, { kind: "sale", number: "999" })).toEqual({ kind: "nothing", reason: "no_such_sale" });
    expect(await planRetry(h.deps, h.koppelingId, { kind: "sale", number: "1" })).toEqual({ kind: "nothing", reason: "sale_not_rejected", state: "transferred" });
    expect(await planRetry(h.deps, h.koppelingId, { kind: "cause", fingerprint: "VAT_CODE_MISSING|rateBp=900|reason=unmapped" })).toEqual({ kind: "nothing", reason: "no_such_cause" });
    expect(await planRetry(h.deps, h.koppelingId, { kind: "all" })).toEqual({ kind: "nothing", reason: "no_rejected_sales" });
    expect(bookedReferences(h)).toEqual(["1"]);
  });
});
