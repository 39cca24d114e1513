import { describe, expect, it } from "vitest";
import { splitReply } from "../../../bot/chat/split-reply.js";
import { discordLimits, escapeDiscordText, fitsOneDiscordMessage, renderDiscordReply, renderIfOneDiscordMessage } from "../../../bot/discord/render-discord-reply.js";
import type { Reply } from "../../../conversations/replies/reply.js";
import { validateMessageBody } from "../../support/fake-discord-validate.js";

const base: Reply = { intent: "list_errors", language: "nl", blocks: [], actions: [] };

function embedChars(message: ReturnType<typeof renderDiscordReply>): number {
  return message.embeds.reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );
}

describe("Discord rendering", () => {
  it("renders a heading as the title, a checklist with status emoji, error groups as fields and buttons in rows", () => {
    const message = renderDiscordReply({
      ...base,
      blocks: [
        { kind: "heading", text: "Controle van Demo Webwinkel" },
        { kind: "checklist", items: [{ status: "ok", text: "Verbinding met de webwinkel" }, { status: "failing", text: "BTW: 9% is niet gekoppeld", hint: "Koppel 9% aan een BTW-code" }] },
        { kind: "errorGroups", groups: [
          { title: "BTW 9% heeft geen BTW-code", count: 37, amount: "€ 1.204,50", nextStep: "Koppel het tarief", actionIds: ["ka_1"] },
          { title: "Ongeldig btw-nummer", count: 2, amount: "€ 890,00", nextStep: "Pas het nummer aan", actionIds: ["ka_3"] },
        ] },
        { kind: "facts", rows: [{ label: "Koppeling", value: "Demo Webwinkel" }] },
      ],
      actions: [{ id: "ka_1", label: "Opnieuw (37)", style: "primary" }, { id: "ka_2", label: "Later" }, { id: "ka_3", label: "Meld probleem", style: "danger" }],
    });
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(message.embeds[0]).toMatchObject({ title: "Controle van Demo Webwinkel", description: "✅ Verbinding met de webwinkel\n❌ BTW: 9% is niet gekoppeld\n\u2003↳ Koppel 9% aan een BTW-code", color: 0xc62828 });
    expect(message.embeds[0]!.fields![0]).toEqual({ name: "1. BTW 9% heeft geen BTW-code", value: "37 × € 1.204,50\n→ Koppel het tarief" });
    expect(message.embeds[0]!.fields![2]).toEqual({ name: "Koppeling", value: "Demo Webwinkel", inline: true });
    expect(message.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, custom_id: "ka_1", label: "1 · Opnieuw (37)", style: 1 },
          { type: 2, custom_id: "ka_2", label: "Later", style: 2 },
          { type: 2, custom_id: "ka_3", label: "2 · Meld probleem", style: 4 },
        ],
      },
    ]);
    expect(validateMessageBody(message as never)).toBeNull();
  });

  it("neutralises pings, roles, channels, masked links and markdown from shop data", () => {
    const hostile = "Klant @everyone <@123456> <@!42> <@&987> <#555> @here [klik](https://evil.example) **vet** > quote";
    const message = renderDiscordReply({ ...base, blocks: [{ kind: "heading", text: `Bestelling #1 (${hostile})` }, { kind: "text", text: hostile }, { kind: "facts", rows: [{ label: "Naam <@1>", value: hostile }] }] });
    const all = JSON.parse(JSON.stringify(message.embeds)) as unknown;
    const texts = JSON.stringify(all);
    expect(texts).not.toMatch(/(?<!\\u200b)@(everyone|here)/);
    expect(texts).not.toMatch(/<[@#]/);
    expect(texts).not.toMatch(/(?<!\\\\)\]\(/);
    expect(escapeDiscordText("**a** _b_ `c` @here <@1>")).toBe("\\*\\*a\\*\\* \\_b\\_ \\`c\\` @\u200bhere <\u200b@1>");
  });

  it("stays within every embed and component limit for long lists, saying how much was left out", () => {
    const longText = Array.from({ length: 400 }, (_, i) => `Regel ${i} met wat uitleg over een verkoop die in Fouten staat`).join("\n");
    const groups = Array.from({ length: 60 }, (_, i) => ({ title: `Oorzaak ${i} ${"x".repeat(300)}`, count: i, amount: "€ 1,00", nextStep: "Los het op ".repeat(150), actionIds: [`ka_${i}`] }));
    const message = renderDiscordReply({
      ...base,
      blocks: [{ kind: "heading", text: "x".repeat(300) }, { kind: "text", text: longText }, { kind: "errorGroups", groups }, { kind: "text", text: "y".repeat(5000) }],
      actions: groups.map((_, i) => ({ id: `ka_${i}`, label: `Een heel lange knoptekst die veel langer is dan tachtig tekens mag zijn, echt waar ${i}` })),
    });
    expect(validateMessageBody(message as never)).toBeNull();
    expect(message.embeds.length).toBeLessThanOrEqual(discordLimits.embedsPerMessage);
    expect(embedChars(message)).toBeLessThanOrEqual(discordLimits.embedsTotal);
    expect(message.components.length).toBeLessThanOrEqual(discordLimits.rowsPerMessage);
    for (const row of message.components) {
      expect(row.components.length).toBeLessThanOrEqual(discordLimits.buttonsPerRow);
      for (const b of row.components) expect(b.label!.length).toBeLessThanOrEqual(discordLimits.buttonLabel);
    }
    expect(message.embeds.at(-1)!.footer!.text).toMatch(/en nog \d+ regels; vraag gerust om de rest\. 35 knoppen passen er niet bij/);
  });

  it("pages a long reply for a 'show more' button: the first page fits, nothing is lost", () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ status: "warning" as const, text: `Punt ${i}: ${"uitleg ".repeat(12)}` }));
    const reply: Reply = { ...base, intent: "check_setup", blocks: [{ kind: "heading", text: "Controle" }, { kind: "checklist", items }], actions: [{ id: "ka_x", label: "Later" }] };
    expect(fitsOneDiscordMessage(reply)).toBe(false);
    const { first, rest } = splitReply(reply, fitsOneDiscordMessage);
    expect(fitsOneDiscordMessage(first)).toBe(true);
    expect(renderDiscordReply(first).embeds.at(-1)!.footer).toBeUndefined();
    const count = (r: Reply) => r.blocks.reduce((n, b) => n + (b.kind === "checklist" ? b.items.length : 0), 0);
    expect(count(first) + count(rest!)).toBe(120);
    expect(rest!.actions).toEqual([{ id: "ka_x", label: "Later" }]);
  });

  it("renders a reply in one go only when it fits one message with room for a 'show more' button", () => {
    const short: Reply = { ...base, blocks: [{ kind: "heading", text: "Status" }, { kind: "text", text: "Alles goed." }], actions: [{ id: "ka_1", label: "Fouten" }] };
    expect(renderIfOneDiscordMessage(short)).toEqual(renderDiscordReply(short));
    const items = Array.from({ length: 120 }, (_, i) => ({ status: "warning" as const, text: `Punt ${i}: ${"uitleg ".repeat(12)}` }));
    expect(renderIfOneDiscordMessage({ ...short, blocks: [{ kind: "checklist", items }] })).toBeNull();
    // 25 buttons fit a message, but then "show more" would not.
    const buttons = Array.from({ length: 25 }, (_, i) => ({ id: `ka_${i}`, label: `Knop ${i}` }));
    expect(fitsOneDiscordMessage({ ...short, actions: buttons })).toBe(false);
    expect(renderIfOneDiscordMessage({ ...short, actions: buttons })).toBeNull();
    expect(renderIfOneDiscordMessage({ ...short, actions: buttons.slice(0, 24) })).toEqual(renderDiscordReply({ ...short, actions: buttons.slice(0, 24) }));
  });
});
