/**
 * The bot in a Discord server and in DMs, through a real discord.js Client and the fake Discord:
 * mentions, DMs with a confirmed change, every /koppeling subcommand, autocomplete, hostile shop data.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, koppelingConfigs, sales } from "../../../db/schema.js";
import { type DiscordHarness, seeDiscordMessage, startDiscordHarness } from "../../support/discord-driver.js";
import { waitFor } from "../../support/fake-discord.js";
import { testDriver } from "../../support/test-database.js";

const MERCHANT = "100000000000000001";
const COLLEAGUE = "100000000000000002";
const VAT9 = "484113000000000102";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
}, 120_000);
afterAll(async () => h?.close());

/** `/koppeling <sub>` in `channel` as `user`; the filled-in deferred answer. */
async function command(sub: string, options: Record<string, string> = {}, user = MERCHANT, channel = h.channel) {
  const { id } = await h.fake.command(user, channel, sub, options);
  return h.responseTo(id);
}

describe(`Discord conversations (${testDriver})`, () => {
  it("connects with the minimal intents and registers /koppeling with every subcommand", () => {
    expect(h.fake.gateway.intents()).toBe(1 + 512 + 4096);
    expect(h.fake.gateway.record.connects[0]).toBe("?v=10&encoding=json");
    const [koppeling] = h.fake.state.commands;
    expect(koppeling.name).toBe("koppeling");
    expect(koppeling.options.map((o: { name: string }) => o.name)).toEqual(["status", "check", "errors", "open", "trace", "retry", "report", "link", "unlink", "subscribe", "unsubscribe", "help", "ask"]);
    const trace = koppeling.options.find((o: { name: string }) => o.name === "trace");
    expect(trace.options[0]).toMatchObject({ name: "number", type: 3, required: true, autocomplete: true });
  });

  it("shows nothing of a koppeling before linking, links ephemerally and never echoes the key", async () => {
    const before = seeDiscordMessage(await command("status"));
    expect(before.text).toMatch(/nog niet gekoppeld/);
    expect(before.text).not.toMatch(/Demo Webwinkel/);
    const { id } = await h.fake.command(MERCHANT, h.channel, "link", { key: "KB-DEMO-0001" });
    const linked = await h.responseTo(id);
    expect(h.fake.interaction(id)!.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
    expect(linked.flags & 64).toBe(64);
    expect(seeDiscordMessage(linked).text).toMatch(/Gekoppeld aan Demo Webwinkel/);
    expect(JSON.stringify(h.fake.state.requests.map((r) => r.body))).not.toMatch(/KB-DEMO-0001/i);
  });

  it("answers a mention with the checklist, as a reply to the mention, with buttons", async () => {
    const mention = await h.fake.mention(MERCHANT, h.channel, "staat mijn koppeling goed ingesteld?");
    const answer = await h.answerTo(mention);
    expect(answer.message_reference?.message_id).toBe(mention);
    expect(answer.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const seen = seeDiscordMessage(answer);
    expect(seen.text).toMatch(/❌ .*9% is niet gekoppeld/);
    expect(seen.buttons.map((b) => b.label)).toContain("Ja, begin");
    expect(answer.embeds[0]!.color).toBe(0xc62828);
  });

  it("ignores guild messages that do not mention the bot, and its own messages", async () => {
    const before = h.fake.state.messages.length;
    await h.fake.gateway.dispatch("MESSAGE_CREATE", { ...(await plainMessage(h.channel, "gewoon een bericht")), mentions: [] });
    await h.fake.gateway.dispatch("MESSAGE_CREATE", { ...(await plainMessage(h.channel, `<@${h.fake.bot.id}> status`)), author: { id: h.fake.bot.id, username: "koppelbot", discriminator: "0", bot: true, avatar: null } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.fake.state.messages.length).toBe(before);
  });

  it("holds a DM conversation in which a VAT mapping is confirmed by button", async () => {
    const dm = h.fake.dmChannelOf(MERCHANT);
    await h.answerTo(await h.fake.dm(MERCHANT, "link KB-DEMO-0001"), dm);
    const check = await h.answerTo(await h.fake.dm(MERCHANT, "staat mijn koppeling goed ingesteld?"), dm);
    expect(check.message_reference).toBeUndefined();
    const start = seeDiscordMessage(check).buttons.find((b) => b.label === "Ja, begin")!;
    const click = await h.fake.click(MERCHANT, check, start.id);
    const question = await h.followUpOf(click.id);
    expect(seeDiscordMessage(question).text).toMatch(/Welke BTW-code in de boekhouding hoort bij 9%\?/);
    // The clicked message keeps its text, loses its buttons and says what was chosen.
    expect(h.fake.message(check.id)!.components).toEqual([]);
    expect(h.fake.message(check.id)!.content).toMatch(/✔ Ja, begin/);
    const vat = seeDiscordMessage(question).buttons.find((b) => /^9% btw$/.test(b.label))!;
    const done = await h.followUpOf((await h.fake.click(MERCHANT, question, vat.id)).id);
    expect(seeDiscordMessage(done).text).toMatch(/Gedaan.*\d+ afgewezen verkopen kunnen nu opnieuw/s);
    const [config] = await h.chat.deps.db.select().from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, h.chat.demo.koppelingId));
    expect((config!.settings as { vatMapping: Record<string, string> }).vatMapping["900"]).toBe(VAT9);
    const [audit] = await h.chat.deps.db.select().from(auditLog).where(eq(auditLog.action, "config.mapVatRate"));
    expect(audit!.actor).toBe(`discord:dm/${dm}/${MERCHANT}`);
  });

  it("answers every subcommand in a linked channel, deferred and then edited", async () => {
    const [sale] = await h.chat.deps.db.select({ number: sales.number }).from(sales).where(eq(sales.koppelingId, h.chat.demo.koppelingId)).limit(1);
    const expectations: Array<[string, Record<string, string>, RegExp]> = [
      ["status", {}, /Fouten|fouten/],
      ["check", {}, /9%|BTW/],
      ["errors", {}, /verkopen staan in Fouten|geen verkopen in Fouten/],
      ["open", {}, /Open|open/],
      ["trace", { number: sale!.number }, new RegExp(`#${sale!.number}`)],
      ["retry", { target: "all" }, /opnieuw|Fouten/],
      ["retry", { target: sale!.number }, new RegExp(`${sale!.number}|Fouten|opnieuw`)],
      ["report", {}, /oorzaak|melding|Meld/i],
      ["help", {}, /koppeling|status/i],
      ["ask", { text: "waarom staan er orders in open" }, /Open|open/],
      ["subscribe", { day: "monday", time: "09:00" }, /maandag|week|Monday/i],
      ["unsubscribe", {}, /week|update|abonnement|niet/i],
    ];
    for (const [sub, options, expected] of expectations) {
      const { id } = await h.fake.command(MERCHANT, h.channel, sub, options);
      const answer = await h.responseTo(id);
      expect(h.fake.interaction(id)!.callbacks.map((c) => c.type), sub).toEqual([5]);
      const text = seeDiscordMessage(answer).text;
      expect(text, sub).toMatch(expected);
      expect(text, sub).not.toMatch(/Sorry, er ging iets mis/);
    }
    // A viewer may look but not act.
    expect(seeDiscordMessage(await command("retry", { target: "all" }, COLLEAGUE)).text).toMatch(/Alleen de eigenaar/);
    expect(seeDiscordMessage(await command("status", {}, COLLEAGUE)).text).toMatch(/Fouten|fouten/);
  });

  it("suggests sale numbers and causes, and nothing in a channel that is not linked", async () => {
    const { id } = await h.fake.command(MERCHANT, h.channel, "report", { target: "" }, "target");
    const choices = await waitFor(() => h.fake.interaction(id)!.choices, "autocomplete choices");
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.some((c) => /^#\d+ — .*\(\d+×\)$/.test(c.name))).toBe(true);
    const retry = await h.fake.command(MERCHANT, h.channel, "retry", { target: "al" }, "target");
    expect((await waitFor(() => h.fake.interaction(retry.id)!.choices, "retry choices"))[0]).toEqual({ name: "Alles in Fouten", value: "all" });
    const elsewhere = await h.fake.command(MERCHANT, h.otherChannels[1], "trace", { number: "1" }, "number");
    expect(await waitFor(() => h.fake.interaction(elsewhere.id)!.choices, "choices elsewhere")).toEqual([]);
  });

  it("never pings from hostile shop data, and every message body sets allowed_mentions", async () => {
    const [victim] = await h.chat.deps.db.select({ id: sales.id, number: sales.number }).from(sales).where(and(eq(sales.koppelingId, h.chat.demo.koppelingId), eq(sales.state, "rejected"))).limit(1);
    await h.chat.deps.db
      .update(sales)
      .set({ customerName: "@everyone <@&123456789> Jan **vet**", vendorMessage: "<@987654321> @here [klik hier](https://evil.example)" })
      .where(eq(sales.id, victim!.id));
    const answer = await command("trace", { number: victim!.number });
    const raw = JSON.stringify([answer.content, answer.embeds]);
    expect(raw).not.toMatch(/(?<!\u200b)@(everyone|here)/);
    expect(raw).not.toMatch(/<@&?\d/);
    expect(raw).not.toMatch(/(?<!\\\\)\]\(https:/);
    expect(seeDiscordMessage(answer).text).toMatch(/@everyone <@&123456789> Jan \*\*vet\*\*/);
    const bodies = h.fake.messageBodies();
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(body.allowed_mentions).toMatchObject({ parse: [] });
  });
});

async function plainMessage(channel: string, content: string) {
  return {
    id: String(1_400_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e6))),
    channel_id: channel,
    guild_id: h.guild,
    author: { id: COLLEAGUE, username: "colleague", discriminator: "0", avatar: null },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}
