/** Which weekly digests are due: the latest moment of each active subscription, not yet posted or held. */
import { and, gte, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { digestDeliveries, subscriptions } from "../../db/schema.js";
import { MAX_DIGEST_ATTEMPTS } from "../digest/digest-deliveries.js";
import { latestWeeklyMoment } from "./digest-moment.js";

/** A digest to send: one subscription, one period (keyed by its due moment). */
export interface DueDigest {
  subscriptionId: number;
  periodStart: Date;
}

/**
 * Only the latest moment counts, so after any downtime a subscription gets one digest, not one per
 * missed week; a moment before the subscription existed does not count.
 */
export async function findDueDigests(db: Database, now: Date, defaultTimeZone: string): Promise<DueDigest[]> {
  const active = await db
    .select({
      id: subscriptions.id,
      weekday: subscriptions.weekday,
      hour: subscriptions.hour,
      minute: subscriptions.minute,
      timeZone: subscriptions.timeZone,
      createdAt: subscriptions.createdAt,
      lastDigestAt: subscriptions.lastDigestAt,
    })
    .from(subscriptions)
    .where(isNull(subscriptions.pausedAt));
  const candidates: DueDigest[] = [];
  for (const sub of active) {
    const due = latestWeeklyMoment({ weekday: sub.weekday, hour: sub.hour, minute: sub.minute, timeZone: sub.timeZone ?? defaultTimeZone }, now);
    if (due < sub.createdAt) continue;
    if (sub.lastDigestAt && sub.lastDigestAt >= due) continue;
    candidates.push({ subscriptionId: sub.id, periodStart: due });
  }
  if (candidates.length === 0) return [];
  const earliest = new Date(Math.min(...candidates.map((c) => c.periodStart.getTime())));
  const deliveries = await db
    .select()
    .from(digestDeliveries)
    .where(and(inArray(digestDeliveries.subscriptionId, candidates.map((c) => c.subscriptionId)), gte(digestDeliveries.periodStart, earliest)));
  return candidates.filter((c) => {
    const d = deliveries.find((row) => row.subscriptionId === c.subscriptionId && row.periodStart.getTime() === c.periodStart.getTime());
    if (!d) return true;
    if (d.state === "posted") return false;
    const leaseOver = !d.leaseUntil || d.leaseUntil < now;
    return leaseOver && (d.state === "claimed" || d.attempts < MAX_DIGEST_ATTEMPTS);
  });
}
