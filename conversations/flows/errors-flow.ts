/** "Waarom worden mijn orders geweigerd?": rejected sales grouped by cause, with the next step per action class. */
import { listErrorGroups } from "../../engine/errors/list-error-groups.js";
import { type TurnContext, button, reply, textReply } from "../core/turn-context.js";
import { describeCause } from "../replies/describe-cause.js";
import { explainErrorCode } from "../replies/error-copy.js";
import { money, say } from "../replies/format.js";
import type { Action, ErrorGroupLine, Reply } from "../replies/reply.js";

/** How many causes one reply shows; the rest are summarised. */
const MAX_GROUPS = 8;

/** Lists the causes of Fouten with counts, amounts and buttons. */
export async function showErrors(ctx: TurnContext, koppelingId: string): Promise<Reply> {
  const l = ctx.language;
  const groups = await listErrorGroups(ctx.engine.db, koppelingId);
  if (groups.length === 0) return textReply(ctx, "list_errors", say(l, "Er staan geen verkopen in Fouten. 🎉", "There are no sales in Errors. 🎉"));
  const total = groups.reduce((n, g) => n + g.count, 0);
  const cents = groups.reduce((n, g) => n + g.cents, 0);
  const actions: Action[] = [];
  const lines: ErrorGroupLine[] = [];
  for (const group of groups.slice(0, MAX_GROUPS)) {
    const copy = explainErrorCode(group.code, l);
    const ids: string[] = [];
    if (group.retry.canHelpNow && !group.saleStates.every((s) => s === "expired")) {
      const action = await button(ctx, say(l, `Opnieuw (${group.count})`, `Retry (${group.count})`), { kind: "preview_retry", target: { kind: "cause", fingerprint: group.fingerprint } }, "primary");
      actions.push(action);
      ids.push(action.id);
    }
    const report = await button(ctx, say(l, `Meld probleem (#${group.representative.number})`, `Report (#${group.representative.number})`), { kind: "preview_report", target: { kind: "cause", fingerprint: group.fingerprint } });
    actions.push(report);
    ids.push(report.id);
    lines.push({
      title: describeCause(group.code, group.facts, l),
      count: group.count,
      amount: money(group.cents, l),
      nextStep: group.retry.canHelpNow ? say(l, `${copy.fix} Het is aangepast sinds ze mislukten: opnieuw proberen kan nu.`, `${copy.fix} Something changed since they failed: a retry can help now.`) : copy.fix,
      actionIds: ids,
    });
  }
  const more = groups.length - lines.length;
  return reply(
    ctx,
    "list_errors",
    [
      { kind: "heading", text: say(l, `${total} verkopen staan in Fouten (${money(cents, l)}), door ${groups.length} ${groups.length === 1 ? "oorzaak" : "oorzaken"}:`, `${total} sales are in Errors (${money(cents, l)}), for ${groups.length} ${groups.length === 1 ? "cause" : "causes"}:`) },
      { kind: "errorGroups", groups: lines },
      ...(more > 0 ? [{ kind: "text" as const, text: say(l, `En nog ${more} kleinere oorzaken.`, `And ${more} smaller causes.`) }] : []),
      { kind: "text", text: say(l, "Meld een probleem voor één voorbeeld per oorzaak, niet voor alle verkopen.", "Report one example per cause, not every sale.") },
    ],
    actions,
  );
}
