/** The last few turns of a conversation (user text + what we answered, in short), kept as context for the model. */
import type { IntentName } from "../intents/understanding.js";
import type { Reply } from "../replies/reply.js";
import { maskSecrets } from "./mask-secrets.js";

/** One exchange: what the user wrote (or "[button]"), and the intent and first line of our reply. */
export interface Turn {
  user: string;
  intent: IntentName;
  summary: string;
}

/** How many turns are kept; older ones are dropped. */
export const MAX_TURNS = 6;
const MAX_USER_CHARS = 300;
const MAX_SUMMARY_CHARS = 200;

/** The turns with this exchange added at the end; secrets are masked before anything is stored. */
export function rememberTurn(turns: readonly Turn[], userText: string, reply: Reply): Turn[] {
  const turn: Turn = { user: clip(maskSecrets(userText), MAX_USER_CHARS), intent: reply.intent, summary: clip(maskSecrets(summariseReply(reply)), MAX_SUMMARY_CHARS) };
  return [...turns, turn].slice(-MAX_TURNS);
}

/** The first heading or text of a reply, on one line. */
function summariseReply(reply: Reply): string {
  const first = reply.blocks.find((b) => b.kind === "heading" || b.kind === "text");
  return first && "text" in first ? first.text.replace(/\s+/g, " ").trim() : "";
}

/** Cuts text to a length at a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never end on half a surrogate pair: Postgres refuses to store a lone surrogate in jsonb.
  const cut = text.slice(0, max - 1).replace(/[\ud800-\udbff]$/, "");
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
