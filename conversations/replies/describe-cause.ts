/** A cause of rejection in the merchant's words, made specific with its facts (which rate, which ledger). */
import type { ErrorCode } from "../../engine/errors/catalogue.js";
import { explainErrorCode } from "./error-copy.js";
import { ledgerRoleName, rate, say } from "./format.js";
import type { Language } from "./reply.js";


/** The title of a cause, specific where the facts allow: "BTW 9% heeft geen BTW-code". */
export function describeCause(code: ErrorCode, facts: Record<string, unknown>, language: Language): string {
  const l = language;
  if ((code === "VAT_CODE_MISSING" || code === "VAT_CODE_MISMATCH") && typeof facts.rateBp === "number") {
    return code === "VAT_CODE_MISSING"
      ? say(l, `BTW ${rate(facts.rateBp, l)} heeft geen bruikbare BTW-code`, `VAT rate ${rate(facts.rateBp, l)} has no usable VAT code`)
      : say(l, `De BTW-code voor ${rate(facts.rateBp, l)} heeft een ander percentage`, `The VAT code for ${rate(facts.rateBp, l)} has a different percentage`);
  }
  if ((code === "LEDGER_WRONG_TYPE" || code === "LEDGER_NOT_FOUND") && typeof facts.role === "string") {
    const role = ledgerRoleName(facts.role, l);
    if (code === "LEDGER_WRONG_TYPE") {
      return say(l, `De ${role} gaan naar grootboek ${facts.ledgerCode} "${facts.ledgerName}", dat is geen omzetrekening`, `${ledgerRoleName(facts.role, l, true)} go to ledger ${facts.ledgerCode} "${facts.ledgerName}", which is not a revenue account`);
    }
    return say(l, `Geen bruikbare grootboekrekening voor ${role}`, `No usable ledger account for ${role}`);
  }
  if (code === "OPEN_EXPIRED" && typeof facts.status === "string") {
    return say(l, `Meer dan 21 dagen in Open met status "${facts.status}"`, `In Open for more than 21 days with status "${facts.status}"`);
  }
  return explainErrorCode(code, l).title;
}
