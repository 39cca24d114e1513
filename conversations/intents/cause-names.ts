/** How merchants name the causes of rejected sales ("btw-nummer", "dubbel factuurnummer"), as catalogue codes. */
import type { ErrorCode } from "../../engine/errors/catalogue.js";
import type { PhraseMatcher } from "./phrase-match.js";
import type { Slots } from "./understanding.js";
import { connectionWords } from "./slot-terms.js";
import { createTermTable, findFirstTerm, phrasesOfTable } from "./term-table.js";

// Specific names first: "verzendkosten zonder btw" must win over plain "btw", "btw-nummer" over "btw".
const specificCauses = createTermTable<ErrorCode>([
  ["SHIPPING_WITHOUT_VAT", "verzend* … zonder btw", "verzend* … geen btw", "shipping … without vat", "shipping … no vat",
    "verzendkosten fout*", "verzendkosten … fouten", "verzend* … btw", "shipping … vat", "shipping error*", "shipping ones"],
  ["ICP_VAT_NUMBER_INVALID", "btw nummer*", "btwnummer*", "btw id", "vat number*", "vat id", "vatnumber", "icp", "vies",
    "intracommunautair*", "eu b2b"],
  ["ALREADY_TRANSFERRED", "al eerder doorgezet", "already transferred", "al doorgezet geweest"],
  ["DUPLICATE_NUMBER", "bestaat al", "bestaan al", "already exists", "already exist", "duplicate*", "dubbel*",
    "boekstuknummer", "komt reeds voor", "nummer … in gebruik"],
  ["DISCOUNT_NOMATCH", "korting*", "discount*"],
  ["TOTALS_NOMATCH", "totaal … klopt niet", "totalen", "totaal", "totaalbedrag", "totals", "total", "afronding*",
    "rounding", "bedrag* … klopt niet", "bedrag* … kloppen niet"],
  ["PERIOD_CLOSED", "periode", "period", "boekjaar", "afgesloten", "closed period"],
  ["LEDGER_NOT_FOUND", "grootboek* … niet gevonden", "grootboek* … bestaat niet", "ledger … not found"],
  ["LEDGER_NEEDS_DIMENSION", "kostenplaats", "cost centre", "cost center"],
  ["REQUIRED_DEFAULT_MISSING", "dagboek", "betalingsconditie", "journal", "payment condition"],
  ["LEDGER_WRONG_TYPE", "geen omzetrekening", "not a revenue account", "balansrekening", "grootboek*", "ledger*"],
  ["VAT_CODE_MISMATCH", "btw percentage", "percentage … niet toegestaan", "vat percentage"],
  ["DEBTOR_DELETED", "debiteur* … niet gevonden", "debiteur* … verwijderd", "debtor … deleted"],
  ["DEBTOR_INVALID", "debiteur*", "debtor*", "klant … non actief"],
  ["CUSTOMER_DATA_MISSING", "geen e mail*", "geen emailadres", "geen land", "no email", "no country"],
  ["ARTICLE_PROBLEM", "artikel*", "article*"],
  ["RATE_LIMITED", "rate limit*", "429", "te veel verzoeken", "too many requests"],
  ["ACC_UNAVAILABLE", "storing", "outage", "is down", "ligt eruit", "plat"],
  ["NEGATIVE_NOT_ALLOWED", "negatie* bedrag*", "negative amount*"],
  ["OPEN_EXPIRED", "21 dagen", "21 days"],
]);

const vatCauses = createTermTable<ErrorCode>([["VAT_CODE_MISSING", "btw*", "vat", "btw code", "vat code", "tax"]]);

/** The phrases of this file, for the vocabulary. */
export const causePhrases = [...phrasesOfTable(specificCauses), ...phrasesOfTable(vatCauses)];

/**
 * The cause the merchant names. A connection word ("token", "verbinding", "rood") only names a cause
 * together with a side: the accounting side's expired token, or the shop's rejected key.
 */
export function findCause(matcher: PhraseMatcher, side: Slots["side"]): ErrorCode | undefined {
  const specific = findFirstTerm(matcher, specificCauses);
  if (specific) return specific;
  if (side && connectionWords.some((phrase) => matcher.has(phrase))) {
    return side === "accounting" ? "CONN_ACC_TOKEN_EXPIRED" : "CONN_SHOP_AUTH";
  }
  return findFirstTerm(matcher, vatCauses);
}
