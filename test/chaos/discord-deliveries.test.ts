/**
 * Properties 3 and 4 of issue #10 on the Discord adapter, through a real discord.js client on the fake
 * Discord gateway and REST API. Duplicate deliveries: the same INTERACTION_CREATE (same interaction id)
 * delivered twice and many times at once → one callback, one answer; the same retry-confirm click
 * delivered many times → one retry, at most one booking. Forged requests: koppelbot receives Discord
 * over the gateway (an authenticated WebSocket it opens itself), not over HTTP interactions, so there
 * is no request signature to forge; the test checks that serve exposes no interactions endpoint.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.js";
import { serve } from "../../bot/serve.js";
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { Inbound } from "../../conversations/core/inbound.js";
import { sales, transferAttempts, transfers } from "../../db/schema.js";
import { updateConfig } from "../../engine/config/update-config.js";
import { silentLogger } from "../../engine/runtime/engine-deps.js";
import { chaosCount, chaosTimeout, printChaosCounts } from "../support/chaos-counts.js";
import { type DiscordHarness, seeDiscordMessage, startDiscordHarness } from "../support/discord-driver.js";
import { seedIds } from "../support/engine-harness.js";
import { startFakeDiscord } from "../support/fake-discord.js";
import { testDriver } from "../support/test-database.js";

const deliveries = chaosCount(100, 10);
const MERCHANT = "100000000000000001";

/** What reached the core: every turn with its kind and whether the core refused it. */
interface CoreRecord {
  turns: Array<{ kind: Inbound["kind"]; refused: string | undefined }>;
}

/** The real core behind a counter (our own decorator, no mock). */
function counting(core: ConversationCore, record: CoreRecord): ConversationCore {
  return {
    ...core,
    async handle(inbound) {
      const reply = await core.handle(inbound);
      record.turns.push({ kind: inbound.kind, refused: reply.refused });
      return reply;
    },
    // A repeated delivery id comes back as null: no turn ran.
    async handleDelivery(inbound, deliveryId, send) {
      const reply = await core.handleDelivery(inbound, deliveryId, send);
      if (reply) record.turns.push({ kind: inbound.kind, refused: reply.refused });
      return reply;
    },
  };
}

describe(`Discord duplicate deliveries, on ${testDriver}`, () => {
  let h: DiscordHarness;
  const core: CoreRecord = { turns: [] };
  beforeAll(async () => {
    h = await startDiscordHarness({ core: (real) => counting(real, core) });
    await h.responseTo((await h.fake.command(MERCHANT, h.channel, "link", { key: "KB-DEMO-0001" })).id);
  }, 120_000);
  afterAll(async () => h?.close());

  /**
   * Waits until the bot is done with everything dispatched so far: a fresh interaction after the
   * duplicates is answered, then a moment for any duplicate still in flight to show itself.
   */
  async function drained(): Promise<void> {
    await h.responseTo((await h.fake.command(MERCHANT, h.otherChannels[1], "help")).id);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const messagesOf = (interactionId: string) => h.fake.state.messages.filter((m) => m.interactionId === interactionId);

  it.each([2, deliveries])("answers the same /koppeling interaction delivered %i times once", { timeout: chaosTimeout(120_000, 30_000) }, async (times) => {
    const turns = core.turns.length;
    const { id, payload } = await h.fake.command(MERCHANT, h.channel, "status");
    await Promise.all(Array.from({ length: times - 1 }, () => h.fake.redeliver(payload)));
    await h.responseTo(id);
    await drained();

    expect(h.fake.interaction(id)!.callbacks).toHaveLength(1);
    expect(messagesOf(id)).toHaveLength(1);
    // One turn for the interaction, one for the drain.
    expect(core.turns.length - turns).toBe(2);
    // The bot never tried a second answer (Discord would refuse it with 40060 "already acknowledged").
    expect(h.fake.state.requests.filter((r) => r.status >= 400)).toEqual([]);
    printChaosCounts(`Discord same command interaction ${times}× (${testDriver})`, { deliveries: times, callbacks: h.fake.interaction(id)!.callbacks.length, answers: messagesOf(id).length, coreTurns: core.turns.length - turns - 1 });
  });

  it(`runs one retry when the same button interaction is delivered ${deliveries} times at once`, { timeout: chaosTimeout(120_000, 30_000) }, async () => {
    const db = h.chat.deps.db;
    const koppelingId = h.chat.demo.koppelingId;
    const [rejected] = await db
      .select({ id: sales.id, number: sales.number })
      .from(sales)
      .where(and(eq(sales.koppelingId, koppelingId), eq(sales.state, "rejected"), eq(sales.errorCode, "VAT_CODE_MISSING")))
      .limit(1);
    expect(rejected).toBeDefined();
    // Fix what the demo gets wrong (9% unmapped, shipping on a balance-sheet ledger), so the retry books the sale.
    const actor = { platform: "discord", user: MERCHANT } as const;
    expect((await updateConfig(h.chat.deps, koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, actor)).kind).toBe("updated");
    expect((await updateConfig(h.chat.deps, koppelingId, { kind: "setLedger", role: "shipping", ledger: "8050" }, actor)).kind).toBe("updated");
    const preview = await h.answerTo(await h.fake.mention(MERCHANT, h.channel, `zet ${rejected!.number} opnieuw door`));
    const yes = seeDiscordMessage(preview).buttons.find((b) => /^Ja/.test(b.label));
    expect(yes, seeDiscordMessage(preview).text).toBeDefined();

    const attemptsBefore = await db.$count(transferAttempts, eq(transferAttempts.saleId, rejected!.id));
    const documentsOf = () => h.chat.demo.books.state.externalSalesInvoices.filter((i) => String(i.reference) === rejected!.number).length;
    const documentsBefore = documentsOf();
    const turns = core.turns.length;
    const { id, payload } = await h.fake.click(MERCHANT, h.fake.message(preview.id)!, yes!.id);
    await Promise.all(Array.from({ length: deliveries - 1 }, () => h.fake.redeliver(payload)));
    const result = await h.followUpOf(id);
    await drained();

    const clicks = core.turns.slice(turns, -1);
    expect(clicks).toEqual([{ kind: "action", refused: undefined }]);
    expect(h.fake.interaction(id)!.callbacks).toHaveLength(1);
    expect(messagesOf(id).filter((m) => m.via === "followup")).toHaveLength(1);
    expect(seeDiscordMessage(result).text).toMatch(/1 doorgezet/);
    expect(await db.$count(transferAttempts, eq(transferAttempts.saleId, rejected!.id))).toBe(attemptsBefore + 1);
    const bookings = documentsOf() - documentsBefore;
    expect(bookings).toBe(1);
    const [booked] = await db.select({ n: count() }).from(transfers);
    expect(h.chat.demo.books.state.externalSalesInvoices.length).toBe(booked!.n);
    expect(h.fake.state.requests.filter((r) => r.status >= 400)).toEqual([]);
    printChaosCounts(`Discord same button interaction ${deliveries}× (${testDriver})`, { deliveries, callbacks: h.fake.interaction(id)!.callbacks.length, followUps: 1, retriesRun: clicks.length, bookings });
  });

  it.skip("forged requests: none to forge — koppelbot takes Discord interactions over the gateway (a WebSocket it opens with its bot token), not over a signed HTTP interactions endpoint", () => {});

  it("serves no Discord HTTP interactions endpoint (so there is no Ed25519 signature to forge)", { timeout: 60_000 }, async () => {
    const discord = await startFakeDiscord();
    const dataDir = mkdtempSync(path.join(tmpdir(), "koppelbot-chaos-"));
    const databaseUrl = (h.chat.database as { url?: string }).url;
    const config = loadConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      KOPPELBOT_DATA_DIR: dataDir,
      PORT: "0",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      // What an HTTP-interactions bot would need; koppelbot has no such setting and ignores it.
      DISCORD_PUBLIC_KEY: "a".repeat(64),
    });
    expect(Object.keys(config.discord).filter((key) => /public|interaction/i.test(key))).toEqual([]);
    const service = await serve(config, { log: silentLogger });
    try {
      expect(service.parts.map((p) => p.name)).toContain("discord");
      await discord.gateway.ready();
      // Discord's endpoint check: a PING (type 1) that must be answered with a PONG after verifying the signature.
      const ping = JSON.stringify({ type: 1, id: "1", application_id: discord.applicationId, token: "t", version: 1 });
      const headers = { "content-type": "application/json", "x-signature-ed25519": "0".repeat(128), "x-signature-timestamp": String(Math.floor(Date.now() / 1000)) };
      const statuses: Record<string, number> = {};
      for (const route of ["/", "/interactions", "/discord/interactions", "/api/interactions", "/discord", "/slack/events"]) {
        const response = await fetch(`http://127.0.0.1:${service.port}${route}`, { method: "POST", headers, body: ping });
        statuses[route] = response.status;
        expect(await response.text()).not.toMatch(/"type"\s*:\s*1/);
      }
      expect(Object.values(statuses).every((status) => status === 404)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${service.port}/healthz`)).status).toBe(200);
      printChaosCounts(`Discord forged requests (${testDriver})`, { httpInteractionEndpoints: 0, routesTried: Object.keys(statuses).length, answered404: Object.values(statuses).filter((s) => s === 404).length });
    } finally {
      await service.stop();
      await discord.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
