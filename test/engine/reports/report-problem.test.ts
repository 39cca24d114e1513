import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, koppelingConfigs, problemReports } from "../../../db/schema.js";
import { updateConfig } from "../../../engine/config/update-config.js";
import { createKoppeling } from "../../../engine/koppelingen/koppeling-repository.js";
import { reportProblem } from "../../../engine/reports/report-problem.js";
import { retrySales } from "../../../engine/retry/retry-sales.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "discord", workspace: "G1", channel: "C1", user: "U7" };
const LICENSE_KEY = "KB-7F3A-9C21-04DE";
const MINUTE = 60_000;
const ninePercent = { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] }; // € 21,80

/** A koppeling with a known license key on the harness' shop and books: 9% unmapped, one ICP sale without a VAT number. */
async function startReporting(h: EngineHarness): Promise<string> {
  const id = await createKoppeling(h.deps.db, h.deps.cipher, {
    name: "Demo Webwinkel",
    licenseKey: LICENSE_KEY,
    installedAt: h.installedAt,
    sales: { system: "woocommerce", baseUrl: h.shop.url, credentials: { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" } },
    accounting: { system: "moneybird", baseUrl: h.books.baseUrl, credentials: { token: h.books.token } },
    config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21, "0": seedIds.vatIcp } },
  });
  h.addOrders(3, { ...ninePercent, billing: { firstName: "Jan", lastName: "de Vries", email: "jan.devries@example.nl", country: "NL" } }); // 1-3
  h.addOrders(1, { items: [{ name: "Plaid", price: "100.00", vatRate: 0 }], billing: { company: "Schmidt GmbH", email: "b2b@example.de", country: "DE" }, vatNumber: "DE1234" }); // 4
  await runSync(h.deps, id);
  return id;
}

async function reportsOf(h: EngineHarness, koppelingId: string) {
  return h.deps.db.select().from(problemReports).where(eq(problemReports.koppelingId, koppelingId));
}

describe(`Meld Probleem: reporting a problem on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("files one report with everything support needs: settings, the sale, the error text and what was tried", async () => {
    h = await startEngineHarness();
    const id = await startReporting(h);
    h.clock.advance(MINUTE);
    await updateConfig(h.deps, id, { kind: "tickStatus", status: "on-hold" }, merchant);
    h.clock.advance(MINUTE);
    // Refused: ticking a status changes nothing about the unmapped 9% rate, so a retry cannot help.
    expect((await retrySales(h.deps, id, { kind: "sale", number: "2" }, merchant)).outcomes).toEqual([]);
    h.clock.advance(MINUTE);

    const result = await reportProblem(h.deps, id, { kind: "sale", number: "2" }, merchant, "Ik heb al een status aangevinkt");

    expect(result.kind).toBe("created");
    if (result.kind !== "created") return;
    const { report } = result;
    expect(report).toMatchObject({ fingerprint: "VAT_CODE_MISSING|rateBp=900|reason=unmapped", errorCode: "VAT_CODE_MISSING", status: "open", occurrences: 1 });
    const [settings] = await h.deps.db.select({ settings: koppelingConfigs.settings }).from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, id));
    expect(report.bundle).toMatchObject({
      koppeling: { name: "Demo Webwinkel", licenseKeyHint: "…04DE", salesSystem: "woocommerce", accountingSystem: "moneybird", installedAt: h.installedAt.toISOString() },
      configuration: settings!.settings,
      cause: { code: "VAT_CODE_MISSING", affectedSales: 3, affectedCents: 3 * 2180 },
      representativeSale: {
        number: "2",
        shopStatus: "processing",
        totalCents: 2180,
        taxCents: 180,
        customer: { country: "NL", company: null, vatNumber: null, hasEmail: true },
        lines: [{ kind: "product", description: "Kookboek", quantity: "1", totalExclCents: 2000, taxCents: 180, vatRateBp: 900 }],
        errorMessage: "VAT rate is not mapped",
      },
      note: "Ik heb al een status aangevinkt",
    });
    expect(report.bundle.connections.map((c) => [c.side, c.system, c.state]).sort()).toEqual([["accounting", "moneybird", "green"], ["sales", "woocommerce", "green"]]);
    expect(report.bundle.alreadyTried.map((t) => `${t.what} → ${t.outcome ?? ""}`)).toEqual([
      "transfer (sync) → rejected: VAT_CODE_MISSING",
      "config.tickStatus → ",
    ]);

    const rows = await reportsOf(h, id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reference: report.reference, reportedBy: "discord:G1/C1/U7", occurrences: 1, createdAt: h.clock.now() });
    expect(report.reference).toBe(`R-${rows[0]!.id}`);
    const [audit] = await h.deps.db.select().from(auditLog).where(and(eq(auditLog.koppelingId, id), eq(auditLog.action, "report")));
    expect(audit).toMatchObject({ actor: "discord:G1/C1/U7", after: { reference: report.reference, fingerprint: report.fingerprint } });
  });

  it("never puts a credential, the license key or the customer's e-mail in the bundle", async () => {
    h = await startEngineHarness();
    const id = await startReporting(h);

    const result = await reportProblem(h.deps, id, { kind: "sale", number: "4" }, merchant);

    expect(result.kind).toBe("created");
    const stored = JSON.stringify(await reportsOf(h, id));
    const returned = JSON.stringify(result);
    for (const secret of [LICENSE_KEY, LICENSE_KEY.toLowerCase(), h.books.token, "cs_simulator", "ck_simulator", "b2b@example.de"]) {
      expect(stored).not.toContain(secret);
      expect(returned).not.toContain(secret);
    }
    expect(returned).toContain("…04DE");
    expect(returned).toContain("ICP_VAT_NUMBER_INVALID");
  });

  it("returns the open report for a cause reported before and counts the recurrence", async () => {
    h = await startEngineHarness();
    const id = await startReporting(h);
    const first = await reportProblem(h.deps, id, { kind: "sale", number: "1" }, merchant, "eerste");
    h.clock.advance(MINUTE);

    const second = await reportProblem(h.deps, id, { kind: "sale", number: "3" }, merchant, "weer");

    expect(first.kind).toBe("created");
    expect(second).toMatchObject({ kind: "existing", report: { occurrences: 2, bundle: { representativeSale: { number: "1" } } } });
    if (first.kind !== "created" || second.kind !== "existing") return;
    expect(second.report.reference).toBe(first.report.reference);
    const rows = await reportsOf(h, id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ occurrences: 2, note: "eerste\nweer", updatedAt: h.clock.now() });
  });

  it("creates one report when the same cause is reported twice at the same moment", async () => {
    h = await startEngineHarness();
    const id = await startReporting(h);
    const fingerprint = "VAT_CODE_MISSING|rateBp=900|reason=unmapped";

    const results = await Promise.all([
      reportProblem(h.deps, id, { kind: "cause", fingerprint }, merchant),
      reportProblem(h.secondWorker(), id, { kind: "sale", number: "2" }, merchant),
    ]);

    expect(results.map((r) => r.kind).sort()).toEqual(["created", "existing"]);
    const rows = await reportsOf(h, id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fingerprint, occurrences: 2, status: "open" });
    expect(results.map((r) => ("report" in r ? r.report.reference : null))).toEqual([rows[0]!.reference, rows[0]!.reference]);
  });

  it("files separate reports for separate causes, and a new one once the old report is closed", async () => {
    h = await startEngineHarness();
    const id = await startReporting(h);
    const vat = await reportProblem(h.deps, id, { kind: "sale", number: "1" }, merchant);
    const icp = await reportProblem(h.deps, id, { kind: "sale", number: "4" }, merchant);
    expect([vat.kind, icp.kind]).toEqual(["created", "created"]);

    await h.deps.db.update(problemReports).set({ status: "closed" }).where(eq(problemReports.errorCode, "VAT_CODE_MISSING"));
    const again = await reportProblem(h.deps, id, { kind: "sale", number: "1" }, merchant);

    expect(again.kind).toBe("created");
    expect((await reportsOf(h, id)).map((r) => `${r.errorCode}:${r.status}`).sort()).toEqual([
      "ICP_VAT_NUMBER_INVALID:open",
      "VAT_CODE_MISSING:closed",
      "VAT_CODE_MISSING:open",
    ]);
  });

  it("has nothing to report for an unknown sale, a transferred sale or an unknown cause", async () => {
    h = await startEngineHarness();
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);

    expect(await reportProblem(h.deps, h.koppelingId, { kind: "sale", number: "404" }, merchant)).toEqual({ kind: "nothing_to_report", reason: "no_such_sale" });
    expect(await reportProblem(h.deps, h.koppelingId, { kind: "sale", number: "1" }, merchant)).toEqual({ kind: "nothing_to_report", reason: "sale_not_rejected" });
    expect(await reportProblem(h.deps, h.koppelingId, { kind: "cause", fingerprint: "UNKNOWN" }, merchant)).toEqual({ kind: "nothing_to_report", reason: "no_such_cause" });
    expect(await reportsOf(h, h.koppelingId)).toEqual([]);
  });
});
