/**
 * Property 2 of issue #10: vendor chaos. While the simulators fail 20% of requests at random (401, 429
 * with Retry-After, 500, time-outs, truncated and invalid JSON), repeated sync runs never crash, every
 * sale ends correctly classified, and no sale is booked twice. "Correctly classified" means, per sale:
 * - transferred: no error, exactly one document with its reference in Moneybird;
 * - rejected: a catalogue code from the injected faults, the catalogue's action class, and either a
 *   permanent cause or automatic retries exhausted;
 * - queued: a temporary cause with its next automatic retry planned (retries not exhausted);
 * and nothing left "transferring". Runs repeat until every sale was tried at least once. A document for a sale not (yet) transferred is only allowed after an
 * uncertain attempt (the answer was lost): the next retry finds it by reference.
 * Afterwards the faults stop and Verwerk is pressed on what was rejected: every sale is transferred once.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createSeededRandom } from "../../bot/demo/seeded-random.js";
import { sales, transferAttempts, transfers } from "../../db/schema.js";
import { describeErrorCode, isErrorCode } from "../../engine/errors/catalogue.js";
import { autoRetryDelaysMs } from "../../engine/retry/retry-schedule.js";
import { runSync } from "../../engine/sync/run-sync.js";
import { chaosCount, chaosTimeout, printChaosCounts } from "../support/chaos-counts.js";
import { randomFaultRules, vendorChaosShares } from "../support/chaos-faults.js";
import { createCapturingLogger } from "../support/chaos-logger.js";
import { dumpDatabase, findSecrets } from "../support/chaos-secrets.js";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness.js";
import { testDriver } from "../support/test-database.js";

const saleCount = chaosCount(10_000, 300);
/** A run stops booking at the first 401 or 429 (stop codes), so it takes many runs until every sale was tried. */
const MAX_RUNS = chaosCount(4_000, 400);
const TIMEOUT_MS = 150;
/** A "time-out" fault answers this late: after the client gave up. */
const SLOW_MS = TIMEOUT_MS * 2;
const faultCodes = new Set(["CONN_ACC_TOKEN_EXPIRED", "ACC_UNAVAILABLE", "RATE_LIMITED"]);

describe(`vendor chaos: 20% of vendor requests fail at random, on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it(`classifies every sale correctly and books none twice`, { timeout: chaosTimeout(3_600_000, 110_000) }, async () => {
    // Back-offs between retried GETs a tenth of production's: the same retries, thousands of them, in minutes.
    h = await startEngineHarness({ timeoutMs: TIMEOUT_MS, retryDelayScale: 0.1 });
    const log = createCapturingLogger();
    h.deps.log = log;
    h.addOrders(saleCount);
    const random = createSeededRandom(20);
    const moneybird = randomFaultRules(vendorChaosShares(SLOW_MS), random.next);
    const shop = randomFaultRules(vendorChaosShares(SLOW_MS), random.next);
    for (const rule of moneybird.rules) h.books.injectFault(rule);
    for (const rule of shop.rules) h.shop.injectFault(rule);

    let crashes = 0;
    let runs = 0;
    let waitedMs = 0;
    while (runs < MAX_RUNS && (await untried(h)) > 0) {
      runs += 1;
      await runSync(h.deps, h.koppelingId).catch(() => void (crashes += 1));
      h.clock.advance(13 * 3_600_000); // every planned automatic retry is due by the next run
      // The manual clock jumps 13 hours, real time does not: a timed-out request may still be on its way
      // to the simulator. In production the first automatic retry comes a minute after a 30-second
      // time-out; here the next run waits until the last timed-out Moneybird request has landed (its
      // delay after it was received, plus a margin), as it would have by then. Usually it already has.
      const landed = (moneybird.lastInjectedAt.timeout ?? 0) + SLOW_MS + 100 - performance.now();
      if (landed > 0) {
        waitedMs += landed;
        await new Promise((resolve) => setTimeout(resolve, landed));
      }
    }
    expect(await untried(h)).toBe(0);
    expect(crashes).toBe(0);
    const classified = await expectCorrectlyClassified(h);

    h.books.clearFaults();
    h.shop.clearFaults();
    // Verwerk after the merchant reconnected: every rejected sale goes again.
    await h.deps.db.update(sales).set({ state: "queued", nextRetryAt: null }).where(eq(sales.state, "rejected"));
    for (let run = 0; run < 3; run++) {
      await runSync(h.deps, h.koppelingId);
      h.clock.advance(13 * 3_600_000);
    }
    const after = await statesOf(h);
    expect(after).toEqual({ transferred: saleCount });
    const perReference = documentsPerReference(h);
    expect([...perReference.values()].filter((n) => n > 1)).toEqual([]);
    expect(perReference.size).toBe(saleCount);
    expect(await h.deps.db.$count(transfers)).toBe(saleCount);
    const recovered = await h.deps.db.$count(transfers, eq(transfers.recovered, true));

    const dump = await dumpDatabase(h.deps.db);
    const secrets = [h.books.token, "ck_simulator", "cs_simulator", "ck_simulator:cs_simulator"];
    const findings = findSecrets([...dump.map((t) => ({ where: `table ${t.table}`, text: t.json })), { where: "logs", text: log.lines.join("\n") }], secrets);
    expect(findings).toEqual([]);

    const injectedMoneybird = Object.values(moneybird.injected).reduce((a, b) => a + b, 0);
    const injectedShop = Object.values(shop.injected).reduce((a, b) => a + b, 0);
    printChaosCounts(`vendor chaos (${testDriver})`, {
      sales: saleCount,
      runs,
      crashes,
      waitedForLateRequestsMs: Math.round(waitedMs),
      moneybirdRequests: h.books.requests.length,
      moneybirdFaults: injectedMoneybird,
      shopRequests: h.shop.requests.length,
      shopFaults: injectedShop,
      ...Object.fromEntries(Object.entries(moneybird.injected).map(([k, v]) => [`mb_${k}`, v])),
      ...classified,
      doubleBookings: 0,
      recoveredByReference: recovered,
      finallyTransferred: after.transferred ?? 0,
      secretsFound: findings.length,
    });
  });
});

/** Sales not fetched yet, or queued and never tried (a run stopped before them). */
async function untried(h: EngineHarness): Promise<number> {
  const fetched = await h.deps.db.$count(sales);
  const waiting = await h.deps.db.$count(sales, sql`${sales.state} = 'queued' and ${sales.errorCode} is null`);
  return saleCount - fetched + waiting;
}

async function statesOf(h: EngineHarness): Promise<Record<string, number>> {
  const rows = await h.deps.db.select({ state: sales.state, n: sql<number>`count(*)::int` }).from(sales).groupBy(sales.state);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

function documentsPerReference(h: EngineHarness): Map<string, number> {
  const perReference = new Map<string, number>();
  for (const invoice of h.books.state.externalSalesInvoices) {
    const reference = String(invoice.reference);
    perReference.set(reference, (perReference.get(reference) ?? 0) + 1);
  }
  return perReference;
}

/** Checks the classification rules of the file comment; returns the counts per final state. */
async function expectCorrectlyClassified(h: EngineHarness): Promise<Record<string, number>> {
  const rows = await h.deps.db.select().from(sales);
  expect(rows).toHaveLength(saleCount);
  const uncertain = new Set(
    (await h.deps.db.select({ saleId: transferAttempts.saleId, outcome: transferAttempts.outcome }).from(transferAttempts))
      .filter((a) => a.outcome === "uncertain" || a.outcome === "started")
      .map((a) => a.saleId),
  );
  const perReference = documentsPerReference(h);
  const violations: string[] = [];
  const counts = { transferred: 0, rejected: 0, queuedForRetry: 0, documentsAwaitingRecovery: 0 };
  for (const sale of rows) {
    const documents = perReference.get(sale.number) ?? 0;
    if (documents > 1) violations.push(`#${sale.number}: ${documents} documents`);
    if (sale.state === "transferred") {
      counts.transferred += 1;
      if (sale.errorCode !== null) violations.push(`#${sale.number}: transferred with ${sale.errorCode}`);
      if (documents !== 1) violations.push(`#${sale.number}: transferred without its document`);
      continue;
    }
    if (documents === 1) {
      counts.documentsAwaitingRecovery += 1;
      if (!uncertain.has(sale.id)) violations.push(`#${sale.number}: a document exists but no attempt was uncertain`);
    }
    const code = sale.errorCode ?? "";
    if (!isErrorCode(code)) {
      violations.push(`#${sale.number}: ${sale.state} without a catalogue code`);
      continue;
    }
    const entry = describeErrorCode(code);
    if (!faultCodes.has(code)) violations.push(`#${sale.number}: ${code} is not what the injected faults cause`);
    if (sale.errorClass !== entry.actionClass) violations.push(`#${sale.number}: ${code} with class ${sale.errorClass}`);
    if (sale.state === "rejected") {
      counts.rejected += 1;
      if (entry.family === "temporary" && sale.autoRetryCount < autoRetryDelaysMs.length) violations.push(`#${sale.number}: temporary ${code} in Fouten before its retries ran out`);
    } else if (sale.state === "queued") {
      counts.queuedForRetry += 1;
      if (entry.family !== "temporary") violations.push(`#${sale.number}: permanent ${code} queued`);
      if (!sale.nextRetryAt) violations.push(`#${sale.number}: queued without a next retry`);
      if (sale.autoRetryCount > autoRetryDelaysMs.length) violations.push(`#${sale.number}: more retries than planned`);
    } else {
      violations.push(`#${sale.number}: left in ${sale.state}`);
    }
  }
  expect(violations).toEqual([]);
  return counts;
}
