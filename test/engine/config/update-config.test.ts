import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../../db/open-database.js";
import { auditLog, koppelingConfigs } from "../../../db/schema.js";
import { parseKoppelingConfig } from "../../../engine/config/koppeling-config.js";
import { type ConfigChange, type ConfigRefusal, updateConfig } from "../../../engine/config/update-config.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "slack", workspace: "T1", channel: "C9", user: "U3" };

/** The stored configuration row exactly as Postgres holds it. */
async function storedConfig(h: EngineHarness): Promise<{ settings: string; version: number; updated_at: string; saved_at: string | null }> {
  const result = await h.deps.db.execute(
    sql`select settings::text as settings, version, updated_at::text as updated_at, saved_at::text as saved_at from koppeling_configs where koppeling_id = ${h.koppelingId}`,
  );
  return rowsOf<{ settings: string; version: number; updated_at: string; saved_at: string | null }>(result)[0]!;
}

async function configAudits(h: EngineHarness) {
  return h.deps.db.select().from(auditLog).where(and(eq(auditLog.koppelingId, h.koppelingId), sql`${auditLog.action} like 'config.%'`));
}

async function settings(h: EngineHarness) {
  const [row] = await h.deps.db.select().from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, h.koppelingId));
  return parseKoppelingConfig(row!.settings);
}

describe(`changing the configuration on ${testDriver}`, () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await startEngineHarness({
      config: {
        ...correctConfig(),
        statuses: ["completed"],
        vatMapping: { "2100": seedIds.vat21 },
        ledgers: { revenue: seedIds.revenueHigh, shipping: seedIds.bank, paymentCosts: null, discount: null },
      },
    });
  });
  afterEach(async () => h?.close());

  it("maps a VAT rate to a real sales code, bumps the version and audits before, after and who", async () => {
    h.clock.advance(60_000);
    const result = await updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant);

    expect(result).toMatchObject({ kind: "updated", version: 2 });
    expect(result.kind === "updated" && result.after.vatMapping).toEqual({ "2100": seedIds.vat21, "900": seedIds.vat9 });
    expect((await settings(h)).vatMapping).toEqual({ "2100": seedIds.vat21, "900": seedIds.vat9 });
    expect(await storedConfig(h)).toMatchObject({ version: 2 });
    const audits = await configAudits(h);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "config.mapVatRate", actor: "slack:T1/C9/U3", at: h.clock.now() });
    expect((audits[0]!.before as { vatMapping: object }).vatMapping).toEqual({ "2100": seedIds.vat21 });
    expect((audits[0]!.after as { vatMapping: object }).vatMapping).toEqual({ "2100": seedIds.vat21, "900": seedIds.vat9 });
  });

  it("sets a ledger by the number the accountant uses", async () => {
    const result = await updateConfig(h.deps, h.koppelingId, { kind: "setLedger", role: "shipping", ledger: " 8050 " }, merchant);

    expect(result).toMatchObject({ kind: "updated", version: 2 });
    expect((await settings(h)).ledgers.shipping).toBe(seedIds.shipping);
    expect((await configAudits(h)).map((a) => a.action)).toEqual(["config.setLedger"]);
  });

  it("ticks a status by its name as the shop shows it, and unticks it again", async () => {
    await updateConfig(h.deps, h.koppelingId, { kind: "tickStatus", status: "Processing" }, merchant);
    expect((await settings(h)).statuses).toEqual(["completed", "processing"]);

    await updateConfig(h.deps, h.koppelingId, { kind: "untickStatus", status: "completed" }, merchant);
    expect((await settings(h)).statuses).toEqual(["processing"]);
    expect(await storedConfig(h)).toMatchObject({ version: 3 });
  });

  it("changes nothing and writes no audit row when the change is already in place", async () => {
    const before = await storedConfig(h);

    const result = await updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 2100, vatCodeId: seedIds.vat21 }, merchant);

    expect(result.kind).toBe("unchanged");
    expect(await storedConfig(h)).toEqual(before);
    expect(await configAudits(h)).toEqual([]);
  });

  it("marks the configuration saved", async () => {
    h.clock.advance(60_000);
    const result = await updateConfig(h.deps, h.koppelingId, { kind: "save" }, merchant);

    expect(result).toMatchObject({ kind: "updated", version: 2 });
    const [row] = await h.deps.db.select().from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, h.koppelingId));
    expect(row!.savedAt).toEqual(h.clock.now());
  });

  const refusals: Array<[string, ConfigChange, ConfigRefusal]> = [
    ["a VAT code that does not exist", { kind: "mapVatRate", rateBp: 900, vatCodeId: "484113000000000999" }, { reason: "vat_code_unknown", vatCodeId: "484113000000000999" }],
    [
      "a purchase VAT code",
      { kind: "mapVatRate", rateBp: 2100, vatCodeId: seedIds.vat21Purchase },
      { reason: "vat_code_unusable", vatCodeId: seedIds.vat21Purchase, name: "21% btw", detail: "not_for_sales" },
    ],
    ["an inactive VAT code", { kind: "mapVatRate", rateBp: 600, vatCodeId: seedIds.vatOld6 }, { reason: "vat_code_unusable", vatCodeId: seedIds.vatOld6, name: "6% btw (oud)", detail: "inactive" }],
    [
      "a VAT code with another percentage",
      { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat21 },
      { reason: "vat_percentage_differs", vatCodeId: seedIds.vat21, name: "21% btw", rateBp: 900, codePercentageBp: 2100 },
    ],
    ["a balance account as a revenue ledger", { kind: "setLedger", role: "shipping", ledger: "1100" }, { reason: "ledger_not_revenue", ledgerCode: "1100", name: "Bank", type: "balance" }],
    ["an expense account as a revenue ledger", { kind: "setLedger", role: "revenue", ledger: seedIds.expenses }, { reason: "ledger_not_revenue", ledgerCode: "4000", name: "Algemene kosten", type: "expenses" }],
    ["a ledger that does not exist", { kind: "setLedger", role: "revenue", ledger: "8999" }, { reason: "ledger_unknown", ledger: "8999" }],
    [
      "a status the shop does not have",
      { kind: "tickStatus", status: "shipped" },
      { reason: "status_unknown", status: "shipped", known: ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"] },
    ],
    ["an administration the token cannot see", { kind: "setAdministration", administrationId: "123" }, { reason: "administration_unknown", administrationId: "123" }],
  ];

  it.each(refusals)("refuses %s and leaves the stored configuration byte for byte unchanged", async (_name, change, refusal) => {
    const before = await storedConfig(h);
    h.clock.advance(60_000);

    const result = await updateConfig(h.deps, h.koppelingId, change, merchant);

    expect(result).toEqual({ kind: "refused", refusal });
    expect(await storedConfig(h)).toEqual(before);
    expect(await configAudits(h)).toEqual([]);
  });

  it("refuses a change it cannot check because Moneybird does not answer", async () => {
    const before = await storedConfig(h);
    h.books.revokeToken();

    const result = await updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant);

    expect(result).toEqual({ kind: "refused", refusal: { reason: "system_unreachable", side: "accounting", code: "CONN_ACC_TOKEN_EXPIRED" } });
    expect(await storedConfig(h)).toEqual(before);
    expect(await configAudits(h)).toEqual([]);
  });

  it("loses no change when two are made at the same time", async () => {
    const results = await Promise.all([
      updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant),
      updateConfig(h.secondWorker(), h.koppelingId, { kind: "setLedger", role: "shipping", ledger: "8050" }, merchant),
      updateConfig(h.deps, h.koppelingId, { kind: "tickStatus", status: "processing" }, merchant),
    ]);

    expect(results.map((r) => r.kind)).toEqual(["updated", "updated", "updated"]);
    const stored = await settings(h);
    expect(stored.vatMapping).toEqual({ "2100": seedIds.vat21, "900": seedIds.vat9 });
    expect(stored.ledgers.shipping).toBe(seedIds.shipping);
    expect(stored.statuses).toEqual(["completed", "processing"]);
    expect(await storedConfig(h)).toMatchObject({ version: 4 });
    expect((await configAudits(h)).map((a) => a.action).sort()).toEqual(["config.mapVatRate", "config.setLedger", "config.tickStatus"]);
  });
});
