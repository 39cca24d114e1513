/** "Waarom staan er orders in Open?": per shop status, ticked or not, and how close to the 21-day limit. */
import { neverBookedStatuses } from "../../engine/checklist/check-configuration.js";
import { explainOpen } from "../../engine/status/explain-open.js";
import { type TurnContext, button, reply, textReply } from "../core/turn-context.js";
import { money, say } from "../replies/format.js";
import type { Action, Reply } from "../replies/reply.js";

/** Explains the Open tab and offers to tick the statuses that hold sales there. */
export async function showOpen(ctx: TurnContext, koppelingId: string): Promise<Reply> {
  const l = ctx.language;
  const open = await explainOpen(ctx.engine.db, koppelingId, ctx.now);
  if (open.total === 0) return textReply(ctx, "explain_open", say(l, "Er staan geen verkopen in Open.", "There are no sales in Open."));
  const actions: Action[] = [];
  const lines: string[] = [];
  for (const group of open.groups) {
    const near = group.nearLimit > 0 ? say(l, `, waarvan ${group.nearLimit} binnen een week de 21 dagen halen`, `, ${group.nearLimit} of them reach 21 days within a week`) : "";
    if (group.ticked) {
      lines.push(say(l, `• "${group.status}": ${group.count} (${money(group.cents, l)}) — aangevinkt, gaan bij de volgende run mee${near}`, `• "${group.status}": ${group.count} (${money(group.cents, l)}) — ticked, go with the next run${near}`));
    } else {
      lines.push(say(l, `• "${group.status}": ${group.count} (${money(group.cents, l)}) — niet aangevinkt${near}; oudste nog ${group.daysLeftForOldest} ${group.daysLeftForOldest === 1 ? "dag" : "dagen"}`, `• "${group.status}": ${group.count} (${money(group.cents, l)}) — not ticked${near}; oldest has ${group.daysLeftForOldest} ${group.daysLeftForOldest === 1 ? "day" : "days"} left`));
      if (actions.length < 5 && !neverBookedStatuses.has(group.status)) {
        actions.push(await button(ctx, say(l, `Vink "${group.status}" aan`, `Tick "${group.status}"`), { kind: "configure", change: { kind: "tickStatus", status: group.status }, inWalk: false }, "primary"));
      }
    }
  }
  return reply(
    ctx,
    "explain_open",
    [
      { kind: "heading", text: say(l, `${open.total} verkopen staan in Open (${money(open.cents, l)}):`, `${open.total} sales are in Open (${money(open.cents, l)}):`) },
      { kind: "text", text: lines.join("\n") },
      {
        kind: "text",
        text: say(
          l,
          `Aangevinkt: ${open.tickedStatuses.join(", ") || "niets"}. Een verkoop staat in Open als zijn status niet is aangevinkt; vink de status aan of pas de status in de winkel aan, dan gaat hij bij de volgende run mee. Na 21 dagen moet je hem met de hand boeken.`,
          `Ticked: ${open.tickedStatuses.join(", ") || "nothing"}. A sale waits in Open while its status is not ticked; tick the status or change it in the shop and it goes with the next run. After 21 days it must be booked by hand.`,
        ),
      },
    ],
    actions,
  );
}
