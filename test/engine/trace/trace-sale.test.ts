import { afterEach, describe, expect, it } from "vitest";
import { updateConfig } from "../../../engine/config/update-config.js";
import { startWooCommerceSimulator } from "../../../engine/connectors/woocommerce/woocommerce-simulator.js";
import { createKoppeling } from "../../../engine/koppelingen/koppeling-repository.js";
import { reportProblem } from "../../../engine/reports/report-problem.js";
import { retrySales } from "../../../engine/retry/retry-sales.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { traceSale } from "../../../engine/trace/trace-sale.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "terminal", user: "merchant" };
const MINUTE = 60_000;
const DAY = 86_400_000;

describe(`tracing one sale on ${testDriver}`, () => {
  let h: EngineHarness;
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await h?.close();
  });

  it("tells the story of a rejected sale that was transferred by a retry after the fix", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } } });
    h.addOrders(1, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }], billing: { firstName: "Jan", lastName: "de Vries", email: "jan@example.nl", country: "NL" } });
    const fetchedAt = h.clock.now();
    await runSync(h.deps, h.koppelingId);

    const rejected = await traceSale(h.deps.db, h.koppelingId, "1", h.clock.now());
    expect(rejected).toMatchObject({
      number: "1",
      kind: "order",
      totalCents: 2180,
      customerName: "Jan de Vries",
      shopStatus: "processing",
      state: "rejected",
      cause: { code: "VAT_CODE_MISSING", actionClass: "A", message: "VAT rate is not mapped", vendorMessage: null, facts: { rateBp: 900, reason: "unmapped" } },
      openDaysLeft: null,
      lines: [{ kind: "product", description: "Kookboek", totalExclCents: 2000, taxCents: 180, vatRateBp: 900 }],
    });

    h.clock.advance(10 * MINUTE);
    await updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant);
    const retriedAt = h.clock.now();
    await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant);

    const trace = await traceSale(h.deps.db, h.koppelingId, "1", h.clock.now());
    const invoice = h.books.state.externalSalesInvoices.find((i) => String(i.reference) === "1")!;
    expect(trace).toMatchObject({ state: "transferred", cause: null, nextRetryAt: null });
    expect(trace!.events).toEqual([
      { kind: "fetched", at: fetchedAt, status: "processing" },
      { kind: "attempt", at: fetchedAt, trigger: "sync", outcome: "rejected", code: "VAT_CODE_MISSING", message: "VAT rate is not mapped" },
      { kind: "attempt", at: retriedAt, trigger: "retry", outcome: "transferred", code: null, message: null },
      { kind: "transferred", at: retriedAt, documentId: String(invoice.id), recovered: false },
    ]);
  });

  it("explains an Open sale with its unticked status and the days left", async () => {
    h = await startEngineHarness();
    h.addOrders(2, { status: "on-hold" });
    await runSync(h.deps, h.koppelingId);

    const trace = await traceSale(h.deps.db, h.koppelingId, "2", new Date(h.clock.now().getTime() + 2 * DAY));

    expect(trace).toMatchObject({ state: "open", shopStatus: "on-hold", cause: null, openDaysLeft: 6 });
    expect(trace!.events).toEqual([{ kind: "fetched", at: h.clock.now(), status: "on-hold" }]);
  });

  it("shows a pending automatic retry after a temporary failure", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "status", status: 503, body: "Service Unavailable" }, times: 1 });
    await runSync(h.deps, h.koppelingId);

    const trace = await traceSale(h.deps.db, h.koppelingId, "1", h.clock.now());

    expect(trace).toMatchObject({ state: "queued", cause: { code: "ACC_UNAVAILABLE", actionClass: "C" } });
    expect(trace!.nextRetryAt).toEqual(new Date(h.clock.now().getTime() + MINUTE));
    expect(trace!.events.map((e) => (e.kind === "attempt" ? `${e.kind}:${e.outcome}:${e.code}` : e.kind))).toEqual(["fetched", "attempt:uncertain:ACC_UNAVAILABLE"]);
  });

  it("includes the problem report of the sale's cause", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } } });
    h.addOrders(1, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] });
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(MINUTE);
    const report = await reportProblem(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant);
    expect(report.kind).toBe("created");

    const trace = await traceSale(h.deps.db, h.koppelingId, "#1", h.clock.now());

    expect(trace!.events.at(-1)).toEqual({ kind: "reported", at: h.clock.now(), reference: report.kind === "created" ? report.report.reference : "", status: "open" });
  });

  it("accepts the number as the merchant types it", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);
    expect((await traceSale(h.deps.db, h.koppelingId, " #1 ", h.clock.now()))?.state).toBe("transferred");
  });

  it("returns null for an unknown number and for another koppeling's sale", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);
    const otherShop = await startWooCommerceSimulator({ now: () => h.clock.now() });
    cleanups.push(() => otherShop.close());
    otherShop.createOrder({ id: 77, createdAt: new Date(h.installedAt.getTime() + MINUTE), items: [{ name: "Vaas", price: "15.00" }] });
    const otherId = await createKoppeling(h.deps.db, h.deps.cipher, {
      name: "Andere Winkel",
      licenseKey: "KB-OTHER-0001",
      installedAt: h.installedAt,
      sales: { system: "woocommerce", baseUrl: otherShop.url, credentials: { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" } },
      accounting: { system: "moneybird", baseUrl: h.books.baseUrl, credentials: { token: h.books.token } },
      config: correctConfig(),
    });
    await runSync(h.deps, otherId);

    expect(await traceSale(h.deps.db, h.koppelingId, "404", h.clock.now())).toBeNull();
    expect(await traceSale(h.deps.db, h.koppelingId, "77", h.clock.now())).toBeNull();
    expect((await traceSale(h.deps.db, otherId, "77", h.clock.now()))?.state).toBe("transferred");
    expect(await traceSale(h.deps.db, otherId, "1", h.clock.now())).toBeNull();
  });
});
