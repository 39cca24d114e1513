/** Pulls everything a message names besides its intent: sale numbers, rates, ledgers, statuses, causes, keys, times. */
import { findCause } from "./cause-names.js";
import type { NormalisedText } from "./normalise-text.js";
import { findChoice, findLicenseKey, findNumberMentions, withoutLicenseKeys } from "./number-mentions.js";
import type { PhraseMatcher } from "./phrase-match.js";
import { findHour, findWeekday } from "./schedule-time.js";
import { findAnswer, findSide, findStatus, ledgerRoleTerms, mentionsAll } from "./slot-terms.js";
import { findFirstTerm } from "./term-table.js";
import type { Slots } from "./understanding.js";
import { findVatRateBp } from "./vat-rate.js";

/** Copies only the defined values, so slots print and compare without `undefined` keys. */
function definedOnly(slots: Slots): Slots {
  return Object.fromEntries(Object.entries(slots).filter(([, value]) => value !== undefined)) as Slots;
}

function numberSlots(text: string, hasLedgerRole: boolean): Pick<Slots, "saleNumbers" | "ledgerCode"> {
  const mentions = findNumberMentions(withoutLicenseKeys(text), hasLedgerRole);
  const saleNumbers = [...new Set(mentions.filter((m) => m.kind === "sale").map((m) => m.digits))];
  const ledgerCode = mentions.find((m) => m.kind === "ledger")?.digits;
  return { saleNumbers: saleNumbers.length > 0 ? saleNumbers : undefined, ledgerCode };
}

/**
 * Extracts the slots of one message. `bare` says the message is nothing but a reply ("ja", "2"),
 * the only case where a lone number is a choice and a lone "later" is a no.
 *
 * Most chat lines hold no digit and no license key. The readers of numbers, hours and keys are regular
 * expressions, and on a cold turn each one costs several µs (together 0.07 ms of "status", issue #9,
 * part 5), so they only run when there is something for them to read.
 */
export function extractSlots(message: NormalisedText, matcher: PhraseMatcher, bare: boolean): Slots {
  const ledgerRole = findFirstTerm(matcher, ledgerRoleTerms);
  const side = findSide(matcher);
  const hour = message.hasDigits ? findHour(message.text) : undefined;
  return definedOnly({
    ...(message.hasDigits ? numberSlots(message.text, ledgerRole !== undefined) : {}),
    vatRateBp: findVatRateBp(message.text, matcher),
    ledgerRole,
    status: findStatus(matcher),
    all: mentionsAll(matcher) ? true : undefined,
    answer: findAnswer(matcher, bare),
    choice: bare ? findChoice(message.text) : undefined,
    cause: findCause(matcher, side),
    licenseKey: message.text.includes("kb-") ? findLicenseKey(message.text) : undefined,
    side,
    weekday: findWeekday(matcher),
    hour,
  });
}
