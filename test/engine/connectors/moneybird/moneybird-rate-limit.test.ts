import { afterEach, describe, expect, it } from "vitest";
import { createMoneybirdPacer } from "../../../../engine/connectors/moneybird/moneybird-pacer.js";
import { startMoneybirdRig, type MoneybirdTestRig } from "./moneybird-harness.js";

/** Moneybird's 150 requests per 5 minutes, scaled down so a test takes seconds. */
const scaledLimit = { requests: 20, windowMs: 1_000 };

describe("Moneybird rate limit", () => {
  let rig: MoneybirdTestRig;
  afterEach(async () => {
    await rig.simulator.close();
  });

  it("enforces 150 requests per 5 minutes by default, answering 429 'Retry later' with the RateLimit headers", async () => {
    const clock = new Date("2026-03-02T10:00:30Z");
    rig = await startMoneybirdRig({ now: () => clock });
    const get = () => fetch(`${rig.simulator.baseUrl}/administrations.json`, { headers: { Authorization: `Bearer ${rig.simulator.token}` } });
    const answers = await Promise.all(Array.from({ length: 152 }, get));
    expect(answers.map((answer) => answer.status).filter((status) => status === 429)).toHaveLength(2);
    const last = answers.find((answer) => answer.status === 429)!;
    expect(await last.text()).toBe("Retry later");
    expect(last.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(last.headers.get("RateLimit-Limit")).toBe("150");
    expect(last.headers.get("RateLimit-Remaining")).toBe("0");
    expect(last.headers.get("RateLimit-Reset")).toBe(String(Date.parse("2026-03-02T10:05:00Z") / 1000));
    expect(last.headers.get("Retry-After")).toBe("270");
    expect(rig.simulator.stats.rateLimited).toBe(2);
  });

  it("sends no 429 to two connectors that share one pacer, 60 requests against 20 per second", async () => {
    rig = await startMoneybirdRig({ rateLimit: scaledLimit });
    const pacer = createMoneybirdPacer(scaledLimit);
    const [shop1, shop2] = [rig.connect({ pacer }), rig.connect({ pacer })];
    const calls = Array.from({ length: 30 }, () => [shop1.listLedgers(), shop2.listLedgers()]).flat();
    const results = await Promise.all(calls);
    expect(results.every((ledgers) => ledgers.length === 6)).toBe(true);
    expect(rig.simulator.requests).toHaveLength(60);
    expect(rig.simulator.stats.rateLimited).toBe(0);
  });

  it("follows the RateLimit-Remaining budget across windows: 8 callers, 100 requests against 20 per second, no 429", async () => {
    rig = await startMoneybirdRig({ rateLimit: scaledLimit });
    // The local guess is far too generous: only Moneybird's headers keep the callers under the limit.
    const pacer = createMoneybirdPacer({ requests: 1_000, windowMs: 1_000 });
    const connector = rig.connect({ pacer });
    let sent = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < 100) {
          sent += 1;
          expect(await connector.listLedgers()).toHaveLength(6);
        }
      }),
    );
    expect(rig.simulator.requests.length).toBeGreaterThanOrEqual(100);
    expect(rig.simulator.stats.rateLimited).toBe(0);
  });

  it("does hit the limit without a pacer", async () => {
    rig = await startMoneybirdRig({ rateLimit: scaledLimit });
    const [shop1, shop2] = [rig.connect({ pacer: false, maxRateLimitWaitMs: 0 }), rig.connect({ pacer: false, maxRateLimitWaitMs: 0 })];
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => [shop1.listLedgers(), shop2.listLedgers()]).flat());
    expect(rig.simulator.stats.rateLimited).toBeGreaterThan(0);
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((result) => (result.reason as { code?: string }).code === "RATE_LIMITED")).toBe(true);
  });

  it("does hit the limit when each connector has a pacer of its own for the same token", async () => {
    rig = await startMoneybirdRig({ rateLimit: scaledLimit });
    const [shop1, shop2] = [rig.connect({ pacer: createMoneybirdPacer(scaledLimit) }), rig.connect({ pacer: createMoneybirdPacer(scaledLimit) })];
    await Promise.allSettled(Array.from({ length: 30 }, () => [shop1.listLedgers(), shop2.listLedgers()]).flat());
    expect(rig.simulator.stats.rateLimited).toBeGreaterThan(0);
  });

  it("holds the pacer when Moneybird reports RateLimit-Remaining 0, so others on the token cause no 429", async () => {
    rig = await startMoneybirdRig({ rateLimit: { requests: 5, windowMs: 1_000 } });
    const connector = rig.connect({ pacer: createMoneybirdPacer({ requests: 100, windowMs: 1_000 }) });
    for (let call = 0; call < 12; call += 1) expect(await connector.listLedgers()).toHaveLength(6);
    expect(rig.simulator.stats.rateLimited).toBe(0);
  });

  it("switches the limit off with rateLimit: false", async () => {
    rig = await startMoneybirdRig({ rateLimit: false });
    const connector = rig.connect({ pacer: false });
    await Promise.all(Array.from({ length: 200 }, () => connector.listLedgers()));
    expect(rig.simulator.stats.rateLimited).toBe(0);
    expect(rig.simulator.requests.at(-1)?.status).toBe(200);
  });
});
