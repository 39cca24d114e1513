/** The LLM's part of a turn: for messages the rules are unsure of, the model picks one tool; we check it and route it. */
import type { Interpret, Interpretation } from "../core/create-conversation-core.js";
import type { TurnContext } from "../core/turn-context.js";
import type { Understanding } from "../intents/understanding.js";
import { say } from "../replies/format.js";
import { mayAct } from "../state/chat-roles.js";
import { createLlmHowtoAnswerer } from "./answer-howto-with-llm.js";
import { buildRoutingPrompt } from "./build-prompt.js";
import { sanitiseSentence } from "./connecting-sentence.js";
import type { LlmFailureCode, LlmProvider } from "./llm-provider.js";
import { effectTools, llmTools, parseToolCall } from "./llm-tools.js";
import type { RecordLlmCall } from "./llm-usage.js";
import { findSaleNumbers, loadSaleFacts } from "./sale-facts.js";
import { shouldAskModel } from "./should-ask-model.js";

export interface LlmInterpreterDeps {
  provider: LlmProvider;
  /** Called once per LLM call (routing and how-to), for measurements. */
  recordCall?: RecordLlmCall;
}

/** A license key, a koppeling id (uuid) or a field naming a koppeling/key/account anywhere in the arguments. */
const foreignTarget = /\bkb-[a-z0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|"(koppeling\w*|licen[sc]e\w*|licentie\w*|account_?id|tenant\w*|shop_?id|administration\w*)"\s*:/i;

/** Creates the interpreter the core asks when the rules are unsure; the rules-only provider makes it a no-op. */
export function createLlmInterpreter(deps: LlmInterpreterDeps): Interpret {
  const recordCall: RecordLlmCall = deps.recordCall ?? (() => {});
  const answerHowto = createLlmHowtoAnswerer(deps.provider, recordCall);
  return async (ctx, text, rules) => {
    if (!deps.provider.enabled || !shouldAskModel(rules, text)) return null;
    const named = rules.slots.saleNumbers ?? [];
    const facts = ctx.koppeling ? await loadSaleFacts(ctx.engine.db, ctx.koppeling.id, named) : [];
    const { messages, estimatedTokens } = buildRoutingPrompt(
      {
        language: ctx.language,
        linked: ctx.koppeling !== null,
        mayAct: mayAct(ctx.role),
        openFlow: ctx.state.flow?.kind ?? null,
        rules: { intent: rules.intent, confidence: rules.confidence },
        turns: ctx.state.turns,
        sales: facts,
        message: text,
      },
      llmTools,
    );
    const completion = await deps.provider.complete({ messages, tools: [...llmTools], maxOutputTokens: 200 });
    recordCall({ purpose: "route", estimatedTokens, promptTokens: completion.kind === "ok" ? completion.promptTokens : null, outcome: completion.kind === "ok" ? "ok" : completion.code });
    if (completion.kind === "failed") return fallback(ctx, completion.code);
    const [call] = completion.toolCalls;
    if (!call) return { kind: "understood", understanding: rules };
    if (foreignTarget.test(call.arguments)) return refuse(ctx, "foreign target in tool arguments");
    const parsed = parseToolCall(call.name, call.arguments);
    if (parsed.kind !== "ok") return fallback(ctx, parsed.kind === "unknown_tool" ? "UNKNOWN_TOOL" : "MALFORMED_ARGUMENTS");
    const mentioned = numbersIn([text, ...ctx.state.turns.flatMap((t) => [t.user, t.summary])]);
    if (parsed.numbers.some((n) => !mentioned.has(n))) return refuse(ctx, "number the merchant did not write");
    if (ctx.koppeling && parsed.saleNumbers.length > 0) {
      const known = await findSaleNumbers(ctx.engine.db, ctx.koppeling.id, parsed.saleNumbers);
      if (parsed.saleNumbers.some((n) => !known.has(n))) return refuse(ctx, "sale outside the linked koppeling");
    }
    if (parsed.meaning.kind === "howto") {
      return { kind: "answered", reply: await answerHowto(ctx, parsed.meaning.question, text, unusableNote(ctx)) };
    }
    const understanding: Understanding = { intent: parsed.meaning.intent, confidence: rules.confidence, slots: parsed.meaning.slots, language: rules.language };
    // A sentence only goes with a read-only answer: next to a proposal it could claim what did not happen.
    const sentence = effectTools.has(parsed.tool) ? null : sanitiseSentence(completion.text);
    return { kind: "understood", understanding, ...(sentence ? { sentence } : {}) };
  };
}

/** Every run of digits in the texts: the numbers the merchant (or our own replies) wrote. */
function numbersIn(texts: readonly string[]): Set<string> {
  return new Set(texts.flatMap((t) => t.match(/\d+/g) ?? []));
}

type Trouble = LlmFailureCode | "UNKNOWN_TOOL" | "MALFORMED_ARGUMENTS";

/** The rules' answer stands, with a short note unless no model is configured. */
function fallback(ctx: TurnContext, code: Trouble): Interpretation {
  if (code === "NOT_CONFIGURED") return { kind: "fallback" };
  ctx.engine.log.info("llm fallback to the rules", { code });
  const unreachable = code === "TIMEOUT" || code === "RATE_LIMITED" || code === "SERVER_ERROR" || code === "UNREACHABLE";
  return { kind: "fallback", note: unreachable ? unreachableNote(ctx) : unusableNote(ctx) };
}

function unreachableNote(ctx: TurnContext): string {
  return say(ctx.language, "(Het taalmodel was even niet bereikbaar; dit is mijn standaardantwoord.)", "(The language model could not be reached just now; this is my standard answer.)");
}

function unusableNote(ctx: TurnContext): string {
  return say(ctx.language, "(Het taalmodel gaf geen bruikbaar antwoord; dit is mijn standaardantwoord.)", "(The language model gave no usable answer; this is my standard answer.)");
}

/** Refuses a tool call aimed outside this chat's koppeling or at numbers nobody wrote; nothing of it was read. */
function refuse(ctx: TurnContext, why: string): Interpretation {
  ctx.engine.log.info("llm tool call refused", { why });
  return {
    kind: "answered",
    reply: {
      intent: "unknown",
      language: ctx.language,
      blocks: [{ kind: "text", text: say(ctx.language, "Dat doe ik niet: ik werk alleen met de koppeling van deze chat, en met verkopen die je zelf noemt. Noem het verkoopnummer, of vraag me \"wat kun je?\".", "I won't do that: I only work with this chat's koppeling, and with sales you name yourself. Give the sale number, or ask me \"what can you do?\".") }],
      actions: [],
    },
  };
}
