/** Recognises messages that are nothing but a reply ("ja", "later", "2") or nothing but sale numbers ("#1043"). */
import { findChoice } from "./number-mentions.js";
import type { NormalisedText } from "./normalise-text.js";
import type { PhraseMatcher } from "./phrase-match.js";
import { answerFillers, answerTerms } from "./slot-terms.js";

/** What a bare message is: a reply to the bot's question, or a sale to look up. */
export type BareReply = "answer" | "sale";

const answerPhrases = answerTerms.flatMap((row) => row.phrases);

function isOnlyAnswerWords(matcher: PhraseMatcher): boolean {
  const covered = new Array<boolean>(matcher.tokens.length).fill(false);
  let answers = 0;
  for (const phrase of answerPhrases) {
    for (const start of matcher.findAll(phrase)) {
      answers++;
      for (let i = start; i < start + phrase.parts.length; i++) covered[i] = true;
    }
  }
  const rest = matcher.tokens.filter((token, i) => !covered[i] && !answerFillers.has(token));
  return answers > 0 && rest.length === 0;
}

function isOnlySaleNumbers(text: string): boolean {
  const plain = text.replace(/[?!.]+$/, "").trim();
  return /^#?\d+(?:\s*(?:,|en|and|&)?\s*#?\d+)*$/.test(plain) && (/#/.test(plain) || /\d{3}/.test(plain));
}

/** "answer" for a bare yes/no/choice, "sale" for bare sale numbers, otherwise undefined. */
export function recogniseBareReply(message: NormalisedText, matcher: PhraseMatcher): BareReply | undefined {
  if (message.hasDigits && isOnlySaleNumbers(message.text)) return "sale";
  if (findChoice(message.text) !== undefined) return "answer";
  return message.tokens.length > 0 && isOnlyAnswerWords(matcher) ? "answer" : undefined;
}
