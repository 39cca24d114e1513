/** What a flow gets for one turn: the engine, who and where, the language, and a way to make buttons. */
import type { Actor } from "../../engine/runtime/actor.js";
import type { EngineDeps } from "../../engine/runtime/engine-deps.js";
import type { KoppelingStatus } from "../../engine/status/get-status.js";
import type { IntentName } from "../intents/understanding.js";
import type { Action, Block, Language, Reply } from "../replies/reply.js";
import type { ChatRole } from "../state/chat-roles.js";
import type { ConversationKey, ConversationState } from "../state/conversation-store.js";
import { type PendingAction, type PendingActionDraft, draftPendingAction } from "../state/pending-actions.js";

export interface TurnContext {
  engine: EngineDeps;
  key: ConversationKey;
  actor: Actor;
  /** The koppeling linked to this place; flows that need one only run when it is set. */
  koppeling: { id: string; name: string } | null;
  /** The user's role for that koppeling (null when the place is not linked). */
  role: ChatRole | null;
  /** Whether the user is on the configured support list. */
  support: boolean;
  /** Workspace or guild id of the place ("" for DMs and the terminal). */
  workspace: string;
  language: Language;
  state: ConversationState;
  now: Date;
  /** The buttons this turn offers; stored with the conversation state when the turn ends. */
  buttons: PendingActionDraft[];
  /** Answers read ahead with the turn's state (conversations/state/load-turn.ts). */
  prefetched: { status?: KoppelingStatus };
  /** Waits for the state saves of earlier turns still under way in this process; false when there were none. */
  savesUnderWay: () => Promise<boolean>;
}

/** A button whose click runs `action`: a pending action of this user and koppeling, stored at the end of the turn. */
export async function button(ctx: TurnContext, label: string, action: PendingAction, style?: Action["style"]): Promise<Action> {
  const draft = draftPendingAction(ctx.koppeling?.id ?? null, action, ctx.now);
  ctx.buttons.push(draft);
  return { id: draft.id, label: label.slice(0, 75), ...(style ? { style } : {}) };
}

/** Assembles a reply in the context's language. */
export function reply(ctx: TurnContext, intent: IntentName, blocks: Block[], actions: Action[] = []): Reply {
  return { intent, language: ctx.language, blocks, actions };
}

/** A reply with one text block. */
export function textReply(ctx: TurnContext, intent: IntentName, text: string, actions: Action[] = []): Reply {
  return reply(ctx, intent, [{ kind: "text", text }], actions);
}
