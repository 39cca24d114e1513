/**
 * A local stand-in for Slack's Web API and response_urls on 127.0.0.1: stores what the bot posted,
 * updated and answered, validates Block Kit like Slack (../shared/fixtures/LIMITS.md) and can answer
 * 429 with Retry-After. Response shapes follow ../shared/fixtures/slack/web_*.json.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { validateSlackBlocks } from "./fake-slack-blocks.js";

/** One message as a user sees it (after later updates), or one ephemeral answer. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  /** Visible to this user only (chat.postEphemeral or an ephemeral response_url answer). */
  ephemeralTo?: string;
  /** How it arrived. */
  via: "chat.postMessage" | "chat.postEphemeral" | "response_url";
  /** Times it was changed by chat.update or a response_url replace_original. */
  updates: number;
}

/** One call as it arrived, with the answer's status and Slack error (if any). */
export interface FakeSlackCall {
  method: string;
  status: number;
  error?: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL (ends with "/"). */
  apiUrl: string;
  token: string;
  botUserId: string;
  botId: string;
  calls: FakeSlackCall[];
  /** Every message in the order it was first posted (updates change it in place). */
  messages: FakeSlackMessage[];
  /** A response_url for a command or button in `channel` (`messageTs`: the message a replace_original changes). */
  responseUrl(channel: string, user: string, messageTs?: string): string;
  /** The next `times` calls of `method` get 429 with Retry-After `seconds`. */
  rateLimit(method: string, seconds: number, times?: number): void;
  /** Calls posting to `channel` answer `{ok:false, error}` (channel_not_found, not_in_channel, ...). */
  failChannel(channel: string, error: string): void;
  close(): Promise<void>;
}

interface ResponseTarget {
  channel: string;
  user: string;
  messageTs?: string;
  uses: number;
}

export interface FakeSlackOptions {
  token?: string;
  /** Called with every recorded call as it is answered (the benchmark times replies with it). */
  onCall?: (call: FakeSlackCall) => void;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.token ?? "xoxb-fake-token";
  const botUserId = "UKOPPELBOT";
  const botId = "BKOPPELBOT";
  const calls: FakeSlackCall[] = [];
  const messages: FakeSlackMessage[] = [];
  const targets = new Map<string, ResponseTarget>();
  const limits = new Map<string, { seconds: number; times: number }>();
  const failing = new Map<string, string>();
  let counter = 0;
  const nextTs = () => `${1_700_000_000 + ++counter}.${String(counter).padStart(6, "0")}`;
  const byTs = (channel: string, ts: string) => messages.find((m) => m.channel === channel && m.ts === ts && !m.ephemeralTo);

  const methods: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    "auth.test": () => ({ ok: true, url: "https://koppelbot-test.slack.com/", team: "Test", user: "koppelbot", team_id: "T0TEST", user_id: botUserId, bot_id: botId }),
    "chat.postMessage": (b) => {
      const channel = String(b.channel ?? "");
      const message: FakeSlackMessage = { channel, ts: nextTs(), text: String(b.text ?? ""), blocks: blocksOf(b), via: "chat.postMessage", updates: 0, ...(b.thread_ts ? { thread_ts: String(b.thread_ts) } : {}) };
      messages.push(message);
      return { ok: true, channel, ts: message.ts, message: { bot_id: botId, subtype: "bot_message", type: "message", text: message.text, user: botUserId, ts: message.ts, blocks: message.blocks, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) } };
    },
    "chat.update": (b) => {
      const channel = String(b.channel ?? "");
      const message = byTs(channel, String(b.ts ?? ""));
      if (!message) return { ok: false, error: "message_not_found" };
      Object.assign(message, { text: String(b.text ?? ""), blocks: blocksOf(b), updates: message.updates + 1 });
      return { ok: true, channel, ts: message.ts, text: message.text, message: { text: message.text, user: botUserId } };
    },
    "chat.postEphemeral": (b) => {
      const channel = String(b.channel ?? "");
      const message: FakeSlackMessage = { channel, ts: nextTs(), text: String(b.text ?? ""), blocks: blocksOf(b), ephemeralTo: String(b.user ?? ""), via: "chat.postEphemeral", updates: 0 };
      messages.push(message);
      return { ok: true, message_ts: message.ts };
    },
  };

  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(typeof answer === "string" ? answer : JSON.stringify(answer));
    };
    if (url.pathname.startsWith("/respond/")) return send(...answerResponseUrl(url.pathname.slice("/respond/".length), raw));
    const method = url.pathname.replace(/^\/api\//, "");
    const body = parseBody(raw, req.headers["content-type"]);
    const record = (status: number, error?: string) => {
      const call: FakeSlackCall = { method, status, ...(error ? { error } : {}), body, at: Date.now() };
      calls.push(call);
      options.onCall?.(call);
    };
    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      record(429, "ratelimited");
      return send(429, { ok: false, error: "ratelimited" }, { "retry-after": String(limit.seconds) });
    }
    const handler = methods[method];
    if (!handler) {
      record(200, "unknown_method");
      return send(200, { ok: false, error: "unknown_method" });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      record(200, "invalid_auth");
      return send(200, { ok: false, error: "invalid_auth" });
    }
    const refusal = refuse(method, body);
    if (refusal) {
      record(200, refusal.error);
      return send(200, { ok: false, ...refusal });
    }
    const answer = handler(body);
    record(200, answer.ok ? undefined : String(answer.error));
    send(200, answer);
  });

  function refuse(method: string, body: Record<string, unknown>): { error: string; response_metadata?: { messages: string[] } } | null {
    if (method === "auth.test") return null;
    const channel = String(body.channel ?? "");
    if (!channel) return { error: "channel_not_found" };
    const failure = failing.get(channel);
    if (failure) return { error: failure };
    if (body.blocks === undefined && !body.text) return { error: "no_text" };
    const problems = validateSlackBlocks(blocksOf(body));
    return problems.length ? { error: "invalid_blocks", response_metadata: { messages: problems } } : null;
  }

  /** Slack answers a response_url with "ok" (HTTP 200) or an error; at most 5 uses per URL. */
  function answerResponseUrl(id: string, raw: string): [number, unknown] {
    const target = targets.get(id);
    const body = parseBody(raw, "application/json");
    calls.push({ method: "response_url", status: target ? 200 : 404, body, at: Date.now() });
    if (!target) return [404, "expired_url"];
    if (++target.uses > 5) return [404, "used_url"];
    const problems = validateSlackBlocks(blocksOf(body));
    if (problems.length) return [200, { ok: false, error: "invalid_blocks", response_metadata: { messages: problems } }];
    const text = String(body.text ?? "");
    if (body.replace_original === true && target.messageTs) {
      const original = byTs(target.channel, target.messageTs) ?? messages.find((m) => m.ts === target.messageTs);
      if (original) {
        Object.assign(original, { text, blocks: blocksOf(body), updates: original.updates + 1 });
        return [200, { ok: true }];
      }
    }
    const ephemeral = body.response_type !== "in_channel";
    const message: FakeSlackMessage = { channel: target.channel, ts: nextTs(), text, blocks: blocksOf(body), via: "response_url", updates: 0, ...(ephemeral ? { ephemeralTo: target.user } : {}) };
    if (body.thread_ts) message.thread_ts = String(body.thread_ts);
    messages.push(message);
    return [200, { ok: true }];
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    token,
    botUserId,
    botId,
    calls,
    messages,
    responseUrl(channel, user, messageTs) {
      const id = `${channel}/${++counter}`;
      targets.set(id, { channel, user, uses: 0, ...(messageTs ? { messageTs } : {}) });
      return `${base}/respond/${id}`;
    },
    rateLimit(method, seconds, times = 1) {
      limits.set(method, { seconds, times });
    },
    failChannel(channel, error) {
      failing.set(channel, error);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The WebClient sends forms with JSON-encoded objects; response_urls get JSON. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = key === "blocks" ? JSON.parse(value) : value;
  return out;
}

function blocksOf(body: Record<string, unknown>): Array<Record<string, unknown>> {
  return Array.isArray(body.blocks) ? (body.blocks as Array<Record<string, unknown>>) : [];
}
