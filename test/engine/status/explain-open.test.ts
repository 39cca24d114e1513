import { afterEach, describe, expect, it } from "vitest";
import { updateConfig } from "../../../engine/config/update-config.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { explainOpen } from "../../../engine/status/explain-open.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "terminal", user: "merchant" };
const DAY = 86_400_000;

describe(`explaining the Open tab on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("groups Open sales per shop status, unticked, with count, amount and newest examples", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), statuses: ["completed"] } });
    h.addOrders(5, { status: "processing" }); // 1-5
    h.addOrders(2, { status: "on-hold", items: [{ name: "Plaid", price: "50.00" }] }); // 6-7
    h.addOrders(1, { status: "completed" }); // 8: transferred, not Open
    await runSync(h.deps, h.koppelingId);

    const open = await explainOpen(h.deps.db, h.koppelingId, h.clock.now());

    expect(open.total).toBe(7);
    expect(open.cents).toBe(5 * 1210 + 2 * 6050);
    expect(open.tickedStatuses).toEqual(["completed"]);
    expect(open.groups).toEqual([
      expect.objectContaining({ status: "processing", ticked: false, count: 5, cents: 5 * 1210, examples: ["5", "4", "3"] }),
      expect.objectContaining({ status: "on-hold", ticked: false, count: 2, cents: 2 * 6050, examples: ["7", "6"] }),
    ]);
  });

  it("tells the days left before the 21-day limit and how many sales are close to it", async () => {
    h = await startEngineHarness();
    h.addOrders(2, { status: "on-hold" }); // created just after the install moment, 14 days ago
    h.shop.createOrder({ id: 50, status: "pending", createdAt: new Date(h.clock.now().getTime() - 2 * DAY), items: [{ name: "Kaars", price: "10.00" }] });
    await runSync(h.deps, h.koppelingId);
    const start = h.clock.now();

    let open = await explainOpen(h.deps.db, h.koppelingId, start);
    const onHold = () => open.groups.find((g) => g.status === "on-hold")!;
    const pending = () => open.groups.find((g) => g.status === "pending")!;
    expect(onHold()).toMatchObject({ daysLeftForOldest: 8, nearLimit: 0, oldestAt: new Date(h.installedAt.getTime() + 60_000) });
    expect(pending()).toMatchObject({ daysLeftForOldest: 19, nearLimit: 0 });

    open = await explainOpen(h.deps.db, h.koppelingId, new Date(start.getTime() + 3 * DAY));
    expect(onHold()).toMatchObject({ daysLeftForOldest: 5, nearLimit: 2 });
    expect(pending()).toMatchObject({ daysLeftForOldest: 16, nearLimit: 0 });

    open = await explainOpen(h.deps.db, h.koppelingId, new Date(start.getTime() + 7.5 * DAY));
    expect(onHold()).toMatchObject({ daysLeftForOldest: 0, nearLimit: 2 });
  });

  it("marks a status ticked after the last run, and the next run takes its sales out of Open", async () => {
    h = await startEngineHarness();
    h.addOrders(3, { status: "on-hold" });
    h.addOrders(1, { status: "pending" });
    await runSync(h.deps, h.koppelingId);
    await updateConfig(h.deps, h.koppelingId, { kind: "tickStatus", status: "on-hold" }, merchant);

    let open = await explainOpen(h.deps.db, h.koppelingId, h.clock.now());
    expect(open.tickedStatuses).toEqual(["processing", "completed", "on-hold"]);
    expect(open.groups.map((g) => [g.status, g.ticked, g.count])).toEqual([
      ["on-hold", true, 3],
      ["pending", false, 1],
    ]);

    await runSync(h.deps, h.koppelingId);
    open = await explainOpen(h.deps.db, h.koppelingId, h.clock.now());
    expect(open.groups.map((g) => g.status)).toEqual(["pending"]);
    expect(h.books.state.externalSalesInvoices.map((i) => String(i.reference)).sort()).toEqual(["1", "2", "3"]);
  });

  it("is empty when nothing is in Open, and leaves out expired sales", async () => {
    h = await startEngineHarness();
    h.addOrders(2);
    h.addOrders(1, { status: "on-hold" });
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(8 * DAY);
    await runSync(h.deps, h.koppelingId);

    expect(await explainOpen(h.deps.db, h.koppelingId, h.clock.now())).toEqual({
      total: 0,
      cents: 0,
      tickedStatuses: ["processing", "completed"],
      groups: [],
    });
  });
});
