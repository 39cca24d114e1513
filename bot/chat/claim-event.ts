/** Platform deliveries handled once: Slack retries and duplicate event ids, Discord interactions delivered twice. */
import { lt } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { processedEvents } from "../../db/schema.js";

/** How long delivery ids are remembered; Slack retries within minutes, so a day is plenty. */
const REMEMBER_MS = 24 * 3_600_000;

/**
 * True for the first delivery of an event id (across all processes), false for every repeat. Every chat
 * turn starts here, so the claim commits without waiting for the disk (db/quick-commit.ts): only a crash
 * of the database server right after it could lose it, and then one redelivery might be answered twice.
 */
export async function claimEvent(db: Database, platform: string, eventId: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(processedEvents)
    .values({ platform, eventId, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: processedEvents.eventId, quickCommit: quickCommit() });
  return inserted.length === 1;
}

/** Forgets delivery ids older than a day; returns how many. */
export async function forgetOldEvents(db: Database, now: Date): Promise<number> {
  const removed = await db
    .delete(processedEvents)
    .where(lt(processedEvents.receivedAt, new Date(now.getTime() - REMEMBER_MS)))
    .returning({ id: processedEvents.eventId });
  return removed.length;
}
