/** Typo tolerance: the (optimal string alignment) Damerau-Levenshtein distance between two words. */

/** Counts insertions, deletions, substitutions and swaps of neighbours needed to turn `a` into `b`. */
export function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

function sameFrom(a: string, aStart: number, b: string, bStart: number): boolean {
  if (a.length - aStart !== b.length - bStart) return false;
  for (let i = 0; i < a.length - aStart; i++) if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  return true;
}

/** damerauLevenshtein(a, b) <= 1, in one pass without allocating (this runs for every unknown token). */
export function isWithinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [longer, shorter] = a.length >= b.length ? [a, b] : [b, a];
  if (longer.length - shorter.length > 1) return false;
  let i = 0;
  while (i < shorter.length && longer.charCodeAt(i) === shorter.charCodeAt(i)) i++;
  if (longer.length !== shorter.length) return sameFrom(longer, i + 1, shorter, i);
  if (sameFrom(a, i + 1, b, i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2);
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/**
 * True when `typed` is one typo away from `word`. Short words are never fuzzy ("rood" is not "rode"):
 * both must have at least 4 letters and one at least 5, and digits must match exactly.
 */
export function isOneTypoAway(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (Math.abs(typed.length - word.length) > 1) return false;
  if (Math.min(typed.length, word.length) < 4 || Math.max(typed.length, word.length) < 5) return false;
  return !hasDigit(typed) && !hasDigit(word) && isWithinOneEdit(typed, word);
}
