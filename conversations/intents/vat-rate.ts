/** Reads a VAT rate from a message: "9%", "9 procent", "negen procent", "laag tarief". */
import type { PhraseMatcher } from "./phrase-match.js";
import { createTermTable, findFirstTerm, phrasesOfTable } from "./term-table.js";

const rateWords: Readonly<Record<string, number>> = {
  nul: 0, zero: 0, zes: 6, six: 6, negen: 9, nine: 9, twaalf: 12, twelve: 12, eenentwintig: 21, twentyone: 21,
};

/** Dutch and Belgian rate names in basis points. */
export const rateNameTerms = createTermTable<number>([
  [900, "laag tarief", "lage tarief", "laag btw tarief", "lage btw tarief", "verlaagd tarief", "low rate", "low vat rate",
    "reduced rate", "btw laag", "laag btw", "lage btw", "vat low"],
  [2100, "hoog tarief", "hoge tarief", "hoog btw tarief", "algemeen tarief", "high rate", "high vat rate", "standard rate",
    "btw hoog", "hoog btw", "hoge btw", "vat high"],
  [0, "nultarief", "nul tarief", "zero rate", "zero rated"],
]);

/** The phrases of this file, for the vocabulary. */
export const vatRatePhrases = phrasesOfTable(rateNameTerms);

/** Whether a percentage may be written in the text: the patterns below need one of these. */
function mayHavePercentage(text: string): boolean {
  return text.includes("%") || text.includes("procent") || text.includes("percent") || text.includes("pct");
}

/** The VAT rate in basis points (9% → 900); a written percentage wins over a rate name. */
export function findVatRateBp(text: string, matcher: PhraseMatcher): number | undefined {
  if (!mayHavePercentage(text)) return findFirstTerm(matcher, rateNameTerms);
  const numeric = text.match(/(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:%|procent|percent|pct\b)/);
  if (numeric?.[1]) return Math.round(Number(numeric[1].replace(",", ".")) * 100);
  const written = text.replace(/twenty[ -]one/g, "twentyone").match(/\b([a-z]+)\s*(?:%|procent|percent)/);
  const rate = written?.[1] === undefined ? undefined : rateWords[written[1]];
  if (rate !== undefined) return rate * 100;
  return findFirstTerm(matcher, rateNameTerms);
}
