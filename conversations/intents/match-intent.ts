/** Scores every intent rule against a message and turns the best score into an intent with a confidence. */
import { domainWords, intentRules, type IntentRule, type RuledIntent } from "./intent-rules.js";
import { indexPhrases, type PhraseMatcher } from "./phrase-match.js";
import type { IntentName, Slots } from "./understanding.js";

/** One intent's score for a message. */
export interface IntentScore {
  intent: RuledIntent;
  score: number;
}

/** Below this confidence the intent is "unknown" (an LLM, when configured, may then be asked). */
export const minimumConfidence = 0.6;

const shortMessageTokens = 3;

/** Every cue of every rule, looked up by its first word. */
const cueIndex = indexPhrases(
  intentRules.flatMap((rule, ruleIndex) => [
    ...rule.cues.map((cue) => ({ ruleIndex, cue, short: false })),
    ...rule.shortCues.map((cue) => ({ ruleIndex, cue, short: true })),
  ]),
  (entry) => entry.cue.phrase,
);
const domainIndex = indexPhrases(domainWords, (phrase) => phrase);

const slotWeightsByRule = new Map(intentRules.map((rule) => [rule, Object.entries(rule.slotWeights) as Array<[keyof Slots, number]>]));

function slotScore(rule: IntentRule, slots: Slots): number {
  let sum = 0;
  for (const [slot, weight] of slotWeightsByRule.get(rule) ?? []) {
    const value = slots[slot];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) sum += weight;
  }
  return sum;
}

/** Every intent's score, best first. */
export function scoreIntents(matcher: PhraseMatcher, slots: Slots): IntentScore[] {
  const hasDomainWord = domainIndex.candidates(matcher).some((phrase) => matcher.has(phrase));
  const isShort = matcher.tokens.length <= shortMessageTokens;
  const cues = new Array<number>(intentRules.length).fill(0);
  for (const { ruleIndex, cue, short } of cueIndex.candidates(matcher)) {
    if ((!short || isShort) && matcher.has(cue.phrase)) cues[ruleIndex]! += cue.weight;
  }
  return intentRules
    .map((rule, ruleIndex) => {
      const matched = rule.needsDomainWord && !hasDomainWord ? cues[ruleIndex]! * 0.5 : cues[ruleIndex]!;
      return { intent: rule.intent, score: Math.max(0, matched + slotScore(rule, slots)) };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * Maps a score onto 0..1: one strong cue (1.0) gives 0.8, a weak one (0.6) about 0.62. A close runner-up
 * (within 15%) costs 0.1, since the rules then cannot really tell the two apart.
 */
export function confidenceOf(best: number, runnerUp: number): number {
  if (best <= 0) return 0;
  const raw = Math.min(0.97, 0.35 + 0.45 * best) - (runnerUp >= 0.85 * best ? 0.1 : 0);
  return Math.round(Math.max(0, raw) * 100) / 100;
}

/** The best-scoring intent, or "unknown" when the confidence is below the minimum. */
export function matchIntent(matcher: PhraseMatcher, slots: Slots): { intent: IntentName; confidence: number } {
  const [best, runnerUp] = scoreIntents(matcher, slots);
  const confidence = confidenceOf(best?.score ?? 0, runnerUp?.score ?? 0);
  if (!best || confidence < minimumConfidence) return { intent: "unknown", confidence };
  return { intent: best.intent, confidence };
}
