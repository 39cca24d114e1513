/** Runs a confirmed pending action (a button click or a typed "ja"). */
import { updateConfig } from "../../engine/config/update-config.js";
import { listErrorGroups } from "../../engine/errors/list-error-groups.js";
import { nextWalkStep } from "../flows/checklist-flow.js";
import { showErrors } from "../flows/errors-flow.js";
import { executeReport, previewReport } from "../flows/report-flow.js";
import { executeRetry, previewRetry } from "../flows/retry-flow.js";
import { executeIgnore, unlinkChat } from "../flows/simple-flows.js";
import { say } from "../replies/format.js";
import type { Reply } from "../replies/reply.js";
import type { PendingAction } from "../state/pending-actions.js";
import { type TurnContext, button, textReply } from "./turn-context.js";

/** Executes the action for the linked koppeling. */
export async function runAction(ctx: TurnContext, koppelingId: string, action: PendingAction): Promise<Reply> {
  const l = ctx.language;
  switch (action.kind) {
    case "cancel":
      ctx.state.flow = null;
      return textReply(ctx, "answer", say(l, "Goed, dan laat ik het zo.", "All right, I'll leave it."));
    case "start_walk":
    case "walk_next":
      return nextWalkStep(ctx);
    case "unlink":
      return unlinkChat(ctx);
    case "show_errors":
      return showErrors(ctx, koppelingId);
    case "show_more":
      return action.reply;
    case "preview_retry":
      return previewRetry(ctx, koppelingId, action.target);
    case "retry":
      return executeRetry(ctx, koppelingId, action.target, action.accountingChecked ?? false);
    case "preview_report":
      return previewReport(ctx, koppelingId, action.target);
    case "report":
      return executeReport(ctx, koppelingId, action.target);
    case "ignore":
      return executeIgnore(ctx, koppelingId, action.target);
    case "configure":
      return applyConfigure(ctx, koppelingId, action);
  }
}

async function applyConfigure(ctx: TurnContext, koppelingId: string, action: Extract<PendingAction, { kind: "configure" }>): Promise<Reply> {
  const l = ctx.language;
  const result = await updateConfig(ctx.engine, koppelingId, action.change, ctx.actor);
  const next = action.inWalk ? [await button(ctx, say(l, "Volgende punt", "Next item"), { kind: "walk_next" })] : [];
  if (result.kind === "refused") {
    const r = result.refusal;
    const why: Record<typeof r.reason, string> = {
      vat_code_unknown: say(l, "die BTW-code bestaat niet in de boekhouding", "that VAT code does not exist in accounting"),
      vat_code_unusable: say(l, "die BTW-code is niet actief of niet voor verkopen", "that VAT code is inactive or not for sales"),
      vat_percentage_differs: say(l, "die BTW-code heeft een ander percentage", "that VAT code has a different percentage"),
      ledger_unknown: say(l, "die grootboekrekening bestaat niet", "that ledger account does not exist"),
      ledger_inactive: say(l, "die grootboekrekening is niet actief", "that ledger account is inactive"),
      ledger_not_revenue: say(l, "dat is geen omzetrekening", "that is not a revenue account"),
      status_unknown: say(l, "die status kent de winkel niet", "the shop does not know that status"),
      administration_unknown: say(l, "die administratie bestaat niet", "that administration does not exist"),
      system_unreachable: say(l, "het systeem is nu niet bereikbaar", "the system cannot be reached right now"),
    };
    return textReply(ctx, "configure", say(l, `Niet aangepast: ${why[r.reason]}. Er is niets veranderd.`, `Not changed: ${why[r.reason]}. Nothing was changed.`), next);
  }
  if (result.kind === "unchanged") return textReply(ctx, "configure", say(l, "Dat stond al zo.", "That was already set."), next);
  const unlocked = (await listErrorGroups(ctx.engine.db, koppelingId)).filter((g) => g.retry.canHelpNow && g.retry.verdict === "config_changed");
  const count = unlocked.reduce((n, g) => n + g.count, 0);
  const actions = [...(count > 0 ? [await button(ctx, say(l, "Nu opnieuw verwerken", "Retry now"), { kind: "preview_retry", target: { kind: "all" } }, "primary")] : []), ...next];
  const text = say(l, "Gedaan, de configuratie is aangepast.", "Done, the configuration is updated.") + (count > 0 ? say(l, ` ${count} afgewezen verkopen kunnen nu opnieuw.`, ` ${count} rejected sales can now be retried.`) : "");
  return textReply(ctx, "configure", text, actions);
}
