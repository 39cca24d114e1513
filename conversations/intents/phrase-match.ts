/** Finds short phrases ("meld … probleem", "verwerk*") in a tokenised message, tolerating one typo per unknown word. */
import { isOneTypoAway } from "./edit-distance.js";

/** One word of a phrase: exact, or a stem when written with a trailing "*"; `key` tells them apart. */
interface PhraseWord {
  kind: "word";
  text: string;
  stem: boolean;
  key: string;
}

/** "…" in a phrase: up to `maxGap` other words in between. */
interface PhraseGap {
  kind: "gap";
}

/** A compiled phrase such as "vink … aan" or "foutmelding*". */
export interface Phrase {
  source: string;
  parts: ReadonlyArray<PhraseWord | PhraseGap>;
}

const maxGap = 4;

/** Compiles phrase syntax: words separated by spaces, "…" for a gap, a trailing "*" for a stem. */
export function compilePhrase(source: string): Phrase {
  const parts = source.split(" ").filter((part) => part !== "").map((part): PhraseWord | PhraseGap => {
    if (part === "…") return { kind: "gap" };
    const stem = part.endsWith("*");
    return { kind: "word", text: stem ? part.slice(0, -1) : part, stem, key: part };
  });
  return { source, parts };
}

/** The plain words of phrases (no stems), for the vocabulary that decides which tokens may be typos. */
export function wordsOfPhrases(phrases: Iterable<Phrase>): string[] {
  const words: string[] = [];
  for (const phrase of phrases) {
    for (const part of phrase.parts) if (part.kind === "word" && !part.stem) words.push(part.text);
  }
  return words;
}

/** Looks phrases up in one message. */
export interface PhraseMatcher {
  readonly tokens: readonly string[];
  /** Index of the first token of the first match, or -1. */
  find(phrase: Phrase): number;
  /** Indexes of the first token of every match. */
  findAll(phrase: Phrase): number[];
  has(phrase: Phrase): boolean;
}

function stemMatches(token: string, stem: string, known: boolean): boolean {
  if (token.startsWith(stem)) return true;
  if (known || stem.length < 5) return false;
  return isOneTypoAway(token.slice(0, stem.length), stem) || isOneTypoAway(token.slice(0, stem.length + 1), stem);
}

function wordMatches(token: string, word: PhraseWord, known: boolean): boolean {
  if (word.stem) return stemMatches(token, word.text, known);
  return token === word.text || (!known && isOneTypoAway(token, word.text));
}

/**
 * Creates a matcher for one message. Only tokens outside `vocabulary` are treated as possible typos,
 * so a real word ("verwerkt", "afmelden") is never mistaken for a neighbour ("verwerk", "aanmelden").
 */
export function createPhraseMatcher(tokens: readonly string[], vocabulary: ReadonlySet<string>): PhraseMatcher {
  const known = tokens.map((token) => vocabulary.has(token));
  const hitsByWord = new Map<string, boolean[]>();
  const hits = (word: PhraseWord): boolean[] => {
    let row = hitsByWord.get(word.key);
    if (!row) {
      row = tokens.map((token, i) => wordMatches(token, word, known[i] ?? false));
      hitsByWord.set(word.key, row);
    }
    return row;
  };
  const matchFrom = (parts: Phrase["parts"], partIndex: number, tokenIndex: number): boolean => {
    const part = parts[partIndex];
    if (!part) return true;
    if (part.kind === "gap") {
      for (let skip = 0; skip <= maxGap; skip++) if (matchFrom(parts, partIndex + 1, tokenIndex + skip)) return true;
      return false;
    }
    return tokenIndex < tokens.length && hits(part)[tokenIndex] === true && matchFrom(parts, partIndex + 1, tokenIndex + 1);
  };
  // Only positions where the phrase's first word occurs can start a match.
  const starts = (phrase: Phrase): boolean[] => {
    const first = phrase.parts[0];
    return first?.kind === "word" ? hits(first) : tokens.map(() => true);
  };
  const find = (phrase: Phrase): number => {
    const candidates = starts(phrase);
    for (let start = 0; start < tokens.length; start++) if (candidates[start] && matchFrom(phrase.parts, 0, start)) return start;
    return -1;
  };
  const findAll = (phrase: Phrase): number[] => {
    const candidates = starts(phrase);
    const found: number[] = [];
    for (let start = 0; start < tokens.length; start++) if (candidates[start] && matchFrom(phrase.parts, 0, start)) found.push(start);
    return found;
  };
  return { tokens, find, findAll, has: (phrase) => find(phrase) >= 0 };
}
