/**
 * Property 2 of issue #10, manual side: Verwerk pressed seconds after attempts whose answer was lost
 * never books twice. Every document POST of the first run gets no answer in time: most are slow and
 * land in Moneybird after the client gave up (up to four seconds later), some are dropped and never
 * land. The merchant presses Verwerk again and again while those late documents arrive; a sale whose
 * document may still land is retried only once it is found by reference (recovered), and created anew
 * only after the connector's time-out plus margin has passed without it (engine/retry/uncertain-attempts.ts).
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createSeededRandom } from "../../bot/demo/seeded-random.js";
import { sales, transfers } from "../../db/schema.js";
import { retrySales } from "../../engine/retry/retry-sales.js";
import { autoRetryDelaysMs } from "../../engine/retry/retry-schedule.js";
import { landingWindowMs } from "../../engine/retry/uncertain-attempts.js";
import type { Actor } from "../../engine/runtime/actor.js";
import { runSync } from "../../engine/sync/run-sync.js";
import { chaosCount, chaosTimeout, printChaosCounts } from "../support/chaos-counts.js";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness.js";
import { testDriver } from "../support/test-database.js";

const saleCount = chaosCount(200, 20);
const TIMEOUT_MS = 300;
/** The longest a late document takes to land after it was sent. */
const LATEST_LANDING_MS = 4_000;
const merchant: Actor = { platform: "slack", workspace: "T1", channel: "C1", user: "U1" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`Verwerk right after uncertain attempts books nothing twice, on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("retries a sale whose document may still land only once it is found, or after the time-out window", { timeout: chaosTimeout(900_000, 120_000) }, async () => {
    h = await startEngineHarness({ timeoutMs: TIMEOUT_MS });
    h.addOrders(saleCount);
    // The first run only fetches: the token is refused at the master data.
    h.books.revokeToken();
    await runSync(h.deps, h.koppelingId);
    h.books.settings.validTokens.add(h.books.token);
    expect(await h.deps.db.$count(sales)).toBe(saleCount);
    // Their automatic retries are used up: a failed attempt puts them in Fouten, where Verwerk applies.
    await h.deps.db.update(sales).set({ autoRetryCount: autoRetryDelaysMs.length, state: "queued", nextRetryAt: null, errorCode: null });

    const random = createSeededRandom(10_002);
    // Which fault each document POST got; a rule is taken exactly when its random source is asked.
    const fired = { late: 0, dropped: 0 };
    for (let i = 0; i < saleCount; i++) {
      const late = random.next() < 0.8;
      h.books.injectFault({
        method: "POST",
        path: /external_sales_invoices/,
        fault: late ? { kind: "slow", delayMs: random.int(TIMEOUT_MS * 2, LATEST_LANDING_MS) } : { kind: "drop" },
        times: 1,
        probability: 1,
        random: () => ((fired[late ? "late" : "dropped"] += 1), 0),
      });
    }
    const syncStarted = performance.now();
    await runSync(h.deps, h.koppelingId);
    const syncMs = Math.round(performance.now() - syncStarted);
    // A sale whose debtor lookup timed out (a loaded machine) sent no document: no fault is left for later.
    h.books.clearFaults();
    const { late: slow, dropped } = fired;
    expect(await statesOf(h)).toEqual({ rejected: saleCount });

    // Verwerk, again and again, while the late documents land (the manual clock stands still: seconds later).
    let presses = 0;
    let waitingReported = 0;
    const started = performance.now();
    while (performance.now() - started < LATEST_LANDING_MS + 500) {
      const result = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);
      presses += 1;
      waitingReported += result.waiting.length;
      for (const w of result.waiting) expect(w.safeAfter.getTime()).toBeGreaterThan(h.clock.now().getTime());
      expect(duplicates(h)).toEqual([]);
      await sleep(random.int(0, 300));
    }
    const once = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);
    presses += 1;
    expect(once.waiting).toHaveLength(dropped);
    const whileLanding = await statesOf(h);
    const landingMs = Math.round(performance.now() - started);
    // Every late document has landed and was found by reference (and sales that sent none are booked);
    // the dropped ones still wait.
    expect(whileLanding).toEqual({ transferred: saleCount - dropped, ...(dropped ? { rejected: dropped } : {}) });
    expect(h.books.state.externalSalesInvoices).toHaveLength(saleCount - dropped);

    // After the time-out and its margin nothing can land any more: Verwerk now books the dropped ones.
    const accounting = h.deps.connectors.accountingConnector({ system: "moneybird", baseUrl: h.books.baseUrl, credentials: { token: h.books.token } }, null);
    h.clock.advance(landingWindowMs(accounting) + 1_000);
    const last = await retrySales(h.deps, h.koppelingId, { kind: "all" }, merchant);
    presses += 1;
    expect(last.waiting).toEqual([]);

    expect(await statesOf(h)).toEqual({ transferred: saleCount });
    expect(duplicates(h)).toEqual([]);
    expect(new Set(h.books.state.externalSalesInvoices.map((i) => String(i.reference))).size).toBe(saleCount);
    const recovered = await h.deps.db.$count(transfers, eq(transfers.recovered, true));
    expect(recovered).toBe(slow);
    printChaosCounts(`Verwerk after uncertain attempts (${testDriver})`, {
      sales: saleCount,
      lateDocuments: slow,
      droppedDocuments: dropped,
      presses,
      waitingReported,
      recoveredByReference: recovered,
      createdAnew: saleCount - recovered,
      documentPosts: h.books.requests.filter((r) => r.method === "POST" && /external_sales_invoices/.test(r.path)).length,
      documents: h.books.state.externalSalesInvoices.length,
      doubleBookings: 0,
      syncMs,
      landingMs,
    });
  });
});

async function statesOf(h: EngineHarness): Promise<Record<string, number>> {
  const rows = await h.deps.db.select({ state: sales.state, n: sql<number>`count(*)::int` }).from(sales).groupBy(sales.state);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

function duplicates(h: EngineHarness): string[] {
  const perReference = new Map<string, number>();
  for (const invoice of h.books.state.externalSalesInvoices) {
    const reference = String(invoice.reference);
    perReference.set(reference, (perReference.get(reference) ?? 0) + 1);
  }
  return [...perReference].filter(([, n]) => n > 1).map(([reference, n]) => `${reference}: ${n}`);
}
