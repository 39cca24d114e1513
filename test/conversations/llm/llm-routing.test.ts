import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROMPT_TOKEN_BUDGET } from "../../../conversations/llm/build-prompt.js";
import { MAX_TURNS } from "../../../conversations/llm/conversation-turns.js";
import { problemReports, transferAttempts, transfers } from "../../../db/schema.js";
import { updateConfig } from "../../../engine/config/update-config.js";
import { testDriver } from "../../support/test-database.js";
import { type LlmChat, secretsOf, startLlmChat } from "./llm-chat.js";

const VAT9 = "484113000000000102";
const vague = "kun je eens rondkijken wat er allemaal mis gaat sinds de update van vorige week, het is een zooitje";

/** The content of the data blocks of a request, parsed. */
function dataBlocks(content: string): Record<string, unknown> {
  const blocks: Record<string, unknown> = {};
  for (const m of content.matchAll(/<data kind="(\w+)">(.*?)<\/data>/gs)) blocks[m[1]!] = JSON.parse(m[2]!);
  return blocks;
}

describe(`free text through the LLM on ${testDriver}`, () => {
  let llm: LlmChat;
  beforeAll(async () => {
    llm = await startLlmChat();
  });
  afterAll(async () => llm.close());
  afterEach(() => {
    expect(llm.fake.pending).toBe(0);
    expect(llm.fake.unexpected).toBe(0);
  });

  it("answers the common questions with the rules alone: no LLM call", async () => {
    const common = [
      "staat mijn koppeling goed ingesteld?",
      "hoe staat het ervoor?",
      "waarom worden mijn orders geweigerd?",
      "waarom staan er orders in open?",
      "waar is bestelling 1043?",
      "why are my orders being rejected?",
      "how do I create an API key in WooCommerce?",
      "is my setup correct?",
    ];
    for (const text of common) await llm.send(text);
    expect(llm.fake.requests).toHaveLength(0);
    expect(llm.fake.unexpected).toBe(0);
  });

  it("routes vague free text to the right tool and shows our templated facts with the model's sentence first", async () => {
    llm.fake.script({ kind: "tool", name: "list_errors", arguments: {}, text: "Ik zet de geweigerde verkopen voor je op een rij." });
    const reply = await llm.send(vague);
    expect(llm.fake.requests).toHaveLength(1);
    expect(reply.intent).toBe("list_errors");
    expect(reply.blocks[0]).toEqual({ kind: "text", text: "Ik zet de geweigerde verkopen voor je op een rij." });
    expect(reply.plain).toMatch(/\d+ verkopen staan in Fouten \(€\s[\d.]+,\d\d\), door \d+ oorzaken/);
    const request = llm.fake.requests[0]!;
    expect(request.body.tools?.length).toBeGreaterThanOrEqual(12);
    const user = request.body.messages!.find((m) => m.role === "user")!.content;
    expect(dataBlocks(user).message).toBe(vague);
    for (const secret of secretsOf(llm)) expect(request.raw).not.toContain(secret);
  });

  it("drops a connecting sentence with numbers or amounts: facts come from the templates only", async () => {
    llm.fake.script({ kind: "tool", name: "show_status", arguments: {}, text: "Er staan 999 verkopen in Fouten, samen € 12.345,00." });
    const reply = await llm.send("mijn boekhouder klaagt dat er dingen missen sinds vorige week");
    expect(reply.intent).toBe("status");
    expect(reply.plain).not.toMatch(/999|12\.345/);
    expect(reply.blocks[0]!.kind).toBe("heading");
  });

  it("keeps the last turns (masked) as context, never the whole history, within the token budget", async () => {
    llm.fake.script({ kind: "tool", name: "show_help", arguments: {} });
    const long = "ik heb geen idee wat er allemaal gebeurt, alles loopt door elkaar en niemand snapt het. ".repeat(40);
    const sent = llm.fake.requests.length;
    await llm.send(long);
    expect(llm.fake.requests).toHaveLength(sent + 1);
    const request = llm.fake.requests.at(-1)!;
    const blocks = dataBlocks(request.body.messages!.find((m) => m.role === "user")!.content);
    const turns = blocks.turns as Array<{ user: string }>;
    expect(turns.length).toBeLessThanOrEqual(MAX_TURNS);
    expect(turns.map((t) => t.user)).not.toContain("staat mijn koppeling goed ingesteld?");
    expect(JSON.stringify(turns)).not.toMatch(/KB-DEMO-0001/);
    expect((blocks.message as string).length).toBeLessThan(long.length);
    for (const call of llm.calls) expect(call.estimatedTokens).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);
    const usage = llm.calls.map((c) => c.promptTokens ?? 0);
    expect(Math.max(...usage)).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);
  });

  it("a retry the model proposes runs only when the same user confirms", async () => {
    await updateConfig(llm.chat.deps, llm.chat.demo.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: VAT9 }, { platform: "terminal", channel: "shop-channel", user: "merchant" });
    const count = async () => ({
      attempts: Number((await llm.chat.deps.db.select({ n: sql<number>`count(*)` }).from(transferAttempts))[0]!.n),
      transfers: Number((await llm.chat.deps.db.select({ n: sql<number>`count(*)` }).from(transfers))[0]!.n),
    });
    const before = await count();
    llm.fake.script({ kind: "tool", name: "propose_retry", arguments: { sale_number: null } });
    const preview = await llm.send("de boekhouder wil dat die weigeringen van de btw nu gewoon weg zijn, regel jij dat even voor me?");
    expect(preview.intent).toBe("retry");
    expect(preview.plain).toMatch(/\d+ verkopen gaan opnieuw naar de boekhouding/);
    expect(await count()).toEqual(before);

    const otherYes = await llm.send("ja", "colleague");
    expect(otherYes.plain).toMatch(/Waar zeg je dat op/);
    const otherClick = await llm.click(preview, /^Ja, \d+ opnieuw/, "colleague");
    expect(otherClick.plain).toMatch(/voor iemand anders/);
    expect(await count()).toEqual(before);

    const done = await llm.send("ja");
    expect(done.plain).toMatch(/✅ \d+ doorgezet/);
    const after = await count();
    expect(after.transfers).toBeGreaterThan(before.transfers);
  });

  it("answers a how-to question from at most three articles, naming the one the model chose", async () => {
    llm.fake.script(
      { kind: "tool", name: "answer_howto", arguments: { question: "WooCommerce API key aanmaken" } },
      (request) => {
        const articles = dataBlocks(request.body.messages!.find((m) => m.role === "user")!.content).articles as Array<{ slug: string }>;
        expect(request.body.response_format).toMatchObject({ type: "json_schema" });
        expect(articles.length).toBeLessThanOrEqual(3);
        const slug = articles.find((a) => a.slug === "woocommerce-api-key")?.slug ?? articles[0]!.slug;
        return { kind: "text", text: JSON.stringify({ article: slug, sentence: "Dit artikel legt het stap voor stap uit." }) };
      },
    );
    const reply = await llm.send("mijn webbouwer is weg en nu moet ik zelf iets met sleutels regelen voor de winkel, geen idee waar te beginnen eerlijk gezegd");
    expect(reply.intent).toBe("howto");
    expect(reply.plain).toMatch(/^Dit artikel legt het stap voor stap uit\.\n📘 /);
    expect(reply.plain).toMatch(/📘 .*API/);
    expect(llm.calls.filter((c) => c.purpose === "howto")).toHaveLength(1);
  });

  it("a viewer's free text may lead to a proposal, but the core still refuses effects to viewers", async () => {
    llm.fake.script({ kind: "tool", name: "propose_report", arguments: { sale_number: null } });
    const reply = await llm.send(vague, "viewer");
    expect(reply.plain).toMatch(/Alleen de eigenaar/);
    expect(reply.actions).toHaveLength(0);
    expect(await llm.chat.deps.db.select().from(problemReports)).toHaveLength(0);
  });
});
