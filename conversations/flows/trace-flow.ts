/** "Waar is bestelling 1043?": the story of one sale and what to do next. */
import { traceSale } from "../../engine/trace/trace-sale.js";
import { type TurnContext, button, reply, textReply } from "../core/turn-context.js";
import { describeCause } from "../replies/describe-cause.js";
import { explainErrorCode } from "../replies/error-copy.js";
import { day, moment, money, say } from "../replies/format.js";
import type { Action, Reply } from "../replies/reply.js";

/** Traces one sale of the linked koppeling. */
export async function showTrace(ctx: TurnContext, koppelingId: string, number: string): Promise<Reply> {
  const l = ctx.language;
  const trace = await traceSale(ctx.engine.db, koppelingId, number, ctx.now);
  if (!trace) return textReply(ctx, "trace_sale", say(l, `Ik vind geen verkoop met nummer ${number} in deze koppeling.`, `I cannot find a sale numbered ${number} in this koppeling.`));
  const steps: string[] = [];
  for (const event of trace.events) {
    if (event.kind === "fetched") steps.push(say(l, `Opgehaald op ${moment(event.at, l)} — status "${trace.shopStatus}"`, `Fetched on ${moment(event.at, l)} — status "${trace.shopStatus}"`));
    if (event.kind === "attempt") {
      const outcome = event.outcome === "transferred" || event.outcome === "recovered" ? say(l, "gelukt", "succeeded") : event.code ? describeCause(event.code, {}, l) : event.outcome;
      steps.push(say(l, `Poging ${moment(event.at, l)}: ${outcome}`, `Attempt ${moment(event.at, l)}: ${outcome}`));
    }
    if (event.kind === "transferred") steps.push(say(l, `Doorgezet naar de boekhouding (${moment(event.at, l)})`, `Transferred to accounting (${moment(event.at, l)})`));
    if (event.kind === "reported") steps.push(say(l, `Gemeld bij support als ${event.reference} (${event.status})`, `Reported to support as ${event.reference} (${event.status})`));
  }
  const actions: Action[] = [];
  let where: string;
  switch (trace.state) {
    case "transferred":
      where = say(l, "Staat in Rapportage: klaar.", "It is in the report: done.");
      break;
    case "open":
      where = say(l, `Staat in Open: status "${trace.shopStatus}" is niet aangevinkt (nog ${trace.openDaysLeft} dagen).`, `It is in Open: status "${trace.shopStatus}" is not ticked (${trace.openDaysLeft} days left).`);
      actions.push(await button(ctx, say(l, `Vink "${trace.shopStatus}" aan`, `Tick "${trace.shopStatus}"`), { kind: "configure", change: { kind: "tickStatus", status: trace.shopStatus }, inWalk: false }, "primary"));
      break;
    case "rejected":
    case "expired": {
      const cause = trace.cause!;
      where = say(l, `Staat in Fouten: ${describeCause(cause.code, cause.facts, l)}. ${explainErrorCode(cause.code, l).fix}`, `It is in Errors: ${describeCause(cause.code, cause.facts, l)}. ${explainErrorCode(cause.code, l).fix}`);
      if (cause.vendorMessage) where += say(l, `\nDe boekhouding zei: "${cause.vendorMessage}"`, `\nAccounting said: "${cause.vendorMessage}"`);
      if (trace.state === "rejected") actions.push(await button(ctx, say(l, "Opnieuw doorzetten", "Retry"), { kind: "preview_retry", target: { kind: "sale", number: trace.number } }));
      actions.push(await button(ctx, say(l, "Meld probleem", "Report problem"), { kind: "preview_report", target: { kind: "sale", number: trace.number } }));
      break;
    }
    case "queued":
    case "transferring":
      where = trace.nextRetryAt
        ? say(l, `Wacht op een automatische nieuwe poging (${moment(trace.nextRetryAt, l)}).`, `Waiting for an automatic retry (${moment(trace.nextRetryAt, l)}).`)
        : say(l, "Gaat bij de volgende run mee.", "Goes with the next run.");
      break;
    case "ignored":
      where = say(l, "Is genegeerd (Negeer).", "It was ignored.");
      break;
    case "before_install":
      where = say(l, "Is gemaakt vóór de installatie van de koppeling en wordt niet verwerkt (daarvoor is een migratie nodig).", "It was created before the koppeling was installed and is not processed (that needs a migration).");
      break;
  }
  const kind = trace.kind === "refund" ? say(l, "Creditnota", "Refund") : say(l, "Bestelling", "Order");
  return reply(
    ctx,
    "trace_sale",
    [
      { kind: "heading", text: `${kind} #${trace.number} (${day(trace.createdAt, l)}, ${money(trace.totalCents, l)}, ${trace.customerName})` },
      { kind: "text", text: steps.map((s, i) => `${i + 1}. ${s}`).join("\n") },
      { kind: "text", text: where },
    ],
    actions,
  );
}
