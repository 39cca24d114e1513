/** Why sales sit in Open: per shop status, whether it is ticked, how many, and how close to the 21-day limit. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { koppelingConfigs, sales } from "../../db/schema.js";
import { parseKoppelingConfig } from "../config/koppeling-config.js";
import { OPEN_LIMIT_DAYS } from "../sync/reclassify-open-sales.js";

/** Sales in Open with one shop status. */
export interface OpenStatusGroup {
  status: string;
  /** Ticked statuses normally leave Open on the next run; unticked ones stay until ticked or changed in the shop. */
  ticked: boolean;
  count: number;
  cents: number;
  oldestAt: Date;
  /** Days until the oldest sale of this status reaches the 21-day limit (0 = today). */
  daysLeftForOldest: number;
  /** Sales of this status with 7 days or fewer left. */
  nearLimit: number;
  /** A few sale numbers, newest first, to show as examples. */
  examples: string[];
}

export interface OpenExplanation {
  total: number;
  cents: number;
  tickedStatuses: string[];
  groups: OpenStatusGroup[];
}

const DAY_MS = 86_400_000;
const NEAR_LIMIT_DAYS = 7;

/** Explains the Open tab from the database. */
export async function explainOpen(db: Database, koppelingId: string, now: Date): Promise<OpenExplanation> {
  const nearCutoff = new Date(now.getTime() - (OPEN_LIMIT_DAYS - NEAR_LIMIT_DAYS) * DAY_MS);
  // Both reads go out together; the groups read only the sales in Open (sales_koppeling_state), never the history.
  const configRead = db.select({ settings: koppelingConfigs.settings }).from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, koppelingId));
  const groupsRead = db
    .select({
      status: sales.shopStatus,
      count: sql<number>`count(*)::int`,
      cents: sql<number>`sum(${sales.totalCents})::bigint`,
      oldestAt: sql<string>`min(${sales.createdInShopAt})`,
      nearLimit: sql<number>`count(*) filter (where ${sales.createdInShopAt} <= ${nearCutoff.toISOString()})::int`,
      examples: sql<string[]>`(array_agg(${sales.number} order by ${sales.createdInShopAt} desc))[1:3]`,
    })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), eq(sales.state, "open")))
    .groupBy(sales.shopStatus)
    .orderBy(asc(sql`min(${sales.createdInShopAt})`));
  const [[config], rows] = await Promise.all([configRead, groupsRead]);
  const ticked = parseKoppelingConfig(config?.settings).statuses;
  const groups = rows.map((row) => {
    const oldestAt = new Date(row.oldestAt);
    const ageDays = Math.floor((now.getTime() - oldestAt.getTime()) / DAY_MS);
    return {
      status: row.status,
      ticked: ticked.includes(row.status),
      count: Number(row.count),
      cents: Number(row.cents),
      oldestAt,
      daysLeftForOldest: Math.max(0, OPEN_LIMIT_DAYS - ageDays),
      nearLimit: Number(row.nearLimit),
      examples: row.examples,
    };
  });
  groups.sort((a, b) => b.count - a.count);
  return {
    total: groups.reduce((sum, g) => sum + g.count, 0),
    cents: groups.reduce((sum, g) => sum + g.cents, 0),
    tickedStatuses: ticked,
    groups,
  };
}
