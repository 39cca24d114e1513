/**
 * Problem reports → the platform's support channel, as an outbox: any process may post, each report is
 * claimed once per platform (a crashed poster's claim is taken over after a few minutes), then marked posted.
 */
import { and, asc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { problemReports, supportPosts } from "../../db/schema.js";
import { toReport } from "../../engine/reports/report-problem.js";
import type { Logger } from "../../engine/runtime/engine-deps.js";
import { describeReportForSupport } from "../../conversations/flows/support-flow.js";
import type { Language, Reply } from "../../conversations/replies/reply.js";

/** A claim older than this is taken over by another process. */
const STALE_CLAIM_MS = 5 * 60_000;
/** Reports older than this are not posted any more (a new support channel does not get the whole history). */
const MAX_AGE_MS = 7 * 24 * 3_600_000;

export interface SupportOutboxOptions {
  db: Database;
  platform: "slack" | "discord";
  workerId: string;
  now: () => Date;
  log: Logger;
  language?: Language;
  /** Posts the reply in the support channel and returns the platform's message reference. */
  post: (reply: Reply) => Promise<unknown>;
}

/** Whether a turn filed a problem report, so the outbox has something new (otherwise the interval covers it). */
export function filedReport(reply: Reply): boolean {
  return reply.intent === "report_problem" && !reply.refused;
}

/** Posts every unposted report of the last week; returns how many were posted by this call. */
export async function flushSupportOutbox(options: SupportOutboxOptions): Promise<number> {
  const { db, platform } = options;
  let posted = 0;
  for (;;) {
    const now = options.now();
    const candidates = await db
      .select()
      .from(problemReports)
      .leftJoin(supportPosts, and(eq(supportPosts.reportId, problemReports.id), eq(supportPosts.platform, platform)))
      .where(
        and(
          gt(problemReports.createdAt, new Date(now.getTime() - MAX_AGE_MS)),
          or(isNull(supportPosts.reportId), and(eq(supportPosts.state, "claimed"), lt(supportPosts.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)))),
        ),
      )
      .orderBy(asc(problemReports.id))
      .limit(20);
    if (candidates.length === 0) return posted;
    let claimedAny = false;
    for (const { problem_reports: row } of candidates) {
      if (!(await claimPost(db, row.id, platform, options.workerId, now))) continue;
      claimedAny = true;
      try {
        const message = await options.post(describeReportForSupport(toReport(row), options.language ?? "nl"));
        await db
          .update(supportPosts)
          .set({ state: "posted", postedAt: options.now(), message: (message ?? null) as never })
          .where(and(eq(supportPosts.reportId, row.id), eq(supportPosts.platform, platform)));
        posted++;
      } catch (error) {
        // Leave the claim: another try after STALE_CLAIM_MS, by this or another process.
        options.log.warn("support post failed", { platform, reference: row.reference, error: error instanceof Error ? error.message : String(error) });
        return posted;
      }
    }
    if (!claimedAny) return posted;
  }
}

/** Claims (or takes over a stale claim on) the post of one report. */
async function claimPost(db: Database, reportId: number, platform: string, workerId: string, now: Date): Promise<boolean> {
  const claimed = await db
    .insert(supportPosts)
    .values({ reportId, platform, state: "claimed", claimedBy: workerId, claimedAt: now })
    .onConflictDoUpdate({
      target: [supportPosts.reportId, supportPosts.platform],
      set: { claimedBy: workerId, claimedAt: now },
      setWhere: and(eq(supportPosts.state, "claimed"), lt(supportPosts.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS))),
    })
    .returning({ id: supportPosts.reportId });
  return claimed.length === 1;
}
