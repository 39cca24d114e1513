/**
 * What every turn starts from, read in one statement: the conversation's state, the koppeling linked to
 * the place and the user's role for it, the claim that a platform delivery is handled once, and (for a
 * message the rules alone will understand) the status, in case it is a status question: the core sends
 * this statement before it runs the rules, so it cannot know yet. A chat turn is a handful of small
 * statements, and each costs a round trip and socket writes on both sides. That is most of a status
 * reply's time (issue #9, part 5). The statement is prepared once per database, so Postgres plans it
 * once per connection.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { preparedPerDatabase } from "../../db/prepared-per-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { chatLinks, chatRoles, conversations, koppelingen, processedEvents } from "../../db/schema.js";
import { type StatusColumns, statusColumns } from "../../engine/status/get-status.js";
import type { ChatRole } from "./chat-roles.js";
import { type ConversationKey, type ConversationState, stateFromRow } from "./conversation-store.js";

export interface TurnStart {
  /** False only for a delivery id seen before (a platform retry or a replay): nothing more is done. */
  claimed: boolean;
  state: ConversationState;
  koppeling: { id: string; name: string } | null;
  /** null when the place is not linked. */
  role: ChatRole | null;
  /** The linked koppeling's status, when asked for (withStatus) and the place is linked. */
  status: StatusColumns | null;
}

/** What the turn reads besides its state. */
export interface TurnLoad {
  /** A platform delivery id: claimed in the same statement, a repeat comes back with claimed: false. */
  delivery?: { id: string; at: Date };
  /** Also read the linked koppeling's status (engine/status/get-status.ts), saving a status answer a round trip. */
  withStatus?: boolean;
}

const p = {
  platform: sql.placeholder("platform"),
  place: sql.placeholder("place"),
  userId: sql.placeholder("userId"),
  workspace: sql.placeholder("workspace"),
  deliveryId: sql.placeholder("deliveryId"),
  at: sql.placeholder("at"),
};

function prepareLoadTurn(db: Database, withStatus: boolean) {
  // The delivery claim (nothing when there is no delivery id); a quick commit, as in bot/chat/claim-event.ts.
  const claim = db.$with("claim", { claimed: sql<number>`claimed` }).as(
    sql`insert into ${processedEvents} (platform, event_id, received_at)
      select ${p.platform}::text, ${p.deliveryId}::text, ${p.at}::timestamptz where ${p.deliveryId}::text is not null
      on conflict do nothing returning 1 as claimed`,
  );
  const status = withStatus
    ? {
        status_name: sql<string>`${koppelingen.name}`.as("status_name"),
        status_cadence: sql<string>`${koppelingen.cadence}`.as("status_cadence"),
        ...statusColumns(),
      }
    : {};
  return db
    .with(claim)
    .select({
      claimed: sql<number>`(select count(*) from claim)::int`.as("claimed"),
      language: conversations.language,
      flow: conversations.flow,
      koppelingId: koppelingen.id,
      koppelingName: koppelingen.name,
      role: chatRoles.role,
      quickCommit: quickCommit().as("quick_commit"),
      ...status,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(conversations, and(eq(conversations.platform, p.platform), eq(conversations.place, p.place), eq(conversations.userId, p.userId)))
    .leftJoin(chatLinks, and(eq(chatLinks.platform, p.platform), eq(chatLinks.place, p.place)))
    .leftJoin(koppelingen, eq(koppelingen.id, chatLinks.koppelingId))
    .leftJoin(chatRoles, and(eq(chatRoles.platform, p.platform), eq(chatRoles.workspace, p.workspace), eq(chatRoles.userId, p.userId), eq(chatRoles.koppelingId, koppelingen.id)))
    .prepare(withStatus ? "koppelbot_load_turn_status" : "koppelbot_load_turn");
}

const loadTurnStatement = preparedPerDatabase((db) => prepareLoadTurn(db, false));
const loadTurnWithStatusStatement = preparedPerDatabase((db) => prepareLoadTurn(db, true));

/**
 * Loads the state (a new conversation starts in Dutch), the linked koppeling and the role: owner, viewer or
 * support. With a delivery id the delivery is claimed in the same statement; a repeat comes back with
 * claimed: false.
 */
export async function loadTurn(db: Database, key: ConversationKey, workspace: string, isSupport: boolean, load: TurnLoad = {}): Promise<TurnStart> {
  const withStatus = load.withStatus === true;
  const query = withStatus ? loadTurnWithStatusStatement(db) : loadTurnStatement(db);
  const [row] = await query.execute({
    platform: key.platform,
    place: key.place,
    userId: key.userId,
    workspace,
    deliveryId: load.delivery?.id ?? null,
    at: (load.delivery?.at ?? new Date(0)).toISOString(),
  });
  const koppeling = row?.koppelingId ? { id: row.koppelingId, name: row.koppelingName ?? "" } : null;
  const role: ChatRole | null = !koppeling ? null : isSupport ? "support" : (row?.role ?? "viewer");
  const status = koppeling && withStatus && row ? (row as unknown as StatusColumns) : null;
  return {
    claimed: !load.delivery || Number(row?.claimed ?? 0) === 1,
    state: stateFromRow(row?.language ? { language: row.language, flow: row.flow } : undefined),
    koppeling,
    role,
    status,
  };
}
