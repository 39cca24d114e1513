/**
 * Property 8 of issue #10: bad configuration input. Every configuration change through the bot with an
 * invalid value (a VAT code that does not exist, is inactive, is for purchases or has another percentage;
 * a ledger that does not exist, is inactive or is not revenue; a status the shop does not have; an unknown
 * administration) is refused with a clear message and leaves the stored configuration and its version as
 * they were. Changes come as the buttons the bot offers: by text where the bot proposes them, otherwise
 * as a stored pending action whose value became invalid (deleted in accounting after it was offered).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPendingAction } from "../../conversations/state/pending-actions.js";
import { auditLog, koppelingConfigs } from "../../db/schema.js";
import type { ConfigChange } from "../../engine/config/update-config.js";
import { printChaosCounts } from "../support/chaos-counts.js";
import { type TwoMerchants, startTwoMerchants } from "../support/chaos-merchants.js";
import { seedIds } from "../support/engine-harness.js";
import { testDriver } from "../support/test-database.js";

describe(`bad configuration input through the bot, on ${testDriver}`, () => {
  let m: TwoMerchants;
  beforeAll(async () => {
    m = await startTwoMerchants();
  }, 120_000);
  afterAll(async () => m?.close());

  it("refuses every invalid value clearly and changes nothing", { timeout: 120_000 }, async () => {
    const where = m.places.demo;
    const koppelingId = m.demo.koppelingId;
    const ledgers = m.demo.books.state.ledgerAccounts;
    ledgers.push({ ...ledgers.find((l) => l.account_id === "8010")!, id: "484113000000000299", account_id: "8099", name: "Omzet oud", active: false });
    const stored = async () => {
      const [row] = await m.deps.db.select({ version: koppelingConfigs.version, settings: koppelingConfigs.settings }).from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, koppelingId));
      return { ...row!, audit: await m.deps.db.$count(auditLog, eq(auditLog.koppelingId, koppelingId)) };
    };
    const offered = (change: ConfigChange) => async () =>
      createPendingAction(m.deps.db, { platform: where.platform, place: where.id, userId: "U-DEMO" }, koppelingId, { kind: "configure", change, inWalk: false }, new Date());
    const proposed = (text: string) => async () => {
      const reply = await m.say(where, "U-DEMO", text);
      const yes = reply.actions.find((a) => a.style === "primary");
      if (!yes) throw new Error(`no proposal for "${text}": ${reply.plain}`);
      return yes.id;
    };
    const cases: Array<{ name: string; button: () => Promise<string>; why: RegExp }> = [
      { name: "VAT code that does not exist", button: offered({ kind: "mapVatRate", rateBp: 900, vatCodeId: "484113000000000999" }), why: /BTW-code bestaat niet/ },
      { name: "inactive VAT code", button: offered({ kind: "mapVatRate", rateBp: 600, vatCodeId: seedIds.vatOld6 }), why: /niet actief of niet voor verkopen/ },
      { name: "purchase VAT code", button: offered({ kind: "mapVatRate", rateBp: 2100, vatCodeId: seedIds.vat21Purchase }), why: /niet actief of niet voor verkopen/ },
      { name: "VAT code of another percentage", button: offered({ kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat21 }), why: /ander percentage/ },
      { name: "ledger of the wrong type (Bank)", button: proposed("zet verzendkosten op 1100"), why: /geen omzetrekening/ },
      { name: "ledger of the wrong type (expenses)", button: offered({ kind: "setLedger", role: "revenue", ledger: "4000" }), why: /geen omzetrekening/ },
      { name: "inactive ledger", button: proposed("zet verzendkosten op 8099"), why: /niet actief/ },
      { name: "ledger that does not exist", button: proposed("zet verzendkosten op 8123"), why: /grootboekrekening bestaat niet/ },
      { name: "status the shop does not have", button: offered({ kind: "tickStatus", status: "verzonden-per-duif" }), why: /status kent de winkel niet/ },
      { name: "unknown administration", button: offered({ kind: "setAdministration", administrationId: "484113000000009999" }), why: /administratie bestaat niet/ },
    ];
    const before = await stored();
    const failures: string[] = [];
    for (const c of cases) {
      const reply = await m.click(where, "U-DEMO", await c.button());
      if (!/Niet aangepast: .*Er is niets veranderd\./s.test(reply.plain) || !c.why.test(reply.plain)) failures.push(`${c.name}: ${reply.plain}`);
      const now = await stored();
      if (JSON.stringify(now) !== JSON.stringify(before)) failures.push(`${c.name}: the stored configuration changed (version ${before.version} → ${now.version})`);
    }
    expect(failures).toEqual([]);
    printChaosCounts(`bad configuration input (${testDriver})`, { changes: cases.length, refused: cases.length - failures.length, configurationChanged: 0 });
  });
});
