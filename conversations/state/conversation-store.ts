/** Conversation state per platform, place and user: language, the open flow, the last buttons. Survives restarts. */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { preparedPerDatabase } from "../../db/prepared-per-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { conversations, pendingActions } from "../../db/schema.js";
import type { ChecklistFix } from "../../engine/checklist/checklist-item.js";
import type { Turn } from "../llm/conversation-turns.js";
import type { Language } from "../replies/reply.js";
import type { PendingActionDraft } from "./pending-actions.js";

/** Which conversation: one per user in a place. */
export interface ConversationKey {
  platform: string;
  place: string;
  userId: string;
}

/** The open flow, if any. */
export type Flow = { kind: "checklist_walk"; fixes: ChecklistFix[] } | { kind: "report_choose_cause" } | null;

export interface ConversationState {
  language: Language;
  flow: Flow;
  /** The buttons of the last reply, so "ja", "2" or "#choose 2" can press them. */
  lastActions: Array<{ id: string; style?: "primary" | "danger" }>;
  /** The last few turns (masked, short), the model's context; see conversations/llm/conversation-turns.ts. */
  turns: Turn[];
}

/** Loads the state; a new conversation starts in Dutch with nothing open. */
export async function loadConversation(db: Database, key: ConversationKey): Promise<ConversationState> {
  const [row] = await db
    .select({ language: conversations.language, flow: conversations.flow })
    .from(conversations)
    .where(and(eq(conversations.platform, key.platform), eq(conversations.place, key.place), eq(conversations.userId, key.userId)));
  return stateFromRow(row);
}

/** The state held in a stored row (none: a new conversation, in Dutch with nothing open). */
export function stateFromRow(row: { language: Language; flow: unknown } | undefined): ConversationState {
  const stored = (row?.flow ?? null) as { flow?: Flow; lastActions?: ConversationState["lastActions"]; turns?: Turn[] } | null;
  return { language: row?.language ?? "nl", flow: stored?.flow ?? null, lastActions: stored?.lastActions ?? [], turns: stored?.turns ?? [] };
}

function prepareSave(db: Database) {
  const p = {
    platform: sql.placeholder("platform"),
    place: sql.placeholder("place"),
    userId: sql.placeholder("userId"),
    at: sql.placeholder("at"),
  };
  const buttons = db.$with("new_buttons", { id: sql<string>`id` }).as(
    sql`insert into ${pendingActions} (id, platform, place, user_id, koppeling_id, action, expires_at, created_at)
      select b.id, ${p.platform}::text, ${p.place}::text, ${p.userId}::text, b.koppeling_id, b.action, b.expires_at, ${p.at}::timestamptz
      from jsonb_to_recordset(${sql.placeholder("buttons")}::jsonb) as b(id text, koppeling_id uuid, action jsonb, expires_at timestamptz)
      returning id`,
  );
  return db
    .with(buttons)
    .insert(conversations)
    .values({
      platform: sql`${p.platform}::text`,
      place: sql`${p.place}::text`,
      userId: sql`${p.userId}::text`,
      language: sql`${sql.placeholder("language")}::text`,
      flow: sql`${sql.placeholder("flow")}::jsonb`,
      updatedAt: sql`${p.at}::timestamptz`,
    })
    .onConflictDoUpdate({
      target: [conversations.platform, conversations.place, conversations.userId],
      set: { language: sql`excluded.language`, flow: sql`excluded.flow`, updatedAt: sql`excluded.updated_at` },
    })
    .returning({ quickCommit: quickCommit() })
    .prepare("koppelbot_save_conversation");
}

const saveStatement = preparedPerDatabase(prepareSave);

/**
 * Saves the state (insert or update) together with the buttons the turn offered, in one prepared
 * statement. A quick commit: the reply does not wait for the disk (db/quick-commit.ts). The core runs it
 * before it answers, or for a platform delivery once the reply's post has settled (ConversationCore.handleDelivery).
 */
export async function saveConversation(db: Database, key: ConversationKey, state: ConversationState, now: Date, buttons: readonly PendingActionDraft[] = []): Promise<void> {
  await saveStatement(db).execute({
    platform: key.platform,
    place: key.place,
    userId: key.userId,
    at: now.toISOString(),
    language: state.language,
    flow: JSON.stringify({ flow: state.flow, lastActions: state.lastActions, turns: state.turns }),
    buttons: JSON.stringify(buttons.map((b) => ({ id: b.id, koppeling_id: b.koppelingId, action: b.action, expires_at: b.expiresAt.toISOString() }))),
  });
}
