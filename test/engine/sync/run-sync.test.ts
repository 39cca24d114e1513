import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connections, sales, syncRuns, transferAttempts } from "../../../db/schema.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

async function salesByNumber(h: EngineHarness) {
  const rows = await h.deps.db.select().from(sales).where(eq(sales.koppelingId, h.koppelingId));
  return new Map(rows.map((row) => [row.number, row]));
}

describe(`the sync lifecycle on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  describe("with a correct configuration", () => {
    beforeEach(async () => {
      h = await startEngineHarness();
    });

    it("transfers ticked sales once, leaves unticked ones in Open and older ones unprocessed", async () => {
      h.addOrders(3, { status: "processing" });
      h.addOrders(2, { status: "on-hold" });
      h.shop.createOrder({ status: "completed", createdAt: new Date(h.installedAt.getTime() - 3_600_000), items: [{ name: "Oud", price: "5.00" }], billing: { email: "old@example.nl", country: "NL" } });

      const summary = await runSync(h.deps, h.koppelingId);

      expect(summary.status).toBe("succeeded");
      expect(summary.fetched).toBe(6);
      const states = [...(await salesByNumber(h)).values()].map((s) => s.state).sort();
      expect(states).toEqual(["before_install", "open", "open", "transferred", "transferred", "transferred"]);
      const invoices = h.books.state.externalSalesInvoices;
      expect(invoices).toHaveLength(3);
      expect(invoices.map((i) => i.reference).sort()).toEqual(["1", "2", "3"]);
      expect(invoices[0]!.total_price_incl_tax).toBe("12.1");
    });

    it("finds or creates the debtor by e-mail and never creates it twice", async () => {
      h.addOrders(4, { billing: { firstName: "Jan", lastName: "Jansen", email: "jan@example.com", country: "NL" } });
      h.addOrders(2, { billing: { firstName: "Nieuw", lastName: "Klant", email: "nieuw@example.nl", country: "NL" } });
      await runSync(h.deps, h.koppelingId);
      const contacts = h.books.state.contacts;
      expect(contacts.filter((c) => c.email === "jan@example.com")).toHaveLength(1);
      expect(contacts.filter((c) => c.email === "nieuw@example.nl")).toHaveLength(1);
      const invoices = h.books.state.externalSalesInvoices;
      expect(new Set(invoices.filter((i) => ["1", "2", "3", "4"].includes(String(i.reference))).map((i) => String(i.contact_id)))).toEqual(new Set(["484113000000000301"]));
    });

    it("queues Open sales on the next run once their status is ticked, and expires them after 21 days", async () => {
      h.addOrders(2, { status: "on-hold" });
      await runSync(h.deps, h.koppelingId);
      h.shop.setOrderStatus(1, "completed");
      await runSync(h.deps, h.koppelingId);
      let byNumber = await salesByNumber(h);
      expect(byNumber.get("1")!.state).toBe("transferred");
      expect(byNumber.get("2")!.state).toBe("open");

      h.clock.advance(22 * 86_400_000);
      await runSync(h.deps, h.koppelingId);
      byNumber = await salesByNumber(h);
      expect(byNumber.get("2")!.state).toBe("expired");
      expect(byNumber.get("2")!.errorCode).toBe("OPEN_EXPIRED");
    });

    it("retries a temporary failure automatically and surfaces it only when the retries are exhausted", async () => {
      h.addOrders(1);
      h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "status", status: 503, body: "Service Unavailable" }, times: 1 });
      await runSync(h.deps, h.koppelingId);
      let sale = (await salesByNumber(h)).get("1")!;
      expect(sale.state).toBe("queued");
      expect(sale.errorCode).toBe("ACC_UNAVAILABLE");
      expect(sale.nextRetryAt!.getTime() - h.clock.now().getTime()).toBe(60_000);

      await runSync(h.deps, h.koppelingId);
      expect((await salesByNumber(h)).get("1")!.state).toBe("queued"); // not due yet

      h.clock.advance(61_000);
      await runSync(h.deps, h.koppelingId);
      sale = (await salesByNumber(h)).get("1")!;
      expect(sale.state).toBe("transferred");
      expect(h.books.state.externalSalesInvoices).toHaveLength(1);
      const attempts = await h.deps.db.select().from(transferAttempts).where(eq(transferAttempts.saleId, sale.id));
      expect(attempts.map((a) => `${a.trigger}:${a.outcome}`)).toEqual(["sync:uncertain", "auto_retry:transferred"]);
    });

    it("gives up after five automatic retries and puts the sale in Fouten", async () => {
      h.addOrders(1);
      h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "status", status: 500, body: "{}" }, times: Infinity });
      for (let run = 0; run < 6; run++) {
        await runSync(h.deps, h.koppelingId);
        h.clock.advance(13 * 3_600_000);
      }
      const sale = (await salesByNumber(h)).get("1")!;
      expect(sale.state).toBe("rejected");
      expect(sale.errorCode).toBe("ACC_UNAVAILABLE");
      expect(sale.autoRetryCount).toBe(5);
      expect(h.books.state.externalSalesInvoices).toHaveLength(0);
    });

    it("honours Retry-After when it asks for longer than the back-off", async () => {
      h.addOrders(2);
      h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "rateLimit", retryAfterSeconds: 300 }, times: 1 });
      const summary = await runSync(h.deps, h.koppelingId);
      const first = (await salesByNumber(h)).get("1")!;
      expect(first.state).toBe("queued");
      expect(first.nextRetryAt!.getTime() - h.clock.now().getTime()).toBe(300_000);
      // A rate limit stops the batch: the second sale waits instead of running into the limit.
      expect((await salesByNumber(h)).get("2")!.state).toBe("queued");
      expect(summary.booking!.stoppedBy!.code).toBe("RATE_LIMITED");
    });

    it("marks the shop's dot red when the key is revoked, and still books what was queued", async () => {
      h.addOrders(2);
      await runSync(h.deps, h.koppelingId);
      h.shop.revokeCredentials();
      const summary = await runSync(h.deps, h.koppelingId);
      expect(summary.status).toBe("failed");
      expect(summary.error!.code).toBe("CONN_SHOP_AUTH");
      const [dot] = await h.deps.db.select().from(connections).where(and(eq(connections.koppelingId, h.koppelingId), eq(connections.side, "sales")));
      expect(dot!.state).toBe("red");
    });

    it("resumes a fetch that failed part-way after the last stored sale, and still sees later edits of the first pages", async () => {
      h.addOrders(250); // three pages of 100
      // The shop fails the third page of the first run (its key is refused, which is not retried).
      let listed = 0;
      h.shop.injectFault({
        method: "GET",
        path: /\/orders$/,
        fault: { kind: "status", status: 401, body: JSON.stringify({ code: "woocommerce_rest_cannot_view", message: "Sorry" }) },
        probability: 0.5,
        random: () => (++listed === 3 ? 0 : 1),
        times: Infinity,
      });
      const first = await runSync(h.deps, h.koppelingId);
      expect(first.status).toBe("failed");
      expect(first.fetched).toBe(200);
      const [stopped] = await h.deps.db.select().from(syncRuns).where(eq(syncRuns.id, first.runId));
      expect(stopped!.cursor).toBeNull();
      expect(stopped!.fetchResume).not.toBeNull();

      // Meanwhile an order of the first page is edited in the shop, and after it one of the last page.
      h.clock.advance(60_000);
      h.shop.setOrderStatus(1, "completed");
      h.clock.advance(60_000);
      h.shop.updateOrder(250, {});
      const before = h.shop.requests.length;
      const second = await runSync(h.deps, h.koppelingId);
      expect(second.status).toBe("succeeded");
      // Only the rest of the pass is read: from the 200th order on (one second of overlap), not pages 1 and 2 again.
      expect(second.fetched).toBe(51);
      const resumed = h.shop.requests.slice(before).filter((r) => r.path.endsWith("/orders"));
      expect(resumed).toHaveLength(1);
      expect(new Date(`${resumed[0]!.query.get("after")}Z`).getTime()).toBe(h.installedAt.getTime() + 200 * 60_000 - 1_000);
      expect((await salesByNumber(h)).size).toBe(250);

      // The pass's cursor comes from its first run, so the next pass reads the edited order 1 again (the
      // newest edit of the whole pass, order 250's, would put the cursor past it).
      const third = await runSync(h.deps, h.koppelingId);
      expect(third.status).toBe("succeeded");
      expect((await salesByNumber(h)).get("1")!.shopStatus).toBe("completed");
      expect(h.books.state.externalSalesInvoices).toHaveLength(250);
    });

    it("stops booking when the accounting token is revoked, without flooding Fouten", async () => {
      h.addOrders(5);
      h.books.revokeToken();
      const summary = await runSync(h.deps, h.koppelingId);
      expect(summary.error!.code).toBe("CONN_ACC_TOKEN_EXPIRED");
      const byNumber = await salesByNumber(h);
      expect([...byNumber.values()].filter((s) => s.state === "rejected")).toHaveLength(0);
      expect([...byNumber.values()].every((s) => s.state === "queued")).toBe(true);
      const [dot] = await h.deps.db.select().from(connections).where(and(eq(connections.koppelingId, h.koppelingId), eq(connections.side, "accounting")));
      expect(dot!.state).toBe("red");
      const [run] = await h.deps.db.select().from(syncRuns).where(eq(syncRuns.id, summary.runId));
      expect(run!.status).toBe("failed");
    });

    it("rejects a sale whose number is already taken in accounting as DUPLICATE_NUMBER (check first)", async () => {
      h.books.settings.uniqueReferences = true;
      h.addOrders(1);
      const accounting = h.deps.connectors.accountingConnector({ system: "moneybird", baseUrl: h.books.baseUrl, credentials: { token: h.books.token } }, seedIds.administration);
      const debtor = await accounting.createDebtor({ email: "hand@example.nl", name: "Handmatig", company: null, country: "NL", vatNumber: null, address1: null, postcode: null, city: null });
      await accounting.createDocument({ reference: "1", debtorId: debtor.id, date: "2026-11-10", currency: "EUR", lines: [{ description: "Met de hand", totalExclCents: 1000, vatCodeId: seedIds.vat21, ledgerId: seedIds.revenueHigh }] });
      await runSync(h.deps, h.koppelingId);
      const sale = (await salesByNumber(h)).get("1")!;
      expect(sale.state).toBe("rejected");
      expect(sale.errorCode).toBe("DUPLICATE_NUMBER");
      expect(sale.errorClass).toBe("E");
      expect(h.books.state.externalSalesInvoices).toHaveLength(1);
    });
  });

  describe("pre-checks", () => {
    it("rejects sales with an unmapped rate, a balance ledger for shipping, and an invalid ICP VAT number", async () => {
      h = await startEngineHarness({
        config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21, "0": seedIds.vatIcp }, ledgers: { revenue: seedIds.revenueHigh, shipping: seedIds.bank, paymentCosts: null, discount: null } },
      });
      h.addOrders(1, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] });
      h.addOrders(1, { shipping: { total: "4.09", vatRate: 21 } });
      h.addOrders(1, { items: [{ name: "Plaid", price: "100.00", vatRate: 0 }], billing: { company: "Schmidt GmbH", email: "b2b@example.de", country: "DE" }, vatNumber: "DE1234" });
      h.addOrders(1);
      await runSync(h.deps, h.koppelingId);
      const byNumber = await salesByNumber(h);
      expect(byNumber.get("1")).toMatchObject({ state: "rejected", errorCode: "VAT_CODE_MISSING", errorClass: "A", fingerprint: "VAT_CODE_MISSING|rateBp=900|reason=unmapped" });
      expect(byNumber.get("1")!.errorFacts).toMatchObject({ rateBp: 900 });
      expect(byNumber.get("2")).toMatchObject({ state: "rejected", errorCode: "LEDGER_WRONG_TYPE" });
      expect(byNumber.get("2")!.errorFacts).toMatchObject({ role: "shipping", ledgerCode: "1100" });
      expect(byNumber.get("3")).toMatchObject({ state: "rejected", errorCode: "ICP_VAT_NUMBER_INVALID", errorClass: "D" });
      expect(byNumber.get("4")!.state).toBe("transferred");
      expect(h.books.state.externalSalesInvoices.map((i) => String(i.reference))).toEqual(["4"]);
    });
  });
});
