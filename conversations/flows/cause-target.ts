/** "retry btw 9%", "report vat number": the cause a merchant names, matched to the causes now in Errors. */
import type { ErrorCode } from "../../engine/errors/catalogue.js";
import { listErrorGroups } from "../../engine/errors/list-error-groups.js";
import { type TurnContext, button, textReply } from "../core/turn-context.js";
import type { Slots } from "../intents/understanding.js";
import { describeCause } from "../replies/describe-cause.js";
import { say } from "../replies/format.js";
import type { Reply } from "../replies/reply.js";
import { previewReport } from "./report-flow.js";
import { previewRetry } from "./retry-flow.js";

/** Codes a merchant's word may stand for: "btw" covers a missing and a mismatching VAT code. */
const related: Partial<Record<ErrorCode, ErrorCode[]>> = {
  VAT_CODE_MISSING: ["VAT_CODE_MISSING", "VAT_CODE_MISMATCH"],
  LEDGER_WRONG_TYPE: ["LEDGER_WRONG_TYPE", "LEDGER_NOT_FOUND"],
};

/** Previews a retry or report of the named cause; asks which when several causes match. */
export async function previewByCause(ctx: TurnContext, koppelingId: string, what: "retry" | "report", slots: Pick<Slots, "cause" | "vatRateBp">): Promise<Reply> {
  const l = ctx.language;
  const codes = related[slots.cause!] ?? [slots.cause!];
  const groups = (await listErrorGroups(ctx.engine.db, koppelingId)).filter(
    (g) => codes.includes(g.code) && (slots.vatRateBp === undefined || g.facts.rateBp === undefined || g.facts.rateBp === slots.vatRateBp),
  );
  const intent = what === "retry" ? "retry" : "report_problem";
  if (groups.length === 0) {
    return textReply(ctx, intent, say(l, "Die oorzaak staat nu niet in Fouten. Vraag \"fouten\" voor wat er wel staat.", "That cause is not in Errors now. Ask \"errors\" for what is."));
  }
  if (groups.length === 1) {
    const target = { kind: "cause" as const, fingerprint: groups[0]!.fingerprint };
    return what === "retry" ? previewRetry(ctx, koppelingId, target) : previewReport(ctx, koppelingId, target);
  }
  const actions = await Promise.all(
    groups.slice(0, 10).map((g, i) =>
      button(ctx, `${i + 1}. ${describeCause(g.code, g.facts, l)}`, { kind: what === "retry" ? "preview_retry" : "preview_report", target: { kind: "cause", fingerprint: g.fingerprint } }),
    ),
  );
  return textReply(ctx, intent, say(l, "Welke oorzaak bedoel je?", "Which cause do you mean?"), actions);
}
