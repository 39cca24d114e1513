import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnContext } from "../../../conversations/core/turn-context.js";
import { detectIntent } from "../../../conversations/intents/detect-intent.js";
import { createLlmInterpreter } from "../../../conversations/llm/interpret-with-llm.js";
import { createRulesOnlyProvider } from "../../../conversations/llm/llm-provider.js";
import { fixturesAvailable, readFixtureText } from "../../support/fixtures.js";
import { testDriver } from "../../support/test-database.js";
import { type LlmChat, startLlmChat } from "./llm-chat.js";

const vague = "mijn boekhouder klaagt dat er dingen missen sinds vorige week";
const unreachable = /taalmodel was even niet bereikbaar; dit is mijn standaardantwoord/;
const unusable = /taalmodel gaf geen bruikbaar antwoord; dit is mijn standaardantwoord/;
const quickRetry = { "retry-after-ms": "10" };

describe(`the LLM failing on ${testDriver}`, () => {
  let llm: LlmChat;
  beforeAll(async () => {
    llm = await startLlmChat({ timeoutMs: 400, maxRetries: 1 });
  });
  afterAll(async () => llm.close());
  afterEach(() => {
    expect(llm.fake.pending).toBe(0);
    expect(llm.fake.unexpected).toBe(0);
  });

  /** Sends the vague message; the rules alone answer it with help. */
  async function ask() {
    const started = Date.now();
    const reply = await llm.send(vague);
    return { reply, ms: Date.now() - started };
  }

  it("a server that never answers times out (each attempt) and the rules answer with a note", async () => {
    llm.fake.script({ kind: "hang" }, { kind: "hang" });
    const { reply, ms } = await ask();
    expect(reply.intent).toBe("unknown");
    expect(reply.plain).toMatch(/Dat begreep ik niet helemaal/);
    expect(reply.plain).toMatch(unreachable);
    expect(ms).toBeLessThan(4_000);
  });

  it("a 429 and a 5xx are retried once, then the rules answer with a note", async () => {
    llm.fake.script({ kind: "error", status: 429, headers: quickRetry }, { kind: "error", status: 429, headers: quickRetry });
    expect((await ask()).reply.plain).toMatch(unreachable);
    llm.fake.script({ kind: "error", status: 500, headers: quickRetry }, { kind: "error", status: 503, headers: quickRetry });
    expect((await ask()).reply.plain).toMatch(unreachable);
  });

  it("a 429 followed by an answer is retried and answered", async () => {
    llm.fake.script({ kind: "error", status: 429, headers: quickRetry }, { kind: "tool", name: "show_status", arguments: {} });
    const { reply } = await ask();
    expect(reply.intent).toBe("status");
    expect(reply.plain).not.toMatch(unreachable);
  });

  it("malformed arguments, arguments outside the schema, an unknown tool or a broken body fall back with a note", async () => {
    const cases = [
      { kind: "tool", name: "trace_sale", arguments: "{not json" },
      { kind: "tool", name: "trace_sale", arguments: { sale_number: "drop table sales" } },
      { kind: "tool", name: "propose_retry", arguments: { sale_number: null, accounting_checked: true } },
      { kind: "tool", name: "delete_everything", arguments: {} },
      { kind: "raw", status: 200, body: "{\"choices\": [" },
    ] as const;
    for (const turn of cases) {
      llm.fake.script(turn);
      const { reply } = await ask();
      expect(reply.plain, JSON.stringify(turn)).toMatch(unusable);
      expect(reply.plain).toMatch(/Dat begreep ik niet helemaal/);
    }
  });

  it.skipIf(!fixturesAvailable)("reads OpenAI's own recorded responses: text without a tool keeps the rules' answer (without the text), a foreign tool falls back", async () => {
    llm.fake.script({ kind: "raw", status: 200, body: readFixtureText("openai/chat_completion_basic_spec_example.json") });
    const text = await ask();
    expect(text.reply.intent).toBe("unknown");
    expect(text.reply.plain).toMatch(/^Dat begreep ik niet helemaal/);
    expect(text.reply.plain).not.toMatch(/Hello/);
    llm.fake.script({ kind: "raw", status: 200, body: readFixtureText("openai/chat_completion_forced_tool_choice_recorded.json") });
    expect((await ask()).reply.plain).toMatch(unusable);
    llm.fake.script({ kind: "raw", status: 401, body: readFixtureText("openai/error_401_invalid_api_key_recorded.json") });
    expect((await ask()).reply.plain).toMatch(unusable);
  });

  it("without a model (rules only) nothing is sent and no note is added", async () => {
    const interpret = createLlmInterpreter({ provider: createRulesOnlyProvider() });
    expect(await interpret({} as TurnContext, vague, detectIntent(vague))).toBeNull();
    expect(await createRulesOnlyProvider().complete({ messages: [], maxOutputTokens: 1 })).toMatchObject({ kind: "failed", code: "NOT_CONFIGURED" });
  });
});
