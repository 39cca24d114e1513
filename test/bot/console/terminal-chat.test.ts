import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalChat } from "../../../bot/console/terminal-chat.js";
import { linkPlace } from "../../../conversations/state/chat-links.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";

async function script(chat: ChatHarness, lines: string[], json = true): Promise<string> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  await runTerminalChat({ core: chat.core, input: Readable.from(lines.map((l) => `${l}\n`)), output, json, place: { platform: "terminal", id: "local" }, userId: "local-user" });
  return chunks.join("");
}

describe(`the terminal chat on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    chat = await startChatHarness();
    await linkPlace(chat.deps.db, "terminal", "local", "KB-DEMO-0001", "test", new Date());
  });
  afterAll(async () => chat.close());

  it("answers one JSON object per line, presses buttons with #choose N, and takes /koppeling commands", async () => {
    const out = await script(chat, ["Staat mijn koppeling goed ingesteld?", "#choose 1", "/koppeling status", "", "where is order 999999?"]);
    const replies = out.trim().split("\n").map((line) => JSON.parse(line) as { intent: string; language: string; text: string; actions: Array<{ id: string; label: string }> });
    expect(replies.map((r) => r.intent)).toEqual(["check_setup", "configure", "status", "trace_sale"]);
    expect(replies[1]!.text).toMatch(/Welke BTW-code in de boekhouding hoort bij 9%\?/);
    expect(replies[1]!.actions.map((a) => a.label)).toContain("9% btw");
    expect(replies[2]!.text).toMatch(/Doorgezet: \d+ \(€/);
    expect(replies[3]!.language).toBe("en");
    expect(replies[3]!.text).toMatch(/cannot find a sale numbered 999999/);
  });

  it("prints plain text with numbered choices when not in JSON mode", async () => {
    const out = await script(chat, ["waarom worden orders geweigerd?"], false);
    expect(out).toMatch(/verkopen staan in Fouten/);
    expect(out).toMatch(/\[1\] /);
  });
});
