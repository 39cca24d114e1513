/** The digest job: claim the (subscription, week), compute, render, post once, record. */
import { eq } from "drizzle-orm";
import { type DigestAudience, composeKoppelingDigest, composeSupportOverview } from "../../conversations/flows/digest-flow.js";
import type { Reply } from "../../conversations/replies/reply.js";
import { subscriptions } from "../../db/schema.js";
import { computeKoppelingDigest, weekBefore } from "../../engine/digest/compute-digest.js";
import { computeSupportOverview } from "../../engine/digest/compute-support-overview.js";
import { claimDigestDelivery, markDigestFailed, markDigestPosted, pauseSubscription, renewDigestLease } from "../../engine/digest/digest-deliveries.js";
import type { EngineDeps } from "../../engine/runtime/engine-deps.js";
import type { ChatPoster } from "../chat/chat-poster.js";

/** What happened to one digest job. */
export type DigestOutcome = "posted" | "skipped" | "not_ours" | "lost_lease" | "retry" | "given_up" | "paused";

/**
 * Delivers the digest of one subscription for the week ending at `periodStart`. Throws only when this
 * process has no poster for the platform, so the job is retried, possibly by a process that has one.
 */
export async function deliverDigest(engine: EngineDeps, posters: ChatPoster[], job: { subscriptionId: number; periodStart: string }): Promise<DigestOutcome> {
  const [sub] = await engine.db.select().from(subscriptions).where(eq(subscriptions.id, job.subscriptionId));
  if (!sub || sub.pausedAt) return "skipped";
  const poster = posters.find((p) => p.platform === sub.platform);
  if (!poster) throw new Error(`no ${sub.platform} poster in this process`);
  const periodStart = new Date(job.periodStart);
  const claim = await claimDigestDelivery(engine.db, sub.id, periodStart, engine.workerId, engine.clock.now());
  if (!claim) return "not_ours";

  const audience: DigestAudience = { platform: sub.platform, place: sub.place, language: sub.language };
  let reply: Reply;
  let causes: string[] | null = null;
  try {
    if (sub.kind === "support_overview" || !sub.koppelingId) {
      reply = composeSupportOverview(audience, await computeSupportOverview(engine.db, weekBefore(periodStart)));
    } else {
      const previous = sub.lastDigestAt ? (sub.lastCauses ?? []) : null;
      const digest = await computeKoppelingDigest(engine.db, sub.koppelingId, weekBefore(periodStart), engine.clock.now(), previous);
      reply = await composeKoppelingDigest(engine.db, audience, digest, engine.clock.now());
      causes = digest.causes.map((c) => c.fingerprint);
    }
  } catch (error) {
    engine.log.error("digest could not be computed", { subscriptionId: sub.id, error: error instanceof Error ? error.message : String(error) });
    return markDigestFailed(engine.db, claim, engine.workerId, engine.clock.now(), String(error));
  }

  // Computing took a while: if another process took the delivery over meanwhile, it posts, not us.
  if (!(await renewDigestLease(engine.db, claim, engine.workerId, engine.clock.now()))) return "lost_lease";
  const result = await poster.post(sub.place, reply).catch((error: unknown) => ({ kind: "failed" as const, reason: error instanceof Error ? error.message : String(error) }));
  const now = engine.clock.now();
  switch (result.kind) {
    case "posted":
      if (!(await markDigestPosted(engine.db, claim, engine.workerId, { at: now, ref: result.ref, causes }))) {
        engine.log.warn("digest posted after its lease ran out", { subscriptionId: sub.id, periodStart: job.periodStart });
      }
      return "posted";
    case "gone":
      await markDigestFailed(engine.db, claim, engine.workerId, now, `gone: ${result.reason}`, true);
      await pauseSubscription(engine.db, sub.id, result.reason, now);
      engine.log.warn("digest place gone: subscription paused", { subscriptionId: sub.id, platform: sub.platform, place: sub.place, reason: result.reason });
      return "paused";
    case "failed": {
      const next = await markDigestFailed(engine.db, claim, engine.workerId, now, result.reason);
      engine.log.warn("digest post failed", { subscriptionId: sub.id, attempt: claim.attempts, next, reason: result.reason });
      return next;
    }
  }
}
