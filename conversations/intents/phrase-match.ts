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
  /**
   * When every token is a known word: the keys of the phrase words a token can match (itself, and each of
   * its prefixes as a stem). A phrase can only match when the key of its first word is among them. Null
   * when a token may be a typo, and any phrase may match.
   */
  readonly startKeys: ReadonlySet<string> | null;
}

/** Items (cues, terms) of many phrases, looked up by the first word of their phrase. */
export interface PhraseIndex<T> {
  /** The items whose phrase may match the message: all of them, or for known words only those starting with one. */
  candidates(matcher: PhraseMatcher): readonly T[];
}

/**
 * Indexes items by the first word of their phrase, so that a message of known words looks at the few
 * phrases that can start with one of its words instead of at all of them (the same answers: a phrase
 * whose first word is not in the message does not match).
 */
export function indexPhrases<T>(items: readonly T[], phraseOf: (item: T) => Phrase): PhraseIndex<T> {
  const byFirstWord = new Map<string, T[]>();
  const startingWithGap: T[] = [];
  for (const item of items) {
    const first = phraseOf(item).parts[0];
    if (first?.kind !== "word") {
      startingWithGap.push(item);
      continue;
    }
    const list = byFirstWord.get(first.key);
    if (list) list.push(item);
    else byFirstWord.set(first.key, [item]);
  }
  return {
    candidates(matcher) {
      if (!matcher.startKeys) return items;
      const found = startingWithGap.length > 0 ? [...startingWithGap] : [];
      for (const key of matcher.startKeys) {
        const list = byFirstWord.get(key);
        if (list) found.push(...list);
      }
      return found;
    },
  };
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

/** The keys of every phrase word a known token can match: the token itself, and each of its prefixes as a stem ("verwerk*"). */
function keysMatching(tokens: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const token of tokens) {
    keys.add(token);
    for (let length = 1; length <= token.length; length++) keys.add(`${token.slice(0, length)}*`);
  }
  return keys;
}

/**
 * Creates a matcher for one message. Only tokens outside `vocabulary` are treated as possible typos,
 * so a real word ("verwerkt", "afmelden") is never mistaken for a neighbour ("verwerk", "aanmelden").
 */
export function createPhraseMatcher(tokens: readonly string[], vocabulary: ReadonlySet<string>): PhraseMatcher {
  const known = tokens.map((token) => vocabulary.has(token));
  // When every token is a known word, a phrase word can only match a token it equals or a stem the token
  // starts with: the keys of those words are listed up front, and a phrase whose first word is not among
  // them is passed over without further work.
  const startKeys = known.every(Boolean) ? keysMatching(tokens) : null;
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
  const cannotStart = (phrase: Phrase): boolean => {
    const first = phrase.parts[0];
    return startKeys !== null && first?.kind === "word" && !startKeys.has(first.key);
  };
  const find = (phrase: Phrase): number => {
    if (cannotStart(phrase)) return -1;
    const candidates = starts(phrase);
    for (let start = 0; start < tokens.length; start++) if (candidates[start] && matchFrom(phrase.parts, 0, start)) return start;
    return -1;
  };
  const findAll = (phrase: Phrase): number[] => {
    if (cannotStart(phrase)) return [];
    const candidates = starts(phrase);
    const found: number[] = [];
    for (let start = 0; start < tokens.length; start++) if (candidates[start] && matchFrom(phrase.parts, 0, start)) found.push(start);
    return found;
  };
  return { tokens, find, findAll, has: (phrase) => find(phrase) >= 0, startKeys };
}
