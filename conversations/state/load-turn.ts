/**
 * What every turn starts from, read in one statement: the conversation's state, the koppeling linked to
 * the place and the user's role for it, and (for a platform delivery) the claim that this delivery is
 * handled once. A chat turn is a handful of small statements; each costs a round trip and socket writes
 * on both sides, which is most of a status reply's time (issue #9, part 5).
 */
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/open-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { type StatusColumns, statusColumns } from "../../engine/status/get-status.js";
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
  /** The linked koppeling's status, when asked for (the rules already heard a status question). */
  status: StatusColumns | null;
}

interface TurnRow {
  claimed: number;
  language: "nl" | "en" | null;
  flow: string | null;
  koppeling_id: string | null;
  koppeling_name: string | null;
  role: "owner" | "viewer" | null;
}

/** What the turn reads besides its state. */
export interface TurnLoad {
  /** A platform delivery id: claimed in the same statement, a repeat comes back with claimed: false. */
  delivery?: { id: string; at: Date };
  /** Also read the linked koppeling's status (engine/status/get-status.ts), saving the status answer a round trip. */
  withStatus?: boolean;
}

/**
 * Loads the state (a new conversation starts in Dutch), the linked koppeling and the role: owner, viewer or
 * support. With a delivery id the delivery is claimed in the same statement (a quick commit, as in
 * bot/chat/claim-event.ts); a repeat comes back with claimed: false.
 */
export async function loadTurn(db: Database, key: ConversationKey, workspace: string, isSupport: boolean, load: TurnLoad = {}): Promise<TurnStart> {
  const { delivery } = load;
  const claim = delivery
    ? sql`insert into ${processedEvents} (platform, event_id, received_at) values (${key.platform}, ${delivery.id}, ${delivery.at.toISOString()}::timestamptz)
        on conflict do nothing returning 1`
    : sql`select 1 where false`;
  const status = load.withStatus ? sql`, k.name as status_name, k.cadence as status_cadence, ${statusColumns(sql`k.id`)}` : sql``;
  const [row] = rowsOf<TurnRow & Partial<StatusColumns>>(
    await db.execute(sql`
      with claim as (${claim})
      select (select count(*) from claim)::int as claimed, c.language, c.flow::text as flow, k.id as koppeling_id, k.name as koppeling_name, r.role,
        ${quickCommit()} as quick_commit ${status}
      from (select 1) as one
      left join ${conversations} c on c.platform = ${key.platform} and c.place = ${key.place} and c.user_id = ${key.userId}
      left join ${chatLinks} l on l.platform = ${key.platform} and l.place = ${key.place}
      left join ${koppelingen} k on k.id = l.koppeling_id
      left join ${chatRoles} r on r.platform = ${key.platform} and r.workspace = ${workspace} and r.user_id = ${key.userId} and r.koppeling_id = k.id`),
  );
  const koppeling = row?.koppeling_id ? { id: row.koppeling_id, name: row.koppeling_name ?? "" } : null;
  const role: ChatRole | null = !koppeling ? null : isSupport ? "support" : (row?.role ?? "viewer");
  const stored = row?.language ? { language: row.language, flow: row.flow === null ? null : (JSON.parse(row.flow) as unknown) } : undefined;
  const statusRow = koppeling && load.withStatus && row?.status_totals !== undefined ? (row as StatusColumns) : null;
  return { claimed: !delivery || Number(row?.claimed ?? 0) === 1, state: stateFromRow(stored), koppeling, role, status: statusRow };
}
