/**
 * The Discord part of `koppelbot serve`: a discord.js client with the minimal intents (Guilds,
 * GuildMessages, DirectMessages — mentions and DMs carry their text without the privileged
 * MessageContent intent), `/koppeling`, buttons, and problem reports to SUPPORT_DISCORD_CHANNEL.
 * DISCORD_API_URL redirects REST, and through GET /gateway/bot the gateway too. Reconnects and
 * resumes are discord.js's own; a replayed event is claimed once (claim-event.ts).
 */
import { Client, Events, GatewayIntentBits, Partials, REST } from "discord.js";
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { Reply } from "../../conversations/replies/reply.js";
import type { EngineDeps, Logger } from "../../engine/runtime/engine-deps.js";
import { createChannelQueue } from "../chat/channel-queue.js";
import type { ChatPoster } from "../chat/chat-poster.js";
import { filedReport, flushSupportOutbox } from "../chat/support-outbox.js";
import { type AppConfig, ConfigError } from "../config.js";
import type { RunningPart, ServeContext } from "../serve.js";
import { createDiscordPoster, sendDiscordMessage } from "./discord-poster.js";
import { createDiscordTurns } from "./discord-turns.js";
import { registerKoppelingCommand } from "./koppeling-command.js";
import { renderDiscordReply } from "./render-discord-reply.js";

/** The gateway intents koppelbot needs: 1 + 512 + 4096 = 4609. */
export const discordIntents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

export interface DiscordBotDeps {
  discord: AppConfig["discord"];
  core: ConversationCore;
  engine: Pick<EngineDeps, "db" | "clock" | "workerId">;
  log: Logger;
  /** Install `/koppeling` at start (an idempotent overwrite); default true. */
  registerCommands?: boolean;
  /** How often unposted problem reports are looked for; default one minute. */
  outboxIntervalMs?: number;
  /** How long to wait for the gateway to become ready; default 30 s. */
  readyTimeoutMs?: number;
}

export interface RunningDiscordBot extends RunningPart {
  client: Client;
  poster: ChatPoster;
  /** Posts new problem reports to the support channel now (no-op without SUPPORT_DISCORD_CHANNEL). */
  flushOutbox(): Promise<number>;
}

/** True when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set. */
export function discordConfigured(config: AppConfig): boolean {
  return Boolean(config.discord.token && config.discord.applicationId);
}

/** The REST client for the configured API (DISCORD_API_URL or discord.com). */
export function createDiscordRest(discord: AppConfig["discord"]): REST {
  return new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token ?? "");
}

/** `koppelbot discord register`: installs `/koppeling` for the configured application. */
export async function registerDiscordCommands(discord: AppConfig["discord"]): Promise<void> {
  if (!discord.token || !discord.applicationId) throw new ConfigError("Registering the Discord command needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.");
  await registerKoppelingCommand(createDiscordRest(discord), discord.applicationId);
}

/** Starts Discord for `koppelbot serve`. */
export function startDiscord(ctx: ServeContext): Promise<RunningDiscordBot> {
  return startDiscordBot({ discord: ctx.config.discord, core: ctx.core, engine: ctx.runtime.deps, log: ctx.log });
}

/** Logs in, registers `/koppeling`, and routes events to the core; resolves when the client is ready. */
export async function startDiscordBot(deps: DiscordBotDeps): Promise<RunningDiscordBot> {
  const { discord, log } = deps;
  if (!discord.token || !discord.applicationId) throw new Error("Discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID");
  const client = new Client({
    intents: discordIntents,
    // DM channels are not in the cache before their first message: let discord.js build them from the event.
    partials: [Partials.Channel],
    rest: discord.apiUrl ? { api: discord.apiUrl } : {},
    allowedMentions: { parse: [], repliedUser: false },
  });
  const queue = createChannelQueue({ perInterval: 5, intervalMs: 5_000 });
  const poster = createDiscordPoster(client.rest, queue);
  const supportChannel = discord.supportChannel;

  let flushing: Promise<number> | null = null;
  let again = false;
  const flushOutbox = async (): Promise<number> => {
    if (!supportChannel) return 0;
    if (flushing) {
      again = true;
      return flushing;
    }
    flushing = (async () => {
      let posted = 0;
      do {
        again = false;
        posted += await flushSupportOutbox({
          db: deps.engine.db,
          platform: "discord",
          workerId: deps.engine.workerId,
          now: () => deps.engine.clock.now(),
          log,
          post: (reply) => sendDiscordMessage(client.rest, queue, supportChannel, renderDiscordReply(reply)),
        });
      } while (again);
      return posted;
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  };
  const flushInBackground = () => {
    if (supportChannel) void flushOutbox().catch((error: unknown) => log.warn("support outbox failed", { platform: "discord", error: String(error) }));
  };
  // Only a turn that filed a report has something for the outbox; the interval picks up the rest.
  const afterTurn = (reply: Reply) => {
    if (filedReport(reply)) flushInBackground();
  };

  const turns = createDiscordTurns({ core: deps.core, db: deps.engine.db, clock: deps.engine.clock, log, rest: client.rest, queue, supportUsers: discord.supportUsers, botUserId: () => client.user?.id, afterTurn });
  const guard = (what: string) => (error: unknown) => log.error(`discord ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  client.on(Events.MessageCreate, (message) => void turns.onMessage(message).catch(guard("message")));
  client.on(Events.InteractionCreate, (interaction) => void turns.onInteraction(interaction).catch(guard("interaction")));
  client.on(Events.Error, guard("client"));
  client.on(Events.ShardError, guard("shard"));

  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error("Discord did not become ready in time")), deps.readyTimeoutMs ?? 30_000);
    client.once(Events.ClientReady, () => resolve());
  });
  try {
    await client.login(discord.token);
    await ready;
    if (deps.registerCommands !== false) await registerKoppelingCommand(client.rest, discord.applicationId);
  } catch (error) {
    await client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const interval = supportChannel ? setInterval(flushInBackground, deps.outboxIntervalMs ?? 60_000) : null;
  interval?.unref();
  flushInBackground();
  log.info("discord connected", { user: client.user?.tag, guilds: client.guilds.cache.size });

  return {
    name: "discord",
    client,
    poster,
    flushOutbox,
    async stop() {
      if (interval) clearInterval(interval);
      await flushing?.catch(() => 0);
      await queue.idle();
      await client.destroy();
    },
  };
}
