/** What recent sales show about a koppeling: rates, statuses and line kinds that occur, and the last run. */
import { and, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { saleLines, sales, syncRuns } from "../../db/schema.js";
import type { LoadedKoppeling } from "../koppelingen/koppeling-repository.js";

/** Facts from the database the checklist compares the configuration with. */
export interface RecentActivity {
  since: Date;
  /** VAT rate (bp) → number of recent sales with a line at that rate. */
  rates: Map<number, number>;
  /** Shop status → number of recent sales, and how many of them sit in Open. */
  statuses: Map<string, { sales: number; open: number; openCents: number }>;
  /** Line kind → number of recent sales with such a line. */
  lineKinds: Map<string, number>;
  /** Rejected sales per fingerprint: count and amount, for "37 sales in Fouten (€ 1.204,50)". */
  rejectedByFingerprint: Map<string, { count: number; cents: number }>;
  salesAfterInstall: number;
  salesBeforeInstall: number;
  lastRun: { startedAt: Date; status: string; errorCode: string | null } | null;
}

/** Reads the recent activity of the koppeling; only sales of the last `days` days count. */
export async function loadRecentActivity(db: Database, koppeling: LoadedKoppeling, now: Date, days: number): Promise<RecentActivity> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const recent = and(eq(sales.koppelingId, koppeling.id), gte(sales.createdInShopAt, since), ne(sales.state, "before_install"));
  const [rates, statuses, kinds, rejected, installCounts, [lastRun]] = await Promise.all([
    db
      .select({ rate: sql<number>`coalesce(${saleLines.vatRateBp}, 0)`, count: sql<number>`count(distinct ${sales.id})::int` })
      .from(sales)
      .innerJoin(saleLines, eq(saleLines.saleId, sales.id))
      .where(recent)
      .groupBy(sql`1`),
    db
      .select({
        status: sales.shopStatus,
        count: sql<number>`count(*)::int`,
        open: sql<number>`count(*) filter (where ${sales.state} = 'open')::int`,
        openCents: sql<number>`coalesce(sum(${sales.totalCents}) filter (where ${sales.state} = 'open'), 0)::bigint`,
      })
      .from(sales)
      .where(recent)
      .groupBy(sales.shopStatus),
    db
      .select({ kind: saleLines.kind, count: sql<number>`count(distinct ${sales.id})::int` })
      .from(sales)
      .innerJoin(saleLines, eq(saleLines.saleId, sales.id))
      .where(recent)
      .groupBy(saleLines.kind),
    db
      .select({ fingerprint: sales.fingerprint, count: sql<number>`count(*)::int`, cents: sql<number>`sum(${sales.totalCents})::bigint` })
      .from(sales)
      .where(and(eq(sales.koppelingId, koppeling.id), inArray(sales.state, ["rejected", "expired"])))
      .groupBy(sales.fingerprint),
    db
      .select({ before: sql<number>`count(*) filter (where ${sales.state} = 'before_install')::int`, after: sql<number>`count(*) filter (where ${sales.state} <> 'before_install')::int` })
      .from(sales)
      .where(eq(sales.koppelingId, koppeling.id)),
    db.select().from(syncRuns).where(eq(syncRuns.koppelingId, koppeling.id)).orderBy(desc(syncRuns.id)).limit(1),
  ]);
  return {
    since,
    rates: new Map(rates.map((r) => [Number(r.rate), Number(r.count)])),
    statuses: new Map(statuses.map((s) => [s.status, { sales: Number(s.count), open: Number(s.open), openCents: Number(s.openCents) }])),
    lineKinds: new Map(kinds.map((k) => [k.kind, Number(k.count)])),
    rejectedByFingerprint: new Map(rejected.map((r) => [r.fingerprint ?? "", { count: Number(r.count), cents: Number(r.cents) }])),
    salesAfterInstall: Number(installCounts[0]?.after ?? 0),
    salesBeforeInstall: Number(installCounts[0]?.before ?? 0),
    lastRun: lastRun ? { startedAt: lastRun.startedAt, status: lastRun.status, errorCode: lastRun.errorCode } : null,
  };
}
