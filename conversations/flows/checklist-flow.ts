/** "Staat mijn koppeling goed ingesteld?": the checklist summary, then one failing item at a time with its fix. */
import type { ChecklistFix, ChecklistItem } from "../../engine/checklist/checklist-item.js";
import { checkKoppeling } from "../../engine/checklist/check-koppeling.js";
import { type TurnContext, button, reply, textReply } from "../core/turn-context.js";
import { describeChecklistItem } from "../replies/describe-checklist-item.js";
import { ledgerRoleName, rate, say } from "../replies/format.js";
import type { Action, Reply } from "../replies/reply.js";


const walkOrder: ChecklistFix["kind"][] = ["reconnect", "choose_administration", "map_vat_rate", "set_ledger", "tick_status", "save_config", "manual"];

/** Runs the checklist live and shows the summary; offers to walk through the fixable items. */
export async function runChecklist(ctx: TurnContext, koppelingId: string): Promise<Reply> {
  const l = ctx.language;
  const result = await checkKoppeling(ctx.engine, koppelingId);
  const items = result.items.map((item) => describeChecklistItem(item, l));
  // Walk what makes sales fail first: connections, then VAT and ledgers, then statuses (Open), then saving.
  const fixes = result.items
    .flatMap((item: ChecklistItem) => item.fixes)
    .filter((fix) => fix.kind !== "manual")
    .sort((a, b) => walkOrder.indexOf(a.kind) - walkOrder.indexOf(b.kind));
  const failing = result.items.filter((i) => i.status === "failing" || i.status === "warning").length;
  ctx.state.flow = fixes.length > 0 ? { kind: "checklist_walk", fixes } : null;
  const heading = say(l, `Ik heb je koppeling ${result.name} (${result.salesSystem} → ${result.accountingSystem}) net gecontroleerd.`, `I just checked your koppeling ${result.name} (${result.salesSystem} → ${result.accountingSystem}).`);
  const closing = fixes.length > 0
    ? say(l, `${failing} ${failing === 1 ? "punt vraagt" : "punten vragen"} aandacht. Zullen we ze één voor één oplossen?`, `${failing} ${failing === 1 ? "item needs" : "items need"} attention. Shall we fix them one by one?`)
    : failing > 0 ? say(l, "Deze punten los je op in de systemen zelf; vraag me gerust hoe.", "These items are fixed in the systems themselves; ask me how.") : say(l, "Alles staat goed. 👍", "Everything is set up correctly. 👍");
  const actions: Action[] = fixes.length > 0 ? [await button(ctx, say(l, "Ja, begin", "Yes, start"), { kind: "start_walk" }, "primary"), await button(ctx, say(l, "Later", "Later"), { kind: "cancel" })] : [];
  return reply(ctx, "check_setup", [{ kind: "heading", text: heading }, { kind: "checklist", items }, { kind: "text", text: closing }], actions);
}

/** Shows the next item of the walk-through, with the real choices of the other system as buttons. */
export async function nextWalkStep(ctx: TurnContext): Promise<Reply> {
  const l = ctx.language;
  const flow = ctx.state.flow;
  const fix = flow?.kind === "checklist_walk" ? flow.fixes.shift() : undefined;
  if (!fix) {
    ctx.state.flow = null;
    return textReply(ctx, "check_setup", say(l, "Dat was het laatste punt. Vraag me gerust opnieuw \"staat alles goed?\" om te controleren.", "That was the last item. Ask me \"is everything set up?\" again to re-check."));
  }
  const skip = () => button(ctx, say(l, "Sla over", "Skip"), { kind: "walk_next" });
  return stepFor(ctx, fix, skip);
}

async function stepFor(ctx: TurnContext, fix: ChecklistFix, skip: () => Promise<Action>): Promise<Reply> {
  const l = ctx.language;
  switch (fix.kind) {
    case "map_vat_rate": {
      const choices = await Promise.all(fix.choices.slice(0, 5).map((c) => button(ctx, c.label, { kind: "configure", change: { kind: "mapVatRate", rateBp: fix.rateBp, vatCodeId: c.id }, inWalk: true }, "primary")));
      const text = choices.length > 0
        ? say(l, `Welke BTW-code in de boekhouding hoort bij ${rate(fix.rateBp, l)}?`, `Which VAT code in accounting belongs to ${rate(fix.rateBp, l)}?`)
        : say(l, `Er is geen actieve BTW-code van ${rate(fix.rateBp, l)} voor verkopen in de boekhouding. Maak die eerst aan (of activeer hem).`, `Accounting has no active sales VAT code of ${rate(fix.rateBp, l)}. Create (or activate) one first.`);
      return textReply(ctx, "configure", text, [...choices, await skip()]);
    }
    case "set_ledger": {
      const role = ledgerRoleName(fix.role, l);
      const choices = await Promise.all(fix.choices.slice(0, 5).map((c) => button(ctx, c.label, { kind: "configure", change: { kind: "setLedger", role: fix.role, ledger: c.id }, inWalk: true }, "primary")));
      return textReply(ctx, "configure", say(l, `Op welke omzetrekening wil je de ${role} boeken?`, `Which revenue account should ${role} be booked on?`), [...choices, await skip()]);
    }
    case "tick_status":
      return textReply(ctx, "configure", say(l, `Status "${fix.status}" aanvinken? Dan gaan ${fix.saleCount} verkopen uit Open bij de volgende run mee.`, `Tick status "${fix.status}"? Then ${fix.saleCount} sales leave Open with the next run.`), [
        await button(ctx, say(l, "Aanvinken", "Tick it"), { kind: "configure", change: { kind: "tickStatus", status: fix.status }, inWalk: true }, "primary"),
        await skip(),
      ]);
    case "choose_administration": {
      const choices = await Promise.all(fix.choices.slice(0, 5).map((c) => button(ctx, c.label, { kind: "configure", change: { kind: "setAdministration", administrationId: c.id }, inWalk: true }, "primary")));
      return textReply(ctx, "configure", say(l, "In welke administratie moeten de verkopen komen?", "Which administration should the sales go to?"), [...choices, await skip()]);
    }
    case "save_config":
      return textReply(ctx, "configure", say(l, "De configuratie is nog niet opgeslagen. Nu opslaan?", "The configuration has not been saved yet. Save it now?"), [
        await button(ctx, say(l, "Opslaan", "Save"), { kind: "configure", change: { kind: "save" }, inWalk: true }, "primary"),
        await skip(),
      ]);
    case "reconnect": {
      const side = fix.side === "sales" ? say(l, "de webwinkel", "the shop") : say(l, "de boekhouding", "accounting");
      return textReply(ctx, "connect", say(l, `De verbinding met ${side} werkt niet (${fix.code}). Maak opnieuw verbinding met de Connect-knop in je dashboard; vraag me "hoe maak ik een API-sleutel?" voor de stappen.`, `The connection with ${side} is down (${fix.code}). Reconnect with the Connect button in your dashboard; ask me "how do I create an API key?" for the steps.`), [await button(ctx, say(l, "Volgende punt", "Next item"), { kind: "walk_next" })]);
    }
    case "manual":
      return nextWalkStep(ctx);
  }
}
