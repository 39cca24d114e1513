/** A cheap token estimate (no tokenizer): about 3.5 characters per token for Dutch, English and JSON, rounded up. */

/** Estimated tokens of a text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}
