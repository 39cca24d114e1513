/**
 * The Discord ChatPoster and the fake Discord itself: posts and "gone" channels, Discord's 50035 answer
 * to an over-limit message, 204s without a JSON content type, and the gateway handshake a real
 * discord.js Client goes through (HELLO, IDENTIFY with the minimal intents, READY, heartbeats and ACKs).
 */
import { Client, Events, Partials } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelQueue } from "../../../bot/chat/channel-queue.js";
import { createDiscordPoster } from "../../../bot/discord/discord-poster.js";
import { createDiscordRest, discordIntents } from "../../../bot/discord/start-discord.js";
import type { Reply } from "../../../conversations/replies/reply.js";
import { type FakeDiscord, startFakeDiscord, waitFor } from "../../support/fake-discord.js";
import { fixturesAvailable, readFixture } from "../../support/fixtures.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 150 });
});
afterAll(async () => fake?.close());

const digest: Reply = { intent: "status", language: "nl", blocks: [{ kind: "heading", text: "Weekoverzicht" }, { kind: "text", text: "12 verkopen doorgezet. @everyone" }], actions: [] };

describe("the Discord poster", () => {
  it("posts to a place and reports channels that are gone or shut", async () => {
    const poster = createDiscordPoster(createDiscordRest({ token: fake.token, apiUrl: fake.apiUrl, supportUsers: [] }), createChannelQueue({ perInterval: 5, intervalMs: 1_000 }));
    const [guild] = fake.guilds;
    const [shop, , team, elsewhere] = guild!.channels;
    const posted = await poster.post(`${guild!.id}/${shop!.id}`, digest);
    expect(posted.kind).toBe("posted");
    const [message] = fake.messagesIn(shop!.id);
    expect(message!.embeds[0]!.title).toBe("Weekoverzicht");
    expect(message!.embeds[0]!.description).toBe("12 verkopen doorgezet. @\u200beveryone");
    expect(message!.allowed_mentions).toEqual({ parse: [], replied_user: false });

    fake.state.gone.add(team!.id);
    fake.state.forbidden.add(elsewhere!.id);
    expect(await poster.post(`${guild!.id}/${team!.id}`, digest)).toMatchObject({ kind: "gone", reason: expect.stringMatching(/^10003/) });
    expect(await poster.post(`dm/${elsewhere!.id}`, digest)).toMatchObject({ kind: "gone", reason: expect.stringMatching(/^50001/) });
    expect(await poster.post("local", digest)).toMatchObject({ kind: "gone" });
  });
});

describe("the fake Discord", () => {
  it("refuses an over-limit message like Discord (400, 50035) and answers 204 without a JSON content type", async () => {
    const channel = fake.guilds[0]!.channels[0]!.id;
    const post = (body: unknown) =>
      fetch(`${fake.apiUrl}/v10/channels/${channel}/messages`, { method: "POST", headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const tooMany = await post({ embeds: Array.from({ length: 11 }, () => ({ description: "x" })), allowed_mentions: { parse: [] } });
    expect(tooMany.status).toBe(400);
    const body = (await tooMany.json()) as { code: number; message: string; errors: { embeds: { _errors: unknown[] } } };
    expect(body).toMatchObject({ code: 50035, message: "Invalid Form Body" });
    expect(body.errors.embeds._errors[0]).toMatchObject({ code: "BASE_TYPE_MAX_LENGTH" });
    if (fixturesAvailable) expect(Object.keys(body).sort()).toEqual(Object.keys(readFixture<object>("discord/error_50035_invalid_form_body_nested.json")).sort());
    const long = await post({ embeds: [{ title: "t", fields: [{ name: "n", value: "v".repeat(1025) }] }] });
    expect(((await long.json()) as { errors: unknown }).errors).toMatchObject({ embeds: { 0: { fields: { 0: { value: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } } } });
    const rows = await post({ components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 2, label: "x", custom_id: `b${i}` })) }] });
    expect(rows.status).toBe(400);

    const typing = await fetch(`${fake.apiUrl}/v10/channels/${channel}/typing`, { method: "POST", headers: { authorization: `Bot ${fake.token}` } });
    expect(typing.status).toBe(204);
    expect(typing.headers.get("content-type")).toBeNull();
  });

  it("takes a real discord.js Client through HELLO, IDENTIFY, READY, GUILD_CREATE and heartbeats", async () => {
    const client = new Client({ intents: discordIntents, partials: [Partials.Channel], rest: { api: fake.apiUrl } });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    try {
      await client.login(fake.token);
      await ready;
      expect(fake.gateway.record.identifies.at(-1)).toMatchObject({ token: fake.token, intents: 4609, shard: [0, 1] });
      expect(client.guilds.cache.get(fake.guilds[0]!.id)?.channels.cache.size).toBe(4);
      await waitFor(() => fake.gateway.record.heartbeats >= 2 && client.ws.ping >= 0, "two acknowledged heartbeats");
    } finally {
      await client.destroy();
    }
  });
});
