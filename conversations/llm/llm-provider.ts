/** The LLM port: one chat completion with tools or a JSON schema; failures are values with a code, never exceptions. */

/** One message of a chat completion; tool results are not used (facts never go back to the model). */
export interface LlmMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** A function the model may call; `parameters` is a strict JSON schema. */
export interface LlmTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** What we ask: the messages and either tools to choose from or a JSON schema to answer in. */
export interface LlmRequest {
  messages: LlmMessage[];
  tools?: LlmTool[];
  /** Structured output: the answer is one JSON object of this schema. */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  maxOutputTokens: number;
}

/** One tool call as the model wrote it; the arguments are unvalidated JSON text. */
export interface LlmToolCall {
  name: string;
  arguments: string;
}

/** Why a completion gave nothing usable. */
export type LlmFailureCode =
  | "NOT_CONFIGURED"
  | "TIMEOUT"
  | "RATE_LIMITED"
  | "SERVER_ERROR"
  | "UNREACHABLE"
  | "REJECTED"
  | "BAD_RESPONSE";

export type LlmCompletion =
  | { kind: "ok"; toolCalls: LlmToolCall[]; text: string | null; promptTokens: number | null }
  | { kind: "failed"; code: LlmFailureCode; detail: string };

/** A chat-completions model: OpenAI, an OpenAI-compatible server, or nothing (rules only). */
export interface LlmProvider {
  /** False for the rules-only fallback: nothing is ever sent. */
  readonly enabled: boolean;
  complete(request: LlmRequest): Promise<LlmCompletion>;
}

/** The provider without a model: every completion fails with NOT_CONFIGURED, so the rules answer alone. */
export function createRulesOnlyProvider(): LlmProvider {
  return {
    enabled: false,
    complete: async () => ({ kind: "failed", code: "NOT_CONFIGURED", detail: "no OPENAI_API_KEY or OPENAI_BASE_URL" }),
  };
}
