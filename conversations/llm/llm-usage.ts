/** One record per LLM call, for the token budget measurements (tests, benchmark, logs). */
import type { LlmFailureCode } from "./llm-provider.js";

export interface LlmCallRecord {
  purpose: "route" | "howto";
  /** Our estimate of the prompt, tools included. */
  estimatedTokens: number;
  /** What the server reported (usage.prompt_tokens), when it did. */
  promptTokens: number | null;
  outcome: "ok" | LlmFailureCode;
}

export type RecordLlmCall = (call: LlmCallRecord) => void;
