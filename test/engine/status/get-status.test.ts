import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ignoreSales } from "../../../engine/retry/ignore-sales.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { getStatus } from "../../../engine/status/get-status.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "terminal", user: "merchant" };
const MINUTE = 60_000;

describe(`the status of a koppeling on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("counts the sales and their euro amounts in every tab", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } } });
    h.addOrders(3); // 1-3: transferred, € 12,10 each
    h.addOrders(2, { status: "on-hold" }); // 4-5: Open
    h.addOrders(2, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] }); // 6-7: Fouten, € 21,80 each
    h.addOrders(1, { status: "on-hold", items: [{ name: "Plaid", price: "50.00" }] }); // 8: Open, then ignored (€ 60,50)
    h.shop.createOrder({ id: 500, status: "completed", createdAt: new Date(h.installedAt.getTime() - 3_600_000), items: [{ name: "Oud", price: "5.00" }] });
    await runSync(h.deps, h.koppelingId);
    await ignoreSales(h.deps, h.koppelingId, { kind: "sales", numbers: ["8"] }, merchant);
    h.addOrders(1, { items: [{ name: "Lamp", price: "30.00" }] }); // 9: waits for an automatic retry (€ 36,30)
    h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "status", status: 503, body: "Service Unavailable" }, times: 1 });
    await runSync(h.deps, h.koppelingId);

    const status = await getStatus(h.deps.db, h.koppelingId, h.clock.now());

    expect(status.tabs).toEqual({
      transferred: { count: 3, cents: 3 * 1210 },
      open: { count: 2, cents: 2 * 1210 },
      rejected: { count: 2, cents: 2 * 2180 },
      ignored: { count: 1, cents: 6050 },
      queued: { count: 1, cents: 3630 },
      expired: { count: 0, cents: 0 },
      beforeInstall: { count: 1, cents: 605 },
    });
  });

  it("moves Open sales to the expired tab after 21 days, with their amount", async () => {
    h = await startEngineHarness();
    h.addOrders(2, { status: "on-hold" });
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(8 * 86_400_000);
    await runSync(h.deps, h.koppelingId);

    const status = await getStatus(h.deps.db, h.koppelingId, h.clock.now());

    expect(status.tabs.open).toEqual({ count: 0, cents: 0 });
    expect(status.tabs.expired).toEqual({ count: 2, cents: 2 * 1210 });
  });

  it("reports the last run and schedules the next one an interval later", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    const startedAt = h.clock.now();
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(10 * MINUTE);

    const status = await getStatus(h.deps.db, h.koppelingId, h.clock.now());

    expect(status.name).toBe("Test Webwinkel");
    expect(status.lastRun).toEqual({ startedAt, finishedAt: startedAt, status: "succeeded", errorCode: null });
    expect(status.nextRunAt).toEqual(new Date(startedAt.getTime() + 60 * MINUTE));

    const overdue = new Date(startedAt.getTime() + 3 * 60 * MINUTE);
    expect((await getStatus(h.deps.db, h.koppelingId, overdue)).nextRunAt).toEqual(overdue);
  });

  it("shows a failed last run with its code, and both dots as last seen", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(MINUTE);
    h.books.revokeToken();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);

    const status = await getStatus(h.deps.db, h.koppelingId, h.clock.now());

    expect(status.lastRun).toMatchObject({ status: "failed", errorCode: "CONN_ACC_TOKEN_EXPIRED" });
    expect(status.sales).toMatchObject({ system: "woocommerce", state: "green", lastCheckedAt: h.clock.now(), errorCode: null });
    expect(status.accounting).toMatchObject({ system: "moneybird", state: "red", errorCode: "CONN_ACC_TOKEN_EXPIRED" });
    expect(status.tabs.transferred.count).toBe(1);
    expect(status.tabs.queued.count).toBe(1);
  });

  it("has unknown dots, empty tabs and a run due now before the first sync", async () => {
    h = await startEngineHarness();
    const now = h.clock.now();

    const status = await getStatus(h.deps.db, h.koppelingId, now);

    expect(status.lastRun).toBeNull();
    expect(status.nextRunAt).toEqual(now);
    expect(status.sales).toEqual({ system: "woocommerce", state: "unknown", lastCheckedAt: null, errorCode: null, detail: null });
    expect(Object.values(status.tabs).every((tab) => tab.count === 0 && tab.cents === 0)).toBe(true);
  });

  it("refuses a koppeling that does not exist", async () => {
    h = await startEngineHarness();
    await expect(getStatus(h.deps.db, randomUUID(), h.clock.now())).rejects.toThrow(/No koppeling/);
  });
});
