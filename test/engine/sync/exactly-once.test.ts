import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { sales, transferAttempts, transfers } from "../../../db/schema.js";
import { updateConfig } from "../../../engine/config/update-config.js";
import { retrySales } from "../../../engine/retry/retry-sales.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { claimSales } from "../../../engine/sync/claim-sales.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "terminal", user: "merchant" };

/** Every booked invoice reference appears once, and every transferred sale has exactly one invoice. */
async function expectBookedExactlyOnce(h: EngineHarness) {
  const references = h.books.state.externalSalesInvoices.map((invoice) => String(invoice.reference));
  expect(new Set(references).size).toBe(references.length);
  const transferred = await h.deps.db.select({ number: sales.number }).from(sales).where(eq(sales.state, "transferred"));
  expect(references.sort()).toEqual(transferred.map((s) => s.number).sort());
  const rows = await h.deps.db.select().from(transfers);
  expect(rows).toHaveLength(transferred.length);
}

describe(`a sale is booked at most once, on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("under repeated runs", async () => {
    h = await startEngineHarness();
    h.addOrders(12);
    for (let run = 0; run < 3; run++) await runSync(h.deps, h.koppelingId);
    h.shop.setOrderStatus(3, "completed"); // a later edit in the shop is not propagated
    await runSync(h.deps, h.koppelingId);
    expect(h.books.state.externalSalesInvoices).toHaveLength(12);
    await expectBookedExactlyOnce(h);
  });

  it("under two runs at the same time, by two workers", async () => {
    h = await startEngineHarness();
    h.addOrders(40);
    h.books.injectFault({ method: "POST", fault: { kind: "slow", delayMs: 5 }, times: Infinity });
    const [a, b] = await Promise.all([runSync(h.deps, h.koppelingId), runSync(h.secondWorker(), h.koppelingId)]);
    expect(h.books.state.externalSalesInvoices).toHaveLength(40);
    expect((a.booking?.transferred ?? 0) + (b.booking?.transferred ?? 0)).toBe(40);
    await expectBookedExactlyOnce(h);
  });

  it("when a retry races a sync", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } } });
    h.addOrders(15, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] });
    await runSync(h.deps, h.koppelingId);
    expect(h.books.state.externalSalesInvoices).toHaveLength(0);
    await updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant);
    // The sync re-queues nothing by itself (rejected sales wait for Verwerk), so make it race on the same sales:
    await h.deps.db.update(sales).set({ state: "queued" }).where(eq(sales.number, "3"));
    h.books.injectFault({ method: "POST", fault: { kind: "slow", delayMs: 5 }, times: Infinity });
    await Promise.all([retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant), runSync(h.secondWorker(), h.koppelingId)]);
    expect(h.books.state.externalSalesInvoices).toHaveLength(15);
    await expectBookedExactlyOnce(h);
  });

  it("after a crash between 'accounting accepted' and 'we recorded it'", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId); // transfers sale 1
    h.addOrders(1);
    // A worker fetched sale 2, claimed it, booked it in Moneybird — and died before recording anything.
    h.shop.setOrderStatus(2, "on-hold");
    await runSync(h.deps, h.koppelingId);
    await h.deps.db.update(sales).set({ state: "queued" }).where(eq(sales.number, "2"));
    const [claimed] = await claimSales(h.deps.db, { koppelingId: h.koppelingId, workerId: "crashed", now: h.clock.now(), leaseMs: 60_000, limit: 1 });
    expect(claimed!.number).toBe("2");
    const accounting = h.deps.connectors.accountingConnector({ system: "moneybird", baseUrl: h.books.baseUrl, credentials: { token: h.books.token } }, seedIds.administration);
    await accounting.createDocument({ reference: "2", debtorId: "484113000000000301", date: "2026-11-06", currency: "EUR", lines: [{ description: "Geurkaars", totalExclCents: 1000, vatCodeId: seedIds.vat21, ledgerId: seedIds.revenueHigh }] });

    await runSync(h.deps, h.koppelingId);
    expect((await h.deps.db.select().from(sales).where(eq(sales.number, "2")))[0]!.state).toBe("transferring"); // the lease still holds

    h.clock.advance(61_000);
    await runSync(h.deps, h.koppelingId);
    const [sale] = await h.deps.db.select().from(sales).where(eq(sales.number, "2"));
    expect(sale!.state).toBe("transferred");
    const [transfer] = await h.deps.db.select().from(transfers).where(eq(transfers.saleId, sale!.id));
    expect(transfer!.recovered).toBe(true);
    expect(h.books.state.externalSalesInvoices.filter((i) => String(i.reference) === "2")).toHaveLength(1);
    const attempts = await h.deps.db.select().from(transferAttempts).where(eq(transferAttempts.saleId, sale!.id));
    // The claim that ran out is the record of the attempt: the sale was looked up by reference, not booked again.
    expect(attempts.map((a) => a.outcome)).toEqual(["recovered"]);
  });

  it("when the answer to the booking is lost (time-out) but Moneybird did create the invoice", async () => {
    h = await startEngineHarness({ timeoutMs: 300 });
    h.addOrders(1);
    h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "slow", delayMs: 600 }, times: 1 });
    await runSync(h.deps, h.koppelingId);
    expect((await h.deps.db.select().from(sales))[0]!.state).toBe("queued");
    await expect.poll(() => h.books.state.externalSalesInvoices.length, { timeout: 3_000 }).toBe(1);

    h.clock.advance(61_000);
    await runSync(h.deps, h.koppelingId);
    const [sale] = await h.deps.db.select().from(sales);
    expect(sale!.state).toBe("transferred");
    expect(h.books.state.externalSalesInvoices).toHaveLength(1);
    await expectBookedExactlyOnce(h);
  });
});
