import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimEvent, forgetOldEvents } from "../../../bot/chat/claim-event.js";
import { createChannelQueue } from "../../../bot/chat/channel-queue.js";
import { flushSupportOutbox } from "../../../bot/chat/support-outbox.js";
import { type Reply, renderPlainText } from "../../../conversations/replies/reply.js";
import { problemReports, supportPosts } from "../../../db/schema.js";
import type { DatabaseHandle } from "../../../db/open-database.js";
import { createKoppeling } from "../../../engine/koppelingen/koppeling-repository.js";
import { silentLogger } from "../../../engine/runtime/engine-deps.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";
import { createCredentialCipher } from "../../../db/credential-cipher.js";
import { randomBytes } from "node:crypto";
import { correctConfig } from "../../support/engine-harness.js";

describe(`chat delivery pieces on ${testDriver}`, () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("claims an event id once, also when 50 deliveries arrive at the same time", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 50 }, () => claimEvent(database.db, "slack", "Ev123", now)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimEvent(database.db, "discord", "Ev123", now)).toBe(true);
    expect(await claimEvent(database.db, "slack", "Ev123", new Date(now.getTime() + 60_000))).toBe(false);
    expect(await forgetOldEvents(database.db, new Date(now.getTime() + 25 * 3_600_000))).toBe(2);
    expect(await claimEvent(database.db, "slack", "Ev123", now)).toBe(true);
  });

  it("sends per channel in order, paced, without losing any", async () => {
    const queue = createChannelQueue({ perInterval: 2, intervalMs: 100 });
    const sent: Array<{ channel: string; n: number; at: number }> = [];
    const start = Date.now();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const channel = i % 2 === 0 ? "C-A" : "C-B";
        return queue.send(channel, async () => {
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          sent.push({ channel, n: i, at: Date.now() - start });
        });
      }),
    );
    expect(sent).toHaveLength(12);
    for (const channel of ["C-A", "C-B"]) {
      const mine = sent.filter((s) => s.channel === channel);
      expect(mine.map((s) => s.n)).toEqual([...mine.map((s) => s.n)].sort((a, b) => a - b));
      // 6 sends at 2 per 100 ms: the last one cannot go before 200 ms.
      expect(mine.at(-1)!.at).toBeGreaterThanOrEqual(190);
    }
    expect(queue.pending).toBe(0);
    await expect(queue.send("C-A", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await queue.send("C-A", async () => "next")).toBe("next");
  });

  it("posts each new problem report once to the support channel, with two posters racing", async () => {
    const cipher = createCredentialCipher(randomBytes(32));
    const koppelingId = await createKoppeling(database.db, cipher, {
      name: "Outbox Shop",
      licenseKey: "KB-OUTB-0001",
      installedAt: new Date("2026-11-01T00:00:00Z"),
      sales: { system: "woocommerce", baseUrl: "http://127.0.0.1:1", credentials: { consumerKey: "ck", consumerSecret: "cs" } },
      accounting: { system: "moneybird", baseUrl: "http://127.0.0.1:1", credentials: { token: "t" } },
      config: correctConfig(),
    });
    const now = new Date();
    const bundle = {
      koppeling: { name: "Outbox Shop", licenseKeyHint: "KB-…-0001", salesSystem: "woocommerce", accountingSystem: "moneybird", installedAt: now.toISOString() },
      connections: [{ side: "sales", system: "woocommerce", state: "green", errorCode: null }],
      configuration: {},
      cause: { code: "VAT_CODE_MISSING", fingerprint: "f1", affectedSales: 3, affectedCents: 12345, oldestAt: now.toISOString(), newestAt: now.toISOString() },
      representativeSale: { number: "1001", createdAt: now.toISOString(), shopStatus: "completed", totalCents: 4115, taxCents: 340, customer: { country: "NL", company: null, vatNumber: null, hasEmail: true }, lines: [], errorMessage: null, vendorMessage: "<!channel> tax rate missing" },
      alreadyTried: [],
      note: null,
    };
    for (const n of [1, 2, 3]) {
      await database.db.insert(problemReports).values({ reference: `R-T${n}`, koppelingId, fingerprint: `f${n}`, errorCode: "VAT_CODE_MISSING", bundle, createdAt: now });
    }
    const posted: Reply[] = [];
    const options = (workerId: string) => ({
      db: database.db,
      platform: "slack" as const,
      workerId,
      now: () => new Date(),
      log: silentLogger,
      post: async (reply: Reply) => {
        await new Promise((r) => setTimeout(r, 10));
        posted.push(reply);
        return { ts: String(posted.length) };
      },
    });
    const [a, b] = await Promise.all([flushSupportOutbox(options("w1")), flushSupportOutbox(options("w2"))]);
    expect(a + b).toBe(3);
    expect(posted.map((r) => renderPlainText(r).match(/R-T\d/)![0]).sort()).toEqual(["R-T1", "R-T2", "R-T3"]);
    expect(posted[0]!.actions[0]!.id).toMatch(/^claim:R-T\d$/);
    expect(await flushSupportOutbox(options("w3"))).toBe(0);
    expect((await database.db.select().from(supportPosts)).every((p) => p.state === "posted")).toBe(true);

    // A failed post leaves the claim; it is taken over only after it went stale.
    await database.db.insert(problemReports).values({ reference: "R-T4", koppelingId, fingerprint: "f4", errorCode: "VAT_CODE_MISSING", bundle, createdAt: now });
    const failing = { ...options("w4"), post: async () => Promise.reject(new Error("slack down")) };
    expect(await flushSupportOutbox(failing)).toBe(0);
    expect(await flushSupportOutbox(options("w5"))).toBe(0);
    const later = { ...options("w6"), now: () => new Date(Date.now() + 6 * 60_000) };
    expect(await flushSupportOutbox(later)).toBe(1);
  });
});
