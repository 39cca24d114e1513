/** Which weekly digests are due: the latest moment of each active subscription, not yet posted or held. */
import { and, gte, isNull, sql } from "drizzle-orm";
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
 * missed week; a moment before the subscription existed does not count. Runs every minute over every
 * subscription: the moment is worked out once per distinct schedule, deliveries are looked up by key.
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
  const moments = new Map<string, Date>();
  const momentOf = (weekday: number, hour: number, minute: number, timeZone: string) => {
    const key = `${weekday} ${hour}:${minute} ${timeZone}`;
    let moment = moments.get(key);
    if (!moment) moments.set(key, (moment = latestWeeklyMoment({ weekday, hour, minute, timeZone }, now)));
    return moment;
  };
  const candidates: DueDigest[] = [];
  for (const sub of active) {
    const due = momentOf(sub.weekday, sub.hour, sub.minute, sub.timeZone ?? defaultTimeZone);
    if (due < sub.createdAt) continue;
    if (sub.lastDigestAt && sub.lastDigestAt >= due) continue;
    candidates.push({ subscriptionId: sub.id, periodStart: due });
  }
  if (candidates.length === 0) return [];
  const earliest = new Date(candidates.reduce((min, c) => Math.min(min, c.periodStart.getTime()), Number.POSITIVE_INFINITY));
  const ids = candidates.map((c) => c.subscriptionId).join(",");
  const rows = await db
    .select()
    .from(digestDeliveries)
    .where(and(sql`${digestDeliveries.subscriptionId} = any(string_to_array(${ids}, ',')::bigint[])`, gte(digestDeliveries.periodStart, earliest)));
  const deliveries = new Map(rows.map((row) => [`${row.subscriptionId}@${row.periodStart.getTime()}`, row]));
  return candidates.filter((c) => {
    const d = deliveries.get(`${c.subscriptionId}@${c.periodStart.getTime()}`);
    if (!d) return true;
    if (d.state === "posted") return false;
    const leaseOver = !d.leaseUntil || d.leaseUntil < now;
    return leaseOver && (d.state === "claimed" || d.attempts < MAX_DIGEST_ATTEMPTS);
  });
}
