/**
 * Buttons and delivery on Discord: a retry confirmed once (not by another user, not twice), the same
 * interaction or message delivered twice, a slow core answered through a deferral, and problem
 * reports in the support channel with a Claim button only support may use.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationCore } from "../../../conversations/core/create-conversation-core.js";
import { problemReports, sales, transfers } from "../../../db/schema.js";
import { type DiscordHarness, seeDiscordMessage, startDiscordHarness } from "../../support/discord-driver.js";
import { type StoredMessage, waitFor } from "../../support/fake-discord.js";
import { testDriver } from "../../support/test-database.js";

const MERCHANT = "100000000000000001";
const COLLEAGUE = "100000000000000002";

let h: DiscordHarness;
/** Milliseconds the core takes per turn; a test sets it to make the core slow. */
let coreDelayMs = 0;
const slowable = (core: ConversationCore): ConversationCore => ({
  ...core,
  async handle(inbound) {
    if (coreDelayMs) await new Promise((resolve) => setTimeout(resolve, coreDelayMs));
    return core.handle(inbound);
  },
  async handleDelivery(inbound, deliveryId, send) {
    if (coreDelayMs) await new Promise((resolve) => setTimeout(resolve, coreDelayMs));
    return core.handleDelivery(inbound, deliveryId, send);
  },
});

beforeAll(async () => {
  h = await startDiscordHarness({ core: slowable });
  await h.responseTo((await h.fake.command(MERCHANT, h.channel, "link", { key: "KB-DEMO-0001" })).id);
}, 120_000);
afterAll(async () => h?.close());

const rejected = async () => (await h.chat.deps.db.select({ n: count() }).from(sales).where(eq(sales.state, "rejected")))[0]!.n;
const button = (message: StoredMessage, label: RegExp) => {
  const found = seeDiscordMessage(message).buttons.find((b) => label.test(b.label));
  if (!found) throw new Error(`No button ${label} in ${seeDiscordMessage(message).buttons.map((b) => b.label).join(" | ")}`);
  return found.id;
};
async function press(message: StoredMessage, label: RegExp, user = MERCHANT) {
  const { id } = await h.fake.click(user, h.fake.message(message.id)!, button(message, label));
  return { id, result: await h.followUpOf(id) };
}

describe(`Discord buttons and deliveries (${testDriver})`, () => {
  it("lets the owner confirm a retry once; another user and a second press get a private answer and no effect", async () => {
    const check = await h.answerTo(await h.fake.mention(MERCHANT, h.channel, "staat mijn koppeling goed ingesteld?"));
    const question = (await press(check, /Ja, begin/)).result;
    const done = (await press(question, /^9% btw$/)).result;
    const preview = (await press(done, /opnieuw verwerken/)).result;
    const before = await rejected();

    const stranger = await press(preview, /^Ja, \d+ opnieuw/, COLLEAGUE);
    expect(stranger.result.flags & 64).toBe(64);
    expect(seeDiscordMessage(stranger.result).text).toMatch(/voor iemand anders/);
    expect(h.fake.message(preview.id)!.edits).toBe(0);
    expect(seeDiscordMessage(h.fake.message(preview.id)!).buttons.length).toBeGreaterThan(0);

    const confirmId = button(preview, /^Ja, \d+ opnieuw/);
    const confirmed = await press(preview, /^Ja, \d+ opnieuw/);
    expect(confirmed.result.flags & 64).toBe(0);
    expect(seeDiscordMessage(confirmed.result).text).toMatch(/\d+ doorgezet/);
    expect(h.fake.message(preview.id)!.components).toEqual([]);
    const after = await rejected();
    expect(after).toBeLessThan(before);

    // A stale client presses the same button again.
    const again = await h.fake.click(MERCHANT, h.fake.message(preview.id)!, confirmId);
    const twice = await h.followUpOf(again.id);
    expect(twice.flags & 64).toBe(64);
    expect(seeDiscordMessage(twice).text).toMatch(/al gebruikt/);
    expect(await rejected()).toBe(after);
    const booked = await h.chat.deps.db.select({ n: count() }).from(transfers);
    expect(h.chat.demo.books.state.externalSalesInvoices.length).toBe(booked[0]!.n);
  });

  it("handles the same interaction and the same message delivered twice once", async () => {
    const { id, payload } = await h.fake.command(MERCHANT, h.channel, "status");
    await h.responseTo(id);
    await h.fake.redeliver(payload);
    const mention = await h.fake.mention(MERCHANT, h.channel, "hoe staat het ervoor?");
    await h.answerTo(mention);
    await h.fake.gateway.dispatch("MESSAGE_CREATE", { ...payloadOfMention(mention) });

    const check = await h.answerTo(await h.fake.mention(MERCHANT, h.channel, "waarom worden mijn orders geweigerd?"));
    const click = await h.fake.click(MERCHANT, check, button(check, /Meld probleem|Opnieuw/));
    await h.followUpOf(click.id);
    await h.fake.redeliver(click.payload);
    await new Promise((resolve) => setTimeout(resolve, 800));

    expect(h.fake.interaction(id)!.callbacks).toHaveLength(1);
    expect(h.fake.interaction(click.id)!.callbacks).toHaveLength(1);
    expect(h.fake.state.messages.filter((m) => m.interactionId === click.id && m.via === "followup")).toHaveLength(1);
    expect(h.fake.state.messages.filter((m) => m.message_reference?.message_id === mention)).toHaveLength(1);
    // The bot never even tried a second answer (Discord would refuse it with 40060).
    expect(h.fake.state.requests.filter((r) => r.status === 400)).toEqual([]);
  });

  it("defers a slow answer within 3 seconds and fills it in afterwards", async () => {
    coreDelayMs = 3_500;
    try {
      const { id } = await h.fake.command(MERCHANT, h.channel, "status");
      const answer = await h.responseTo(id);
      const interaction = h.fake.interaction(id)!;
      expect(interaction.callbacks).toEqual([{ type: 5, data: { flags: 0 } }]);
      expect(Date.now() - interaction.createdAt).toBeGreaterThanOrEqual(3_500);
      expect(seeDiscordMessage(answer).text).toMatch(/Fouten|fouten/);
    } finally {
      coreDelayMs = 0;
    }
  });

  it("sends a problem report to the support channel once, where only support can claim it", async () => {
    const which = await h.responseTo((await h.fake.command(MERCHANT, h.channel, "report")).id);
    const preview = (await press(which, /^1\./)).result;
    const sent = (await press(preview, /Verstuur/)).result;
    const reference = seeDiscordMessage(sent).text.match(/R-\d+/)?.[0];
    expect(reference).toBeDefined();
    const post = await waitFor(() => h.fake.messagesIn(h.supportChannel).find((m) => seeDiscordMessage(m).text.includes(reference!)), "the support post");
    expect(seeDiscordMessage(post).text).toMatch(/Probleemmelding/);
    expect(seeDiscordMessage(post).text).not.toMatch(/KB-DEMO-0001/);
    await h.bot.flushOutbox();
    expect(h.fake.messagesIn(h.supportChannel).filter((m) => seeDiscordMessage(m).text.includes(reference!))).toHaveLength(1);

    const refused = await press(post, /Oppakken/, MERCHANT);
    expect(refused.result.flags & 64).toBe(64);
    expect(seeDiscordMessage(refused.result).text).toMatch(/Alleen support/);
    const claimed = await press(post, /Oppakken/, h.supportUser);
    expect(seeDiscordMessage(claimed.result).text).toMatch(new RegExp(`${reference} is opgepakt`));
    expect(h.fake.message(post.id)!.components).toEqual([]);
    const [row] = await h.chat.deps.db.select().from(problemReports).where(eq(problemReports.reference, reference!));
    expect(row!.claimedBy).toBe(`discord:${h.supportUser}`);
  });
});

/** The MESSAGE_CREATE of an earlier mention, rebuilt to deliver it again. */
function payloadOfMention(id: string) {
  return {
    id,
    channel_id: h.channel,
    guild_id: h.guild,
    author: { id: MERCHANT, username: MERCHANT, discriminator: "0", avatar: null },
    content: `<@${h.fake.bot.id}> hoe staat het ervoor?`,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [{ id: h.fake.bot.id, username: "koppelbot", discriminator: "0", avatar: null, bot: true }],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}
