/** What recent sales show about a koppeling: rates, statuses and line kinds that occur, and the last run. */
import { and, desc, eq, gte, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { causeTotals, saleLines, saleTotals, sales, syncRuns } from "../../db/schema.js";
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

/** How many of the latest sales the recent facts are read from (default of CheckOptions.recentLimit). */
export const RECENT_SAMPLE = 1_000;

/**
 * Reads the recent activity of the koppeling: the latest `limit` sales of the last `days` days (a
 * bounded sample, so a shop with a million sales is checked as fast as a new one), and the tab
 * totals kept by triggers (sale_totals, cause_totals).
 */
export async function loadRecentActivity(db: Database, koppeling: LoadedKoppeling, now: Date, days: number, limit = RECENT_SAMPLE): Promise<RecentActivity> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const recent = db
    .select({ id: sales.id, shopStatus: sales.shopStatus, state: sales.state, totalCents: sales.totalCents })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppeling.id), gte(sales.createdInShopAt, since), ne(sales.state, "before_install")))
    .orderBy(desc(sales.createdInShopAt), desc(sales.id))
    .limit(limit)
    .as("recent");
  const [rates, statuses, kinds, rejected, totals, [lastRun]] = await Promise.all([
    db
      .select({ rate: sql<number>`coalesce(${saleLines.vatRateBp}, 0)`, count: sql<number>`count(distinct ${recent.id})::int` })
      .from(recent)
      .innerJoin(saleLines, eq(saleLines.saleId, recent.id))
      .groupBy(sql`1`),
    db
      .select({
        status: recent.shopStatus,
        count: sql<number>`count(*)::int`,
        open: sql<number>`count(*) filter (where ${recent.state} = 'open')::int`,
        openCents: sql<number>`coalesce(sum(${recent.totalCents}) filter (where ${recent.state} = 'open'), 0)::bigint`,
      })
      .from(recent)
      .groupBy(recent.shopStatus),
    db
      .select({ kind: saleLines.kind, count: sql<number>`count(distinct ${recent.id})::int` })
      .from(recent)
      .innerJoin(saleLines, eq(saleLines.saleId, recent.id))
      .groupBy(saleLines.kind),
    db
      .select({ fingerprint: causeTotals.cause, count: sql<number>`sum(${causeTotals.sales})::int`, cents: sql<number>`sum(${causeTotals.cents})::bigint` })
      .from(causeTotals)
      .where(eq(causeTotals.koppelingId, koppeling.id))
      .groupBy(causeTotals.cause)
      .having(sql`sum(${causeTotals.sales}) > 0`),
    db.select({ state: saleTotals.state, count: saleTotals.sales }).from(saleTotals).where(eq(saleTotals.koppelingId, koppeling.id)),
    db.select().from(syncRuns).where(eq(syncRuns.koppelingId, koppeling.id)).orderBy(desc(syncRuns.id)).limit(1),
  ]);
  const countIn = (wanted: (state: string) => boolean) => totals.filter((t) => wanted(t.state)).reduce((sum, t) => sum + Number(t.count), 0);
  return {
    since,
    rates: new Map(rates.map((r) => [Number(r.rate), Number(r.count)])),
    statuses: new Map(statuses.map((s) => [s.status, { sales: Number(s.count), open: Number(s.open), openCents: Number(s.openCents) }])),
    lineKinds: new Map(kinds.map((k) => [k.kind, Number(k.count)])),
    rejectedByFingerprint: new Map(rejected.map((r) => [r.fingerprint, { count: Number(r.count), cents: Number(r.cents) }])),
    salesAfterInstall: countIn((state) => state !== "before_install"),
    salesBeforeInstall: countIn((state) => state === "before_install"),
    lastRun: lastRun ? { startedAt: lastRun.startedAt, status: lastRun.status, errorCode: lastRun.errorCode } : null,
  };
}
