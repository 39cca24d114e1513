/**
 * Exactly-once delivery of a digest: a row per (subscription, period) is claimed with a lease before
 * anything is posted and marked posted right after. A crashed sender's lease runs out and another
 * process takes over; the only double post left is a crash between the platform accepting the post
 * and the "posted" mark (README, "Schedules and the weekly digest").
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { digestDeliveries, subscriptions } from "../../db/schema.js";

/** How often a failing post is tried before the digest of that week is given up. */
export const MAX_DIGEST_ATTEMPTS = 5;
/** How long a claim holds: far longer than computing and posting one digest takes. */
export const DIGEST_LEASE_MS = 5 * 60_000;
/** Wait before the next try after a failed post: 2, 4, 8, 16 minutes. */
export const digestRetryDelayMs = (attempts: number): number => 2 ** attempts * 60_000;

/** A delivery this worker now holds. */
export interface ClaimedDelivery {
  subscriptionId: number;
  periodStart: Date;
  attempts: number;
}

/**
 * Claims the delivery for this worker: new, or claimed by a worker whose lease ran out, or failed
 * and due for another try. Null when it is posted, held by a live lease, or given up.
 */
export async function claimDigestDelivery(
  db: Database,
  subscriptionId: number,
  periodStart: Date,
  workerId: string,
  now: Date,
  leaseMs = DIGEST_LEASE_MS,
): Promise<ClaimedDelivery | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const d = digestDeliveries;
  const [row] = await db
    .insert(d)
    .values({ subscriptionId, periodStart, state: "claimed", leaseOwner: workerId, leaseUntil, attempts: 1 })
    .onConflictDoUpdate({
      target: [d.subscriptionId, d.periodStart],
      set: { state: "claimed", leaseOwner: workerId, leaseUntil, attempts: sql`${d.attempts} + 1`, error: null },
      setWhere: sql`${d.leaseUntil} < ${now.toISOString()} and (${d.state} = 'claimed' or (${d.state} = 'failed' and ${d.attempts} < ${MAX_DIGEST_ATTEMPTS}))`,
    })
    .returning({ attempts: d.attempts });
  return row ? { subscriptionId, periodStart, attempts: row.attempts } : null;
}

/** Whether this worker still holds the claim (checked right before posting, which narrows the double-post window). */
export async function renewDigestLease(db: Database, claim: ClaimedDelivery, workerId: string, now: Date, leaseMs = DIGEST_LEASE_MS): Promise<boolean> {
  const renewed = await db
    .update(digestDeliveries)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(held(claim, workerId), sql`${digestDeliveries.leaseUntil} >= ${now.toISOString()}`))
    .returning({ state: digestDeliveries.state });
  return renewed.length === 1;
}

/** Records the post and the causes it showed (the next digest marks causes not in this list as new). */
export async function markDigestPosted(
  db: Database,
  claim: ClaimedDelivery,
  workerId: string,
  posted: { at: Date; ref: unknown; causes: string[] | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(digestDeliveries)
      .set({ state: "posted", postedAt: posted.at, message: (posted.ref ?? null) as object | null, leaseOwner: null, leaseUntil: null })
      .where(held(claim, workerId))
      .returning({ state: digestDeliveries.state });
    if (done.length === 0) return false;
    await tx
      .update(subscriptions)
      .set({ lastDigestAt: claim.periodStart, ...(posted.causes ? { lastCauses: posted.causes } : {}) })
      .where(eq(subscriptions.id, claim.subscriptionId));
    return true;
  });
}

/** Records a failed post: tried again after a back-off unless attempts are used up or `final`. */
export async function markDigestFailed(db: Database, claim: ClaimedDelivery, workerId: string, now: Date, error: string, final = false): Promise<"retry" | "given_up"> {
  const givenUp = final || claim.attempts >= MAX_DIGEST_ATTEMPTS;
  await db
    .update(digestDeliveries)
    .set({
      state: "failed",
      error: error.slice(0, 500),
      leaseOwner: null,
      // For a failed delivery the lease is "not before": the moment of the next try.
      leaseUntil: new Date(now.getTime() + digestRetryDelayMs(claim.attempts)),
      ...(givenUp ? { attempts: MAX_DIGEST_ATTEMPTS } : {}),
    })
    .where(held(claim, workerId));
  return givenUp ? "given_up" : "retry";
}

/** Pauses a subscription whose place is gone (channel deleted, bot removed); it is not retried. */
export async function pauseSubscription(db: Database, subscriptionId: number, reason: string, now: Date): Promise<void> {
  await db.update(subscriptions).set({ pausedAt: now, pausedReason: reason.slice(0, 300) }).where(eq(subscriptions.id, subscriptionId));
}

function held(claim: ClaimedDelivery, workerId: string) {
  const d = digestDeliveries;
  return and(eq(d.subscriptionId, claim.subscriptionId), eq(d.periodStart, claim.periodStart), eq(d.state, "claimed"), eq(d.leaseOwner, workerId));
}

