/**
 * Long replies on Slack: a message holds at most 50 blocks, so a reply that renders to more is split
 * at list items (bot/chat/split-reply.ts) into a first page with room for a "show more" row, and the rest.
 */
import type { Reply } from "../../conversations/replies/reply.js";
import { splitReply } from "../chat/split-reply.js";
import { renderSlackBlocks, slackLimits } from "./render-slack-reply.js";

/** True when the reply fits one Slack message as it is. */
export function fitsOneMessage(reply: Reply): boolean {
  return renderSlackBlocks(reply).length <= slackLimits.blocksPerMessage;
}

/** The first page (within 49 blocks, next to the "show more" row) and the rest; rest is null when it fits as it is. */
export function splitSlackReply(reply: Reply): { first: Reply; rest: Reply | null } {
  if (fitsOneMessage(reply)) return { first: reply, rest: null };
  return splitReply(reply, (page) => renderSlackBlocks(page).length <= slackLimits.blocksPerMessage - 1);
}
