/** Benchmark: on the labelled utterance set, how many messages need no LLM call, and the prompt tokens per call. */
import { fileURLToPath } from "node:url";
import { detectIntent } from "../conversations/intents/detect-intent.js";
import { PROMPT_TOKEN_BUDGET, buildRoutingPrompt, estimatePromptTokens } from "../conversations/llm/build-prompt.js";
import { type Turn, rememberTurn } from "../conversations/llm/conversation-turns.js";
import { llmTools } from "../conversations/llm/llm-tools.js";
import { shouldAskModel } from "../conversations/llm/should-ask-model.js";
import { loadUtterances } from "../test/conversations/intents/utterance-set.js";

/** The figures the benchmark reports. */
export interface LlmUsageFigures {
  messages: number;
  withoutLlm: number;
  shareWithoutLlm: number;
  llmCalls: number;
  promptTokensPerCall: { mean: number; median: number; max: number; budget: number };
  fixedTokens: { system: number; tools: number };
}

/**
 * Runs the set as one long conversation: each message goes through the rules; the ones the model would be
 * asked are turned into the real routing prompt, with the last turns as context, and estimated.
 */
export function measureLlmUsage(): LlmUsageFigures {
  const set = loadUtterances();
  let turns: Turn[] = [];
  const tokens: number[] = [];
  for (const utterance of set) {
    const rules = detectIntent(utterance.text);
    if (shouldAskModel(rules, utterance.text)) {
      const prompt = buildRoutingPrompt(
        { language: rules.language ?? "nl", linked: true, mayAct: true, openFlow: null, rules, turns, sales: [], message: utterance.text },
        llmTools,
      );
      tokens.push(prompt.estimatedTokens);
    }
    // A typical reply summary: a heading of our templates, about 80 characters.
    const summary = "44 verkopen staan in Fouten (€ 2.094,50), door 3 oorzaken: BTW 9% is niet gekoppeld.";
    turns = rememberTurn(turns, utterance.text, { intent: rules.intent, language: "nl", blocks: [{ kind: "heading", text: summary }], actions: [] });
  }
  const sorted = [...tokens].sort((a, b) => a - b);
  const system = buildRoutingPrompt({ language: "nl", linked: true, mayAct: true, openFlow: null, rules: { intent: "unknown", confidence: 0 }, turns: [], sales: [], message: "" }, []).messages[0]!;
  return {
    messages: set.length,
    withoutLlm: set.length - tokens.length,
    shareWithoutLlm: round((set.length - tokens.length) / set.length),
    llmCalls: tokens.length,
    promptTokensPerCall: {
      mean: Math.round(tokens.reduce((a, b) => a + b, 0) / Math.max(1, tokens.length)),
      median: sorted[Math.floor(sorted.length / 2)] ?? 0,
      max: sorted.at(-1) ?? 0,
      budget: PROMPT_TOKEN_BUDGET,
    },
    fixedTokens: { system: estimatePromptTokens([system]), tools: estimatePromptTokens([], llmTools) },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Prints the table and the figures as JSON (last line). */
function main(): void {
  const f = measureLlmUsage();
  const rows: Array<[string, string]> = [
    ["utterances", String(f.messages)],
    ["answered without an LLM call", `${f.withoutLlm} (${(f.shareWithoutLlm * 100).toFixed(1)}%)`],
    ["LLM calls", String(f.llmCalls)],
    ["prompt tokens per call (mean / median / max)", `${f.promptTokensPerCall.mean} / ${f.promptTokensPerCall.median} / ${f.promptTokensPerCall.max}`],
    ["budget per call", String(f.promptTokensPerCall.budget)],
    ["of which fixed: system / tools", `${f.fixedTokens.system} / ${f.fixedTokens.tools}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log("LLM usage on the intent utterance set (tokens estimated at 3.5 characters each)");
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  console.log(JSON.stringify(f));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
