/** "Meld Probleem": one example per cause, shown before sending, never a second report for the same cause. */
import { and, eq } from "drizzle-orm";
import { sales } from "../../db/schema.js";
import { listErrorGroups } from "../../engine/errors/list-error-groups.js";
import { type ReportTarget, reportProblem } from "../../engine/reports/report-problem.js";
import { type TurnContext, button, reply, textReply } from "../core/turn-context.js";
import { describeCause } from "../replies/describe-cause.js";
import { day, say } from "../replies/format.js";
import type { Reply } from "../replies/reply.js";

/** Asks which cause (when not named), or shows what will be sent and asks to confirm. */
export async function previewReport(ctx: TurnContext, koppelingId: string, target: ReportTarget | null): Promise<Reply> {
  const l = ctx.language;
  const groups = await listErrorGroups(ctx.engine.db, koppelingId);
  if (groups.length === 0) return textReply(ctx, "report_problem", say(l, "Er staan geen verkopen in Fouten, dus niets te melden.", "There are no sales in Errors, so nothing to report."));
  if (!target) {
    if (groups.length === 1) target = { kind: "cause", fingerprint: groups[0]!.fingerprint };
    else {
      const actions = await Promise.all(
        groups.slice(0, 10).map((g, i) => button(ctx, `${i + 1}. ${describeCause(g.code, g.facts, l)}`, { kind: "preview_report", target: { kind: "cause", fingerprint: g.fingerprint } })),
      );
      const total = groups.reduce((n, g) => n + g.count, 0);
      return textReply(ctx, "report_problem", say(l, `Voor welke oorzaak? Support heeft één voorbeeld per oorzaak nodig, niet alle ${total}.`, `For which cause? Support needs one example per cause, not all ${total}.`), actions);
    }
  }
  const sale = target.kind === "sale" ? target.number.replace(/^#/, "").trim() : null;
  // Only a sale of this koppeling can be the example; never promise to send one that is not here.
  if (sale !== null && !(await saleExists(ctx, koppelingId, sale))) {
    return textReply(ctx, "report_problem", say(l, `Ik vind geen verkoop #${sale} in deze koppeling.`, `I cannot find sale #${sale} in this koppeling.`));
  }
  const group = target.kind === "cause" ? groups.find((g) => g.fingerprint === target.fingerprint) : undefined;
  if (target.kind === "cause" && !group) return textReply(ctx, "report_problem", say(l, "Die oorzaak staat niet (meer) in Fouten.", "That cause is no longer in Errors."));
  const example = sale ?? group!.representative.number;
  const what = group ? describeCause(group.code, group.facts, l) : say(l, "de fout van deze verkoop", "this sale's error");
  return reply(
    ctx,
    "report_problem",
    [{ kind: "text", text: say(l, `Ik stuur support verkoop #${example} als voorbeeld voor "${what}", met de foutmelding en je instellingen (zonder wachtwoorden of sleutels).`, `I'll send support sale #${example} as the example for "${what}", with the error text and your settings (no passwords or keys).`) }],
    [
      await button(ctx, say(l, "Verstuur", "Send"), { kind: "report", target: sale ? { kind: "sale", number: sale } : target }, "primary"),
      await button(ctx, say(l, "Annuleer", "Cancel"), { kind: "cancel" }),
    ],
  );
}

/** Files the report (or returns the open one) and tells the merchant the reference. */
export async function executeReport(ctx: TurnContext, koppelingId: string, target: ReportTarget): Promise<Reply> {
  const l = ctx.language;
  const result = await reportProblem(ctx.engine, koppelingId, target, ctx.actor);
  if (result.kind === "nothing_to_report") return textReply(ctx, "report_problem", say(l, "Die verkoop staat niet in Fouten; er is niets te melden.", "That sale is not in Errors; there is nothing to report."));
  const r = result.report;
  if (result.kind === "existing") {
    return textReply(ctx, "report_problem", say(l, `Dat is al gemeld op ${day(r.createdAt, l)} (melding ${r.reference}, ${r.status === "open" ? "open" : "gesloten"}). Ik heb erbij gezet dat het opnieuw gebeurde.`, `That was already reported on ${day(r.createdAt, l)} (report ${r.reference}, ${r.status}). I've added that it happened again.`));
  }
  return textReply(ctx, "report_problem", say(l, `Gemeld als ${r.reference}. De verkopen blijven in Fouten tot support antwoordt.`, `Reported as ${r.reference}. The sales stay in Errors until support answers.`));
}

async function saleExists(ctx: TurnContext, koppelingId: string, number: string): Promise<boolean> {
  const [row] = await ctx.engine.db.select({ id: sales.id }).from(sales).where(and(eq(sales.koppelingId, koppelingId), eq(sales.number, number))).limit(1);
  return row !== undefined;
}
