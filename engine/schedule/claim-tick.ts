/** The tick ledger: node-schedule fires in every process; one row per job and fire time says who runs it. */
import { lt } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { scheduleTicks } from "../../db/schema.js";

/** The fire time of a tick, to the minute: processes whose timers fire a few ms apart claim the same row. */
export function tickMoment(fireAt: Date): Date {
  return new Date(Math.floor(fireAt.getTime() / 60_000) * 60_000);
}

/** Claims the tick `job` at `fireAt` for this worker; true for exactly one of the processes that try. */
export async function claimTick(db: Database, job: string, fireAt: Date, workerId: string, now: Date): Promise<boolean> {
  const claimed = await db
    .insert(scheduleTicks)
    .values({ job, fireAt: tickMoment(fireAt), claimedBy: workerId, claimedAt: now })
    .onConflictDoNothing()
    .returning({ job: scheduleTicks.job });
  return claimed.length === 1;
}

/** Forgets ticks older than `before` (the nightly run keeps a week). */
export async function pruneTicks(db: Database, before: Date): Promise<number> {
  const removed = await db.delete(scheduleTicks).where(lt(scheduleTicks.fireAt, before)).returning({ job: scheduleTicks.job });
  return removed.length;
}
