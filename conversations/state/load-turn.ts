/**
 * What every turn starts from, read in one statement: the conversation's state, the koppeling linked to
 * the place and the user's role for it, and (for a platform delivery) the claim that this delivery is
 * handled once. A chat turn is a handful of small statements; each costs a round trip and socket writes
 * on both sides, which is most of a status reply's time (issue #9, part 5).
 */
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/open-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { chatLinks, chatRoles, conversations, koppelingen, processedEvents } from "../../db/schema.js";
import type { ChatRole } from "./chat-roles.js";
import { type ConversationKey, type ConversationState, stateFromRow } from "./conversation-store.js";

export interface TurnStart {
  /** False only for a delivery id seen before (a platform retry or a replay): nothing more is done. */
  claimed: boolean;
  state: ConversationState;
  koppeling: { id: string; name: string } | null;
  /** null when the place is not linked. */
  role: ChatRole | null;
}

interface TurnRow {
  claimed: number;
  language: "nl" | "en" | null;
  flow: string | null;
  koppeling_id: string | null;
  koppeling_name: string | null;
  role: "owner" | "viewer" | null;
}

/**
 * Loads the state (a new conversation starts in Dutch), the linked koppeling and the role: owner, viewer or
 * support. With a delivery id the delivery is claimed in the same statement (a quick commit, as in
 * bot/chat/claim-event.ts); a repeat comes back with claimed: false.
 */
export async function loadTurn(db: Database, key: ConversationKey, workspace: string, isSupport: boolean, delivery?: { id: string; at: Date }): Promise<TurnStart> {
  const claim = delivery
    ? sql`insert into ${processedEvents} (platform, event_id, received_at) values (${key.platform}, ${delivery.id}, ${delivery.at.toISOString()}::timestamptz)
        on conflict do nothing returning 1`
    : sql`select 1 where false`;
  const [row] = rowsOf<TurnRow>(
    await db.execute(sql`
      with claim as (${claim})
      select (select count(*) from claim)::int as claimed, c.language, c.flow::text as flow, k.id as koppeling_id, k.name as koppeling_name, r.role,
        ${quickCommit()} as quick_commit
      from (select 1) as one
      left join ${conversations} c on c.platform = ${key.platform} and c.place = ${key.place} and c.user_id = ${key.userId}
      left join ${chatLinks} l on l.platform = ${key.platform} and l.place = ${key.place}
      left join ${koppelingen} k on k.id = l.koppeling_id
      left join ${chatRoles} r on r.platform = ${key.platform} and r.workspace = ${workspace} and r.user_id = ${key.userId} and r.koppeling_id = k.id`),
  );
  const koppeling = row?.koppeling_id ? { id: row.koppeling_id, name: row.koppeling_name ?? "" } : null;
  const role: ChatRole | null = !koppeling ? null : isSupport ? "support" : (row?.role ?? "viewer");
  const stored = row?.language ? { language: row.language, flow: row.flow === null ? null : (JSON.parse(row.flow) as unknown) } : undefined;
  return { claimed: !delivery || Number(row?.claimed ?? 0) === 1, state: stateFromRow(stored), koppeling, role };
}
