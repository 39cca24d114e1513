/** Rule-based understanding of one chat message in Dutch or English: intent, confidence, slots, language. */
import { recogniseBareReply } from "./bare-reply.js";
import { causePhrases } from "./cause-names.js";
import { detectLanguage, languageWords } from "./detect-language.js";
import { extractSlots } from "./extract-slots.js";
import { domainWords, intentRules } from "./intent-rules.js";
import { matchIntent } from "./match-intent.js";
import { normaliseText } from "./normalise-text.js";
import { createPhraseMatcher, wordsOfPhrases } from "./phrase-match.js";
import { schedulePhrases } from "./schedule-time.js";
import { slotTermPhrases } from "./slot-terms.js";
import type { Understanding } from "./understanding.js";
import { vatRatePhrases } from "./vat-rate.js";

// Every word some rule or list knows. A token in here is taken as written; only unknown tokens may be typos.
const vocabulary: ReadonlySet<string> = new Set([
  ...languageWords,
  ...wordsOfPhrases(intentRules.flatMap((rule) => [...rule.cues, ...rule.shortCues].map((cue) => cue.phrase))),
  ...wordsOfPhrases([...domainWords, ...causePhrases, ...slotTermPhrases, ...vatRatePhrases, ...schedulePhrases]),
]);

/** Understands one message; pure, synchronous and well under a millisecond for a chat line. */
export function detectIntent(text: string): Understanding {
  const message = normaliseText(text);
  const matcher = createPhraseMatcher(message.tokens, vocabulary);
  const bare = recogniseBareReply(message, matcher);
  const slots = extractSlots(message, matcher, bare === "answer");
  const language = detectLanguage(message.tokens);
  if (bare === "answer") return { intent: "answer", confidence: 0.95, slots, language };
  if (bare === "sale") return { intent: "trace_sale", confidence: 0.9, slots, language };
  return { ...matchIntent(matcher, slots), slots, language };
}
