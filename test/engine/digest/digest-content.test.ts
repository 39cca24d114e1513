import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDiscordReply } from "../../../bot/discord/render-discord-reply.js";
import { renderSlackReply } from "../../../bot/slack/render-slack-reply.js";
import { composeKoppelingDigest, composeSupportOverview } from "../../../conversations/flows/digest-flow.js";
import { type Reply, renderPlainText } from "../../../conversations/replies/reply.js";
import { consumePendingAction } from "../../../conversations/state/pending-actions.js";
import type { DatabaseHandle } from "../../../db/open-database.js";
import { computeKoppelingDigest, weekBefore } from "../../../engine/digest/compute-digest.js";
import { computeSupportOverview } from "../../../engine/digest/compute-support-overview.js";
import { seedKoppeling, seedSales, setDot } from "../../support/seed-digest.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";

/** Monday 23 Nov 2026 09:00 in Amsterdam; the digest covers 16–22 Nov. */
const moment = new Date("2026-11-23T08:00:00Z");
const at = (iso: string) => new Date(iso);
const vatFingerprint = "VAT_CODE_MISSING|rateBp=900|reason=unmapped";
const icpFingerprint = "ICP_VAT_NUMBER_INVALID";
/** The terminal rendering, with the non-breaking spaces of amounts as plain spaces. */
const plainOf = (reply: Reply) => renderPlainText(reply).replace(/\u00a0/g, " ");

describe(`weekly digest content on ${testDriver}`, () => {
  let database: DatabaseHandle;
  let shop: string;
  let quiet: string;
  const audience = { platform: "slack", place: "T1/C1", language: "nl" as const };

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    shop = await seedKoppeling(db, "Kaarsenwinkel", at("2026-10-01T00:00:00Z"));
    quiet = await seedKoppeling(db, "Rustige Winkel", at("2026-10-01T00:00:00Z"));
    await seedSales(db, shop, [
      { state: "transferred", cents: 1000, at: at("2026-11-17T10:00:00Z") },
      { state: "transferred", cents: 2000, at: at("2026-11-18T10:00:00Z"), autoRetried: true },
      { state: "transferred", cents: 3050, at: at("2026-11-22T22:00:00Z") },
      { state: "transferred", cents: 5000, at: at("2026-11-10T10:00:00Z") }, // the week before: not counted
      { state: "transferred", cents: 7000, at: at("2026-11-23T08:30:00Z") }, // after the moment: next week
      { state: "rejected", cents: 1500, at: at("2026-11-20T10:00:00Z"), code: "VAT_CODE_MISSING", fingerprint: vatFingerprint, facts: { rateBp: 900, reason: "unmapped" } },
      { state: "rejected", cents: 2500, at: at("2026-11-21T10:00:00Z"), code: "VAT_CODE_MISSING", fingerprint: vatFingerprint, facts: { rateBp: 900, reason: "unmapped" } },
      { state: "rejected", cents: 12000, at: at("2026-11-02T10:00:00Z"), code: "ICP_VAT_NUMBER_INVALID", fingerprint: icpFingerprint },
      { state: "open", cents: 4200, at: at("2026-11-05T10:00:00Z") }, // 18 days old: near the 21-day limit
      { state: "open", cents: 800, at: at("2026-11-21T10:00:00Z") },
    ]);
    await setDot(db, shop, "sales", "green");
    await setDot(db, shop, "accounting", "red", "CONN_ACC_TOKEN_EXPIRED");
    await seedSales(db, quiet, [
      { state: "transferred", cents: 9900, at: at("2026-11-19T10:00:00Z") },
      { state: "transferred", cents: 100, at: at("2026-11-20T10:00:00Z") },
    ]);
    await setDot(db, quiet, "sales", "green");
    await setDot(db, quiet, "accounting", "green");
  }, 60_000);
  afterAll(async () => database.close());

  it("counts the week's transfers, the causes with the amount at stake, Open near the limit and both dots", async () => {
    const digest = await computeKoppelingDigest(database.db, shop, weekBefore(moment), moment, [icpFingerprint]);
    expect(digest.transferred).toEqual({ count: 3, cents: 6050 });
    expect(digest.fixedAutomatically).toEqual({ count: 1, cents: 2000 });
    expect(digest.causes.map((c) => [c.fingerprint, c.count, c.cents, c.failedThisWeek, c.isNew])).toEqual([
      [icpFingerprint, 1, 12000, 0, false],
      [vatFingerprint, 2, 4000, 2, true],
    ]);
    expect(digest.open).toEqual({ count: 2, cents: 5000, nearLimit: 1 });
    expect(digest.dots.accounting).toEqual({ system: "moneybird", state: "red", errorCode: "CONN_ACC_TOKEN_EXPIRED" });
  });

  it("marks no cause as new in a first digest, when there is nothing to compare with", async () => {
    const digest = await computeKoppelingDigest(database.db, shop, weekBefore(moment), moment, null);
    expect(digest.causes.every((c) => !c.isNew)).toBe(true);
  });

  it("renders the digest in the terminal with amounts, fixes, the new cause and buttons", async () => {
    const digest = await computeKoppelingDigest(database.db, shop, weekBefore(moment), moment, [icpFingerprint]);
    const reply = await composeKoppelingDigest(database.db, audience, digest, moment);
    const plain = plainOf(reply);
    expect(plain).toContain("Weekoverzicht Kaarsenwinkel · 16 nov – 23 nov");
    expect(plain).toContain("Doorgezet: 3 verkopen (€ 60,50)");
    expect(plain).toContain("Vanzelf hersteld: 1 verkoop (€ 20,00) na een tijdelijke storing");
    expect(plain).toContain("In Fouten: 3 verkopen (€ 160,00), 2 oorzaken");
    expect(plain).toContain("Open: 2 verkopen (€ 50,00), 1 dicht bij de 21 dagen");
    expect(plain).toContain("moneybird 🔴");
    expect(plain).toMatch(/1\. .+ — 1 × € 120,00/);
    expect(plain).toMatch(/2\. 🆕 Nieuw: BTW 9% heeft geen bruikbare BTW-code — 2 × € 40,00\n {3}→ .*BTW/);
    expect(plain).toContain("🔴 moneybird: Maak opnieuw verbinding");
    expect(reply.actions.map((a) => a.label)).toEqual([expect.stringMatching(/^Opnieuw: 1 × /), expect.stringMatching(/^Opnieuw: 2 × /), "Toon de lijst"]);

    // The buttons belong to the channel, not to a user: anyone there may press them, more than once.
    const retry = reply.actions[1]!;
    for (const userId of ["U1", "U2"]) {
      expect(await consumePendingAction(database.db, retry.id, { platform: "slack", place: "T1/C1", userId }, moment)).toEqual({
        kind: "ok",
        action: { kind: "preview_retry", target: { kind: "cause", fingerprint: vatFingerprint } },
        koppelingId: shop,
      });
    }
    expect((await consumePendingAction(database.db, retry.id, { platform: "slack", place: "T1/C2", userId: "U1" }, moment)).kind).toBe("other_place");
  });

  it("renders the same digest for Slack with the amounts and the buttons", async () => {
    const digest = await computeKoppelingDigest(database.db, shop, weekBefore(moment), moment, [icpFingerprint]);
    const reply = await composeKoppelingDigest(database.db, { ...audience, language: "en" }, digest, moment);
    const message = renderSlackReply(reply);
    const json = JSON.stringify(message.blocks).replace(/\u00a0/g, " ");
    expect(json).toContain("Weekly digest Kaarsenwinkel");
    expect(json).toContain("3 sales (€60.50)");
    expect(json).toContain("🆕 New: VAT rate 9% has no usable VAT code");
    expect(json).toContain("€40.00");
    const buttons = message.blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(buttons.map((b) => b.action_id).sort()).toEqual(reply.actions.map((a) => a.id).sort());
    expect(message.text).toContain("Weekly digest Kaarsenwinkel");
  });

  it("renders the same digest for Discord with the amounts and the buttons", async () => {
    const digest = await computeKoppelingDigest(database.db, shop, weekBefore(moment), moment, [icpFingerprint]);
    const reply = await composeKoppelingDigest(database.db, { platform: "discord", place: "G1/C1", language: "en" }, digest, moment);
    const message = renderDiscordReply(reply);
    const json = JSON.stringify(message.embeds).replace(/\u00a0/g, " ");
    expect(json).toContain("Weekly digest Kaarsenwinkel");
    expect(json).toContain("3 sales (€60.50)");
    expect(json).toContain("New: VAT rate 9% has no usable VAT code");
    expect(json).toContain("€40.00");
    const buttons = message.components.flatMap((row) => row.components.map((c) => c.custom_id));
    expect(buttons.sort()).toEqual(reply.actions.map((a) => a.id).sort());
  });

  it("gives a good week a short positive digest without buttons", async () => {
    const digest = await computeKoppelingDigest(database.db, quiet, weekBefore(moment), moment, []);
    const reply = await composeKoppelingDigest(database.db, audience, digest, moment);
    expect(reply.actions).toEqual([]);
    expect(plainOf(reply)).toBe("Weekoverzicht Rustige Winkel · 16 nov – 23 nov\n✅ Een goede week: 2 verkopen doorgezet (€ 100,00), niets in Fouten en beide verbindingen groen.");
  });

  it("ranks koppelingen by what is at stake for support and lists the red dots", async () => {
    const overview = await computeSupportOverview(database.db, weekBefore(moment));
    expect(overview.ranking.map((r) => [r.name, r.rejectedCount, r.cents])).toEqual([["Kaarsenwinkel", 3, 16000]]);
    expect(overview.redDots).toEqual([{ koppelingId: shop, name: "Kaarsenwinkel", side: "accounting", system: "moneybird", errorCode: "CONN_ACC_TOKEN_EXPIRED" }]);
    const plain = plainOf(composeSupportOverview({ ...audience, language: "en" }, overview));
    expect(plain).toContain("1 koppeling has sales in Errors: 3 sales, €160.00 at stake");
    expect(plain).toMatch(/1\. Kaarsenwinkel \(…\w+\): 3 sales, €160\.00/);
    expect(plain).toContain("🔴 Kaarsenwinkel — moneybird (CONN_ACC_TOKEN_EXPIRED)");
  });
});
