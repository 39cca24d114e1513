/** A table of values named by phrases ("verzendkosten" → shipping), and a lookup of the one named first. */
import { compilePhrase, indexPhrases, type Phrase, type PhraseIndex, type PhraseMatcher } from "./phrase-match.js";

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

const indexes = new WeakMap<TermTable<unknown>, PhraseIndex<{ rank: number; phrase: Phrase }>>();

/** The table's phrases by their first word (made on first use). */
function indexOf<T>(table: TermTable<T>): PhraseIndex<{ rank: number; phrase: Phrase }> {
  let index = indexes.get(table);
  if (!index) {
    index = indexPhrases(table.flatMap((row, rank) => row.phrases.map((phrase) => ({ rank, phrase }))), (entry) => entry.phrase);
    indexes.set(table, index);
  }
  return index;
}

/** Where each value of the table is first named in the message (earliest first, table order on ties). */
export function findTerms<T>(matcher: PhraseMatcher, table: TermTable<T>): Array<{ value: T; index: number }> {
  const earliest = new Map<number, number>();
  for (const { rank, phrase } of indexOf(table).candidates(matcher)) {
    const index = matcher.find(phrase);
    const before = earliest.get(rank);
    if (index >= 0 && (before === undefined || index < before)) earliest.set(rank, index);
  }
  return [...earliest]
    .sort(([rankA, indexA], [rankB, indexB]) => indexA - indexB || rankA - rankB)
    .map(([rank, index]) => ({ value: table[rank]!.value, index }));
}

/** The value named first in the message, if any. */
export function findFirstTerm<T>(matcher: PhraseMatcher, table: TermTable<T>): T | undefined {
  return findTerms(matcher, table)[0]?.value;
}
