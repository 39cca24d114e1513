/**
 * Where fetching stands between runs. A pass reads every sale modified after the cursor, page by page in
 * order of creation (that order does not change when a sale is edited, so no sale slips between pages).
 * A pass that stops part-way (the shop failed on page 40 of 100) is resumed by the next run after the
 * last sale it stored, instead of being started over: a large first import from a flaky shop would
 * otherwise never get past the page where it usually fails.
 *
 * The cursor a resumed pass ends with is the newest modification seen in the pass's *first* run. A sale
 * read in that run and edited later has a newer modification time, so the next pass reads it again;
 * taking the newest of the whole pass could skip it. The cost is that the next pass re-reads sales
 * already stored, which is a cheap comparison per sale (store-fetched-sales.ts).
 */
import { and, desc, eq, isNotNull, or } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { syncRuns } from "../../db/schema.js";

/** A pass stopped part-way. */
export interface FetchResume {
  /** Creation time of the last sale stored: the pass goes on after it. */
  createdAfter: Date;
  /** The cursor the pass started from (null: the first pass of the koppeling). */
  modifiedAfter: Date | null;
  /** The newest modification seen in the pass's first run: the cursor once the pass completes. */
  newest: Date | null;
}

/** Where the next fetch starts: a fresh pass from the cursor, or the rest of a pass that stopped. */
export type FetchStart = { kind: "pass"; cursor: Date | null } | { kind: "resume"; resume: FetchResume };

/** Reads the last run that completed a pass (its cursor) or stopped part-way (its resume point). */
export async function loadFetchStart(db: Database, koppelingId: string): Promise<FetchStart> {
  const [row] = await db
    .select({ cursor: syncRuns.cursor, resume: syncRuns.fetchResume })
    .from(syncRuns)
    .where(and(eq(syncRuns.koppelingId, koppelingId), or(isNotNull(syncRuns.cursor), isNotNull(syncRuns.fetchResume))))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  if (row?.cursor) return { kind: "pass", cursor: row.cursor };
  if (row?.resume) {
    const date = (iso: string | null) => (iso === null ? null : new Date(iso));
    return { kind: "resume", resume: { createdAfter: new Date(row.resume.createdAfter), modifiedAfter: date(row.resume.modifiedAfter), newest: date(row.resume.newest) } };
  }
  return { kind: "pass", cursor: null };
}

/** The stored form of a resume point (sync_runs.fetch_resume). */
export function storedResume(resume: FetchResume): { createdAfter: string; modifiedAfter: string | null; newest: string | null } {
  return { createdAfter: resume.createdAfter.toISOString(), modifiedAfter: resume.modifiedAfter?.toISOString() ?? null, newest: resume.newest?.toISOString() ?? null };
}

/** Follows one run's fetch: what it stored, and what the run should record when it ends or fails. */
export function trackFetch(start: FetchStart) {
  const modifiedAfter = start.kind === "resume" ? start.resume.modifiedAfter : start.cursor;
  let newest = modifiedAfter;
  let lastCreated: Date | null = null;
  return {
    modifiedAfter,
    /** Where this run starts reading (null: from the first-run look-back). */
    createdAfter: start.kind === "resume" ? start.resume.createdAfter : null,
    /** Call after a page is stored. */
    stored(page: ReadonlyArray<{ createdAt: Date; modifiedAt: Date }>): void {
      for (const sale of page) {
        if (!newest || sale.modifiedAt > newest) newest = sale.modifiedAt;
        if (!lastCreated || sale.createdAt > lastCreated) lastCreated = sale.createdAt;
      }
    },
    /** The cursor of a completed pass. */
    cursor(): Date | null {
      return start.kind === "resume" ? (start.resume.newest ?? newest) : newest;
    },
    /** The resume point after a stop; null when this run stored nothing (the last point still stands). */
    resume(): FetchResume | null {
      if (!lastCreated) return null;
      return { createdAfter: lastCreated, modifiedAfter, newest: start.kind === "resume" ? start.resume.newest : newest };
    },
  };
}
