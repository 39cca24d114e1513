/** Turns a chat message into comparable text: lower case, no diacritics, no emoji, contractions spelled out. */

/** A message ready for matching: `text` keeps the punctuation slots need ("#1043", "9%", "16:00"), `tokens` do not. */
export interface NormalisedText {
  text: string;
  tokens: string[];
  /** Whether `text` holds a digit: without one, the readers of numbers, times and sale numbers are skipped. */
  hasDigits: boolean;
}

/** Tokens that stand for a thumbs-up or thumbs-down emoji; they belong to neither language. */
export const yesEmojiToken = "_yes";
export const noEmojiToken = "_no";

// Order matters: the specific forms ("can't") go before the general rule ("n't"). The last field says
// whether the pattern needs an apostrophe; "cant", "wont" and "dont" are expanded without one too.
const contractions: ReadonlyArray<readonly [RegExp, string, boolean]> = [
  [/\bcan'?t\b/g, "can not", false],
  [/\bwon'?t\b/g, "will not", false],
  [/\b(are|is|do|does|did|was|were|have|has|could|would|should)n'?t\b/g, "$1 not", false],
  [/\b(what|how|where|who|it|that|there|here)'s\b/g, "$1 is", true],
  [/\bi'm\b/g, "i am", true],
  [/'re\b/g, " are", true],
  [/'ll\b/g, " will", true],
  [/'ve\b/g, " have", true],
  [/\bm'n\b/g, "mijn", true],
  [/\bz'n\b/g, "zijn", true],
  [/(^|\s)'t\b/g, "$1het", true],
  [/(^|\s)'s\b/g, "$1s", true],
];

function replaceEmoji(text: string): string {
  return text
    .replace(/[\u{1F44D}\u{1F44C}\u{2705}\u{2714}]/gu, ` ${yesEmojiToken} `)
    .replace(/[\u{1F44E}\u{274C}\u{2716}]/gu, ` ${noEmojiToken} `)
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]/gu, " ");
}

function expandContractions(text: string): string {
  let result = text.replace(/[\u2018\u2019\u02BC`´]/g, "'");
  const apostrophe = result.includes("'");
  for (const [pattern, replacement, needsApostrophe] of contractions) if (apostrophe || !needsApostrophe) result = result.replace(pattern, replacement);
  if (!apostrophe) return result;
  // Any apostrophe left joins its word: "creditnota's" → "creditnotas".
  return result.replace(/(\w)'(\w)/g, "$1$2").replace(/'/g, " ");
}

/** True when every character is ASCII: such text has no diacritics and no emoji to take out. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Normalises one message; pure and cheap enough to run on every chat line. Most lines are plain ASCII
 * without apostrophes, and the passes that could not change them are skipped: each regular expression
 * costs a few µs on a cold turn (issue #9, part 5).
 */
export function normaliseText(input: string): NormalisedText {
  const lowered = isAscii(input) ? input.toLowerCase() : replaceEmoji(input.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase());
  const text = expandContractions(lowered).replace(/\s+/g, " ").trim();
  const tokens = text.match(/[a-z0-9_]+/g) ?? [];
  return { text, tokens, hasDigits: /\d/.test(text) };
}
