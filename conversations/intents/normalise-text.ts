/** Turns a chat message into comparable text: lower case, no diacritics, no emoji, contractions spelled out. */

/** A message ready for matching: `text` keeps the punctuation slots need ("#1043", "9%", "16:00"), `tokens` do not. */
export interface NormalisedText {
  text: string;
  tokens: string[];
}

/** Tokens that stand for a thumbs-up or thumbs-down emoji; they belong to neither language. */
export const yesEmojiToken = "_yes";
export const noEmojiToken = "_no";

// Order matters: the specific forms ("can't") go before the general rule ("n't").
const contractions: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcan'?t\b/g, "can not"],
  [/\bwon'?t\b/g, "will not"],
  [/\b(are|is|do|does|did|was|were|have|has|could|would|should)n'?t\b/g, "$1 not"],
  [/\b(what|how|where|who|it|that|there|here)'s\b/g, "$1 is"],
  [/\bi'm\b/g, "i am"],
  [/'re\b/g, " are"],
  [/'ll\b/g, " will"],
  [/'ve\b/g, " have"],
  [/\bm'n\b/g, "mijn"],
  [/\bz'n\b/g, "zijn"],
  [/(^|\s)'t\b/g, "$1het"],
  [/(^|\s)'s\b/g, "$1s"],
];

function replaceEmoji(text: string): string {
  return text
    .replace(/[\u{1F44D}\u{1F44C}\u{2705}\u{2714}]/gu, ` ${yesEmojiToken} `)
    .replace(/[\u{1F44E}\u{274C}\u{2716}]/gu, ` ${noEmojiToken} `)
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]/gu, " ");
}

function expandContractions(text: string): string {
  let result = text.replace(/[\u2018\u2019\u02BC`´]/g, "'");
  for (const [pattern, replacement] of contractions) result = result.replace(pattern, replacement);
  // Any apostrophe left joins its word: "creditnota's" → "creditnotas".
  return result.replace(/(\w)'(\w)/g, "$1$2").replace(/'/g, " ");
}

/** Normalises one message; pure and cheap enough to run on every chat line. */
export function normaliseText(input: string): NormalisedText {
  const lowered = input.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const text = expandContractions(replaceEmoji(lowered)).replace(/\s+/g, " ").trim();
  const tokens = text.match(/[a-z0-9_]+/g) ?? [];
  return { text, tokens };
}
