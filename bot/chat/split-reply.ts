/**
 * Long replies on any platform: split at list items into a first page that fits one message (next to a
 * "show more" button) and the rest, which that button shows. The platform says what fits.
 */
import type { Action, Block, Reply } from "../../conversations/replies/reply.js";

/** One piece of a reply that is never split further: a heading, a text line, a checklist item, an error group, a fact. */
interface Unit {
  source: number;
  block: Block;
}

/**
 * Splits `reply` into a first page for which `fits` holds and the rest (null when the whole reply fits).
 * Buttons of an error group travel with their group; the other buttons go with the rest.
 */
export function splitReply(reply: Reply, fits: (page: Reply) => boolean): { first: Reply; rest: Reply | null } {
  if (fits(reply)) return { first: reply, rest: null };
  const units = toUnits(reply.blocks);
  const grouped = new Set(reply.blocks.flatMap((b) => (b.kind === "errorGroups" ? b.groups.flatMap((g) => g.actionIds) : [])));
  const loose = reply.actions.filter((a) => !grouped.has(a.id));
  let taken = 0;
  while (taken < units.length && fits(page(reply, units.slice(0, taken + 1), []))) taken++;
  // A single unit too big for a page still moves forward (the renderer cuts it).
  taken = Math.max(taken, 1);
  return { first: page(reply, units.slice(0, taken), []), rest: page(reply, units.slice(taken), loose) };
}

function toUnits(blocks: Block[]): Unit[] {
  return blocks.flatMap((block, source): Unit[] => {
    switch (block.kind) {
      case "heading":
        return [{ source, block }];
      case "text":
        return block.text.split("\n").map((line) => ({ source, block: { kind: "text", text: line } }));
      case "checklist":
        return block.items.map((item) => ({ source, block: { kind: "checklist", items: [item] } }));
      case "errorGroups":
        // `first` keeps the numbering going on the next page ("50. …", not "1. …" again).
        return block.groups.map((group, i) => ({ source, block: { kind: "errorGroups", groups: [group], first: (block.first ?? 1) + i } }));
      case "facts":
        return block.rows.map((row) => ({ source, block: { kind: "facts", rows: [row] } }));
    }
  });
}

/** Re-assembles units into blocks (consecutive units of one source block merge back into one block). */
function page(reply: Reply, units: Unit[], loose: Action[]): Reply {
  const blocks: Block[] = [];
  let previous = -1;
  for (const unit of units) {
    const last = blocks.at(-1);
    if (last && unit.source === previous) merge(last, unit.block);
    else blocks.push(structuredClone(unit.block));
    previous = unit.source;
  }
  const inPage = new Set(blocks.flatMap((b) => (b.kind === "errorGroups" ? b.groups.flatMap((g) => g.actionIds) : [])));
  return { ...reply, blocks, actions: [...reply.actions.filter((a) => inPage.has(a.id)), ...loose] };
}

function merge(into: Block, unit: Block): void {
  if (into.kind === "text" && unit.kind === "text") into.text = `${into.text}\n${unit.text}`;
  else if (into.kind === "checklist" && unit.kind === "checklist") into.items.push(...unit.items);
  else if (into.kind === "errorGroups" && unit.kind === "errorGroups") into.groups.push(...unit.groups);
  else if (into.kind === "facts" && unit.kind === "facts") into.rows.push(...unit.rows);
}
