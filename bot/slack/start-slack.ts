/** `koppelbot serve` with Slack: the app on PORT (with GET /healthz) or over Socket Mode, plus its timers. */
import type { ServerResponse } from "node:http";
import type { AppConfig } from "../config.js";
import type { RunningPart, ServeContext } from "../serve.js";
import { forgetOldEvents } from "../chat/claim-event.js";
import { createSlackApp, type SlackBot } from "./create-slack-app.js";

/** How often new problem reports are looked for (a report turn also posts at once). */
const SUPPORT_FLUSH_MS = 60_000;
const FORGET_EVENTS_MS = 3_600_000;

/** True when the environment asks for Slack: a bot token plus a signing secret (HTTP) or an app token (Socket Mode). */
export function slackConfigured(config: AppConfig): boolean {
  return Boolean(config.slack.botToken && (config.slack.signingSecret || config.slack.appToken));
}

/** Answers GET /healthz; shared by the Slack receiver and the stand-alone health server. */
export function answerHealth(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
}

/** Starts the Slack app; `port` is set when it serves HTTP (then it also serves /healthz). */
export async function startSlack(ctx: ServeContext): Promise<RunningPart & { port?: number; bot: SlackBot }> {
  const { config, runtime, log } = ctx;
  const slack = config.slack;
  const bot = createSlackApp({
    core: ctx.core,
    db: runtime.deps.db,
    clock: runtime.deps.clock,
    log,
    workerId: runtime.deps.workerId,
    botToken: slack.botToken!,
    ...(slack.appToken ? { appToken: slack.appToken } : { signingSecret: slack.signingSecret! }),
    ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
    supportUsers: slack.supportUsers,
    ...(slack.supportChannel ? { supportChannel: slack.supportChannel } : {}),
    customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => answerHealth(res) }],
  });
  const { port } = await bot.start(config.port);
  const flush = () => bot.flushSupport().catch((error: unknown) => log.warn("slack support flush failed", { error: String(error) }));
  const timers = [
    setInterval(flush, SUPPORT_FLUSH_MS),
    setInterval(() => void forgetOldEvents(runtime.deps.db, runtime.deps.clock.now()).catch(() => {}), FORGET_EVENTS_MS),
  ];
  for (const timer of timers) timer.unref();
  void flush();
  log.info("slack started", { mode: slack.appToken ? "socket" : "http", ...(port !== undefined ? { port } : {}), supportChannel: Boolean(slack.supportChannel) });
  return {
    name: "slack",
    bot,
    ...(port !== undefined ? { port } : {}),
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await bot.stop();
    },
  };
}
