import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, sales } from "../../../db/schema.js";
import { listErrorGroups } from "../../../engine/errors/list-error-groups.js";
import { ignoreSales } from "../../../engine/retry/ignore-sales.js";
import { retrySales } from "../../../engine/retry/retry-sales.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "slack", workspace: "T1", channel: "C1", user: "U1" };

async function saleRow(h: EngineHarness, number: string) {
  const [row] = await h.deps.db.select().from(sales).where(and(eq(sales.koppelingId, h.koppelingId), eq(sales.number, number)));
  return row!;
}

async function ignoreAudits(h: EngineHarness) {
  return h.deps.db.select().from(auditLog).where(and(eq(auditLog.koppelingId, h.koppelingId), eq(auditLog.action, "ignore")));
}

describe(`Negeer: ignoring sales on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("takes a rejected sale out of Fouten for good, audited", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } } });
    h.addOrders(2, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] });
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(60_000);

    const result = await ignoreSales(h.deps, h.koppelingId, { kind: "sales", numbers: ["#1"] }, merchant);

    expect(result).toEqual({ ignored: ["1"], notIgnorable: [], unknown: [] });
    expect(await saleRow(h, "1")).toMatchObject({ state: "ignored", stateChangedAt: h.clock.now(), nextRetryAt: null });
    expect((await saleRow(h, "2")).state).toBe("rejected");
    expect(await ignoreAudits(h)).toEqual([
      expect.objectContaining({ actor: "slack:T1/C1/U1", before: { sales: [{ number: "1", state: "rejected" }] }, after: { state: "ignored" }, at: h.clock.now() }),
    ]);
    expect((await listErrorGroups(h.deps.db, h.koppelingId))[0]).toMatchObject({ count: 1, representative: { number: "2" } });
    const retry = await retrySales(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant);
    expect(retry.plan).toEqual({ kind: "nothing", reason: "sale_not_rejected", state: "ignored" });
  });

  it("ignores every sale of one cause", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } } });
    h.addOrders(3, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] });
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);

    const result = await ignoreSales(h.deps, h.koppelingId, { kind: "cause", fingerprint: "VAT_CODE_MISSING|rateBp=900|reason=unmapped" }, merchant);

    expect(result.ignored.sort()).toEqual(["1", "2", "3"]);
    expect(await listErrorGroups(h.deps.db, h.koppelingId)).toEqual([]);
    expect((await saleRow(h, "4")).state).toBe("transferred");
  });

  it("never ignores a transferred sale and names unknown numbers", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);
    const before = await saleRow(h, "1");

    const result = await ignoreSales(h.deps, h.koppelingId, { kind: "sales", numbers: ["1", "404"] }, merchant);

    expect(result).toEqual({ ignored: [], notIgnorable: [{ number: "1", state: "transferred" }], unknown: ["404"] });
    expect(await saleRow(h, "1")).toEqual(before);
    expect(await ignoreAudits(h)).toEqual([]);
  });

  it("keeps an ignored Open sale out of accounting when its status is later ticked in the shop", async () => {
    h = await startEngineHarness();
    h.addOrders(2, { status: "on-hold" });
    await runSync(h.deps, h.koppelingId);

    await ignoreSales(h.deps, h.koppelingId, { kind: "sales", numbers: ["1"] }, merchant);
    h.clock.advance(60_000);
    h.shop.setOrderStatus(1, "completed");
    h.shop.setOrderStatus(2, "completed");
    await runSync(h.deps, h.koppelingId);

    expect((await saleRow(h, "1")).state).toBe("ignored");
    expect((await saleRow(h, "2")).state).toBe("transferred");
    expect(h.books.state.externalSalesInvoices.map((i) => String(i.reference))).toEqual(["2"]);
  });

  it("ignores a sale waiting for an automatic retry, so it is not booked later", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    h.books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "status", status: 503, body: "Service Unavailable" }, times: 1 });
    await runSync(h.deps, h.koppelingId);
    expect((await saleRow(h, "1")).state).toBe("queued");

    expect((await ignoreSales(h.deps, h.koppelingId, { kind: "sales", numbers: ["1"] }, merchant)).ignored).toEqual(["1"]);
    h.clock.advance(2 * 60_000);
    await runSync(h.deps, h.koppelingId);

    expect(await saleRow(h, "1")).toMatchObject({ state: "ignored", nextRetryAt: null });
    expect(h.books.state.externalSalesInvoices).toHaveLength(0);
  });

  it("ignores nothing of another koppeling", async () => {
    h = await startEngineHarness();
    h.addOrders(1, { status: "on-hold" });
    await runSync(h.deps, h.koppelingId);
    const other = "00000000-0000-4000-8000-000000000000";

    expect(await ignoreSales(h.deps, other, { kind: "sales", numbers: ["1"] }, merchant)).toEqual({ ignored: [], notIgnorable: [], unknown: ["1"] });
    expect((await saleRow(h, "1")).state).toBe("open");
  });
});
