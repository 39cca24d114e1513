import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { connections, koppelingConfigs } from "../../../db/schema.js";
import { type ChecklistResult, checkKoppeling } from "../../../engine/checklist/check-koppeling.js";
import type { ChecklistItem, ChecklistKey } from "../../../engine/checklist/checklist-item.js";
import { updateConfig } from "../../../engine/config/update-config.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "terminal", user: "merchant" };

function item(result: ChecklistResult, key: ChecklistKey): ChecklistItem {
  const found = result.items.find((i) => i.key === key);
  if (!found) throw new Error(`no checklist item ${key}`);
  return found;
}

async function dotOf(h: EngineHarness, side: "sales" | "accounting") {
  const [row] = await h.deps.db.select().from(connections).where(and(eq(connections.koppelingId, h.koppelingId), eq(connections.side, side)));
  return row!;
}

/** The shop of CONVERSATIONS.md §1: 9% unmapped, shipping on 1100 "Bank", "processing" not ticked. */
async function startMisconfiguredShop(): Promise<EngineHarness> {
  const h = await startEngineHarness({
    config: {
      ...correctConfig(),
      statuses: ["completed"],
      vatMapping: { "2100": seedIds.vat21, "0": seedIds.vatIcp },
      ledgers: { revenue: seedIds.revenueHigh, shipping: seedIds.bank, paymentCosts: null, discount: null },
    },
  });
  h.addOrders(3, { status: "completed", items: [{ name: "Kookboek", price: "10.00", vatRate: 9 }] }); // 1-3: € 10,90
  h.addOrders(2, { status: "completed", shipping: { total: "4.95", vatRate: 21 } }); // 4-5: € 18,09
  h.addOrders(4, { status: "completed" }); // 6-9: € 12,10
  h.addOrders(6, { status: "processing" }); // 10-15: € 12,10, Open
  h.addOrders(1, { status: "pending" }); // 16: Open, but never paid
  await runSync(h.deps, h.koppelingId);
  return h;
}

describe(`the configuration checklist on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("walks every item in order and finds nothing wrong in a correct koppeling", async () => {
    h = await startEngineHarness();
    h.addOrders(3);
    await runSync(h.deps, h.koppelingId);

    const result = await checkKoppeling(h.deps, h.koppelingId);

    expect(result).toMatchObject({ koppelingId: h.koppelingId, name: "Test Webwinkel", salesSystem: "woocommerce", accountingSystem: "moneybird" });
    expect(result.items.map((i) => i.key)).toEqual([
      "sales_connection", "accounting_connection", "contract", "statuses", "vat_mapping", "ledgers",
      "required_fields", "saved", "recent_sales", "last_sync", "dry_run",
    ]);
    expect(result.items.filter((i) => i.status !== "ok")).toEqual([]);
    expect(item(result, "accounting_connection").facts).toEqual({ administration: "Demo Webwinkel B.V." });
    expect(item(result, "dry_run").facts).toMatchObject({ tried: 3, accepted: 3, rejected: 0 });
  });

  it("names the unmapped 9% rate, its rejected sales and amount, and offers Moneybird's real 9% sales code", async () => {
    h = await startMisconfiguredShop();
    const vat = item(await checkKoppeling(h.deps, h.koppelingId), "vat_mapping");

    expect(vat.status).toBe("failing");
    expect(vat.facts.problems).toEqual([
      { rateBp: 900, reason: "unmapped", saleCount: 3, mappedCode: null, rejectedSales: 3, rejectedCents: 3 * 1090 },
    ]);
    // Only the active 9% sales code; not the 9% purchase code with the same name.
    expect(vat.fixes).toEqual([{ kind: "map_vat_rate", rateBp: 900, choices: [{ id: seedIds.vat9, label: "9% btw" }] }]);
  });

  it("says a mapped VAT code is a purchase code rather than inactive, and offers the sales code", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21Purchase } } });
    h.addOrders(2);
    await runSync(h.deps, h.koppelingId);

    const vat = item(await checkKoppeling(h.deps, h.koppelingId), "vat_mapping");

    expect(vat.facts.problems).toEqual([
      { rateBp: 2100, reason: "not_for_sales", saleCount: 2, mappedCode: "21% btw", rejectedSales: 2, rejectedCents: 2 * 1210 },
    ]);
    expect(vat.fixes).toEqual([{ kind: "map_vat_rate", rateBp: 2100, choices: [{ id: seedIds.vat21, label: "21% btw" }] }]);
  });

  it("points out that shipping goes to balance account 1100 Bank and offers revenue ledgers only", async () => {
    h = await startMisconfiguredShop();
    const ledgers = item(await checkKoppeling(h.deps, h.koppelingId), "ledgers");

    expect(ledgers.status).toBe("failing");
    expect(ledgers.facts.problems).toEqual([
      { role: "shipping", reason: "not_revenue", ledgerCode: "1100", ledgerName: "Bank", ledgerType: "balance", salesWithLines: 2 },
    ]);
    expect(ledgers.fixes).toEqual([
      {
        kind: "set_ledger",
        role: "shipping",
        choices: [
          { id: seedIds.revenueHigh, label: "8000 Omzet hoog" },
          { id: seedIds.revenueLow, label: "8010 Omzet laag" },
          { id: seedIds.shipping, label: "8050 Verzendkosten" },
        ],
      },
    ]);
  });

  it("fails the statuses item when many Open sales have the unticked status processing", async () => {
    h = await startMisconfiguredShop();
    const statuses = item(await checkKoppeling(h.deps, h.koppelingId), "statuses");

    expect(statuses.status).toBe("failing");
    expect(statuses.facts).toMatchObject({ ticked: ["completed"], unknownTicked: [], tickedNotOccurring: [] });
    expect(statuses.facts.untickedOccurring).toEqual([
      { status: "processing", openSales: 6, openCents: 6 * 1210 },
      { status: "pending", openSales: 1, openCents: 1210 },
    ]);
    // "pending" is never paid: it is not offered for ticking.
    expect(statuses.fixes).toEqual([{ kind: "tick_status", status: "processing", saleCount: 6 }]);
  });

  it("dry-runs the latest sales and counts what would be accepted and what rejected, by cause", async () => {
    h = await startMisconfiguredShop();
    const dry = item(await checkKoppeling(h.deps, h.koppelingId), "dry_run");

    expect(dry.status).toBe("failing");
    expect(dry.facts).toMatchObject({ tried: 16, accepted: 11, rejected: 5 });
    expect(dry.facts.causes).toEqual([
      { code: "VAT_CODE_MISSING", facts: { rateBp: 900, reason: "unmapped" }, count: 3, examples: ["3", "2", "1"] },
      expect.objectContaining({ code: "LEDGER_WRONG_TYPE", count: 2, examples: ["5", "4"] }),
    ]);

    const small = item(await checkKoppeling(h.deps, h.koppelingId, { dryRunSize: 4 }), "dry_run");
    expect(small.facts).toMatchObject({ tried: 4, accepted: 4, rejected: 0 }); // 13-16 are fine
  });

  it("turns green item by item once the fixes it offered are applied", async () => {
    h = await startMisconfiguredShop();
    await updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant);
    await updateConfig(h.deps, h.koppelingId, { kind: "setLedger", role: "shipping", ledger: "8050" }, merchant);
    await updateConfig(h.deps, h.koppelingId, { kind: "tickStatus", status: "processing" }, merchant);

    const result = await checkKoppeling(h.deps, h.koppelingId);

    for (const key of ["statuses", "vat_mapping", "ledgers"] as const) expect(item(result, key)).toMatchObject({ status: "ok", fixes: [] });
    expect(item(result, "dry_run").facts).toMatchObject({ tried: 16, accepted: 16, rejected: 0 });
  });

  it("shows a red dot with a reconnect fix when the Moneybird token is revoked, and skips what needs Moneybird", async () => {
    h = await startEngineHarness();
    h.addOrders(2);
    await runSync(h.deps, h.koppelingId);
    h.books.revokeToken();

    const result = await checkKoppeling(h.deps, h.koppelingId);

    expect(item(result, "sales_connection").status).toBe("ok");
    expect(item(result, "accounting_connection")).toMatchObject({
      status: "failing",
      facts: { code: "CONN_ACC_TOKEN_EXPIRED" },
      fixes: [{ kind: "reconnect", side: "accounting", code: "CONN_ACC_TOKEN_EXPIRED" }],
    });
    for (const key of ["vat_mapping", "ledgers", "dry_run"] as const) {
      expect(item(result, key)).toMatchObject({ status: "skipped", facts: { reason: "accounting_unreachable" } });
    }
    expect(await dotOf(h, "accounting")).toMatchObject({ state: "red", lastErrorCode: "CONN_ACC_TOKEN_EXPIRED", lastCheckedAt: h.clock.now() });
    expect((await dotOf(h, "sales")).state).toBe("green");
  });

  it("shows the shop's dot red when its key is revoked", async () => {
    h = await startEngineHarness();
    h.shop.revokeCredentials();

    const result = await checkKoppeling(h.deps, h.koppelingId);

    expect(item(result, "sales_connection")).toMatchObject({ status: "failing", fixes: [{ kind: "reconnect", side: "sales", code: "CONN_SHOP_AUTH" }] });
    expect(await dotOf(h, "sales")).toMatchObject({ state: "red", lastErrorCode: "CONN_SHOP_AUTH" });
  });

  it("offers the administrations to choose from when none is chosen, instead of a reconnect", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), administrationId: null } });

    const accounting = item(await checkKoppeling(h.deps, h.koppelingId), "accounting_connection");

    expect(accounting).toMatchObject({ status: "failing", facts: { administrationId: null, reason: "no_administration" } });
    expect(accounting.fixes).toEqual([{ kind: "choose_administration", choices: [{ id: seedIds.administration, label: "Demo Webwinkel B.V." }] }]);
  });

  it("warns before the first sync and sale, and fails when the configuration was never saved", async () => {
    h = await startEngineHarness();
    await h.deps.db.update(koppelingConfigs).set({ savedAt: null }).where(eq(koppelingConfigs.koppelingId, h.koppelingId));

    const result = await checkKoppeling(h.deps, h.koppelingId);

    expect(item(result, "saved")).toMatchObject({ status: "failing", fixes: [{ kind: "save_config" }] });
    expect(item(result, "recent_sales")).toMatchObject({ status: "warning", facts: { afterInstall: 0, beforeInstall: 0 } });
    expect(item(result, "last_sync")).toMatchObject({ status: "warning", facts: { reason: "never_ran" } });
    expect(item(result, "dry_run")).toMatchObject({ status: "skipped", facts: { reason: "no_sales" } });
  });

  it("warns when the last sync is more than two intervals ago", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(3 * 3_600_000);

    const lastSync = item(await checkKoppeling(h.deps, h.koppelingId), "last_sync");

    expect(lastSync).toMatchObject({ status: "warning", facts: { status: "succeeded", late: true, cadence: "hourly" } });
  });
});
