/**
 * Property 7 of issue #10: no secrets at rest or in logs. After the flows that touch credentials and
 * license keys (linking by key and typos of it, syncs with vendor failures, a configuration change,
 * retries, problem reports with their bundles, support's view of them), a dump of every table, everything
 * the engine and the core logged and every problem-report bundle hold no API token, consumer key or
 * secret, and no license key in plain text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeReportForSupport } from "../../conversations/flows/support-flow.js";
import { renderPlainText } from "../../conversations/replies/reply.js";
import { problemReports } from "../../db/schema.js";
import { runSync } from "../../engine/sync/run-sync.js";
import { printChaosCounts } from "../support/chaos-counts.js";
import { type TwoMerchants, demoLicenseKey, startTwoMerchants, zwartwit } from "../support/chaos-merchants.js";
import { dumpDatabase, findSecrets } from "../support/chaos-secrets.js";
import { testDriver } from "../support/test-database.js";

describe(`no secrets at rest or in logs, on ${testDriver}`, () => {
  let m: TwoMerchants;
  beforeAll(async () => {
    m = await startTwoMerchants();
  }, 120_000);
  afterAll(async () => m?.close());

  it("finds no credential or license key in the database, the logs or the report bundles", { timeout: 120_000 }, async () => {
    const { demo, zwartwit: zw } = m.places;
    // Flows that see keys and credentials: typos, failures that quote the request, retries, reports.
    await m.say(demo, "U-OTHER", `link ${zwartwit.licenseKey.slice(0, -1)}X`);
    await m.command({ platform: "discord", id: "G9/C9", workspace: "G9" }, "U-9", `link ${zwartwit.licenseKey.toLowerCase()}`);
    m.zwartwit.books.injectFault({ fault: { kind: "status", status: 401, body: JSON.stringify({ error: `token ${zwartwit.token} is invalid` }) }, times: 3 });
    m.zwartwit.shop.injectFault({ fault: { kind: "status", status: 401, body: JSON.stringify({ code: "woocommerce_rest_authentication_error", message: `Consumer key ${zwartwit.consumerKey} is invalid.` }) }, times: 3 });
    m.zwartwit.shop.createOrder({ id: 7100, status: "processing", items: [{ name: "Vaas", price: "12.00", vatRate: 21 }], billing: { firstName: "Q", lastName: "B", email: zwartwit.email, country: "NL" } });
    await runSync(m.deps, m.zwartwit.koppelingId, "chaos");
    await runSync(m.deps, m.demo.koppelingId, "chaos");
    for (const [where, user, text] of [
      [zw, "U-ZW", "hoe staat het ervoor?"],
      [zw, "U-ZW", "zet verzendkosten op 8050"],
      [zw, "U-ZW", "ja"],
      [zw, "U-ZW", "meld een probleem"],
      [zw, "U-ZW", "1"],
      [zw, "U-ZW", "ja"],
      [demo, "U-DEMO", "meld een probleem"],
      [demo, "U-DEMO", "1"],
      [demo, "U-DEMO", "ja"],
      [demo, "U-DEMO", `mijn sleutel is ${demoLicenseKey}, klopt dat?`],
      [demo, "U-DEMO", "staat mijn koppeling goed ingesteld?"],
    ] as const) {
      await m.say(where, user, text);
    }
    const reports = await m.deps.db.select().from(problemReports);
    expect(reports.length).toBeGreaterThan(0);

    const secrets = [
      demoLicenseKey,
      zwartwit.licenseKey,
      zwartwit.token,
      zwartwit.consumerKey,
      zwartwit.consumerSecret,
      `${zwartwit.consumerKey}:${zwartwit.consumerSecret}`,
      m.demo.books.token,
      "ck_simulator",
      "cs_simulator",
      "ck_simulator:cs_simulator",
    ];
    const dump = await dumpDatabase(m.deps.db);
    const bundles = reports.map((r) => ({ where: `bundle ${r.reference}`, text: `${JSON.stringify(r.bundle)}\n${renderPlainText(describeReportForSupport({ ...r, bundle: r.bundle as never }, "nl"))}` }));
    const findings = findSecrets(
      [...dump.map((t) => ({ where: `table ${t.table}`, text: t.json })), { where: "logs", text: m.log.lines.join("\n") }, ...bundles],
      secrets,
    );
    expect(findings).toEqual([]);
    printChaosCounts(`no secrets at rest or in logs (${testDriver})`, {
      tables: dump.length,
      rows: dump.reduce((n, t) => n + t.rows, 0),
      logLines: m.log.lines.length,
      bundles: bundles.length,
      secretsLookedFor: secrets.length,
      found: findings.length,
    });
  });
});
