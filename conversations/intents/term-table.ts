/** A table of values named by phrases ("verzendkosten" → shipping), and a lookup of the one named first. */
import { compilePhrase, type Phrase, type PhraseMatcher } from "./phrase-match.js";

/** Values with the phrases that name them, in priority order. */
export type TermTable<T> = ReadonlyArray<{ value: T; phrases: readonly Phrase[] }>;

/** Builds a table from `[value, "phrase", "phrase*", ...]` rows. */
export function createTermTable<T>(rows: ReadonlyArray<readonly [T, ...string[]]>): TermTable<T> {
  return rows.map(([value, ...phrases]) => ({ value, phrases: phrases.map(compilePhrase) }));
}

/** All phrases of a table, for the vocabulary. */
export function phrasesOfTable<T>(table: TermTable<T>): Phrase[] {
  return table.flatMap((row) => [...row.phrases]);
}

/** Where each value of the table is first named in the message (earliest first, table order on ties). */
export function findTerms<T>(matcher: PhraseMatcher, table: TermTable<T>): Array<{ value: T; index: number }> {
  const found: Array<{ value: T; index: number; rank: number }> = [];
  table.forEach((row, rank) => {
    const indexes = row.phrases.map((phrase) => matcher.find(phrase)).filter((index) => index >= 0);
    if (indexes.length > 0) found.push({ value: row.value, index: Math.min(...indexes), rank });
  });
  found.sort((a, b) => a.index - b.index || a.rank - b.rank);
  return found.map(({ value, index }) => ({ value, index }));
}

/** The value named first in the message, if any. */
export function findFirstTerm<T>(matcher: PhraseMatcher, table: TermTable<T>): T | undefined {
  return findTerms(matcher, table)[0]?.value;
}
