/** The words that name slot values: shop statuses, ledger roles, sides, "all", yes and no. */
import type { Slots } from "./understanding.js";
import { noEmojiToken, yesEmojiToken } from "./normalise-text.js";
import { compilePhrase, type Phrase, type PhraseMatcher } from "./phrase-match.js";
import { createTermTable, findFirstTerm, findTerms, phrasesOfTable } from "./term-table.js";

/** WooCommerce statuses by their slug, in Dutch (as the Dutch WooCommerce admin shows them) and English. */
export const statusTerms = createTermTable<string>([
  ["pending", "wachtend op betaling", "wacht op betaling", "in afwachting van betaling", "pending*"],
  ["processing", "in behandeling", "in verwerking", "processing"],
  ["on-hold", "in de wacht", "on hold", "onhold", "in afwachting"],
  ["completed", "afgerond*", "voltooid*", "afgehandeld*", "completed"],
  ["cancelled", "geannuleerd*", "cancelled", "canceled"],
  ["refunded", "terugbetaald*", "refunded"],
  ["failed", "mislukt*", "failed"],
]);

/** Which ledger a message is about. */
export const ledgerRoleTerms = createTermTable<NonNullable<Slots["ledgerRole"]>>([
  ["shipping", "verzendkosten*", "verzendkost*", "verzending*", "verzend", "shipping*", "bezorgkosten", "portokosten", "delivery"],
  ["paymentCosts", "betaalkosten", "betalingskosten", "transactiekosten", "payment cost*", "payment fee*", "transaction fee*"],
  ["revenue", "omzet*", "revenue", "opbrengst*", "turnover", "sales ledger"],
]);

/** Which side of the koppeling a message names: the shop or the accounting system. */
export const sideTerms = createTermTable<NonNullable<Slots["side"]>>([
  ["sales", "webshop*", "woocommerce", "woo", "winkel", "webwinkel", "shop", "wordpress", "consumer key", "consumer secret", "shopify", "lightspeed", "kassa"],
  ["accounting", "moneybird", "boekhouding", "boekhoud*", "administratie", "accounting", "bookkeeping", "exact online", "snelstart", "twinfield", "e boekhouden", "yuki"],
]);

/** Words that make a side about the connection (the dot), so the side nearest to them is the one meant. */
export const connectionWords: readonly Phrase[] = [
  "verbinding*", "connectie", "connection*", "token", "verlopen", "expired", "rood", "rode", "red", "bolletje*",
  "stip*", "dot", "reconnect*", "verbinden", "connect", "inloggen", "login", "consumer key", "401", "unauthorized",
].map(compilePhrase);

const allPhrases: readonly Phrase[] = ["alles", "allemaal", "alle", "allen", "all"].map(compilePhrase);

/** Yes and no, with the polite words that may surround them in a bare reply. */
export const answerTerms = createTermTable<"yes" | "no">([
  ["no", "nee", "neee", "neeee", "neen", "nope", "no", "nah", "liever niet", "later", "niet nu", "nog niet", "not now", "not yet",
    "stop", "cancel", "annuleer", "annuleren", "laat maar", "never mind", "nevermind", noEmojiToken],
  ["yes", "ja", "jaja", "jawel", "jazeker", "jep", "jup", "yes", "yep", "yup", "yeah", "ok", "oke", "okay", "okee",
    "okido", "prima", "goed", "akkoord", "top", "graag", "zeker", "natuurlijk", "sure", "doe maar", "ga je gang",
    "ga maar door", "go ahead", "do it", "is goed", "sounds good", "klinkt goed", "alright", "all right", "of course", yesEmojiToken],
]);

/** Words that may stand next to a yes or no in a reply without changing it ("ja hoor", "no thanks"). */
export const answerFillers = new Set([
  "maar", "hoor", "dan", "nu", "even", "wel", "please", "pls", "thanks", "thank", "you", "dank", "je", "bedankt",
  "aub", "ajb", "alsjeblieft", "alles", "allemaal", "all",
]);

// Words too common inside a sentence to count as a reply unless the whole message is a reply.
const weakAnswerWords = new Set(["stop", "later", "graag", "goed", "top", "zeker", "natuurlijk", "prima"]);

/** The phrases of this file, for the vocabulary. */
export const slotTermPhrases: readonly Phrase[] = [
  ...phrasesOfTable(statusTerms), ...phrasesOfTable(ledgerRoleTerms), ...phrasesOfTable(sideTerms),
  ...connectionWords, ...allPhrases, ...phrasesOfTable(answerTerms),
];

/** True when the message says "all" in either language. */
export function mentionsAll(matcher: PhraseMatcher): boolean {
  return allPhrases.some((phrase) => matcher.has(phrase));
}

/** The side meant: the one nearest a connection word, else the one named first. */
export function findSide(matcher: PhraseMatcher): Slots["side"] {
  const sides = findTerms(matcher, sideTerms);
  const anchors = connectionWords.map((phrase) => matcher.find(phrase)).filter((index) => index >= 0);
  if (sides.length < 2 || anchors.length === 0) return sides[0]?.value;
  const distance = (index: number): number => Math.min(...anchors.map((anchor) => Math.abs(anchor - index)));
  return [...sides].sort((a, b) => distance(a.index) - distance(b.index))[0]?.value;
}

/**
 * Yes or no: in a bare reply a "no" anywhere wins ("okay thanks, no"); inside a longer message only a
 * clear yes or no at its very start counts ("ja, verwerk alles"), not "stop" in "stop de weekmail".
 */
export function findAnswer(matcher: PhraseMatcher, bare: boolean): Slots["answer"] {
  const found = findTerms(matcher, answerTerms);
  if (bare) return found.some((term) => term.value === "no") ? "no" : found[0]?.value;
  const first = found[0];
  const firstToken = matcher.tokens[0] ?? "";
  return first && first.index === 0 && !weakAnswerWords.has(firstToken) ? first.value : undefined;
}

/** The shop status named first. */
export function findStatus(matcher: PhraseMatcher): string | undefined {
  return findFirstTerm(matcher, statusTerms);
}
