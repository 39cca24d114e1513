import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "../../../db/open-database.js";
import { connections, koppelingen, sales, transferAttempts, transfers } from "../../../db/schema.js";
import {
  computeKoppelingDigest,
  computeKoppelingDigests,
  DIGEST_BATCH_SIZE,
  type DigestPeriod,
  type KoppelingDigest,
  NEAR_LIMIT_DAYS,
  weekBefore,
} from "../../../engine/digest/compute-digest.js";
import { OPEN_LIMIT_DAYS } from "../../../engine/sync/reclassify-open-sales.js";
import { type SeedSale, seedKoppeling, seedSales, setDot } from "../../support/seed-digest.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";

/** Monday 23 Nov 2026 09:00 in Amsterdam; the digest covers 16–22 Nov. */
const moment = new Date("2026-11-23T08:00:00Z");
const week = weekBefore(moment);
const DAY = 86_400_000;
const vat = { code: "VAT_CODE_MISSING", fingerprint: "VAT_CODE_MISSING|rateBp=900|reason=unmapped", facts: { rateBp: 900, reason: "unmapped" } };
const ledger = { code: "LEDGER_NOT_FOUND", fingerprint: "LEDGER_NOT_FOUND|role=shipping", facts: { role: "shipping" } };
const expired = { code: "OPEN_EXPIRED", fingerprint: "OPEN_EXPIRED|status=on-hold", facts: { status: "on-hold" } };
const icpWithoutFingerprint = { code: "ICP_VAT_NUMBER_INVALID" };

/**
 * The digest as the straightforward aggregates over the sales themselves compute it (how it was first
 * written): the reference the index- and totals-based statement must agree with.
 */
async function referenceDigest(db: Database, koppelingId: string, period: DigestPeriod, now: Date, previousCauses: string[] | null): Promise<KoppelingDigest> {
  const nearCutoff = new Date(now.getTime() - (OPEN_LIMIT_DAYS - NEAR_LIMIT_DAYS) * DAY);
  const [transferred] = await db
    .select({ count: sql<number>`count(*)::int`, cents: sql<number>`coalesce(sum(${transfers.totalCents}), 0)::bigint` })
    .from(transfers)
    .where(and(eq(transfers.koppelingId, koppelingId), gte(transfers.transferredAt, period.start), lt(transfers.transferredAt, period.end)));
  const [fixed] = await db
    .select({ count: sql<number>`count(*)::int`, cents: sql<number>`coalesce(sum(${sales.totalCents}), 0)::bigint` })
    .from(transferAttempts)
    .innerJoin(sales, eq(sales.id, transferAttempts.saleId))
    .where(
      and(
        eq(transferAttempts.koppelingId, koppelingId),
        eq(transferAttempts.trigger, "auto_retry"),
        inArray(transferAttempts.outcome, ["transferred", "recovered"]),
        gte(transferAttempts.finishedAt, period.start),
        lt(transferAttempts.finishedAt, period.end),
      ),
    );
  const [open] = await db
    .select({
      count: sql<number>`count(*)::int`,
      cents: sql<number>`coalesce(sum(${sales.totalCents}), 0)::bigint`,
      nearLimit: sql<number>`count(*) filter (where ${sales.createdInShopAt} <= ${nearCutoff.toISOString()})::int`,
    })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), eq(sales.state, "open")));
  const causes = await db
    .select({
      fingerprint: sql<string>`coalesce(${sales.fingerprint}, ${sales.errorCode}, 'UNKNOWN')`,
      code: sql<string>`min(coalesce(${sales.errorCode}, 'UNKNOWN'))`,
      count: sql<number>`count(*)::int`,
      cents: sql<number>`sum(${sales.totalCents})::bigint`,
      failedThisWeek: sql<number>`count(*) filter (where ${sales.stateChangedAt} >= ${period.start.toISOString()} and ${sales.stateChangedAt} < ${period.end.toISOString()})::int`,
      onlyExpired: sql<boolean>`bool_and(${sales.state} = 'expired')`,
      facts: sql<Record<string, unknown> | null>`(array_agg(${sales.errorFacts} order by ${sales.createdInShopAt} desc, ${sales.id} desc))[1]`,
    })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), inArray(sales.state, ["rejected", "expired"])))
    .groupBy(sql`1`)
    .orderBy(sql`sum(${sales.totalCents}) desc`, sql`1`);
  const sides = await db.select().from(connections).where(eq(connections.koppelingId, koppelingId));
  const [named] = await db.select({ name: koppelingen.name }).from(koppelingen).where(eq(koppelingen.id, koppelingId));
  const dot = (side: "sales" | "accounting") => {
    const row = sides.find((s) => s.side === side);
    return { system: row?.system ?? "unknown", state: row?.state ?? "unknown", errorCode: row?.lastErrorCode ?? null };
  };
  const known = previousCauses ? new Set(previousCauses) : null;
  return {
    koppelingId,
    name: named?.name ?? koppelingId,
    period,
    transferred: { count: Number(transferred!.count), cents: Number(transferred!.cents) },
    fixedAutomatically: { count: Number(fixed!.count), cents: Number(fixed!.cents) },
    causes: causes.map((c) => ({
      fingerprint: c.fingerprint,
      code: c.code as KoppelingDigest["causes"][number]["code"],
      facts: c.facts ?? {},
      count: Number(c.count),
      cents: Number(c.cents),
      failedThisWeek: Number(c.failedThisWeek),
      isNew: known !== null && !known.has(c.fingerprint),
      onlyExpired: c.onlyExpired === true,
    })),
    open: { count: Number(open!.count), cents: Number(open!.cents), nearLimit: Number(open!.nearLimit) },
    dots: { sales: dot("sales"), accounting: dot("accounting") },
  };
}

describe(`weekly digests computed together on ${testDriver}`, () => {
  let database: DatabaseHandle;
  let db: Database;
  const ids: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const at = (iso: string) => new Date(iso);
    // A shop with every part of a digest, including causes that lost sales again (retried, booked).
    const busy = await seedKoppeling(db, "Drukke Winkel", at("2026-09-01T00:00:00Z"));
    await seedSales(db, busy, [
      { state: "transferred", cents: 1000, at: at("2026-11-16T08:00:00Z") }, // the first instant of the week counts
      { state: "transferred", cents: 2000, at: at("2026-11-18T10:00:00Z"), autoRetried: true },
      { state: "transferred", cents: 4000, at: at("2026-11-23T08:00:00Z") }, // the moment itself: next week
      { state: "transferred", cents: 8000, at: at("2026-11-16T07:59:59Z") }, // the week before
      { state: "rejected", cents: 1500, at: at("2026-11-20T10:00:00Z"), ...vat },
      { state: "rejected", cents: 2500, at: at("2026-10-21T10:00:00Z"), ...vat, facts: { rateBp: 900, reason: "older" } },
      { state: "rejected", cents: 700, at: at("2026-11-19T10:00:00Z"), ...ledger },
      { state: "rejected", cents: 700, at: at("2026-11-21T10:00:00Z"), ...ledger },
      { state: "expired", cents: 3300, at: at("2026-10-01T10:00:00Z"), ...expired },
      { state: "rejected", cents: 900, at: at("2026-11-17T10:00:00Z"), ...icpWithoutFingerprint },
      { state: "rejected", cents: 50, at: at("2026-11-17T11:00:00Z") }, // no code at all: UNKNOWN
      { state: "open", cents: 4200, at: at("2026-11-05T10:00:00Z") },
      { state: "open", cents: 800, at: at("2026-11-21T10:00:00Z") },
      { state: "queued", cents: 600, at: at("2026-11-22T10:00:00Z") },
    ]);
    // One of the ledger sales is retried and booked: its cause shrinks, the totals row stays with fewer sales.
    await db.execute(sql`update sales set state = 'transferred', error_code = null, fingerprint = null where koppeling_id = ${busy} and total_cents = 700 and created_in_shop_at = '2026-11-19T10:00:00Z'`);
    await setDot(db, busy, "sales", "green");
    await setDot(db, busy, "accounting", "red", "CONN_ACC_TOKEN_EXPIRED");
    // A shop whose only cause was retried away entirely, and whose connections were never checked.
    const cleared = await seedKoppeling(db, "Opgeruimde Winkel", at("2026-09-01T00:00:00Z"));
    await seedSales(db, cleared, [
      { state: "rejected", cents: 1200, at: at("2026-11-18T10:00:00Z"), ...vat },
      { state: "transferred", cents: 300, at: at("2026-11-19T10:00:00Z") },
    ]);
    await db.execute(sql`update sales set state = 'transferred' where koppeling_id = ${cleared} and state = 'rejected'`);
    // A shop with nothing at all, and one without connection rows.
    const empty = await seedKoppeling(db, "Lege Winkel", at("2026-11-01T00:00:00Z"));
    const unplugged = await seedKoppeling(db, "Losse Winkel", at("2026-11-01T00:00:00Z"));
    await db.delete(connections).where(eq(connections.koppelingId, unplugged));
    ids.push(busy, cleared, empty, unplugged);
  }, 60_000);
  afterAll(async () => database.close());

  it("gives each koppeling what the plain aggregates over its sales give", async () => {
    for (const id of ids) {
      for (const previous of [null, [], [vat.fingerprint]]) {
        expect(await computeKoppelingDigest(db, id, week, moment, previous)).toEqual(await referenceDigest(db, id, week, moment, previous));
      }
    }
    const busy = await computeKoppelingDigest(db, ids[0]!, week, moment, [vat.fingerprint]);
    expect(busy.transferred).toEqual({ count: 2, cents: 3000 });
    expect(busy.fixedAutomatically).toEqual({ count: 1, cents: 2000 });
    expect(busy.causes.map((c) => [c.fingerprint, c.code, c.count, c.cents, c.failedThisWeek, c.isNew, c.onlyExpired])).toEqual([
      [vat.fingerprint, "VAT_CODE_MISSING", 2, 4000, 1, false, false],
      [expired.fingerprint, "OPEN_EXPIRED", 1, 3300, 0, true, true],
      ["ICP_VAT_NUMBER_INVALID", "ICP_VAT_NUMBER_INVALID", 1, 900, 1, true, false],
      [ledger.fingerprint, "LEDGER_NOT_FOUND", 1, 700, 1, true, false],
      ["UNKNOWN", "UNKNOWN", 1, 50, 1, true, false],
    ]);
    expect(busy.causes[0]!.facts).toEqual(vat.facts); // from the newest sale of the cause
    expect(busy.open).toEqual({ count: 2, cents: 5000, nearLimit: 1 });
    expect((await computeKoppelingDigest(db, ids[1]!, week, moment, null)).causes).toEqual([]);
    expect((await computeKoppelingDigest(db, ids[3]!, week, moment, null)).dots.sales).toEqual({ system: "unknown", state: "unknown", errorCode: null });
  });

  it("computes many digests in the order asked, each the same as alone, also past one statement's batch", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    const requests = Array.from({ length: DIGEST_BATCH_SIZE + 3 }, (_, i) => ({
      koppelingId: i === 7 ? gone : ids[i % ids.length]!,
      previousCauses: i % 3 === 0 ? null : [vat.fingerprint],
    }));
    const together = await computeKoppelingDigests(db, requests, week, moment);
    expect(together).toHaveLength(requests.length);
    const alone = new Map<string, KoppelingDigest>();
    for (const r of requests) {
      const key = `${r.koppelingId}:${JSON.stringify(r.previousCauses)}`;
      if (!alone.has(key)) alone.set(key, await computeKoppelingDigest(db, r.koppelingId, week, moment, r.previousCauses));
    }
    requests.forEach((r, i) => expect(together[i]).toEqual(alone.get(`${r.koppelingId}:${JSON.stringify(r.previousCauses)}`)));
    expect(together[7]).toMatchObject({ koppelingId: gone, name: gone, transferred: { count: 0, cents: 0 }, causes: [] });
    expect(await computeKoppelingDigests(db, [], week, moment)).toEqual([]);
  });

  it("agrees with the plain aggregates for any mix of sales around the week", async () => {
    const states = ["transferred", "rejected", "open", "expired", "queued"] as const;
    const causes = [vat, ledger, expired, icpWithoutFingerprint, {}];
    const sale = fc.record({
      state: fc.constantFrom(...states),
      cents: fc.integer({ min: 1, max: 100_000 }),
      dayOffset: fc.integer({ min: -40, max: 3 }),
      cause: fc.integer({ min: 0, max: causes.length - 1 }),
      autoRetried: fc.boolean(),
      rebooked: fc.boolean(),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(sale, { maxLength: 25 }), async (list) => {
        const id = await seedKoppeling(db, `Winkel ${run++}`, new Date("2026-09-01T00:00:00Z"));
        const seeds: SeedSale[] = list.map((s, i) => ({
          state: s.state,
          cents: s.cents,
          at: new Date(week.start.getTime() + s.dayOffset * DAY + i * 3_600_000),
          ...(s.state === "rejected" || s.state === "expired" ? causes[s.cause] : {}),
          autoRetried: s.autoRetried,
        }));
        await seedSales(db, id, seeds);
        // Some sales in Fouten are retried and booked afterwards (the totals are counted down by the triggers).
        const rebooked = list.filter((s) => s.rebooked && s.state === "rejected").map((s) => s.cents);
        if (rebooked.length > 0) await db.update(sales).set({ state: "transferred" }).where(and(eq(sales.koppelingId, id), eq(sales.state, "rejected"), inArray(sales.totalCents, rebooked)));
        const now = new Date(moment.getTime() + 3 * 3_600_000);
        const [mine] = await computeKoppelingDigests(db, [{ koppelingId: id, previousCauses: [ledger.fingerprint] }], week, now);
        const reference = await referenceDigest(db, id, week, now, [ledger.fingerprint]);
        // Causes with the same amount may come in either order from the reference.
        const byCause = (d: KoppelingDigest) => ({ ...d, causes: [...d.causes].sort((a, b) => b.cents - a.cents || a.fingerprint.localeCompare(b.fingerprint)) });
        expect(byCause(mine!)).toEqual(byCause(reference));
        expect(mine!.causes.map((c) => c.cents)).toEqual([...mine!.causes.map((c) => c.cents)].sort((a, b) => b - a));
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
