/**
 * The real Bolt app on the demo koppeling, driven over signed HTTP as Slack does, posting to the fake
 * Slack Web API; and the PlatformDriver of the shared conversation suite on top of it.
 */
import { type SlackAppOptions, type SlackBot, createSlackApp } from "../../bot/slack/create-slack-app.js";
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import { type ChatHarness, startChatHarness } from "./chat-harness.js";
import { type FakeSlack, type FakeSlackMessage, startFakeSlack } from "./fake-slack.js";
import { type DeliveryOptions, type SlackDelivery, deliverCommand, deliverEvent, deliverInteraction, directMessageEvent, mentionEvent } from "./fake-slack-requests.js";
import type { PlatformDriver, SeenReply } from "./platform-driver.js";

export const TEAM = "T0SHOP";
export const CHANNEL = "C0SHOP";
export const SECRET = "test-signing-secret-0123456789";

export interface SlackHarnessOptions {
  /** Wraps the real core, e.g. in a slow decorator. */
  wrapCore?: (core: ConversationCore) => ConversationCore;
  supportChannel?: string;
  supportUsers?: string[];
  pace?: SlackAppOptions["pace"];
}

/** What a delivery led to: Slack's HTTP answer and the messages that appeared (in order). */
export interface SlackOutcome {
  delivery: SlackDelivery;
  answers: FakeSlackMessage[];
}

export interface SlackHarness {
  chat: ChatHarness;
  fake: FakeSlack;
  bot: SlackBot;
  url: string;
  /** Sends a delivery and waits until the bot handled it (or `deliveries` of them) and is idle. */
  send(deliver: () => Promise<SlackDelivery>, deliveries?: number): Promise<SlackOutcome>;
  mention(text: string, user?: string, options?: { channel?: string; thread_ts?: string; delivery?: DeliveryOptions }): Promise<SlackOutcome>;
  dm(text: string, user?: string, channel?: string): Promise<SlackOutcome>;
  command(args: string, user?: string, channel?: string): Promise<SlackOutcome>;
  /** Clicks the button of `message` whose label matches, as `user`. */
  click(message: FakeSlackMessage, label: RegExp, user?: string): Promise<SlackOutcome>;
  /** Clicks `button` as it was shown on `message` (also when the message has changed since: a stale client). */
  press(message: FakeSlackMessage, button: { label: string; id: string }, user?: string): Promise<SlackOutcome>;
  /** Waits until `bot.handled` reaches `count`, then until the bot is idle. */
  waitHandled(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const chat = await startChatHarness();
  const fake = await startFakeSlack();
  const core = options.wrapCore ? options.wrapCore(chat.core) : chat.core;
  const bot = createSlackApp({
    core,
    db: chat.deps.db,
    clock: chat.deps.clock,
    log: chat.deps.log,
    workerId: "slack-test",
    botToken: fake.token,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    supportUsers: options.supportUsers ?? [],
    ...(options.supportChannel ? { supportChannel: options.supportChannel } : {}),
    retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 50 },
    pace: options.pace ?? { perInterval: 50, intervalMs: 1_000 },
  });
  const { port } = await bot.start(0);
  const url = `http://127.0.0.1:${port}`;

  const waitHandled = async (count: number) => {
    const deadline = Date.now() + 20_000;
    while (bot.handled < count) {
      if (Date.now() > deadline) throw new Error(`the Slack app handled ${bot.handled} deliveries, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await bot.settled();
  };
  const send = async (deliver: () => Promise<SlackDelivery>, deliveries = 1): Promise<SlackOutcome> => {
    const mark = fake.messages.length;
    const target = bot.handled + deliveries;
    const delivery = await deliver();
    if (delivery.status === 200) await waitHandled(target);
    return { delivery, answers: fake.messages.slice(mark) };
  };

  return {
    chat,
    fake,
    bot,
    url,
    send,
    waitHandled,
    mention: (text, user = "merchant", o = {}) =>
      send(() => deliverEvent(url, SECRET, mentionEvent(TEAM, o.channel ?? CHANNEL, user, text, fake.botUserId, o.thread_ts ? { thread_ts: o.thread_ts } : {}), o.delivery)),
    dm: (text, user = "merchant", channel = `D0${user.toUpperCase()}`) => send(() => deliverEvent(url, SECRET, directMessageEvent(TEAM, channel, user, text))),
    command: (args, user = "merchant", channel = CHANNEL) =>
      send(() =>
        deliverCommand(url, SECRET, {
          token: "verification-token-unused",
          team_id: TEAM,
          team_domain: "shop",
          channel_id: channel,
          channel_name: "koppeling",
          user_id: user,
          user_name: user,
          command: "/koppeling",
          text: args,
          api_app_id: "AKOPPELBOT",
          is_enterprise_install: false,
          response_url: fake.responseUrl(channel, user),
          trigger_id: "1.2.3",
        }),
      ),
    click: (message, label, user = "merchant") => {
      const button = buttonsOf(message).find((b) => label.test(b.label));
      if (!button) throw new Error(`No button matching ${label} in: ${buttonsOf(message).map((b) => b.label).join(" | ")}`);
      return send(() => deliverInteraction(url, SECRET, blockActions(fake, message, button, user)));
    },
    press: (message, button, user = "merchant") => send(() => deliverInteraction(url, SECRET, blockActions(fake, message, button, user))),
    close: async () => {
      await bot.stop();
      await fake.close();
      await chat.close();
    },
  };
}

/** A block_actions payload for a click on `button` of `message`, as Slack sends it. */
export function blockActions(fake: FakeSlack, message: FakeSlackMessage, button: { label: string; id: string }, user: string) {
  const ephemeral = message.ephemeralTo !== undefined;
  return {
    type: "block_actions",
    user: { id: user, username: user, name: user, team_id: TEAM },
    api_app_id: "AKOPPELBOT",
    token: "verification-token-unused",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: ephemeral, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) },
    trigger_id: "1.2.3",
    team: { id: TEAM, domain: "shop" },
    channel: { id: message.channel, name: "koppeling" },
    ...(ephemeral ? {} : { message: { type: "message", bot_id: fake.botId, user: fake.botUserId, text: message.text, ts: message.ts, blocks: message.blocks, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) } }),
    response_url: fake.responseUrl(message.channel, user, message.ts),
    actions: [{ action_id: button.id, block_id: "b1", text: { type: "plain_text", text: button.label, emoji: true }, value: button.id, type: "button", action_ts: `${Date.now() / 1000}` }],
  };
}

/** The buttons of a message as a user sees them. */
export function buttonsOf(message: FakeSlackMessage): Array<{ label: string; id: string }> {
  return message.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; text: { text: string } }>)
    .map((e) => ({ label: e.text.text, id: e.action_id }));
}

/** The visible text of a message: every text in its blocks, entities decoded (the fallback text without blocks). */
export function visibleText(message: FakeSlackMessage): string {
  if (message.blocks.length === 0) return decode(message.text);
  const texts = message.blocks.flatMap((b): string[] => {
    const text = (b.text as { text?: string } | undefined)?.text;
    const fields = ((b.fields as Array<{ text: string }> | undefined) ?? []).map((f) => f.text);
    const elements = b.type === "context" ? ((b.elements as Array<{ text: string }> | undefined) ?? []).map((e) => e.text) : [];
    return [...(text ? [text] : []), ...fields, ...elements];
  });
  return decode(texts.join("\n"));
}

function decode(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The shared conversation suite's driver: mentions in a channel, /koppeling, clicks — all through Slack. */
export async function startSlackDriver(): Promise<PlatformDriver> {
  const slack = await startSlackHarness();
  const shown = new WeakMap<SeenReply, FakeSlackMessage>();
  const seen = (outcome: SlackOutcome): SeenReply => {
    const answer = outcome.answers.at(-1);
    if (!answer) throw new Error(`no answer from the Slack app (HTTP ${outcome.delivery.status})`);
    const reply = { text: visibleText(answer), buttons: buttonsOf(answer) };
    shown.set(reply, answer);
    return reply;
  };
  return {
    platform: "slack",
    engine: slack.chat.deps,
    demo: slack.chat.demo,
    say: async (text, user = "merchant") => seen(await slack.mention(text, user)),
    command: async (args, user = "merchant") => seen(await slack.command(args, user)),
    click: async (reply, label, user = "merchant") => {
      const message = shown.get(reply);
      if (!message) throw new Error("click on a reply this driver did not show");
      const button = reply.buttons.find((b) => label.test(b.label));
      if (!button) throw new Error(`No button matching ${label} in: ${reply.buttons.map((b) => b.label).join(" | ")}`);
      return seen(await slack.press(message, button, user));
    },
    close: () => slack.close(),
  };
}
