/** `koppelbot serve`: the chat platforms that are configured, the schedules, and GET /healthz. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../engine/runtime/engine-deps.js";
import type { AppConfig } from "./config.js";
import { createCore, createRuntime, type Runtime } from "./main.js";
import type { ConversationCore } from "../conversations/core/create-conversation-core.js";
import type { ChatPoster } from "./chat/chat-poster.js";
import { startScheduler } from "./scheduler/start-scheduler.js";

// The demo, Slack (Bolt) and Discord (discord.js) are imported only when they are started: each
// platform library costs 10–35 MB of memory and a few hundred milliseconds to load.

export interface ServeOptions {
  log: Logger;
  /** Also start the demo koppeling KB-DEMO-0001 with its simulators. */
  demo?: boolean;
}

/** What serve hands each platform and the scheduler. */
export interface ServeContext {
  config: AppConfig;
  runtime: Runtime;
  core: ConversationCore;
  log: Logger;
  /** The posters of the started platforms (for digests and other unprompted posts). */
  posters: ChatPoster[];
}

/** A started part of the service. */
export interface RunningPart {
  name: string;
  stop(): Promise<void>;
}

/** The running service. */
export interface RunningService {
  /** The HTTP port (Slack events and /healthz). */
  port: number;
  parts: RunningPart[];
  stop(): Promise<void>;
}

/** Starts everything the environment asks for; stops what was started when a later part fails. */
export async function serve(config: AppConfig, options: ServeOptions): Promise<RunningService> {
  const log = options.log;
  const runtime = await createRuntime(config, { log, ...(options.demo ? { demo: true } : {}) });
  const parts: RunningPart[] = [];
  let ctx: ServeContext | undefined;
  const stopAll = async () => {
    for (const part of parts.reverse()) await part.stop().catch((error: unknown) => log.error("stop failed", { part: part.name, error: String(error) }));
    // Chat turns answer before their state is saved: those saves finish before the database closes.
    await ctx?.core.settled();
    await runtime.close();
  };
  try {
    if (options.demo) {
      const [{ loadScenario }, { startDemo }, { runSync }] = await Promise.all([
        import("./demo/scenario.js"),
        import("./demo/start-demo.js"),
        import("../engine/sync/run-sync.js"),
      ]);
      const scenario = loadScenario("default");
      const demo = await startDemo(runtime.deps.db, runtime.deps.cipher, scenario, runtime.deps.clock.now());
      parts.push({ name: "demo", stop: () => demo.stop() });
      await runSync(runtime.deps, demo.koppelingId, "demo");
      log.info("demo koppeling started", { licenseKey: scenario.koppeling.licenseKey });
    }
    ctx = { config, runtime, core: createCore(runtime), log, posters: [] };
    // Slack over HTTP serves PORT itself, /healthz included; otherwise a small health server does.
    const slackModule = config.slack.botToken ? await import("./slack/start-slack.js") : undefined;
    if (slackModule && !slackModule.slackConfigured(config)) log.warn("Slack not started: SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) is missing");
    const slack = slackModule?.slackConfigured(config) ? await slackModule.startSlack(ctx) : undefined;
    if (slack) {
      parts.push(slack);
      ctx.posters.push(slack.bot.poster);
    }
    let port = slack?.port;
    if (port === undefined) {
      const health = await startHealthServer(config.port, log);
      parts.push(health);
      port = health.port;
    }
    const discordModule = config.discord.token ? await import("./discord/start-discord.js") : undefined;
    const discord = discordModule?.discordConfigured(config) ? await discordModule.startDiscord(ctx) : undefined;
    if (discord) {
      parts.push(discord);
      ctx.posters.push(discord.poster);
    }
    // Platforms and schedules join here.
    parts.push(await startScheduler(ctx, ctx.posters));
    log.info("koppelbot serving", { port, parts: parts.map((p) => p.name) });
    return { port, parts, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** GET /healthz on its own server, for when no Slack HTTP receiver serves the port. */
async function startHealthServer(port: number, log: Logger): Promise<RunningPart & { port: number }> {
  const server = http.createServer((req, res) => {
    // The same answer as the Slack receiver's /healthz route (answerHealth in slack/start-slack.ts).
    if (req.method === "GET" && req.url === "/healthz") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  log.info("health check listening", { port: bound });
  return { name: "http", port: bound, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
