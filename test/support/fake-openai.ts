/** A fake OpenAI-compatible server on 127.0.0.1: scripted chat completions (tool calls, text, errors, delays), every request recorded. */
import { randomBytes } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { estimateTokens } from "../../conversations/llm/estimate-tokens.js";

/** One answer of the fake. Shapes follow ../shared/fixtures/openai (chat.completion, error bodies). */
export type FakeTurn =
  | { kind: "tool"; name: string; arguments: string | Record<string, unknown>; text?: string; finishReason?: "tool_calls" | "stop" }
  | { kind: "text"; text: string }
  | { kind: "error"; status: number; code?: string; headers?: Record<string, string> }
  | { kind: "raw"; status: number; body: string }
  | { kind: "delay"; ms: number; then: FakeTurn }
  | { kind: "hang" };

/** A turn, or a function of the request that picks one (a scripted model that "reads" the prompt). */
export type FakeScript = FakeTurn | ((request: RecordedChatRequest) => FakeTurn);

/** What the fake received. */
export interface RecordedChatRequest {
  path: string;
  headers: IncomingMessage["headers"];
  /** The raw body, exactly as sent: search it for secrets. */
  raw: string;
  body: { model?: string; messages?: Array<{ role: string; content: string }>; tools?: unknown[]; response_format?: unknown; [key: string]: unknown };
}

export interface FakeOpenAi {
  /** The base URL for the SDK (…/v1). */
  baseUrl: string;
  requests: RecordedChatRequest[];
  /** Requests that found no scripted answer (answered 500): a test expecting none checks this is 0. */
  unexpected: number;
  /** Queues answers for the next requests, in order. */
  script(...turns: FakeScript[]): void;
  /** Scripted answers not yet used: a test checks this is 0, so every script line met its request. */
  readonly pending: number;
  /** The answer once the queue is empty (default: none, i.e. unexpected). */
  otherwise(turn: FakeScript | null): void;
  close(): Promise<void>;
}

/** Starts the fake on a free port. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queue: FakeScript[] = [];
  let fallback: FakeScript | null = null;
  const sockets = new Set<Socket>();
  const fake: Omit<FakeOpenAi, "baseUrl" | "close"> = {
    requests: [],
    unexpected: 0,
    get pending() {
      return queue.length;
    },
    script: (...turns) => void queue.push(...turns),
    otherwise: (turn) => void (fallback = turn),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return send(res, 404, errorBody(404, "not_found"));
      let body: RecordedChatRequest["body"];
      try {
        body = JSON.parse(raw) as RecordedChatRequest["body"];
      } catch {
        return send(res, 400, errorBody(400, "invalid_json"));
      }
      const request: RecordedChatRequest = { path: req.url, headers: req.headers, raw, body };
      fake.requests.push(request);
      const next = queue.shift() ?? fallback;
      if (!next) {
        fake.unexpected += 1;
        return send(res, 500, errorBody(500, "unexpected_request"));
      }
      void answer(res, typeof next === "function" ? next(request) : next, request);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

async function answer(res: ServerResponse, turn: FakeTurn, request: RecordedChatRequest): Promise<void> {
  switch (turn.kind) {
    case "delay":
      await new Promise((resolve) => setTimeout(resolve, turn.ms));
      if (!res.destroyed) await answer(res, turn.then, request);
      return;
    case "hang":
      return;
    case "raw":
      return send(res, turn.status, turn.body);
    case "error":
      return send(res, turn.status, errorBody(turn.status, turn.code), turn.headers);
    case "text":
      return send(res, 200, JSON.stringify(completion(request, { role: "assistant", content: turn.text, refusal: null, annotations: [] }, "stop")));
    case "tool": {
      const args = typeof turn.arguments === "string" ? turn.arguments : JSON.stringify(turn.arguments);
      const message = {
        role: "assistant",
        content: turn.text ?? null,
        tool_calls: [{ id: `call_${randomBytes(12).toString("base64url")}`, type: "function", function: { name: turn.name, arguments: args } }],
        refusal: null,
        annotations: [],
      };
      return send(res, 200, JSON.stringify(completion(request, message, turn.finishReason ?? "tool_calls")));
    }
  }
}

/** A chat.completion as in fixtures/openai/chat_completion_tool_calls_spec_example.json; usage from the token estimate. */
function completion(request: RecordedChatRequest, message: Record<string, unknown>, finishReason: string) {
  const promptText = (request.body.messages ?? []).map((m) => m.content).join("\n");
  const prompt = estimateTokens(promptText) + (request.body.tools ? estimateTokens(JSON.stringify(request.body.tools)) : 0);
  const completionTokens = estimateTokens(JSON.stringify(message));
  return {
    id: `chatcmpl-${randomBytes(12).toString("base64url")}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.body.model ?? "fake-model",
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
}

/** The ErrorResponse shape ({"error": {message, type, param, code}}) of fixtures/openai/error_*_recorded.json. */
function errorBody(status: number, code?: string): string {
  const type = status === 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
  const defaultCode = status === 429 ? "rate_limit_exceeded" : status >= 500 ? null : "invalid_request";
  return JSON.stringify({ error: { message: `Fake OpenAI answered ${status}`, type, param: null, code: code ?? defaultCode } });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body);
}
