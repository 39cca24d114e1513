/** Conversation state per platform, place and user: language, the open flow, the last buttons. Survives restarts. */
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { conversations } from "../../db/schema.js";
import type { ChecklistFix } from "../../engine/checklist/checklist-item.js";
import type { Turn } from "../llm/conversation-turns.js";
import type { Language } from "../replies/reply.js";

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
    .select()
    .from(conversations)
    .where(and(eq(conversations.platform, key.platform), eq(conversations.place, key.place), eq(conversations.userId, key.userId)));
  const stored = (row?.flow ?? null) as { flow?: Flow; lastActions?: ConversationState["lastActions"]; turns?: Turn[] } | null;
  return { language: row?.language ?? "nl", flow: stored?.flow ?? null, lastActions: stored?.lastActions ?? [], turns: stored?.turns ?? [] };
}

/** Saves the state (insert or update); a quick commit: the reply does not wait for the disk. */
export async function saveConversation(db: Database, key: ConversationKey, state: ConversationState, now: Date): Promise<void> {
  const values = { language: state.language, flow: { flow: state.flow, lastActions: state.lastActions, turns: state.turns }, updatedAt: now };
  await db
    .insert(conversations)
    .values({ platform: key.platform, place: key.place, userId: key.userId, ...values })
    .onConflictDoUpdate({ target: [conversations.platform, conversations.place, conversations.userId], set: values })
    .returning({ quickCommit: quickCommit() });
}
