import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScenarioError, loadScenario } from "../../../bot/demo/scenario.js";
import { startDemo } from "../../../bot/demo/start-demo.js";
import { createCredentialCipher } from "../../../db/credential-cipher.js";
import type { DatabaseHandle } from "../../../db/open-database.js";
import { checkKoppeling } from "../../../engine/checklist/check-koppeling.js";
import { findKoppelingIdByLicenseKey } from "../../../engine/koppelingen/koppeling-repository.js";
import type { EngineDeps } from "../../../engine/runtime/engine-deps.js";
import { getStatus } from "../../../engine/status/get-status.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { createDemoEngineDeps } from "../../support/chat-harness.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";

describe(`the demo koppeling on ${testDriver}`, () => {
  let database: DatabaseHandle;
  let deps: EngineDeps;
  beforeAll(async () => {
    database = await createTestDatabase();
    deps = createDemoEngineDeps(database.db, "demo-test");
  });
  afterAll(async () => database.close());

  it("has the realistic mistakes of the default scenario, and transferred, open and rejected sales", async () => {
    const demo = await startDemo(deps.db, deps.cipher, loadScenario("default"), new Date());
    try {
      const first = await runSync(deps, demo.koppelingId, "demo");
      expect(first.booking!.retryScheduled).toBe(1); // the one 503 of the first run
      const checklist = await checkKoppeling(deps, demo.koppelingId);
      const item = (key: string) => checklist.items.find((i) => i.key === key)!;
      expect(item("vat_mapping")).toMatchObject({ status: "failing", fixes: [{ kind: "map_vat_rate", rateBp: 900, choices: [{ label: "9% btw" }] }] });
      expect(item("ledgers").status).toBe("failing");
      expect(item("ledgers").facts.problems).toEqual([expect.objectContaining({ role: "shipping", ledgerCode: "1100", reason: "not_revenue" })]);
      expect(item("statuses").status).toBe("failing");
      expect(item("statuses").fixes[0]).toMatchObject({ kind: "tick_status", status: "processing" });
      expect(item("dry_run").facts.rejected).toBeGreaterThan(0);

      const status = await getStatus(deps.db, demo.koppelingId, new Date());
      expect(status.tabs.transferred.count).toBeGreaterThan(0);
      expect(status.tabs.open.count).toBeGreaterThan(0);
      expect(status.tabs.rejected.count).toBeGreaterThan(0);
      expect(status.tabs.beforeInstall.count).toBe(14);
      expect(demo.books.state.externalSalesInvoices).toHaveLength(status.tabs.transferred.count);
    } finally {
      await demo.stop();
    }
  });

  it("replaces the demo koppeling of an earlier start instead of adding a second one", async () => {
    const first = await startDemo(deps.db, deps.cipher, loadScenario("fresh-install"), new Date());
    await first.stop();
    const second = await startDemo(deps.db, deps.cipher, loadScenario("fresh-install"), new Date());
    await second.stop();
    expect(await findKoppelingIdByLicenseKey(deps.db, "KB-DEMO-0001")).toBe(second.koppelingId);
    expect(second.koppelingId).not.toBe(first.koppelingId);
  });

  it("shows a red accounting dot and no booking in the expired-token scenario", async () => {
    const demo = await startDemo(deps.db, deps.cipher, loadScenario("expired-token"), new Date());
    try {
      const summary = await runSync(deps, demo.koppelingId, "demo");
      expect(summary.error?.code).toBe("CONN_ACC_TOKEN_EXPIRED");
      const status = await getStatus(deps.db, demo.koppelingId, new Date());
      expect(status.accounting.state).toBe("red");
      expect(status.tabs.transferred.count).toBe(0);
    } finally {
      await demo.stop();
    }
  });
});

describe("scenario files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kb-scenario-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists every problem of an invalid scenario in one readable error", () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ name: "bad", koppeling: { configuration: { statuses: "completed" } }, shop: { orders: [{ number: "x", daysAgo: 1, items: [] }] } }));
    expect(() => loadScenario(file)).toThrow(ScenarioError);
    expect(() => loadScenario(file)).toThrow(/koppeling\.configuration\.statuses[\s\S]*shop\.orders\.0\.number/);
  });

  it("says when the file is missing or not JSON", () => {
    expect(() => loadScenario(path.join(dir, "missing.json"))).toThrow(/Cannot read the scenario file.*Built-in scenarios: default/);
    const file = path.join(dir, "broken.json");
    writeFileSync(file, "{ not json");
    expect(() => loadScenario(file)).toThrow(/not valid JSON/);
  });

  it("refuses a configuration naming a VAT code the demo Moneybird does not have", async () => {
    const file = path.join(dir, "unknown-code.json");
    writeFileSync(file, JSON.stringify({ name: "x", koppeling: { configuration: { vatMapping: { "21": "BTW hoog" } } }, shop: {} }));
    const database = await createTestDatabase();
    try {
      await expect(startDemo(database.db, createCredentialCipher(randomBytes(32)), loadScenario(file), new Date())).rejects.toThrow(/"BTW hoog"/);
    } finally {
      await database.close();
    }
  });
});
