/** Slack's delivery quirks: retries and duplicates, signatures, rate limits, the vendor's own payloads, serve wiring. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../bot/config.js";
import { createSlackApp } from "../../../bot/slack/create-slack-app.js";
import { startSlack } from "../../../bot/slack/start-slack.js";
import type { ConversationCore } from "../../../conversations/core/create-conversation-core.js";
import type { Reply } from "../../../conversations/replies/reply.js";
import { deliverCommand, deliverEvent, deliverInteraction, deliverRaw, mentionEvent } from "../../support/fake-slack-requests.js";
import { fixturesAvailable, fixturesDir, readFixture, readFixtureText } from "../../support/fixtures.js";
import { CHANNEL, SECRET, type SlackHarness, TEAM, startSlackHarness, visibleText } from "../../support/slack-driver.js";
import { testDriver } from "../../support/test-database.js";

/** Counts the turns the core runs (a repeated delivery id is not one): a refused request must never get there. */
function counted(core: ConversationCore, turns: { n: number }): ConversationCore {
  return {
    ...core,
    handle: (inbound) => ((turns.n += 1), core.handle(inbound)),
    handleDelivery: async (inbound, deliveryId, send) => {
      const reply = await core.handleDelivery(inbound, deliveryId, send);
      if (reply) turns.n += 1;
      return reply;
    },
  };
}

describe(`Slack deliveries (${testDriver})`, () => {
  let slack: SlackHarness;
  const turns = { n: 0 };
  beforeAll(async () => {
    slack = await startSlackHarness({ wrapCore: (core) => counted(core, turns) });
  });
  afterAll(async () => slack?.close());

  const answersIn = (channel: string) => slack.fake.messages.filter((m) => m.channel === channel);

  it("answers a redelivered event (same event_id, X-Slack-Retry-Num) exactly once", async () => {
    const event = mentionEvent(TEAM, "C0RETRY", "merchant", "help", slack.fake.botUserId);
    const first = await slack.send(() => deliverEvent(slack.url, SECRET, event));
    expect(first.answers).toHaveLength(1);
    const retries = await slack.send(() => Promise.all([1, 2].map((n) => deliverEvent(slack.url, SECRET, event, { retryNum: n }))).then((d) => d[0]!), 2);
    expect(retries.delivery.status).toBe(200);
    expect(retries.answers).toEqual([]);
    expect(answersIn("C0RETRY")).toHaveLength(1);
  });

  it("answers once when two processes on one database get the same event", async () => {
    const other = createSlackApp({
      core: slack.chat.core,
      db: slack.chat.deps.db,
      clock: slack.chat.deps.clock,
      log: slack.chat.deps.log,
      workerId: "slack-test-2",
      botToken: slack.fake.token,
      signingSecret: SECRET,
      apiUrl: slack.fake.apiUrl,
      supportUsers: [],
    });
    const { port } = await other.start(0);
    try {
      const event = mentionEvent(TEAM, "C0TWICE", "merchant", "help", slack.fake.botUserId);
      const before = slack.bot.handled;
      const deliveries = await Promise.all([deliverEvent(slack.url, SECRET, event), deliverEvent(`http://127.0.0.1:${port}`, SECRET, event, { retryNum: 1 })]);
      expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
      await slack.waitHandled(before + 1);
      while (other.handled < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      await other.settled();
      expect(answersIn("C0TWICE")).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it("refuses bad, stale and future-dated signatures with 401 before any handler runs", async () => {
    const before = { turns: turns.n, handled: slack.bot.handled, messages: slack.fake.messages.length };
    const event = mentionEvent(TEAM, CHANNEL, "merchant", "help", slack.fake.botUserId);
    const now = Math.floor(Date.now() / 1000);
    const forged = await deliverEvent(slack.url, SECRET, event, { secret: "not-the-secret" });
    const stale = await deliverEvent(slack.url, SECRET, event, { timestamp: now - 6 * 60 });
    // Correctly signed, but dated more than 5 minutes ahead: it would stay replayable until then.
    const ahead = await deliverEvent(slack.url, SECRET, event, { timestamp: now + 6 * 60 });
    const farAhead = await deliverCommand(slack.url, SECRET, { team_id: TEAM, channel_id: CHANNEL, user_id: "merchant", command: "/koppeling", text: "status", response_url: slack.fake.responseUrl(CHANNEL, "merchant") }, { timestamp: now + 86_400 });
    const command = await deliverCommand(slack.url, "wrong", { team_id: TEAM, channel_id: CHANNEL, user_id: "merchant", command: "/koppeling", text: "status", response_url: slack.fake.responseUrl(CHANNEL, "merchant") });
    const unsigned = await fetch(`${slack.url}/slack/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(event) });
    expect([forged.status, stale.status, ahead.status, farAhead.status, command.status, unsigned.status]).toEqual([401, 401, 401, 401, 401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect({ turns: turns.n, handled: slack.bot.handled, messages: slack.fake.messages.length }).toEqual(before);
    // Within the window either way (Slack's clock may run a little ahead) the same event is answered.
    const slightlyAhead = await slack.send(() => deliverEvent(slack.url, SECRET, event, { timestamp: now + 4 * 60 }));
    expect(slightlyAhead.delivery.status).toBe(200);
    expect(slightlyAhead.answers).toHaveLength(1);
  });

  it("waits out a 429 from the Web API and still delivers the reply", async () => {
    slack.fake.rateLimit("chat.postMessage", 1);
    const started = Date.now();
    const outcome = await slack.mention("help", "merchant", { channel: "C0LIMIT" });
    expect(outcome.answers).toHaveLength(1);
    expect(visibleText(outcome.answers[0]!)).toMatch(/Ik help je|begreep ik niet/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const posts = slack.fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === "C0LIMIT");
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
  });

  it("ignores its own messages, other bots and edits", async () => {
    const before = slack.fake.messages.length;
    const dm = (extra: Record<string, unknown>) => ({
      team_id: TEAM,
      type: "event_callback",
      event_id: `EvIGNORE${Math.random()}`,
      event: { type: "message", channel: "D0IGNORE", channel_type: "im", ts: "1.1", text: "help", ...extra },
    });
    const sent = [dm({ user: "someone", bot_id: "B0OTHER" }), dm({ user: "someone", subtype: "message_changed" }), dm({ user: slack.fake.botUserId })];
    await slack.send(() => Promise.all(sent.map((e) => deliverEvent(slack.url, SECRET, e))).then((d) => d[0]!), 3);
    expect(slack.fake.messages.length).toBe(before);
  });

  it.skipIf(!fixturesAvailable)("accepts Slack's example payloads as they are", async () => {
    const files = readdirSync(path.join(fixturesDir, "slack")).filter((f) => /^(events|interactivity|slash_command)_/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(9);
    const deliveries = await Promise.all(
      files.map(async (file) => {
        const raw = readFixtureText(`slack/${file}`);
        const delivery = file.startsWith("events_")
          ? await deliverRaw(slack.url, SECRET, raw, "application/json")
          : file.startsWith("interactivity_")
            ? await deliverInteraction(slack.url, SECRET, readFixture(`slack/${file}`))
            : await deliverCommand(slack.url, SECRET, readFixture(`slack/${file}`));
        return { file, status: delivery.status, ms: delivery.ms };
      }),
    );
    for (const d of deliveries) {
      expect(d.status, d.file).toBe(200);
      expect(d.ms, d.file).toBeLessThan(3_000);
    }
    await slack.bot.settled();
    expect(visibleText(answersIn("C123ABC456")[0]!)).toMatch(/begreep ik niet|didn.t quite get that/);
    expect(answersIn("C123ABC456")[0]!.thread_ts).toBe("1515449522.000016");
    expect(answersIn("D024BE91L")).toHaveLength(1);
    expect(answersIn("C111").some((m) => m.thread_ts === "1678252212.229129")).toBe(true);
    // The button of someone else's app is unknown to us: a private answer, the original left alone.
    expect(answersIn("C111").some((m) => m.ephemeralTo === "U111" && /ken ik niet/.test(visibleText(m)))).toBe(true);
  }, 20_000);

  it("posts digests through the poster, and tells gone places from failures", async () => {
    const reply: Reply = { intent: "status", language: "nl", blocks: [{ kind: "text", text: "Weekoverzicht <!channel>" }], actions: [] };
    const posted = await slack.bot.poster.post(`${TEAM}/C0DIGEST`, reply);
    expect(posted).toMatchObject({ kind: "posted", ref: { channel: "C0DIGEST" } });
    expect(answersIn("C0DIGEST")[0]!.blocks[0]).toMatchObject({ text: { text: "Weekoverzicht &lt;!channel&gt;" } });
    slack.fake.failChannel("C0GONE", "channel_not_found");
    slack.fake.failChannel("C0ARCHIVED", "is_archived");
    slack.fake.failChannel("C0BROKEN", "internal_error");
    expect(await slack.bot.poster.post(`${TEAM}/C0GONE`, reply)).toEqual({ kind: "gone", reason: "channel_not_found" });
    expect(await slack.bot.poster.post(`${TEAM}/C0ARCHIVED`, reply)).toEqual({ kind: "gone", reason: "is_archived" });
    expect(await slack.bot.poster.post(`${TEAM}/C0BROKEN`, reply)).toMatchObject({ kind: "failed" });
  });

  it("never calls auth.test at construction and keeps serving when Slack cannot be reached", async () => {
    const authTests = () => slack.fake.calls.filter((c) => c.method === "auth.test").length;
    const seen = authTests();
    const offline = createSlackApp({
      core: slack.chat.core,
      db: slack.chat.deps.db,
      clock: slack.chat.deps.clock,
      log: slack.chat.deps.log,
      workerId: "slack-offline",
      botToken: slack.fake.token,
      signingSecret: SECRET,
      apiUrl: "http://127.0.0.1:9/api",
      supportUsers: [],
      retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 },
    });
    expect(authTests()).toBe(seen);
    const { port } = await offline.start(0);
    try {
      const delivery = await deliverEvent(`http://127.0.0.1:${port}`, SECRET, mentionEvent(TEAM, "C0OFFLINE", "merchant", "help", "UOTHER"));
      expect(delivery.status).toBe(200);
      while (offline.handled < 1) await new Promise((resolve) => setTimeout(resolve, 10));
      const again = await deliverEvent(`http://127.0.0.1:${port}`, SECRET, mentionEvent(TEAM, "C0OFFLINE", "merchant", "help", "UOTHER"));
      expect(again.status).toBe(200);
    } finally {
      await offline.stop();
    }
  });

  it("serves Slack and GET /healthz on one port when started by serve", async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: slack.fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.fake.apiUrl, PORT: "0" });
    const runtime = { config, database: slack.chat.database, deps: slack.chat.deps, close: async () => {} };
    const part = await startSlack({ config, runtime, core: slack.chat.core, log: slack.chat.deps.log, posters: [] });
    try {
      const base = `http://127.0.0.1:${part.port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      expect((await fetch(`${base}/nope`)).status).toBe(404);
      const delivery = await deliverEvent(base, SECRET, mentionEvent(TEAM, "C0SERVE", "merchant", "help", slack.fake.botUserId));
      expect(delivery.status).toBe(200);
      while (part.bot.handled < 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await part.bot.settled();
      expect(answersIn("C0SERVE")).toHaveLength(1);
    } finally {
      await part.stop();
    }
  });
});
