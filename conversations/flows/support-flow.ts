/** What the support channel sees of a problem report, and "Claim" by a support user. */
import { and, eq, isNull } from "drizzle-orm";
import { problemReports } from "../../db/schema.js";
import type { ErrorCode } from "../../engine/errors/catalogue.js";
import type { ProblemReport } from "../../engine/reports/report-problem.js";
import { type TurnContext, textReply } from "../core/turn-context.js";
import { describeCause } from "../replies/describe-cause.js";
import { day, money, say } from "../replies/format.js";
import type { Language, Reply } from "../replies/reply.js";

/** Button ids of the form `claim:R-12` are handled by the core, not stored as pending actions. */
export const CLAIM_PREFIX = "claim:";

/** The readable diagnostic bundle with a Claim button; nothing secret is in the bundle to begin with. */
export function describeReportForSupport(report: ProblemReport, language: Language): Reply {
  const b = report.bundle;
  const l = language;
  const s = b.representativeSale;
  const rows = [
    { label: "Koppeling", value: `${b.koppeling.name} (${b.koppeling.licenseKeyHint}) — ${b.koppeling.salesSystem} → ${b.koppeling.accountingSystem}` },
    { label: say(l, "Oorzaak", "Cause"), value: `${b.cause.code}: ${describeCause(b.cause.code as ErrorCode, {}, l)}` },
    { label: say(l, "Getroffen", "Affected"), value: say(l, `${b.cause.affectedSales} verkopen, ${money(b.cause.affectedCents, l)}, ${day(new Date(b.cause.oldestAt), l)} – ${day(new Date(b.cause.newestAt), l)}`, `${b.cause.affectedSales} sales, ${money(b.cause.affectedCents, l)}, ${day(new Date(b.cause.oldestAt), l)} – ${day(new Date(b.cause.newestAt), l)}`) },
    { label: say(l, "Voorbeeld", "Example"), value: `#${s.number} (${s.shopStatus}, ${money(s.totalCents, l)}, ${s.lines.length} ${say(l, "regels", "lines")}, ${s.customer.country ?? "?"}${s.customer.vatNumber ? `, ${s.customer.vatNumber}` : ""})` },
    ...(s.vendorMessage ? [{ label: say(l, "Melding boekhouding", "Accounting said"), value: s.vendorMessage }] : []),
    { label: say(l, "Verbindingen", "Connections"), value: b.connections.map((c) => `${c.system} ${c.state === "red" ? "🔴" : "🟢"}${c.errorCode ? ` ${c.errorCode}` : ""}`).join(", ") },
    { label: say(l, "Al geprobeerd", "Already tried"), value: b.alreadyTried.length ? b.alreadyTried.slice(-3).map((t) => `${t.what}${t.outcome ? ` → ${t.outcome}` : ""}`).join("; ") : "—" },
    ...(b.note ? [{ label: say(l, "Notitie", "Note"), value: b.note }] : []),
  ];
  return {
    intent: "report_problem",
    language: l,
    blocks: [
      { kind: "heading", text: say(l, `Probleemmelding ${report.reference}${report.occurrences > 1 ? ` (${report.occurrences}×)` : ""}`, `Problem report ${report.reference}${report.occurrences > 1 ? ` (${report.occurrences}×)` : ""}`) },
      { kind: "facts", rows },
    ],
    actions: [{ id: `${CLAIM_PREFIX}${report.reference}`, label: say(l, "Oppakken", "Claim"), style: "primary" }],
  };
}

/** A support user takes a report on; the first click wins, a non-support user is refused. */
export async function claimReport(ctx: TurnContext, reference: string): Promise<Reply> {
  const l = ctx.language;
  if (!ctx.support) return { ...textReply(ctx, "answer", say(l, "Alleen support kan een melding oppakken.", "Only support can claim a report.")), refused: "not_allowed" };
  const who = `${ctx.key.platform}:${ctx.key.userId}`;
  const [claimed] = await ctx.engine.db
    .update(problemReports)
    .set({ claimedBy: who, claimedAt: ctx.now })
    .where(and(eq(problemReports.reference, reference), isNull(problemReports.claimedBy)))
    .returning({ reference: problemReports.reference });
  if (claimed) return textReply(ctx, "answer", say(l, `${reference} is opgepakt door ${ctx.key.userId}.`, `${reference} was claimed by ${ctx.key.userId}.`));
  const [row] = await ctx.engine.db.select({ claimedBy: problemReports.claimedBy }).from(problemReports).where(eq(problemReports.reference, reference));
  if (!row) return { ...textReply(ctx, "answer", say(l, `Melding ${reference} bestaat niet.`, `Report ${reference} does not exist.`)), refused: "unknown" };
  return { ...textReply(ctx, "answer", say(l, `${reference} was al opgepakt (${row.claimedBy}).`, `${reference} was already claimed (${row.claimedBy}).`)), refused: "used" };
}
