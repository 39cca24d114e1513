/** Renders a neutral Reply as a Discord message: embeds and button rows within Discord's limits, nothing that pings. */
import { type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, ButtonStyle, ComponentType } from "discord.js";
import type { Action, Block, Reply } from "../../conversations/replies/reply.js";
import { truncateAtBoundary } from "../chat/fit-text.js";

/** Discord's limits (../shared/fixtures/LIMITS.md). */
export const discordLimits = {
  content: 2000,
  embedsPerMessage: 10,
  embedsTotal: 6000,
  title: 256,
  description: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Never ping anyone: no @everyone/@here, roles, users, nor the author of the message replied to. */
export const noPings = { parse: [] as never[], replied_user: false };

/** A message body as sent to POST /channels/{id}/messages and the interaction endpoints. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponentWithCustomId>>;
  allowed_mentions: typeof noPings;
}

const statusEmoji = { ok: "✅", warning: "⚠️", failing: "❌", skipped: "➖" } as const;
const colours = { ok: 0x2e7d32, warning: 0xf9a825, failing: 0xc62828, neutral: 0x5865f2 } as const;
/** Room kept in the 6000-character budget for the "… and N more" footer. */
const NOTE_RESERVE = 160;

/**
 * Escapes what Discord would turn into a ping, a link or formatting: `@everyone`/`@here`, `<@…>`,
 * `<@&…>`, `<#…>`, masked links and markdown. Shop data (customer names, vendor messages) passes
 * through here, so it shows as typed.
 */
export function escapeDiscordText(text: string): string {
  // Most lines have none of the characters below: they are returned as they are.
  if (!/[\\*_~`|[\]>#\-@<]/.test(text)) return text;
  return text
    .replace(/([\\*_~`|[\]])/g, "\\$1")
    .replace(/^([>#-])/gm, "\\$1")
    .replace(/@(everyone|here)/gi, "@\u200b$1")
    .replace(/<([@#:&!])/g, "<\u200b$1");
}

type Piece = { kind: "title"; text: string } | { kind: "line"; text: string } | { kind: "field"; name: string; value: string; inline: boolean };

/** The message for a reply; long replies keep what fits and end with a note on how much was left out. */
export function renderDiscordReply(reply: Reply): DiscordMessage {
  return render(reply).message;
}

/**
 * The message for a reply that fits one message as it is, with room for one more button (what
 * fitsOneDiscordMessage tells), or null: a reply is rendered once on the usual, short path.
 */
export function renderIfOneDiscordMessage(reply: Reply): DiscordMessage | null {
  if (!hasRoomForOneMoreButton(reply)) return null;
  const { message, left } = render(reply);
  return left === 0 ? message : null;
}

function render(reply: Reply): { message: DiscordMessage; left: number } {
  const numbered = groupNumbers(reply);
  const pieces = reply.blocks.flatMap(toPieces);
  const { embeds, left } = packEmbeds(pieces);
  const { components, dropped } = buttonRows(reply.actions, numbered);
  const notes: string[] = [];
  if (left > 0) notes.push(reply.language === "nl" ? `… en nog ${left} regels; vraag gerust om de rest.` : `… and ${left} more lines; just ask for the rest.`);
  if (dropped > 0) notes.push(reply.language === "nl" ? `${dropped} knoppen passen er niet bij; vraag het gerust opnieuw.` : `${dropped} buttons did not fit; just ask again.`);
  if (embeds.length === 0) embeds.push({ description: "…" });
  if (notes.length > 0) embeds[embeds.length - 1]!.footer = { text: notes.join(" ") };
  embeds[0]!.color = colourOf(reply);
  return { message: { embeds, components, allowed_mentions: noPings }, left };
}

/**
 * True when the reply fits one message as it is, with room for one more button ("show more");
 * bot/chat/split-reply.ts pages longer replies with it.
 */
export function fitsOneDiscordMessage(reply: Reply): boolean {
  return hasRoomForOneMoreButton(reply) && packEmbeds(reply.blocks.flatMap(toPieces)).left === 0;
}

function hasRoomForOneMoreButton(reply: Reply): boolean {
  return reply.actions.length < discordLimits.rowsPerMessage * discordLimits.buttonsPerRow;
}

/** Buttons of error group n get "n · " before their label, since Discord shows all buttons below the embeds. */
function groupNumbers(reply: Reply): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const block of reply.blocks) {
    if (block.kind !== "errorGroups" || block.groups.length < 2) continue;
    block.groups.forEach((group, index) => group.actionIds.forEach((id) => numbers.set(id, index + 1)));
  }
  return numbers;
}

function toPieces(block: Block): Piece[] {
  switch (block.kind) {
    case "heading": {
      const text = escapeDiscordText(block.text);
      return text.length <= discordLimits.title ? [{ kind: "title", text }] : [{ kind: "line", text: `**${text}**` }];
    }
    case "text":
      return block.text.split("\n").map((line) => ({ kind: "line", text: escapeDiscordText(line) }));
    case "checklist":
      return block.items.map((item) => ({ kind: "line", text: `${statusEmoji[item.status]} ${escapeDiscordText(item.text)}${item.hint ? `\n\u2003↳ ${escapeDiscordText(item.hint)}` : ""}` }));
    case "errorGroups":
      return block.groups.map((group, index) => ({
        kind: "field",
        name: `${index + 1}. ${group.title}`,
        value: `${group.count} × ${group.amount}\n→ ${escapeDiscordText(group.nextStep)}`,
        inline: false,
      }));
    case "facts":
      return block.rows.map((row) => ({ kind: "field", name: row.label, value: escapeDiscordText(row.value), inline: row.value.length <= 40 }));
  }
}

/** Packs pieces into at most 10 embeds and 6000 characters, in order; returns how many pieces did not fit. */
function packEmbeds(pieces: Piece[]): { embeds: APIEmbed[]; left: number } {
  const embeds: APIEmbed[] = [];
  let total = 0;
  let current: APIEmbed | null = null;
  const open = (title?: string): APIEmbed | null => {
    if (embeds.length >= discordLimits.embedsPerMessage) return null;
    const embed: APIEmbed = title ? { title } : {};
    embeds.push(embed);
    return embed;
  };
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const size = pieceSize(piece);
    if (total + size > discordLimits.embedsTotal - NOTE_RESERVE) return { embeds, left: pieces.length - i };
    if (piece.kind === "title") {
      current = open(piece.text);
    } else if (piece.kind === "line") {
      const line = truncateAtBoundary(piece.text, discordLimits.description);
      const description = current?.description;
      if (!current || current.fields?.length || (description !== undefined && description.length + 1 + line.length > discordLimits.description)) current = open();
      if (current) current.description = current.description === undefined ? line : `${current.description}\n${line}`;
    } else {
      if (!current || (current.fields?.length ?? 0) >= discordLimits.fieldsPerEmbed) current = open();
      if (current) (current.fields ??= []).push(fieldOf(piece));
    }
    if (!current) return { embeds, left: pieces.length - i };
    total += size;
  }
  return { embeds, left: 0 };
}

function fieldOf(piece: Extract<Piece, { kind: "field" }>): NonNullable<APIEmbed["fields"]>[number] {
  return {
    name: truncateAtBoundary(escapeDiscordText(piece.name), discordLimits.fieldName) || "\u200b",
    value: truncateAtBoundary(piece.value, discordLimits.fieldValue) || "\u200b",
    ...(piece.inline ? { inline: true } : {}),
  };
}

function pieceSize(piece: Piece): number {
  if (piece.kind === "field") return Math.min(escapeDiscordText(piece.name).length, discordLimits.fieldName) + Math.min(piece.value.length, discordLimits.fieldValue);
  return Math.min(piece.text.length, discordLimits.description) + 1;
}

/** Up to 5 rows of 5 buttons; returns how many buttons were left out. */
function buttonRows(actions: Action[], numbered: Map<string, number>): { components: DiscordMessage["components"]; dropped: number } {
  const usable = actions.filter((a) => a.id.length >= 1 && a.id.length <= discordLimits.customId);
  const max = discordLimits.rowsPerMessage * discordLimits.buttonsPerRow;
  const kept = usable.slice(0, max);
  const components: DiscordMessage["components"] = [];
  for (let i = 0; i < kept.length; i += discordLimits.buttonsPerRow) {
    components.push({
      type: ComponentType.ActionRow,
      components: kept.slice(i, i + discordLimits.buttonsPerRow).map((a) => ({
        type: ComponentType.Button,
        custom_id: a.id,
        label: truncateAtBoundary(numbered.has(a.id) ? `${numbered.get(a.id)} · ${a.label}` : a.label, discordLimits.buttonLabel),
        style: a.style === "primary" ? ButtonStyle.Primary : a.style === "danger" ? ButtonStyle.Danger : ButtonStyle.Secondary,
      })),
    });
  }
  return { components, dropped: actions.length - kept.length };
}

function colourOf(reply: Reply): number {
  const items = reply.blocks.flatMap((b) => (b.kind === "checklist" ? b.items : []));
  if (items.some((i) => i.status === "failing")) return colours.failing;
  if (items.some((i) => i.status === "warning")) return colours.warning;
  if (items.length > 0) return colours.ok;
  return colours.neutral;
}
