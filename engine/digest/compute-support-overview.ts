/** The support channel's weekly overview of all koppelingen: what is at stake where, and every red dot. */
import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { causeTotals, connections, koppelingen } from "../../db/schema.js";
import type { DigestPeriod } from "./compute-digest.js";

/** One koppeling in the ranking. */
export interface OverviewLine {
  koppelingId: string;
  name: string;
  licenseKeyHint: string;
  rejectedCount: number;
  cents: number;
}

/** One red connection. */
export interface OverviewRedDot {
  koppelingId: string;
  name: string;
  side: "sales" | "accounting";
  system: string;
  errorCode: string | null;
}

export interface SupportOverview {
  period: DigestPeriod;
  /** Koppelingen with sales in Fouten, most at stake first (at most `limit`). */
  ranking: OverviewLine[];
  /** How many koppelingen have sales in Fouten, and the total at stake. */
  totals: { koppelingen: number; rejectedCount: number; cents: number };
  redDots: OverviewRedDot[];
}

/** Computes the overview; the ranking and the red dots are cut at `limit` lines each. */
export async function computeSupportOverview(db: Database, period: DigestPeriod, limit = 10): Promise<SupportOverview> {
  // From the totals the triggers on sales keep (cause_totals), not from the sales in Fouten themselves.
  const atStake = db
    .select({
      koppelingId: causeTotals.koppelingId,
      rejectedCount: sql<number>`sum(${causeTotals.sales})::int`.as("rejected_count"),
      cents: sql<number>`sum(${causeTotals.cents})::bigint`.as("cents"),
    })
    .from(causeTotals)
    .groupBy(causeTotals.koppelingId)
    .having(sql`sum(${causeTotals.sales}) > 0`)
    .as("at_stake");
  const [ranked, totals, red] = await Promise.all([
    db
      .select({ koppelingId: atStake.koppelingId, name: koppelingen.name, hint: koppelingen.licenseKeyHint, rejectedCount: atStake.rejectedCount, cents: atStake.cents })
      .from(atStake)
      .innerJoin(koppelingen, eq(koppelingen.id, atStake.koppelingId))
      .orderBy(desc(atStake.cents), koppelingen.name)
      .limit(limit),
    db
      .select({ koppelingen: sql<number>`count(*)::int`, rejectedCount: sql<number>`coalesce(sum(${atStake.rejectedCount}), 0)::int`, cents: sql<number>`coalesce(sum(${atStake.cents}), 0)::bigint` })
      .from(atStake),
    db
      .select({ koppelingId: connections.koppelingId, name: koppelingen.name, side: connections.side, system: connections.system, errorCode: connections.lastErrorCode })
      .from(connections)
      .innerJoin(koppelingen, eq(koppelingen.id, connections.koppelingId))
      .where(eq(connections.state, "red"))
      .orderBy(koppelingen.name, connections.side)
      .limit(limit * 2),
  ]);
  return {
    period,
    ranking: ranked.map((r) => ({ koppelingId: r.koppelingId, name: r.name, licenseKeyHint: r.hint, rejectedCount: Number(r.rejectedCount), cents: Number(r.cents) })),
    totals: { koppelingen: Number(totals[0]?.koppelingen ?? 0), rejectedCount: Number(totals[0]?.rejectedCount ?? 0), cents: Number(totals[0]?.cents ?? 0) },
    redDots: red,
  };
}
