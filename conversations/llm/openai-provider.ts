/** The LLM port on the `openai` SDK: OpenAI itself or any OpenAI-compatible server (vLLM, Ollama, llama.cpp). */
import OpenAI from "openai";
import type { LlmCompletion, LlmFailureCode, LlmProvider, LlmRequest } from "./llm-provider.js";

export interface OpenAiSettings {
  /** Unset with a base URL (a local server): a placeholder is sent, since the SDK insists on a key. */
  apiKey?: string;
  baseUrl?: string;
  model: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries of 429, 5xx and connection errors by the SDK (with its back-off). */
  maxRetries: number;
}

/** Creates the provider; all calls end within the overall deadline, whatever the server does. */
export function createOpenAiProvider(settings: OpenAiSettings): LlmProvider {
  const client = new OpenAI({
    apiKey: settings.apiKey ?? "not-needed-for-a-local-server",
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
  // The SDK would wait up to a minute for a long Retry-After; a chat turn must not.
  const deadlineMs = settings.timeoutMs * (settings.maxRetries + 1) + 2_000;
  return {
    enabled: true,
    async complete(request) {
      try {
        const completion = await client.chat.completions.create(toOpenAiRequest(settings.model, request), { signal: AbortSignal.timeout(deadlineMs) });
        return fromOpenAiCompletion(completion);
      } catch (error) {
        return { kind: "failed", ...llmFailureFromUnknown(error) };
      }
    },
  };
}

function toOpenAiRequest(model: string, request: LlmRequest): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: request.messages,
    max_completion_tokens: request.maxOutputTokens,
    temperature: 0,
    ...(request.tools
      ? {
          tools: request.tools.map((tool) => ({ type: "function" as const, function: { name: tool.name, description: tool.description, parameters: tool.parameters, strict: true } })),
          tool_choice: "auto" as const,
          parallel_tool_calls: false,
        }
      : {}),
    ...(request.jsonSchema ? { response_format: { type: "json_schema" as const, json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: true } } } : {}),
  };
}

/** Reads the first choice; tool calls may come with finish_reason "stop" when a tool is forced. */
function fromOpenAiCompletion(completion: OpenAI.Chat.ChatCompletion): LlmCompletion {
  const message = completion.choices?.[0]?.message;
  if (!message) return { kind: "failed", code: "BAD_RESPONSE", detail: "no choices" };
  if (message.refusal) return { kind: "failed", code: "REJECTED", detail: "the model refused" };
  const toolCalls = (message.tool_calls ?? []).flatMap((call) => (call.type === "function" ? [{ name: call.function.name, arguments: call.function.arguments }] : []));
  return { kind: "ok", toolCalls, text: message.content ?? null, promptTokens: completion.usage?.prompt_tokens ?? null };
}

/** Turns whatever the SDK threw into a failure code (the one place that knows the SDK's errors). */
export function llmFailureFromUnknown(error: unknown): { code: LlmFailureCode; detail: string } {
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) return { code: "TIMEOUT", detail: error.message };
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return { code: "TIMEOUT", detail: error.message };
  if (error instanceof OpenAI.APIConnectionError) return { code: "UNREACHABLE", detail: error.message };
  if (error instanceof OpenAI.RateLimitError) return { code: "RATE_LIMITED", detail: `HTTP 429` };
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    return { code: error.status >= 500 ? "SERVER_ERROR" : "REJECTED", detail: `HTTP ${error.status}` };
  }
  return { code: "BAD_RESPONSE", detail: error instanceof Error ? error.message : String(error) };
}
