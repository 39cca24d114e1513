/** What the schedules hand out as jobs: koppelingen whose sync is due, whose retries are due, whose dots are stale. */
import { and, eq, isNotNull, lte, lt, or, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { connections, koppelingen, sales, syncRuns } from "../../db/schema.js";
import { intervalOf } from "../sync/cadence.js";

/** A run counts as on time when it started at most this long before its interval ends (timers drift). */
const CADENCE_SLACK_MS = 2 * 60_000;

/** Koppelingen with a sub-daily cadence (every 15 min, hourly) whose next run is due; nightly ones run with the nightly job. */
export async function listDueSyncs(db: Database, now: Date): Promise<string[]> {
  const rows = await db
    .select({
      id: koppelingen.id,
      cadence: koppelingen.cadence,
      // Qualified by hand: drizzle writes bare column names here, and a bare "id" would be sync_runs.id.
      lastStartedAt: sql<string | null>`(select max(sr.started_at) from ${syncRuns} sr where sr.koppeling_id = "koppelingen"."id")`,
    })
    .from(koppelingen)
    .where(sql`${koppelingen.cadence} <> 'nightly'`);
  return rows
    .filter((row) => !row.lastStartedAt || new Date(row.lastStartedAt).getTime() + intervalOf(row.cadence) - CADENCE_SLACK_MS <= now.getTime())
    .map((row) => row.id);
}

/** Every koppeling (the nightly run covers them all). */
export async function listKoppelingIds(db: Database): Promise<string[]> {
  return (await db.select({ id: koppelingen.id }).from(koppelingen)).map((row) => row.id);
}

/** Koppelingen with a temporary failure whose automatic retry is due (index sales_retry_due). */
export async function listDueRetries(db: Database, now: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: sales.koppelingId })
    .from(sales)
    .where(and(isNotNull(sales.nextRetryAt), lte(sales.nextRetryAt, now), eq(sales.state, "queued")));
  return rows.map((row) => row.id);
}

/** Koppelingen with a connection not checked for `staleMs` (a sync records the dots too, so active ones are skipped). */
export async function listStaleConnections(db: Database, now: Date, staleMs: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: connections.koppelingId })
    .from(connections)
    .where(or(isNull(connections.lastCheckedAt), lt(connections.lastCheckedAt, new Date(now.getTime() - staleMs))));
  return rows.map((row) => row.id);
}
