/** Actions behind buttons and confirmations: stored, checked against the user and koppeling, used once. */
import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { pendingActions } from "../../db/schema.js";
import type { ConfigChange } from "../../engine/config/update-config.js";
import type { IgnoreTarget } from "../../engine/retry/ignore-sales.js";
import type { RetryTarget } from "../../engine/retry/retry-sales.js";
import type { ReportTarget } from "../../engine/reports/report-problem.js";
import type { Reply } from "../replies/reply.js";
import type { ConversationKey } from "./conversation-store.js";

/** What pressing a button does. */
export type PendingAction =
  | { kind: "start_walk" }
  | { kind: "walk_next" }
  | { kind: "configure"; change: ConfigChange; inWalk: boolean }
  | { kind: "preview_retry"; target: RetryTarget }
  | { kind: "retry"; target: RetryTarget; accountingChecked?: boolean }
  | { kind: "preview_report"; target: ReportTarget }
  | { kind: "report"; target: ReportTarget }
  | { kind: "ignore"; target: IgnoreTarget }
  | { kind: "show_errors" }
  | { kind: "unlink" }
  /** The rest of a reply too long for one message (Slack's 50 blocks): shown as it is. */
  | { kind: "show_more"; reply: Reply }
  | { kind: "cancel" };

/** How long a button stays valid. */
export const PENDING_ACTION_TTL_MS = 24 * 3_600_000;

/**
 * The user id of a button offered to a whole place (a digest posted in a channel): anyone there may
 * press it, more than once, until it expires; the core checks the presser's role as for any button.
 */
export const ANY_USER = "*";

/** A button's action before it is stored: the id it will have, its koppeling and when it expires. */
export interface PendingActionDraft {
  id: string;
  koppelingId: string | null;
  action: PendingAction;
  expiresAt: Date;
}

/**
 * A new action with a fresh unguessable id (a random UUID: 122 random bits; 39 characters, within Discord's
 * 100 and Slack's 255 for a button id); stored by createPendingAction, or with the conversation at the end
 * of a turn. Node draws UUIDs from a cache it fills in batches: a status reply's buttons used to cost about
 * 35 µs each in calls to randomBytes on a cold turn (randomUUID: about 5 µs).
 */
export function draftPendingAction(koppelingId: string | null, action: PendingAction, now: Date, ttlMs = PENDING_ACTION_TTL_MS): PendingActionDraft {
  return { id: `ka_${randomUUID()}`, koppelingId, action, expiresAt: new Date(now.getTime() + ttlMs) };
}

/** Stores an action and returns its id, to be used as a button id (a quick commit: the reply does not wait for the disk). */
export async function createPendingAction(
  db: Database,
  key: ConversationKey,
  koppelingId: string | null,
  action: PendingAction,
  now: Date,
  ttlMs = PENDING_ACTION_TTL_MS,
): Promise<string> {
  const draft = draftPendingAction(koppelingId, action, now, ttlMs);
  await db
    .insert(pendingActions)
    .values({ ...draft, platform: key.platform, place: key.place, userId: key.userId, createdAt: now })
    .returning({ quickCommit: quickCommit() });
  return draft.id;
}

export type ConsumeResult =
  | { kind: "ok"; action: PendingAction; koppelingId: string | null }
  | { kind: "unknown" }
  | { kind: "not_yours" }
  | { kind: "other_place" }
  | { kind: "expired" }
  | { kind: "used" };

/** Uses an action once: only by the user it was offered to, in the same place, before it expires (place-wide buttons: see ANY_USER). */
export async function consumePendingAction(db: Database, id: string, key: ConversationKey, now: Date): Promise<ConsumeResult> {
  const [row] = await db.select().from(pendingActions).where(eq(pendingActions.id, id));
  if (!row) return { kind: "unknown" };
  if (row.platform !== key.platform || row.place !== key.place) return { kind: "other_place" };
  if (row.userId !== key.userId && row.userId !== ANY_USER) return { kind: "not_yours" };
  if (row.usedAt) return { kind: "used" };
  if (row.expiresAt <= now) return { kind: "expired" };
  // A place-wide button only opens a view or a preview with the presser's own confirmation: never used up.
  if (row.userId === ANY_USER) return { kind: "ok", action: row.action as PendingAction, koppelingId: row.koppelingId };
  // The conditional update makes a double click (or two processes) use it once.
  const [used] = await db
    .update(pendingActions)
    .set({ usedAt: now })
    .where(and(eq(pendingActions.id, id), isNull(pendingActions.usedAt), gt(pendingActions.expiresAt, now)))
    .returning({ id: pendingActions.id });
  if (!used) return { kind: "used" };
  return { kind: "ok", action: row.action as PendingAction, koppelingId: row.koppelingId };
}
