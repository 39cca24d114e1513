/** The neutral reply model every platform renders: blocks of content and buttons. */
import type { IntentName } from "../intents/understanding.js";

export type Language = "nl" | "en";

/** One checklist line. */
export interface ChecklistLine {
  status: "ok" | "warning" | "failing" | "skipped";
  text: string;
  hint?: string;
}

/** One cause of rejected sales, ready to show. */
export interface ErrorGroupLine {
  title: string;
  count: number;
  amount: string;
  nextStep: string;
  /** Buttons that belong to this group (ids of `Reply.actions`). */
  actionIds: string[];
}

/** A piece of a reply. */
export type Block =
  | { kind: "heading"; text: string }
  | { kind: "text"; text: string }
  | { kind: "checklist"; items: ChecklistLine[] }
  /** `first`: the number of the first group (default 1), for a list continued from an earlier message. */
  | { kind: "errorGroups"; groups: ErrorGroupLine[]; first?: number }
  | { kind: "facts"; rows: Array<{ label: string; value: string }> };

/** A button; its id points at a stored pending action, so it survives restarts and is checked on click. */
export interface Action {
  id: string;
  label: string;
  style?: "primary" | "danger";
}

/** What the core answers; platforms render it (Block Kit, embeds, plain text). */
export interface Reply {
  intent: IntentName;
  language: Language;
  blocks: Block[];
  actions: Action[];
  /**
   * Set when a button click had no effect (someone else's, already used, expired, not allowed), so a
   * platform can answer the clicker privately and leave the original message and its buttons as they are.
   */
  refused?: "unknown" | "not_yours" | "other_place" | "expired" | "used" | "not_allowed";
}

const statusIcon = { ok: "✅", warning: "⚠️", failing: "❌", skipped: "➖" } as const;

/** The plain-text rendering (terminal, notifications, the `text` of --json): buttons as numbered choices. */
export function renderPlainText(reply: Reply): string {
  const lines: string[] = [];
  for (const block of reply.blocks) {
    switch (block.kind) {
      case "heading":
        lines.push(block.text);
        break;
      case "text":
        lines.push(block.text);
        break;
      case "checklist":
        for (const item of block.items) lines.push(`${statusIcon[item.status]} ${item.text}${item.hint ? `\n   → ${item.hint}` : ""}`);
        break;
      case "errorGroups":
        block.groups.forEach((g, i) => lines.push(`${i + (block.first ?? 1)}. ${g.title} — ${g.count} × ${g.amount}\n   → ${g.nextStep}`));
        break;
      case "facts":
        for (const row of block.rows) lines.push(`${row.label}: ${row.value}`);
        break;
    }
  }
  if (reply.actions.length > 0) lines.push(reply.actions.map((a, i) => `[${i + 1}] ${a.label}`).join("   "));
  return lines.join("\n");
}
