/**
 * The bot on Discord as a user meets it: a real discord.js Client (startDiscordBot) against the fake
 * Discord, on the demo koppeling. `startDiscordHarness` gives tests the parts; `startDiscordDriver`
 * is the PlatformDriver of the shared conversation suite (mentions, /koppeling, button clicks).
 */
import { startDiscordBot, type RunningDiscordBot } from "../../bot/discord/start-discord.js";
import { loadConfig } from "../../bot/config.js";
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import { silentLogger } from "../../engine/runtime/engine-deps.js";
import { type ChatHarness, startChatHarness } from "./chat-harness.js";
import { type FakeDiscord, type StoredMessage, startFakeDiscord, waitFor } from "./fake-discord.js";
import type { PlatformDriver, SeenReply } from "./platform-driver.js";

export interface DiscordHarness {
  chat: ChatHarness;
  fake: FakeDiscord;
  bot: RunningDiscordBot;
  guild: string;
  /** The shop's channel and the support channel (SUPPORT_DISCORD_CHANNEL); two more for separate scenes. */
  channel: string;
  supportChannel: string;
  otherChannels: [string, string];
  /** Users on the support list (SUPPORT_DISCORD_USERS). */
  supportUser: string;
  /** The bot's answer to a message (a reply to it in guilds; the next bot message in a DM). */
  answerTo(messageId: string, dmChannel?: string): Promise<StoredMessage>;
  /** The filled-in deferred answer of a `/koppeling` interaction. */
  responseTo(interactionId: string): Promise<StoredMessage>;
  /** The follow-up message of a button click (public result or private refusal). */
  followUpOf(interactionId: string): Promise<StoredMessage>;
  close(): Promise<void>;
}

export interface DiscordHarnessOptions {
  /** Wraps the core, e.g. to make it slow. */
  core?: (core: ConversationCore) => ConversationCore;
}

/** Starts the demo koppeling, the fake Discord and the bot; the shop channel is not linked yet. */
export async function startDiscordHarness(options: DiscordHarnessOptions = {}): Promise<DiscordHarness> {
  const chat = await startChatHarness();
  const fake = await startFakeDiscord();
  const guild = fake.guilds[0]!;
  const channel = guild.channels[0]!.id;
  const supportChannel = guild.channels[1]!.id;
  const supportUser = "700000000000000009";
  const config = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    SUPPORT_DISCORD_CHANNEL: supportChannel,
    SUPPORT_DISCORD_USERS: supportUser,
  });
  const core = options.core ? options.core(chat.core) : chat.core;
  let bot: RunningDiscordBot;
  try {
    bot = await startDiscordBot({ discord: config.discord, core, engine: chat.deps, log: process.env.DISCORD_TEST_LOG ? { info: console.log, warn: console.warn, error: console.error } : silentLogger, outboxIntervalMs: 600_000, readyTimeoutMs: 10_000 });
  } catch (error) {
    await fake.close();
    await chat.close();
    throw error;
  }
  return {
    chat,
    fake,
    bot,
    guild: guild.id,
    channel,
    supportChannel,
    otherChannels: [guild.channels[2]!.id, guild.channels[3]!.id],
    supportUser,
    answerTo: (messageId, dmChannel) =>
      waitFor(
        () => fake.state.messages.find((m) => (dmChannel ? m.channel_id === dmChannel && m.via === "post" && BigInt(m.id) > BigInt(messageId) : m.message_reference?.message_id === messageId)),
        `the answer to message ${messageId}`,
      ),
    responseTo: (interactionId) => waitFor(() => fake.state.messages.find((m) => m.interactionId === interactionId && m.via === "deferred" && m.edits > 0), `the answer to interaction ${interactionId}`),
    followUpOf: (interactionId) => waitFor(() => fake.state.messages.find((m) => m.interactionId === interactionId && m.via === "followup"), `the follow-up of interaction ${interactionId}`),
    async close() {
      await bot.stop();
      await fake.close();
      await chat.close();
    },
  };
}

/** What a user sees of a message: its text as Discord shows it (escapes resolved) and its buttons. */
export function seeDiscordMessage(message: StoredMessage): SeenReply {
  const parts = [message.content, ...message.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f: { name: string; value: string }) => `${f.name}\n${f.value}`), e.footer?.text])];
  const text = parts
    .filter((p): p is string => typeof p === "string" && p.length > 0)
    .join("\n")
    .replace(/\\([\\*_~`|[\]>#-])/g, "$1")
    .replace(/\u200b/g, "");
  return { text, buttons: message.components.flatMap((row) => row.components.map((b) => ({ label: String(b.label), id: String(b.custom_id) }))) };
}

/** `/koppeling <args>` as the options of the registered command. */
export function commandOptions(args: string): { sub: string; options: Record<string, string> } {
  const [first = "help", ...rest] = args.trim().split(/\s+/);
  const tail = rest.join(" ");
  const sub = first.toLowerCase();
  switch (sub) {
    case "status": case "check": case "errors": case "open": case "unlink": case "unsubscribe": case "help":
      return { sub, options: {} };
    case "trace":
      return { sub, options: { number: tail } };
    case "retry": case "report":
      return { sub, options: tail ? { target: tail } : {} };
    case "link":
      return { sub, options: { key: tail } };
    case "subscribe": {
      const [day, time] = rest;
      return { sub, options: { ...(day ? { day } : {}), ...(time ? { time } : {}) } };
    }
    default:
      return { sub: "ask", options: { text: args.trim() } };
  }
}

/** The shared suite's driver on Discord; user names are the Discord user ids. */
export async function startDiscordDriver(): Promise<PlatformDriver> {
  const h = await startDiscordHarness();
  /** Which message each seen button was on, to click it there. */
  const buttonMessage = new Map<string, StoredMessage>();
  const seen = (message: StoredMessage): SeenReply => {
    const reply = seeDiscordMessage(message);
    for (const b of reply.buttons) buttonMessage.set(b.id, message);
    return reply;
  };
  return {
    platform: "discord",
    engine: h.chat.deps,
    demo: h.chat.demo,
    async say(text, user = "merchant") {
      return seen(await h.answerTo(await h.fake.mention(user, h.channel, text)));
    },
    async command(args, user = "merchant") {
      const { sub, options } = commandOptions(args);
      const { id } = await h.fake.command(user, h.channel, sub, options);
      return seen(await h.responseTo(id));
    },
    async click(reply, label, user = "merchant") {
      const button = reply.buttons.find((b) => label.test(b.label));
      if (!button) throw new Error(`No button matching ${label} in: ${reply.buttons.map((b) => b.label).join(" | ")}`);
      const message = buttonMessage.get(button.id);
      if (!message) throw new Error(`Button ${button.label} was not seen on a message`);
      const { id } = await h.fake.click(user, message, button.id);
      return seen(await h.followUpOf(id));
    },
    close: () => h.close(),
  };
}
