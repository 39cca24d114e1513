/** What recent sales show about a koppeling: rates, statuses and line kinds that occur, and the last run. */
import { desc, eq, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/open-database.js";
import { syncRuns } from "../../db/schema.js";
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

/** One row of the facts query: which fact, its key, and its counts. */
interface FactRow {
  fact: "status" | "rate" | "line_kind" | "cause" | "state";
  key: string;
  sales: number | string;
  open: number | string;
  cents: number | string;
}

/**
 * Reads the recent activity of the koppeling: the latest `limit` sales of the last `days` days (a
 * bounded sample, so a shop with a million sales is checked as fast as a new one), and the tab
 * totals kept by triggers (sale_totals, cause_totals). The sample is read once, in one statement
 * with the totals; the last run is one descent of sync_runs_koppeling_id next to it.
 */
export async function loadRecentActivity(db: Database, koppeling: LoadedKoppeling, now: Date, days: number, limit = RECENT_SAMPLE): Promise<RecentActivity> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [facts, [lastRun]] = await Promise.all([
    db.execute(factsQuery(koppeling.id, since, limit)).then((result) => rowsOf<FactRow>(result)),
    db.select().from(syncRuns).where(eq(syncRuns.koppelingId, koppeling.id)).orderBy(desc(syncRuns.id)).limit(1),
  ]);
  const of = (fact: FactRow["fact"]) => facts.filter((row) => row.fact === fact);
  const countIn = (wanted: (state: string) => boolean) =>
    of("state").filter((row) => wanted(row.key)).reduce((sum, row) => sum + Number(row.sales), 0);
  return {
    since,
    rates: new Map(of("rate").map((r) => [Number(r.key), Number(r.sales)])),
    statuses: new Map(of("status").map((s) => [s.key, { sales: Number(s.sales), open: Number(s.open), openCents: Number(s.cents) }])),
    lineKinds: new Map(of("line_kind").map((k) => [k.key, Number(k.sales)])),
    rejectedByFingerprint: new Map(of("cause").map((r) => [r.key, { count: Number(r.sales), cents: Number(r.cents) }])),
    salesAfterInstall: countIn((state) => state !== "before_install"),
    salesBeforeInstall: countIn((state) => state === "before_install"),
    lastRun: lastRun ? { startedAt: lastRun.startedAt, status: lastRun.status, errorCode: lastRun.errorCode } : null,
  };
}

/**
 * The sample's statuses, rates and line kinds, and the koppeling's totals per cause and per state,
 * as (fact, key, sales, open, cents) rows. The sample is a backward scan of sales_koppeling_created
 * stopped after `limit` rows; its lines are read once for rates and kinds alike.
 */
function factsQuery(koppelingId: string, since: Date, limit: number) {
  return sql`
    with recent as materialized (
      select id, shop_status, state, total_cents from sales
      where koppeling_id = ${koppelingId} and created_in_shop_at >= ${since.toISOString()} and state <> 'before_install'
      order by created_in_shop_at desc, id desc
      limit ${limit}
    ), recent_lines as materialized (
      select l.sale_id, coalesce(l.vat_rate_bp, 0) as rate, l.kind from recent r join sale_lines l on l.sale_id = r.id
    )
    select 'status' as fact, shop_status as key, count(*)::bigint as sales, count(*) filter (where state = 'open')::bigint as open,
      coalesce(sum(total_cents) filter (where state = 'open'), 0)::bigint as cents
    from recent group by shop_status
    union all
    select 'rate', rate::text, count(distinct sale_id)::bigint, 0, 0 from recent_lines group by rate
    union all
    select 'line_kind', kind, count(distinct sale_id)::bigint, 0, 0 from recent_lines group by kind
    union all
    select 'cause', cause, sum(sales)::bigint, 0, sum(cents)::bigint from cause_totals
    where koppeling_id = ${koppelingId} group by cause having sum(sales) > 0
    union all
    select 'state', state, sales::bigint, 0, cents::bigint from sale_totals where koppeling_id = ${koppelingId}`;
}
