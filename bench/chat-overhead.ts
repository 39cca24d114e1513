/**
 * Part 5: chat overhead. koppelbot's status reply through its real Slack app (Bolt, HTTP receiver, signed
 * requests) and its real discord.js client, each against a minimal app on the same library that answers
 * "ok", in the same run, timed from sending the mention to the reply reaching the fake platform API.
 *
 * koppelbot paces replies per channel (Slack about 1 message a second, Discord 5 per 5 s, as the platforms
 * require), so every request goes to a channel of its own, on both sides. discord.js keeps Discord's global
 * limit of 50 requests a second for every bot, so Discord mentions are sent at most 40 a second (still at
 * most 10 at a time); Slack mentions are sent back to back, 10 at a time. The two sides alternate in blocks
 * (ABBA) so that noise on the machine falls on both.
 */
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { startDiscordBot } from "../bot/discord/start-discord.js";
import { createSlackApp } from "../bot/slack/create-slack-app.js";
import { createConversationCore } from "../conversations/core/create-conversation-core.js";
import { createHowtoAnswerer } from "../conversations/flows/howto-flow.js";
import { detectIntent } from "../conversations/intents/detect-intent.js";
import { chatLinks } from "../db/schema.js";
import { type EngineDeps, silentLogger } from "../engine/runtime/engine-deps.js";
import { type FakeDiscord, type RecordedRequest, startFakeDiscord } from "../test/support/fake-discord.js";
import type { GatewayGuild } from "../test/support/fake-discord-gateway.js";
import { type FakeSlack, type FakeSlackCall, startFakeSlack } from "../test/support/fake-slack.js";
import { mentionEvent, signSlackBody } from "../test/support/fake-slack-requests.js";
import { createBenchDatabase } from "./bench-database.js";
import { type Figure, percentile } from "./bench-report.js";
import { seedHistory } from "./seed-sales.js";
import { benchEngineDeps, createBenchKoppeling } from "./bench-koppeling.js";

export interface ChatOverheadOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

const CONCURRENCY = 10;
const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const TEAM = "T0BENCH";
const USER = "U0MERCHANT";
const DISCORD_USER = "700000000000000001";
/** Discord allows 500 channels per guild. */
const CHANNELS_PER_GUILD = 500;
/** Below discord.js's (and Discord's) global 50 requests a second, so neither side waits for it. */
const DISCORD_SENDS_PER_SECOND = 40;
/** How long one reply may take before the run is called broken. */
const REPLY_TIMEOUT_MS = 15_000;

/** One side of a comparison: sends the i-th mention and resolves with the milliseconds until its reply arrived. */
interface Side {
  name: string;
  ask(i: number): Promise<number>;
}

/** Measures the Slack and the Discord comparison; target: koppelbot's p50 ≤ 2 × the minimal app's p50. */
export async function benchChatOverhead(options: ChatOverheadOptions): Promise<Figure[]> {
  const requests = options.quick ? 100 : 1_000;
  const block = options.quick ? 25 : 100;
  const warmup = options.quick ? 10 : 40;
  // Per platform; on a busy machine fewer mentions are measured (the note says how many) rather than overrun.
  const budgetMs = options.quick ? 5_000 : 50_000;
  const perSide = requests + warmup;
  const setupStarted = performance.now();
  const database = await createBenchDatabase(options.serverUrl);
  try {
    const { deps, core, slackChannels, guilds, discordChannels } = await prepareLinkedKoppeling(database.db, perSide);
    options.log(`  koppeling with 1,000 sales linked to ${(slackChannels.length + discordChannels.length).toLocaleString("en")} channels in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

    const figures: Figure[] = [];
    {
      const sides = await startSlackSides(core, deps, slackChannels);
      try {
        figures.push(...(await compare("Slack", "minimal Bolt app", sides, { requests, block, warmup, budgetMs, sendsPerSecond: null }, options.log)));
      } finally {
        await sides.close();
      }
    }
    {
      const sides = await startDiscordSides(core, deps, guilds, discordChannels.map((c) => c.channel));
      try {
        figures.push(...(await compare("Discord", "minimal discord.js client", sides, { requests, block, warmup, budgetMs, sendsPerSecond: DISCORD_SENDS_PER_SECOND }, options.log)));
      } finally {
        await sides.close();
      }
    }
    return figures;
  } finally {
    await database.close();
  }
}

/** A koppeling with 1,000 sales, the core on it, and `perSide` Slack and Discord channels linked to it. */
async function prepareLinkedKoppeling(db: EngineDeps["db"], perSide: number) {
  const deps = benchEngineDeps(db, { workerId: "bench-chat", moneybirdLimit: { requests: 1_000_000, windowMs: 1_000 } });
  const now = new Date();
  const { id: koppelingId } = await createBenchKoppeling(deps, {
    name: "Bench chat",
    installedAt: new Date(now.getTime() - 58 * 86_400_000),
    // Status reads the database only: the systems are never called.
    systems: { shopUrl: "http://127.0.0.1:9/", moneybirdBaseUrl: "http://127.0.0.1:9/", token: "bench" },
  });
  await seedHistory(deps.db, koppelingId, { sales: 1_000, rejected: 50, open: 20, beforeInstall: 10, days: 60 }, now);
  const core = createConversationCore({ engine: deps, understand: detectIntent, answerHowto: createHowtoAnswerer() });
  const slackChannels = Array.from({ length: perSide }, (_, i) => `C0BENCH${String(i).padStart(5, "0")}`);
  const guilds = discordGuilds(perSide);
  const discordChannels = guilds.flatMap((g) => g.channels.map((c) => ({ guild: g.id, channel: c.id })));
  await linkPlaces(deps, koppelingId, [
    ...slackChannels.map((c) => ({ platform: "slack", place: `${TEAM}/${c}` })),
    ...discordChannels.map((c) => ({ platform: "discord", place: `${c.guild}/${c.channel}` })),
  ]);
  return { deps, core, slackChannels, guilds, discordChannels };
}

/** Links every place to the koppeling at once (what `link KB-…` does per place). */
async function linkPlaces(deps: EngineDeps, koppelingId: string, places: Array<{ platform: string; place: string }>): Promise<void> {
  for (let i = 0; i < places.length; i += 1_000) {
    await deps.db.insert(chatLinks).values(places.slice(i, i + 1_000).map((p) => ({ ...p, koppelingId, linkedBy: USER, createdAt: new Date() })));
  }
}

interface CompareShape {
  requests: number;
  block: number;
  warmup: number;
  /** After this, no new pair of blocks is started (one pair always runs). */
  budgetMs: number;
  /** A cap on new mentions per second (both sides), or null for back to back. */
  sendsPerSecond: number | null;
}

/**
 * Warms both sides up, then runs them in alternating blocks (ABBA) until `requests` each or the time budget
 * is used, and reports the percentiles and the p50 ratio.
 */
async function compare(platform: string, baseline: string, sides: { bot: Side; minimal: Side }, shape: CompareShape, log: (line: string) => void): Promise<Figure[]> {
  const next = { bot: 0, minimal: 0 };
  const run = async (which: "bot" | "minimal", count: number) => {
    const start = next[which];
    next[which] += count;
    return runConcurrently(count, CONCURRENCY, shape.sendsPerSecond, (k) => sides[which].ask(start + k));
  };
  await run("bot", shape.warmup);
  await run("minimal", shape.warmup);
  const samples = { bot: [] as number[], minimal: [] as number[] };
  const started = performance.now();
  for (let b = 0; b * shape.block < shape.requests; b++) {
    // Whole ABBA halves only, so both sides keep the same count and order.
    if (b % 2 === 0 && b > 0 && performance.now() - started > shape.budgetMs) break;
    const count = Math.min(shape.block, shape.requests - b * shape.block);
    const order: Array<"bot" | "minimal"> = b % 4 === 0 || b % 4 === 3 ? ["bot", "minimal"] : ["minimal", "bot"];
    for (const which of order) samples[which].push(...(await run(which, count)));
  }
  const p50 = { bot: percentile(samples.bot, 50), minimal: percentile(samples.minimal, 50) };
  const p99 = { bot: percentile(samples.bot, 99), minimal: percentile(samples.minimal, 99) };
  const ratio = p50.bot / p50.minimal;
  log(`  ${platform}: koppelbot p50 ${p50.bot.toFixed(1)} ms p99 ${p99.bot.toFixed(1)} ms; ${baseline} p50 ${p50.minimal.toFixed(1)} ms p99 ${p99.minimal.toFixed(1)} ms (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const part = "5 chat";
  const note = `${samples.bot.length}+${samples.minimal.length} mentions, ${CONCURRENCY} at a time${shape.sendsPerSecond ? `, ≤ ${shape.sendsPerSecond}/s` : ""}, one channel each`;
  return [
    { part, name: `${platform} status reply p50`, value: p50.bot, unit: "ms", target: null, met: null },
    { part, name: `${platform} status reply p99`, value: p99.bot, unit: "ms", target: null, met: null },
    { part, name: `${platform} ${baseline} p50`, value: p50.minimal, unit: "ms", target: null, met: null },
    { part, name: `${platform} ${baseline} p99`, value: p99.minimal, unit: "ms", target: null, met: null },
    { part, name: `${platform} p50 ratio koppelbot/minimal`, value: ratio, unit: "×", target: "≤ 2", met: ratio <= 2, note },
  ];
}

/** Runs `count` tasks, at most `concurrency` at a time and (when set) at most `perSecond` starts a second. */
async function runConcurrently(count: number, concurrency: number, perSecond: number | null, task: (k: number) => Promise<number>): Promise<number[]> {
  const results: number[] = new Array(count);
  const gap = perSecond ? 1_000 / perSecond : 0;
  let nextIndex = 0;
  let nextStart = performance.now();
  const worker = async () => {
    while (nextIndex < count) {
      const k = nextIndex++;
      if (gap > 0) {
        const at = Math.max(performance.now(), nextStart);
        nextStart = at + gap;
        const wait = at - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      results[k] = await task(k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** Resolves the waiter of a channel when its reply arrives; times out so a lost reply fails the run. */
function replyWaiters() {
  const waiting = new Map<string, (at: number) => void>();
  return {
    arrived(channel: string) {
      const resolve = waiting.get(channel);
      if (!resolve) return;
      waiting.delete(channel);
      resolve(performance.now());
    },
    wait(channel: string): Promise<number> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(channel);
          reject(new Error(`no reply in channel ${channel} within ${REPLY_TIMEOUT_MS} ms`));
        }, REPLY_TIMEOUT_MS);
        waiting.set(channel, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Slack

async function startSlackSides(core: ReturnType<typeof createConversationCore>, deps: EngineDeps, channels: string[]) {
  const waiters = { bot: replyWaiters(), minimal: replyWaiters() };
  const onCall = (which: "bot" | "minimal") => (call: FakeSlackCall) => {
    if (call.method === "chat.postMessage" && call.status === 200 && !call.error) waiters[which].arrived(String(call.body.channel));
  };
  const fakes: { bot: FakeSlack; minimal: FakeSlack } = { bot: await startFakeSlack({ onCall: onCall("bot") }), minimal: await startFakeSlack({ onCall: onCall("minimal") }) };
  // koppelbot's app as `koppelbot serve` builds it (default pace and retries), on a free port.
  const bot = createSlackApp({
    core,
    db: deps.db,
    clock: deps.clock,
    log: silentLogger,
    workerId: deps.workerId,
    botToken: fakes.bot.token,
    signingSecret: SIGNING_SECRET,
    apiUrl: fakes.bot.apiUrl,
    supportUsers: [],
  });
  const botPort = (await bot.start(0)).port!;
  // The minimal app: same Bolt, same receiver type, answers "ok" in the mention's thread.
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events", logLevel: LogLevel.ERROR });
  const minimal = new App({ receiver, token: fakes.minimal.token, botId: fakes.minimal.botId, botUserId: fakes.minimal.botUserId, clientOptions: { slackApiUrl: fakes.minimal.apiUrl }, logLevel: LogLevel.ERROR });
  minimal.event("app_mention", async ({ event, say }) => {
    await say({ text: "ok", thread_ts: event.ts });
  });
  const minimalServer = await minimal.start(0);
  const minimalPort = (minimalServer.address() as { port: number }).port;

  const side = (which: "bot" | "minimal", port: number, botUserId: string): Side => ({
    name: which,
    async ask(i) {
      const channel = channels[i]!;
      const raw = JSON.stringify(mentionEvent(TEAM, channel, USER, "status", botUserId));
      const timestamp = Math.floor(Date.now() / 1000);
      const replied = waiters[which].wait(channel);
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signSlackBody(SIGNING_SECRET, timestamp, raw) },
        body: raw,
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`the ${which} Slack app answered HTTP ${response.status}`);
      return (await replied) - started;
    },
  });
  return {
    bot: side("bot", botPort, fakes.bot.botUserId),
    minimal: side("minimal", minimalPort, fakes.minimal.botUserId),
    async close() {
      await bot.stop();
      await minimal.stop().catch(() => {});
      await Promise.all([fakes.bot.close(), fakes.minimal.close()]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Discord

/** Enough guilds of at most 500 channels for `channels` channels. */
function discordGuilds(channels: number): GatewayGuild[] {
  const guilds: GatewayGuild[] = [];
  for (let g = 0; g * CHANNELS_PER_GUILD < channels; g++) {
    const count = Math.min(CHANNELS_PER_GUILD, channels - g * CHANNELS_PER_GUILD);
    guilds.push({
      id: String(800_000_000_000_000_100n + BigInt(g)),
      name: `Bench ${g + 1}`,
      channels: Array.from({ length: count }, (_, c) => ({ id: String(810_000_000_000_100_000n + BigInt(g * CHANNELS_PER_GUILD + c)), name: `bench-${g}-${c}` })),
    });
  }
  return guilds;
}

async function startDiscordSides(core: ReturnType<typeof createConversationCore>, deps: EngineDeps, guilds: GatewayGuild[], channels: string[]) {
  const waiters = { bot: replyWaiters(), minimal: replyWaiters() };
  const onRequest = (which: "bot" | "minimal") => (request: RecordedRequest) => {
    const match = request.method === "POST" && request.status === 200 ? request.path.match(/\/channels\/(\d+)\/messages$/) : null;
    if (match) waiters[which].arrived(match[1]!);
  };
  const fakes: { bot: FakeDiscord; minimal: FakeDiscord } = {
    bot: await startFakeDiscord({ guilds, onRequest: onRequest("bot") }),
    minimal: await startFakeDiscord({ guilds, token: "minimal-bot-token", onRequest: onRequest("minimal") }),
  };
  const stops: Array<() => Promise<void>> = [() => fakes.bot.close(), () => fakes.minimal.close()];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const bot = await startDiscordBot({
      discord: { token: fakes.bot.token, applicationId: fakes.bot.applicationId, apiUrl: fakes.bot.apiUrl, supportUsers: [] },
      core,
      engine: deps,
      log: silentLogger,
      readyTimeoutMs: 20_000,
    });
    stops.push(() => bot.stop());
    // The minimal client: same discord.js, answers "ok" to every mention of itself as a reply.
    const minimal = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: fakes.minimal.apiUrl } });
    minimal.on(Events.MessageCreate, (message) => {
      if (message.author.bot || !minimal.user || !message.mentions.users.has(minimal.user.id)) return;
      void message.reply({ content: "ok", allowedMentions: { parse: [], repliedUser: false } }).catch(() => {});
    });
    const ready = new Promise<void>((resolve) => minimal.once(Events.ClientReady, () => resolve()));
    await minimal.login(fakes.minimal.token);
    stops.push(() => minimal.destroy());
    await ready;

    const side = (which: "bot" | "minimal"): Side => ({
      name: which,
      async ask(i) {
        const channel = channels[i]!;
        const replied = waiters[which].wait(channel);
        const started = performance.now();
        await fakes[which].mention(DISCORD_USER, channel, "status");
        return (await replied) - started;
      },
    });
    return { bot: side("bot"), minimal: side("minimal"), close };
  } catch (error) {
    await close();
    throw error;
  }
}
