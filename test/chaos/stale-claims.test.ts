/**
 * A worker whose lease ran out while it was still busy (a slow Moneybird, a long batch) must not book
 * the sales another worker has taken over since. Found by the crash suite (crash-recovery.test.ts):
 * two workers, one slower than its lease, booked the same sale twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { bookQueuedSales } from "../../engine/sync/book-queued-sales.js";
import { loadMasterData, runSync } from "../../engine/sync/run-sync.js";
import { printChaosCounts } from "../support/chaos-counts.js";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness.js";
import { testDriver } from "../support/test-database.js";

describe(`a worker that lost its lease books nothing, on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("stops before creating the document when another worker took the sale over", async () => {
    h = await startEngineHarness();
    h.addOrders(3);
    h.books.revokeToken(); // the first sync only fetches: booking stops at the master data
    await runSync(h.deps, h.koppelingId);
    h.books.settings.validTokens.add(h.books.token);

    const koppeling = await loadKoppeling(h.deps.db, h.deps.cipher, h.koppelingId);
    const accountingOf = (deps: EngineHarness["deps"]) => deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);
    const slowWorker = h.deps;
    const master = await loadMasterData(accountingOf(slowWorker));
    // Worker 1 claims all three and then waits long for Moneybird (looking up the first customer).
    let inSlowCall!: () => void;
    const slowCallStarted = new Promise<void>((resolve) => (inSlowCall = resolve));
    h.books.injectFault({ method: "GET", path: /contacts/, fault: { kind: "slow", delayMs: 3_000 }, times: 1, onTaken: () => inSlowCall() });
    const first = bookQueuedSales(slowWorker, koppeling, accountingOf(slowWorker), master, { trigger: "sync", leaseMs: 60_000 });
    await slowCallStarted;

    // Its lease runs out; worker 2 takes the sales over and books them.
    h.clock.advance(61_000);
    const other = h.secondWorker();
    const second = await bookQueuedSales(other, koppeling, accountingOf(other), master, { trigger: "sync", leaseMs: 60_000 });
    expect(second.transferred + second.recovered).toBe(3);
    await first;

    const references = h.books.state.externalSalesInvoices.map((invoice) => String(invoice.reference)).sort();
    expect(references).toEqual(["1", "2", "3"]);
    printChaosCounts(`stale claims (${testDriver})`, { sales: 3, takenOver: second.transferred + second.recovered, documents: references.length, doubleBookings: 0 });
  });
});
