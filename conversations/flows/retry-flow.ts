/** "Verwerk": a retry preview with confirmation, kind refusals of blind retries, then each outcome. */
import { type RetryTarget, planRetry, retrySales } from "../../engine/retry/retry-sales.js";
import { type TurnContext, button, reply, textReply } from "../core/turn-context.js";
import { describeCause } from "../replies/describe-cause.js";
import { explainErrorCode } from "../replies/error-copy.js";
import { money, say } from "../replies/format.js";
import type { Action, Reply } from "../replies/reply.js";

/** Shows what a retry would do and asks to confirm; refuses what the catalogue forbids. */
export async function previewRetry(ctx: TurnContext, koppelingId: string, target: RetryTarget): Promise<Reply> {
  const l = ctx.language;
  const plan = await planRetry(ctx.engine, koppelingId, target);
  if (plan.kind === "nothing") {
    const text = {
      no_such_sale: say(l, "Ik vind die verkoop niet in deze koppeling.", "I cannot find that sale in this koppeling."),
      sale_not_rejected: say(l, `Die verkoop staat niet in Fouten (${plan.state}); opnieuw doorzetten is niet nodig.`, `That sale is not in Errors (${plan.state}); no retry needed.`),
      no_such_cause: say(l, "Die oorzaak staat niet (meer) in Fouten.", "That cause is not (or no longer) in Errors."),
      no_rejected_sales: say(l, "Er staan geen verkopen in Fouten die opnieuw kunnen.", "There are no sales in Errors to retry."),
    }[plan.reason];
    return textReply(ctx, "retry", text);
  }
  const lines: string[] = [];
  const actions: Action[] = [];
  for (const g of plan.groups) {
    const cause = describeCause(g.group.code, g.group.facts, l);
    if (g.allowed) {
      const why = g.verdict === "config_changed" ? say(l, " — de configuratie is aangepast sinds ze mislukten", " — the configuration changed since they failed") : "";
      lines.push(say(l, `✅ ${g.saleIds.length} × ${cause}${why}`, `✅ ${g.saleIds.length} × ${cause}${why}`));
    } else if (g.group.actionClass === "E") {
      lines.push(say(l, `✋ ${g.saleIds.length} × ${cause}: opnieuw proberen zou weer mislukken, of dubbel boeken als er een ander document staat. Kijk eerst in de boekhouding.`, `✋ ${g.saleIds.length} × ${cause}: retrying would fail again, or book twice if another document is there. Check accounting first.`));
      actions.push(await button(ctx, say(l, "Staat er al → negeer", "Already booked → ignore"), { kind: "ignore", target: { kind: "cause", fingerprint: g.group.fingerprint } }));
      actions.push(await button(ctx, say(l, "Ander document, hernummerd → opnieuw", "Other document, renumbered → retry"), { kind: "retry", target: { kind: "cause", fingerprint: g.group.fingerprint }, accountingChecked: true }));
    } else {
      lines.push(say(l, `✋ ${g.saleIds.length} × ${cause}: eerst oplossen, anders mislukt het weer. ${explainErrorCode(g.group.code, l).fix}`, `✋ ${g.saleIds.length} × ${cause}: fix it first or it fails again. ${explainErrorCode(g.group.code, l).fix}`));
    }
  }
  if (plan.saleCount > 0) {
    actions.unshift(
      await button(ctx, say(l, `Ja, ${plan.saleCount} opnieuw doorzetten`, `Yes, retry ${plan.saleCount}`), { kind: "retry", target, accountingChecked: false }, "primary"),
      await button(ctx, say(l, "Annuleer", "Cancel"), { kind: "cancel" }),
    );
  }
  const heading = plan.saleCount > 0
    ? say(l, `${plan.saleCount} verkopen gaan opnieuw naar de boekhouding${plan.cents ? ` (${money(plan.cents, l)})` : ""}:`, `${plan.saleCount} sales will be retried${plan.cents ? ` (${money(plan.cents, l)})` : ""}:`)
    : say(l, "Opnieuw doorzetten helpt nu niet:", "A retry would not help now:");
  return reply(ctx, "retry", [{ kind: "heading", text: heading }, { kind: "text", text: lines.join("\n") }], actions);
}

/** Runs a confirmed retry and reports each outcome. */
export async function executeRetry(ctx: TurnContext, koppelingId: string, target: RetryTarget, accountingChecked: boolean): Promise<Reply> {
  const l = ctx.language;
  const result = await retrySales(ctx.engine, koppelingId, target, ctx.actor, { accountingChecked });
  if (result.unavailable) {
    return textReply(ctx, "retry", say(l, `De boekhouding is nu niet bereikbaar (${result.unavailable}); er is niets opnieuw doorgezet. Probeer het straks nog eens.`, `Accounting cannot be reached right now (${result.unavailable}); nothing was retried. Please try again later.`));
  }
  const waiting = waitingLines(ctx, result.waiting);
  if (result.outcomes.length === 0) return textReply(ctx, "retry", waiting ?? say(l, "Er was niets dat nu opnieuw kon.", "There was nothing that could be retried now."));
  const done = result.outcomes.filter((o) => o.state === "transferred");
  const failed = result.outcomes.filter((o) => o.state !== "transferred");
  const lines = [say(l, `✅ ${done.length} doorgezet${done.length ? `: ${done.slice(0, 10).map((o) => `#${o.number}`).join(", ")}${done.length > 10 ? " …" : ""}` : ""}`, `✅ ${done.length} transferred${done.length ? `: ${done.slice(0, 10).map((o) => `#${o.number}`).join(", ")}${done.length > 10 ? " …" : ""}` : ""}`)];
  for (const o of failed.slice(0, 10)) lines.push(`❌ #${o.number}: ${o.code ? describeCause(o.code, {}, l) : o.state}`);
  if (failed.length > 10) lines.push(say(l, `… en nog ${failed.length - 10}`, `… and ${failed.length - 10} more`));
  if (waiting) lines.push(waiting);
  return textReply(ctx, "retry", lines.join("\n"));
}

/** Sales skipped because their last document was sent without an answer and may still land. */
function waitingLines(ctx: TurnContext, waiting: Array<{ number: string; safeAfter: Date }>): string | null {
  if (waiting.length === 0) return null;
  const l = ctx.language;
  const numbers = `${waiting.slice(0, 10).map((w) => `#${w.number}`).join(", ")}${waiting.length > 10 ? " …" : ""}`;
  const latest = Math.max(...waiting.map((w) => w.safeAfter.getTime()));
  const seconds = Math.max(1, Math.ceil((latest - ctx.now.getTime()) / 1000));
  return say(
    l,
    `⏳ ${waiting.length} niet opnieuw doorgezet (${numbers}): de vorige poging stuurde de boeking, maar kreeg geen antwoord van de boekhouding. Die boeking kan nog binnenkomen; nu opnieuw doorzetten kan dubbel boeken. Probeer het over ${seconds} seconden nog eens: dan zoek ik eerst of hij er staat.`,
    `⏳ ${waiting.length} not retried (${numbers}): the last attempt sent the booking but got no answer from accounting. It may still arrive; retrying now could book it twice. Try again in ${seconds} seconds: I will first check whether it is there.`,
  );
}
