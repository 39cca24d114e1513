import { describe, expect, it } from "vitest";
import { chunkText, escapeSlackText, renderSlackReply, slackLimits, truncateAtBoundary } from "../../../bot/slack/render-slack-reply.js";
import type { Reply } from "../../../conversations/replies/reply.js";

const base: Reply = { intent: "list_errors", language: "nl", blocks: [], actions: [] };

function everyText(blocks: ReturnType<typeof renderSlackReply>["blocks"]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === "section") return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === "header") return [b.text.text];
    if (b.type === "actions") return b.elements.map((e) => e.text.text);
    return b.elements.map((e) => e.text);
  });
}

describe("Block Kit rendering", () => {
  it("renders a checklist with status emoji and error groups with their own buttons", () => {
    const message = renderSlackReply({
      ...base,
      blocks: [
        { kind: "heading", text: "Controle van Demo Webwinkel" },
        { kind: "checklist", items: [{ status: "ok", text: "Verbinding met de webwinkel" }, { status: "failing", text: "BTW: 9% is niet gekoppeld" }] },
        { kind: "errorGroups", groups: [{ title: "BTW 9% heeft geen BTW-code", count: 37, amount: "€ 1.204,50", nextStep: "Koppel het tarief", actionIds: ["ka_1"] }] },
      ],
      actions: [{ id: "ka_1", label: "Opnieuw (37)", style: "primary" }, { id: "ka_2", label: "Later" }],
    });
    expect(message.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Controle van Demo Webwinkel", emoji: true } });
    expect(message.blocks[1]).toMatchObject({ type: "section", text: { text: ":white_check_mark: Verbinding met de webwinkel\n:x: BTW: 9% is niet gekoppeld" } });
    expect(message.blocks[2]).toMatchObject({ type: "section", text: { text: "*1. BTW 9% heeft geen BTW-code* — 37 × € 1.204,50\n→ Koppel het tarief" } });
    expect(message.blocks[3]).toMatchObject({ type: "actions", elements: [{ action_id: "ka_1", style: "primary", text: { text: "Opnieuw (37)" } }] });
    expect(message.blocks[4]).toMatchObject({ type: "actions", elements: [{ action_id: "ka_2" }] });
    expect(message.text).toMatch(/BTW: 9% is niet gekoppeld/);
  });

  it("neutralises mentions and links coming from shop data", () => {
    const hostile = "Klant <!channel> <@U123ABC> <!here> <https://evil.example|klik> & co";
    const message = renderSlackReply({ ...base, blocks: [{ kind: "text", text: hostile }, { kind: "facts", rows: [{ label: "Naam <!everyone>", value: "<@U1>" }] }] });
    for (const text of [...everyText(message.blocks), message.text]) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toMatch(/<https?:/);
    }
    expect(escapeSlackText("a <b> & c")).toBe("a &lt;b&gt; &amp; c");
  });

  it("stays within Slack's limits for long lists and long texts, cutting at word boundaries", () => {
    const longText = Array.from({ length: 400 }, (_, i) => `Regel ${i} met wat uitleg over een verkoop die in Fouten staat`).join("\n");
    const groups = Array.from({ length: 60 }, (_, i) => ({ title: `Oorzaak ${i}`, count: i, amount: "€ 1,00", nextStep: "Los het op", actionIds: [`ka_${i}`] }));
    const message = renderSlackReply({
      ...base,
      blocks: [{ kind: "heading", text: "x".repeat(200) }, { kind: "text", text: longText }, { kind: "errorGroups", groups }],
      actions: groups.map((g, i) => ({ id: `ka_${i}`, label: `Een heel lange knoptekst die veel langer is dan vijfenzeventig tekens mag zijn ${i}` })),
    });
    expect(message.blocks.length).toBeLessThanOrEqual(slackLimits.blocksPerMessage);
    expect(message.blocks.at(-1)).toMatchObject({ type: "context" });
    for (const block of message.blocks) {
      if (block.type === "section" && block.text) expect(block.text.text.length).toBeLessThanOrEqual(slackLimits.sectionText);
      if (block.type === "header") expect(block.text.text.length).toBeLessThanOrEqual(slackLimits.headerText);
      if (block.type === "actions") {
        expect(block.elements.length).toBeLessThanOrEqual(slackLimits.actionsPerBlock);
        for (const e of block.elements) expect(e.text.text.length).toBeLessThanOrEqual(slackLimits.buttonText);
      }
    }
    expect(message.text.length).toBeLessThanOrEqual(slackLimits.fallbackText);
    expect(truncateAtBoundary("een twee drie vier", 10)).toBe("een twee…");
    expect(chunkText("aa\nbb\ncc", 5)).toEqual(["aa\nbb", "cc"]);
  });

  it("splits more than ten facts over several sections", () => {
    const rows = Array.from({ length: 13 }, (_, i) => ({ label: `Veld ${i}`, value: String(i) }));
    const message = renderSlackReply({ ...base, blocks: [{ kind: "facts", rows }] });
    expect(message.blocks.map((b) => (b.type === "section" ? b.fields?.length : 0))).toEqual([10, 3]);
  });
});
