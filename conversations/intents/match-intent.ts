/** Scores every intent rule against a message and turns the best score into an intent with a confidence. */
import { domainWords, intentRules, type IntentRule, type RuledIntent, type WeightedPhrase } from "./intent-rules.js";
import type { PhraseMatcher } from "./phrase-match.js";
import type { IntentName, Slots } from "./understanding.js";

/** One intent's score for a message. */
export interface IntentScore {
  intent: RuledIntent;
  score: number;
}

/** Below this confidence the intent is "unknown" (an LLM, when configured, may then be asked). */
export const minimumConfidence = 0.6;

const shortMessageTokens = 3;

function sumMatched(matcher: PhraseMatcher, cues: readonly WeightedPhrase[]): number {
  return cues.reduce((sum, cue) => (matcher.has(cue.phrase) ? sum + cue.weight : sum), 0);
}

function slotScore(rule: IntentRule, slots: Slots): number {
  let sum = 0;
  for (const [slot, weight] of Object.entries(rule.slotWeights) as Array<[keyof Slots, number]>) {
    const value = slots[slot];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) sum += weight;
  }
  return sum;
}

function scoreRule(rule: IntentRule, matcher: PhraseMatcher, slots: Slots, hasDomainWord: boolean): number {
  let cues = sumMatched(matcher, rule.cues);
  if (matcher.tokens.length <= shortMessageTokens) cues += sumMatched(matcher, rule.shortCues);
  if (rule.needsDomainWord && !hasDomainWord) cues *= 0.5;
  return Math.max(0, cues + slotScore(rule, slots));
}

/** Every intent's score, best first. */
export function scoreIntents(matcher: PhraseMatcher, slots: Slots): IntentScore[] {
  const hasDomainWord = domainWords.some((phrase) => matcher.has(phrase));
  return intentRules
    .map((rule) => ({ intent: rule.intent, score: scoreRule(rule, matcher, slots, hasDomainWord) }))
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
