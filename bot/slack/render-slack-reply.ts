/** Renders a neutral Reply as a Slack message: Block Kit within Slack's limits, nothing that pings. */
import type { Action, Block, Reply } from "../../conversations/replies/reply.js";
import { renderPlainText } from "../../conversations/replies/reply.js";
import { truncateAtBoundary } from "../chat/fit-text.js";

/** A Block Kit block as sent to chat.postMessage (the subset koppelbot uses). */
export type SlackBlock =
  | { type: "header"; text: { type: "plain_text"; text: string; emoji: true } }
  | { type: "section"; text?: { type: "mrkdwn"; text: string }; fields?: Array<{ type: "mrkdwn"; text: string }> }
  | { type: "actions"; elements: SlackButton[] }
  | { type: "context"; elements: Array<{ type: "mrkdwn"; text: string }> };

export interface SlackButton {
  type: "button";
  text: { type: "plain_text"; text: string; emoji: true };
  action_id: string;
  value: string;
  style?: "primary" | "danger";
}

/** Slack's limits (../shared/fixtures/LIMITS.md). */
export const slackLimits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  buttonText: 75,
  actionsPerBlock: 25,
  fallbackText: 3000,
} as const;

const statusEmoji = { ok: ":white_check_mark:", warning: ":warning:", failing: ":x:", skipped: ":heavy_minus_sign:" } as const;

/**
 * Escapes text for mrkdwn: `&`, `<` and `>` become entities, so `<!channel>`, `<@U123>` or links in
 * shop data show as text and never ping or link.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export { truncateAtBoundary };

/** Splits text into chunks of at most `max` characters at line boundaries (words when a line is too long). */
export function chunkText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = line.length > max ? truncateAtBoundary(line, max) : line;
    if (current && current.length + 1 + piece.length > max) {
      chunks.push(current);
      current = piece;
    } else {
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** A Slack message: Block Kit blocks plus the plain fallback text (notifications, screen readers). */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** The message for chat.postMessage: Block Kit blocks plus a plain fallback text. */
export function renderSlackReply(reply: Reply): SlackMessage {
  return { text: renderFallbackText(reply), blocks: fitBlockCount(renderSlackBlocks(reply), reply.language) };
}

/** The message for a reply that fits one message as it is (split-slack-reply.ts), or null: the usual, short reply is rendered once. */
export function renderIfOneSlackMessage(reply: Reply): SlackMessage | null {
  const blocks = renderSlackBlocks(reply);
  return blocks.length <= slackLimits.blocksPerMessage ? { text: renderFallbackText(reply), blocks } : null;
}

/** Every block of a reply, however many (the caller splits or caps; see split-slack-reply.ts). */
export function renderSlackBlocks(reply: Reply): SlackBlock[] {
  const used = new Set<string>();
  const blocks: SlackBlock[] = [];
  for (const block of reply.blocks) blocks.push(...renderBlock(block, reply.actions, used));
  const rest = reply.actions.filter((a) => !used.has(a.id));
  blocks.push(...buttonRows(rest));
  return blocks;
}

/** The plain `text` of a message, without buttons. */
export function renderFallbackText(reply: Reply): string {
  return truncateAtBoundary(escapeSlackText(renderPlainText({ ...reply, actions: [] })), slackLimits.fallbackText);
}

function renderBlock(block: Block, actions: Action[], used: Set<string>): SlackBlock[] {
  switch (block.kind) {
    case "heading":
      return block.text.length <= slackLimits.headerText
        ? [{ type: "header", text: { type: "plain_text", text: block.text, emoji: true } }]
        : sections(`*${escapeSlackText(block.text)}*`);
    case "text":
      return sections(escapeSlackText(block.text));
    case "checklist":
      return sections(block.items.map((item) => `${statusEmoji[item.status]} ${escapeSlackText(item.text)}${item.hint ? `\n      ${escapeSlackText(item.hint)}` : ""}`).join("\n"));
    case "errorGroups":
      return block.groups.flatMap((group, index) => {
        const own = actions.filter((a) => group.actionIds.includes(a.id));
        for (const a of own) used.add(a.id);
        return [...sections(`*${index + (block.first ?? 1)}. ${escapeSlackText(group.title)}* — ${group.count} × ${group.amount}\n→ ${escapeSlackText(group.nextStep)}`), ...buttonRows(own)];
      });
    case "facts": {
      const fields = block.rows.map((row) => ({ type: "mrkdwn" as const, text: truncateAtBoundary(`*${escapeSlackText(row.label)}*\n${escapeSlackText(row.value)}`, slackLimits.fieldText) }));
      const out: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += slackLimits.fieldsPerSection) out.push({ type: "section", fields: fields.slice(i, i + slackLimits.fieldsPerSection) });
      return out;
    }
  }
}

function sections(text: string): SlackBlock[] {
  return chunkText(text, slackLimits.sectionText).map((chunk) => ({ type: "section", text: { type: "mrkdwn", text: chunk } }));
}

function buttonRows(actions: Action[]): SlackBlock[] {
  const rows: SlackBlock[] = [];
  for (let i = 0; i < actions.length; i += 5) {
    rows.push({
      type: "actions",
      elements: actions.slice(i, i + 5).map((a) => ({
        type: "button",
        text: { type: "plain_text", text: truncateAtBoundary(a.label, slackLimits.buttonText), emoji: true },
        action_id: a.id,
        value: a.id,
        ...(a.style ? { style: a.style } : {}),
      })),
    });
  }
  return rows;
}

/** Keeps a message within 50 blocks: the last block says how much was left out (never a rejected message). */
function fitBlockCount(blocks: SlackBlock[], language: Reply["language"]): SlackBlock[] {
  if (blocks.length <= slackLimits.blocksPerMessage) return blocks;
  const kept = blocks.slice(0, slackLimits.blocksPerMessage - 1);
  const left = blocks.length - kept.length;
  const note = language === "nl" ? `… en nog ${left} onderdelen; vraag gerust om de rest.` : `… and ${left} more parts; just ask for the rest.`;
  return [...kept, { type: "context", elements: [{ type: "mrkdwn", text: note }] }];
}
