/** Roles in chat: the user who linked a koppeling owns it; others in a linked place may only look; support may act anywhere. */
import type { Database } from "../../db/open-database.js";
import { chatRoles } from "../../db/schema.js";

/** owner: may retry, report, ignore, configure, subscribe; viewer: read-only; support: owner rights on any koppeling. */
export type ChatRole = "owner" | "viewer" | "support";

export interface RoleSubject {
  platform: string;
  /** Workspace or guild id; "" for DMs and the terminal. */
  workspace: string;
  userId: string;
}

// A turn reads the role together with its other state: conversations/state/load-turn.ts.

/** Makes a user owner of a koppeling (knowing the license key is the proof). */
export async function grantOwner(db: Database, who: RoleSubject, koppelingId: string, grantedBy: string, now: Date): Promise<void> {
  await db
    .insert(chatRoles)
    .values({ ...who, koppelingId, role: "owner", grantedBy, createdAt: now })
    .onConflictDoUpdate({ target: [chatRoles.platform, chatRoles.workspace, chatRoles.userId, chatRoles.koppelingId], set: { role: "owner", grantedBy, createdAt: now } });
}

/** Whether a role may cause effects (retry, report, ignore, configure, link changes, subscriptions). */
export function mayAct(role: ChatRole | null): boolean {
  return role === "owner" || role === "support";
}
