/** Moneybird ids are 18-digit integers above 2^53: this JSON reader keeps such numbers as exact strings. */

/** Integers with more digits than this cannot all be represented exactly as a JavaScript number. */
const maxSafeDigits = 15;

/**
 * Parses JSON text, turning every integer literal of more than 15 digits into a string of its digits.
 * Ids then survive whether Moneybird sent them as strings ("4960…") or as bare numbers (4960…).
 * Throws a SyntaxError, as JSON.parse does, when the text is not JSON.
 */
export function parseMoneybirdJson(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

/** Rewrites bare long integer literals outside strings as string literals; everything else is left as it was. */
function quoteLongIntegers(text: string): string {
  let result = "";
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      index = skipString(text, index);
      continue;
    }
    if (char === "-" || (char >= "0" && char <= "9")) {
      const end = scanNumber(text, index);
      const literal = text.slice(index, end);
      if (/^-?\d+$/.test(literal) && literal.replace("-", "").length > maxSafeDigits) {
        result += `${text.slice(copiedUpTo, index)}"${literal}"`;
        copiedUpTo = end;
      }
      index = end;
      continue;
    }
    index += 1;
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

/** Returns the index just after the string literal that opens at `start`. */
function skipString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === "\\") index += 2;
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return index;
}

/** Returns the index just after the number literal that starts at `start`. */
function scanNumber(text: string, start: number): number {
  let index = start;
  while (index < text.length && /[-+0-9.eE]/.test(text[index]!)) index += 1;
  return index;
}
