/**
 * Property 6 of issue #10: other people's data. Two merchants, each koppeling linked in its own Slack
 * channel. From the demo merchant's side, attempts to reach Atelier Zwartwit's data through the core
 * (typos of its license key, its sale numbers, its buttons replayed elsewhere or by someone else, support
 * actions by a non-support user, effects asked by a viewer in its channel) give zero reads (nothing of
 * its name, customer or amounts in any reply), zero effects (database and simulator unchanged) and a
 * clear refusal. Also: the same button clicked 100 times at once runs one retry.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededRandom } from "../../bot/demo/seeded-random.js";
import type { Place } from "../../conversations/core/inbound.js";
import { auditLog, chatLinks, chatRoles, koppelingConfigs, pendingActions, problemReports, sales, transferAttempts, transfers } from "../../db/schema.js";
import { updateConfig } from "../../engine/config/update-config.js";
import { reportProblem } from "../../engine/reports/report-problem.js";
import { chaosCount, chaosTimeout, printChaosCounts } from "../support/chaos-counts.js";
import { type TwoMerchants, startTwoMerchants, zwartwit } from "../support/chaos-merchants.js";
import { seedIds } from "../support/engine-harness.js";
import { testDriver } from "../support/test-database.js";

const attemptCount = chaosCount(500, 100);
const concurrentClicks = 100;

/** What must never show outside Atelier Zwartwit's own channel. */
const foreignFacts = [zwartwit.name, "Zwartwit", zwartwit.customer, "Blaauwhoed", zwartwit.email, "777,77", "777.77", "333,33", "333.33", "941,11", "363,33", "QX9P"];

type Attempt = { kind: string; where: Place; user: string; run: (m: TwoMerchants) => Promise<{ plain: string; refused?: string }>; refusal: RegExp };

/** A license-key typo: one character changed, dropped, doubled or two swapped (never only case or spaces). */
function typoOf(key: string, random: ReturnType<typeof createSeededRandom>): string {
  for (;;) {
    const i = random.int(0, key.length - 1);
    const chars = [...key];
    const kind = random.int(0, 3);
    if (kind === 0) chars[i] = random.pick([..."ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-"]);
    else if (kind === 1) chars.splice(i, 1);
    else if (kind === 2) chars.splice(i, 0, chars[i]!);
    else if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
    const typo = chars.join("");
    if (typo.trim().toUpperCase() !== key.toUpperCase()) return random.next() < 0.3 ? typo.toLowerCase() : typo;
  }
}

async function snapshotOf(m: TwoMerchants, koppelingId: string) {
  const db = m.deps.db;
  return {
    sales: await db
      .select({ number: sales.number, state: sales.state, attempts: sales.attemptCount, code: sales.errorCode, next: sales.nextRetryAt, changed: sales.stateChangedAt })
      .from(sales)
      .where(eq(sales.koppelingId, koppelingId))
      .orderBy(sales.number),
    attempts: await db.$count(transferAttempts, eq(transferAttempts.koppelingId, koppelingId)),
    transfers: await db.$count(transfers, eq(transfers.koppelingId, koppelingId)),
    reports: await db.select({ ref: problemReports.reference, n: problemReports.occurrences, claimed: problemReports.claimedBy, note: problemReports.note }).from(problemReports).where(eq(problemReports.koppelingId, koppelingId)),
    audit: await db.$count(auditLog, eq(auditLog.koppelingId, koppelingId)),
    config: await db.select({ version: koppelingConfigs.version, settings: koppelingConfigs.settings }).from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, koppelingId)),
    links: await db.select({ platform: chatLinks.platform, place: chatLinks.place }).from(chatLinks).where(eq(chatLinks.koppelingId, koppelingId)),
    roles: await db.select({ user: chatRoles.userId, role: chatRoles.role }).from(chatRoles).where(eq(chatRoles.koppelingId, koppelingId)),
    usedButtons: await db.$count(pendingActions, and(eq(pendingActions.koppelingId, koppelingId), sql`${pendingActions.usedAt} is not null`)),
    documents: m.zwartwit.books.state.externalSalesInvoices.length,
    posts: m.zwartwit.books.requests.filter((r) => r.method === "POST").length,
  };
}

describe(`other people's data, on ${testDriver}`, () => {
  let m: TwoMerchants;
  beforeAll(async () => {
    m = await startTwoMerchants();
  }, chaosTimeout(600_000, 120_000));
  afterAll(async () => m?.close());

  it("gives nothing of another merchant's koppeling and changes nothing there", { timeout: chaosTimeout(900_000, 120_000) }, async () => {
    const { demo, zwartwit: zw } = m.places;
    // Atelier Zwartwit's owner gets buttons in its own channel: ignore, report, configure, the checklist walk.
    const theirButtons: string[] = [];
    for (const text of ["negeer 7003", "meld een probleem", "vink on-hold aan", "staat mijn koppeling goed ingesteld?", "zet 7003 opnieuw door", "waarom worden mijn orders geweigerd?"]) {
      theirButtons.push(...(await m.say(zw, "U-ZW", text)).actions.map((a) => a.id));
    }
    expect(theirButtons.length).toBeGreaterThan(4);
    const report = await reportProblem(m.deps, m.zwartwit.koppelingId, { kind: "sale", number: "7003" }, { platform: "slack", workspace: "T-ZW", channel: "C-ZW", user: "U-ZW" });
    expect(report.kind).toBe("created");
    const reference = report.kind === "created" ? report.report.reference : "";
    const before = await snapshotOf(m, m.zwartwit.koppelingId);
    const demoLinks = await m.deps.db.select().from(chatLinks).where(eq(chatLinks.koppelingId, m.demo.koppelingId));

    const random = createSeededRandom(6);
    const dm = (user: string): Place => ({ platform: "slack", id: `D-${user}`, workspace: "T-DEMO" });
    const number = () => random.pick(zwartwit.numbers);
    const button = () => random.pick(theirButtons);
    // A typo that breaks the "KB-" prefix is no key at all; its digits are then read as a sale number.
    const unknownKey = /licentiesleutel ken ik niet|Ik vind geen verkoop/;
    const notHere = /Ik vind (geen|die) verkoop|I cannot find (a |that )?sale|Die verkoop staat niet in Fouten/;
    const otherPlace = /hoort bij een ander gesprek/;
    const notYours = /voor iemand anders/;
    const ownersOnly = /Alleen de eigenaar/;
    const kinds: Array<() => Attempt> = [
      () => ({ kind: "license key typo", where: demo, user: "U-DEMO", refusal: unknownKey, run: (x) => x.say(demo, "U-DEMO", `link ${typoOf(zwartwit.licenseKey, random)}`) }),
      () => ({ kind: "license key typo in a DM", where: dm("U-NEW"), user: "U-NEW", refusal: unknownKey, run: (x) => x.command(dm("U-NEW"), "U-NEW", `link ${typoOf(zwartwit.licenseKey, random)}`) }),
      () => {
        const n = number();
        const text = random.pick([`waar is bestelling ${n}?`, `where is order ${n}`, `zet ${n} opnieuw door`, `meld een probleem met ${n}`]);
        return { kind: "their sale number", where: demo, user: "U-DEMO", refusal: notHere, run: (x) => x.say(demo, "U-DEMO", text) };
      },
      () => {
        const args = random.pick([`trace ${number()}`, `retry ${number()}`, `report ${number()}`]);
        return { kind: "their sale number by command", where: demo, user: "U-DEMO", refusal: notHere, run: (x) => x.command(demo, "U-DEMO", args) };
      },
      () => ({ kind: "their sale number ignored", where: demo, user: "U-DEMO", refusal: /ken ik niet/, run: async (x) => {
        const preview = await x.say(demo, "U-DEMO", `negeer ${number()}`);
        const confirm = preview.actions.find((a) => /negeer/i.test(a.label));
        if (!confirm) return preview;
        return x.click(demo, "U-DEMO", confirm.id);
      } }),
      () => ({ kind: "their button, other channel, other user", where: demo, user: "U-DEMO", refusal: otherPlace, run: (x) => x.click(demo, "U-DEMO", button()) }),
      () => ({ kind: "their button, other channel, their user", where: demo, user: "U-ZW", refusal: otherPlace, run: (x) => x.click(demo, "U-ZW", button()) }),
      () => ({ kind: "their button, their channel, other user", where: zw, user: "U-DEMO", refusal: notYours, run: (x) => x.click(zw, "U-DEMO", button()) }),
      () => ({ kind: "their button in a DM", where: dm("U-DEMO"), user: "U-DEMO", refusal: otherPlace, run: (x) => x.click(dm("U-DEMO"), "U-DEMO", button()) }),
      () => ({ kind: "claim by a non-support user", where: demo, user: "U-DEMO", refusal: /Alleen support/, run: (x) => x.click(demo, "U-DEMO", `claim:${reference}`) }),
      () => {
        const text = random.pick(["zet alles opnieuw door", "negeer 7001", "ontkoppel deze chat", "meld een probleem", "vink on-hold aan", "zet verzendkosten op 8050"]);
        return { kind: "effect asked by a viewer in their channel", where: zw, user: "U-DEMO", refusal: ownersOnly, run: (x) => x.say(zw, "U-DEMO", text) };
      },
    ];

    const perKind = new Map<string, number>();
    const violations: string[] = [];
    let reads = 0;
    for (let i = 0; i < attemptCount; i++) {
      const attempt = kinds[i % kinds.length]!();
      const reply = await attempt.run(m);
      perKind.set(attempt.kind, (perKind.get(attempt.kind) ?? 0) + 1);
      if (!attempt.refusal.test(reply.plain)) violations.push(`${attempt.kind}: no clear refusal: ${reply.plain.slice(0, 200)}`);
      if (attempt.where.id !== zw.id) {
        const leaked = foreignFacts.filter((fact) => reply.plain.toLowerCase().includes(fact.toLowerCase()));
        if (leaked.length > 0) {
          reads += 1;
          violations.push(`${attempt.kind}: shows ${leaked.join(", ")}: ${reply.plain.slice(0, 200)}`);
        }
      }
    }
    expect(violations.slice(0, 20)).toEqual([]);

    const after = await snapshotOf(m, m.zwartwit.koppelingId);
    expect(after).toEqual(before);
    expect(await m.deps.db.select().from(chatLinks).where(eq(chatLinks.koppelingId, m.demo.koppelingId))).toEqual(demoLinks);
    printChaosCounts(`other people's data (${testDriver})`, {
      attempts: attemptCount,
      kinds: perKind.size,
      reads,
      effects: JSON.stringify(after) === JSON.stringify(before) ? 0 : 1,
      refusals: attemptCount - violations.length,
    });
  });

  it(`runs one retry when the same button is clicked ${concurrentClicks} times at once`, { timeout: 120_000 }, async () => {
    const { demo } = m.places;
    const [rejected] = await m.deps.db
      .select({ id: sales.id, number: sales.number })
      .from(sales)
      .where(and(eq(sales.koppelingId, m.demo.koppelingId), eq(sales.state, "rejected"), eq(sales.errorCode, "VAT_CODE_MISSING")))
      .limit(1);
    expect(rejected).toBeDefined();
    await updateConfig(m.deps, m.demo.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, { platform: "slack", user: "U-DEMO" });
    const preview = await m.say(demo, "U-DEMO", `zet ${rejected!.number} opnieuw door`);
    const yes = preview.actions.find((a) => a.style === "primary");
    expect(yes, preview.plain).toBeDefined();
    const attemptsBefore = await m.deps.db.$count(transferAttempts, eq(transferAttempts.saleId, rejected!.id));

    const replies = await Promise.all(Array.from({ length: concurrentClicks }, () => m.click(demo, "U-DEMO", yes!.id)));
    const ran = replies.filter((r) => !r.refused);
    expect(ran).toHaveLength(1);
    expect(replies.filter((r) => r.refused === "used")).toHaveLength(concurrentClicks - 1);
    expect(await m.deps.db.$count(transferAttempts, eq(transferAttempts.saleId, rejected!.id))).toBe(attemptsBefore + 1);
    const documents = m.demo.books.state.externalSalesInvoices.filter((i) => String(i.reference) === rejected!.number);
    expect(documents.length).toBeLessThanOrEqual(1);
    printChaosCounts(`same button ${concurrentClicks}× at once (${testDriver})`, { clicks: concurrentClicks, retriesRun: ran.length, refusedAsUsed: concurrentClicks - ran.length, bookings: documents.length });
  });
});
