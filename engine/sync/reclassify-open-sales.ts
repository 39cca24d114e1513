/** Re-checks Open sales against the current configuration, and expires those left too long. */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { sales } from "../../db/schema.js";
import { describeErrorCode } from "../errors/catalogue.js";

/** Open sales older than this are no longer re-checked (domain/koppeling.md). */
export const OPEN_LIMIT_DAYS = 21;
const DAY_MS = 86_400_000;

/** Queues Open sales whose status is now ticked; expires Open sales past the 21-day limit. */
export async function reclassifyOpenSales(
  db: Database,
  koppelingId: string,
  tickedStatuses: string[],
  now: Date,
): Promise<{ queued: number; expired: number }> {
  const open = and(eq(sales.koppelingId, koppelingId), eq(sales.state, "open"));
  const expiredRows = await db
    .update(sales)
    .set({
      state: "expired",
      stateChangedAt: now,
      errorCode: "OPEN_EXPIRED",
      errorClass: describeErrorCode("OPEN_EXPIRED").actionClass,
      errorMessage: `Still in Open after ${OPEN_LIMIT_DAYS} days`,
      errorFacts: sql`jsonb_build_object('status', ${sales.shopStatus})`,
      fingerprint: sql`'OPEN_EXPIRED|status=' || ${sales.shopStatus}`,
    })
    .where(and(open, lt(sales.createdInShopAt, new Date(now.getTime() - OPEN_LIMIT_DAYS * DAY_MS))))
    .returning({ id: sales.id });
  if (tickedStatuses.length === 0) return { queued: 0, expired: expiredRows.length };
  const queuedRows = await db
    .update(sales)
    .set({ state: "queued", stateChangedAt: now })
    .where(and(open, inArray(sales.shopStatus, tickedStatuses)))
    .returning({ id: sales.id });
  return { queued: queuedRows.length, expired: expiredRows.length };
}
