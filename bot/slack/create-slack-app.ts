/**
 * The Slack app: Bolt over HTTP (signed requests on /slack/events for events, commands and buttons) or
 * Socket Mode, wired to the conversation core. Bolt refuses bad or stale signatures before any handler;
 * we also refuse signed timestamps more than 5 minutes ahead (Bolt only checks the past).
 */
import { App, HTTPReceiver, LogLevel, type CustomRoute, type Logger as BoltLogger, webApi } from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { Database } from "../../db/open-database.js";
import type { Clock, Logger } from "../../engine/runtime/engine-deps.js";
import { type ChannelQueueOptions, createChannelQueue } from "../chat/channel-queue.js";
import type { ChatPoster } from "../chat/chat-poster.js";
import { filedReport, flushSupportOutbox } from "../chat/support-outbox.js";
import { renderSlackReply } from "./render-slack-reply.js";
import { type SlackMessenger, createSlackMessenger, slackErrorCode } from "./slack-messenger.js";
import { createSlackPoster } from "./slack-poster.js";
import { type SlackButtonClick, type SlackMessageEvent, createSlackTurns } from "./slack-turns.js";

export interface SlackAppOptions {
  core: ConversationCore;
  db: Database;
  clock: Clock;
  log: Logger;
  /** This process, for the support outbox claims. */
  workerId: string;
  botToken: string;
  /** HTTP mode: the signing secret of the app. */
  signingSecret?: string;
  /** Socket Mode when set (xapp-…). */
  appToken?: string;
  /** Web API base URL (SLACK_API_URL); Slack's own when unset. */
  apiUrl?: string;
  /** The bot's ids when known; otherwise resolved with auth.test on first use, never at construction. */
  botId?: string;
  botUserId?: string;
  supportUsers: readonly string[];
  supportChannel?: string;
  /** Extra HTTP routes on the same port (GET /healthz). */
  customRoutes?: CustomRoute[];
  /** WebClient retries; a 429 is waited out (Retry-After) within them. */
  retryConfig?: webApi.RetryOptions;
  /** Pace per channel (default: 1 message per second, bursts of 3). */
  pace?: ChannelQueueOptions;
}

/** A running (or ready to start) Slack adapter. */
export interface SlackBot {
  app: App;
  messenger: SlackMessenger;
  /** For digests and other unprompted posts to linked places. */
  poster: ChatPoster;
  /** Starts receiving: HTTP on `port` (0: any free port) or the Socket Mode connection. */
  start(port?: number): Promise<{ port?: number }>;
  /** Posts new problem reports to SUPPORT_SLACK_CHANNEL; returns how many. */
  flushSupport(): Promise<number>;
  /** Deliveries fully handled so far (answered, skipped as duplicate or ignored). */
  readonly handled: number;
  /** Resolves when every turn in progress is done. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * After this, a request no listener acknowledged (app_rate_limited, kinds we do not listen to) gets an
 * empty 200; our own listeners ack before any I/O, so they are far quicker.
 */
const UNHANDLED_ACK_MS = 1_000;

/** Slack's window for X-Slack-Request-Timestamp: 5 minutes either way. */
const TIMESTAMP_WINDOW_S = 5 * 60;
const EVENTS_PATH = "/slack/events";

export function createSlackApp(options: SlackAppOptions): SlackBot {
  const { log } = options;
  const retryConfig = options.retryConfig ?? { retries: 5, factor: 2, minTimeout: 1_000, maxTimeout: 30_000, randomize: true };
  const clientOptions: webApi.WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/` } : {}),
    retryConfig,
    rejectRateLimitedCalls: false,
    timeout: 10_000,
    logger: boltLogger(log),
  };
  const client = new webApi.WebClient(options.botToken, clientOptions);
  const messenger = createSlackMessenger(client, createChannelQueue(options.pace ?? { perInterval: 3, intervalMs: 3_000 }));
  const identity = lazyIdentity(options, clientOptions, log);
  const inFlight = new Set<Promise<void>>();
  let handled = 0;
  /** Runs a delivery's work (or, with `delivery` false, work it started), so stop() can wait for it. */
  const track = (work: () => Promise<void>, delivery = true): Promise<void> => {
    const running: Promise<void> = work()
      .catch((error: unknown) => log.error("slack delivery failed", { error: slackErrorCode(error) }))
      .finally(() => {
        inFlight.delete(running);
        if (delivery) handled++;
      });
    inFlight.add(running);
    return running;
  };

  const flushSupport = async () => {
    const channel = options.supportChannel;
    if (!channel) return 0;
    return flushSupportOutbox({ db: options.db, platform: "slack", workerId: options.workerId, now: () => options.clock.now(), log, post: (reply) => messenger.post(channel, renderSlackReply(reply)) });
  };
  const turns = createSlackTurns({
    core: options.core,
    db: options.db,
    clock: options.clock,
    log,
    messenger,
    supportUsers: options.supportUsers,
    botUserId: () => identity.known()?.botUserId,
    afterTurn: (reply) => {
      if (filedReport(reply)) void track(async () => void (await flushSupport()), false);
    },
  });

  const socketMode = options.appToken !== undefined;
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: options.signingSecret ?? "",
        endpoints: EVENTS_PATH,
        customRoutes: options.customRoutes ?? [],
        logger: boltLogger(log),
        unhandledRequestTimeoutMillis: UNHANDLED_ACK_MS,
        unhandledRequestHandler: ({ response }) => {
          log.warn("slack request acknowledged without a listener");
          if (!response.headersSent) response.writeHead(200).end();
        },
      });
  if (receiver) refuseFutureTimestamps(receiver, log);
  const app = new App({
    ...(receiver ? { receiver } : { socketMode: true, appToken: options.appToken }),
    // authorize instead of token: Bolt would otherwise call auth.test before the first event.
    authorize: async () => ({ botToken: options.botToken, ...identity.known() }),
    clientOptions,
    logger: boltLogger(log),
    // Our own filter (slack-turns.ts) drops the bot's and other bots' messages, so every delivery is counted.
    ignoreSelf: false,
  });
  app.error(async (error) => log.error("slack handler failed", { code: error.code, error: error.message }));

  app.event("app_mention", ({ body, event }) => track(() => turns.onMessage(body, event as unknown as SlackMessageEvent)));
  app.message(({ body, message }) => track(() => turns.onMessage(body, message as unknown as SlackMessageEvent)));
  app.command("/koppeling", async ({ ack, command }) => {
    // Within 3 s, always: the turn (database, accounting calls) runs after the answer to Slack.
    await acknowledge(ack);
    await track(() => turns.onCommand(command));
  });
  app.command(/.*/, async ({ ack, command }) => {
    if (command.command !== "/koppeling") await acknowledge(ack);
  });
  app.action({ type: "block_actions" }, async ({ ack, body, action }) => {
    await acknowledge(ack);
    await track(() => turns.onButton(toClick(body, action)));
  });

  let stopSocket = false;
  return {
    app,
    messenger,
    poster: createSlackPoster(messenger),
    async start(port) {
      identity.resolveSoon();
      if (receiver) {
        const server = await app.start(port ?? 3000);
        return { port: (server.address() as AddressInfo).port };
      }
      void connectSocket(app, log, () => stopSocket);
      return {};
    },
    flushSupport,
    get handled() {
      return handled;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopSocket = true;
      await app.stop().catch(() => {});
      await Promise.race([this.settled(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    },
  };
}

/**
 * Bolt refuses a timestamp more than 5 minutes in the past but accepts any in the future, so a correctly
 * signed request dated ahead would stay replayable until then: refuse it with 401 before Bolt reads it.
 */
function refuseFutureTimestamps(receiver: HTTPReceiver, log: Logger): void {
  const listener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers["x-slack-request-timestamp"];
    const timestamp = typeof header === "string" ? Number(header) : Number.NaN;
    if (req.method === "POST" && Number.isFinite(timestamp) && timestamp > Date.now() / 1000 + TIMESTAMP_WINDOW_S && pathOf(req) === EVENTS_PATH) {
      log.warn("slack request refused: timestamp more than 5 minutes ahead");
      req.resume();
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

/** Acks; an ack that comes too late (the receiver answered already) must not cost the turn. */
async function acknowledge(ack: () => Promise<void>): Promise<void> {
  await ack().catch(() => {});
}

/** The fields of a block_actions payload the turns need. */
function toClick(body: unknown, action: unknown): SlackButtonClick {
  const b = body as {
    team?: { id?: string } | null;
    user: { id: string; name?: string; username?: string; team_id?: string };
    channel?: { id?: string };
    container?: { channel_id?: string; is_ephemeral?: boolean };
    message?: SlackButtonClick["message"];
    response_url?: string;
  };
  const a = action as { action_id?: string; text?: { text?: string } };
  return {
    teamId: b.team?.id ?? b.user.team_id ?? "",
    channel: b.channel?.id ?? b.container?.channel_id ?? "",
    user: { id: b.user.id, ...((b.user.name ?? b.user.username) ? { name: b.user.name ?? b.user.username } : {}) },
    actionId: a.action_id ?? "",
    label: a.text?.text ?? "",
    ...(b.response_url ? { responseUrl: b.response_url } : {}),
    ...(b.message ? { message: b.message } : {}),
    ephemeral: b.container?.is_ephemeral === true,
  };
}

/** The bot's ids: given, or from auth.test in the background (retried later when Slack is unreachable). */
function lazyIdentity(options: SlackAppOptions, clientOptions: webApi.WebClientOptions, log: Logger) {
  let known: { botId?: string; botUserId?: string } | undefined =
    options.botId && options.botUserId ? { botId: options.botId, botUserId: options.botUserId } : undefined;
  let nextTry = 0;
  const probe = new webApi.WebClient(options.botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: 5_000 });
  const resolveSoon = () => {
    if (known || Date.now() < nextTry) return;
    nextTry = Date.now() + 60_000;
    probe.auth.test().then(
      (r) => void (known = { ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}) }),
      (error: unknown) => log.warn("slack auth.test failed; retrying later", { error: slackErrorCode(error) }),
    );
  };
  return {
    known: () => {
      resolveSoon();
      return known;
    },
    resolveSoon,
  };
}

/** Socket Mode: connects, and keeps trying when Slack cannot be reached (the client reconnects by itself after that). */
async function connectSocket(app: App, log: Logger, stopped: () => boolean): Promise<void> {
  for (let wait = 1_000; !stopped(); wait = Math.min(wait * 2, 60_000)) {
    try {
      await app.start();
      log.info("slack socket mode connected");
      return;
    } catch (error) {
      log.warn("slack socket mode connection failed; retrying", { error: slackErrorCode(error), retryInMs: wait });
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  }
}

/** Bolt's and the WebClient's logger on top of ours (debug dropped). */
function boltLogger(log: Logger): BoltLogger {
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: () => {},
    info: (...m) => log.info(`slack: ${text(m)}`),
    warn: (...m) => log.warn(`slack: ${text(m)}`),
    error: (...m) => log.error(`slack: ${text(m)}`),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
