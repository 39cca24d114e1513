/** Books the queued sales of a koppeling in batches, each claimed before it is touched. */
import type { AccountingConnector } from "../connectors/ports.js";
import type { KoppelingError } from "../errors/koppeling-error.js";
import type { LoadedKoppeling } from "../koppelingen/koppeling-repository.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { claimSales, releaseClaims } from "./claim-sales.js";
import { createLeaseKeeper } from "./lease-keeper.js";
import type { MasterData } from "./precheck-sale.js";
import { type OutcomeRecord, outcomeOf, recordOutcomes } from "./record-outcome.js";
import { loadBatchLookups, transferClaimedSale } from "./transfer-claimed-sale.js";

/** Counts per outcome, and the error that stopped booking early, if any. */
export interface BookingSummary {
  transferred: number;
  recovered: number;
  rejected: number;
  retryScheduled: number;
  stoppedBy: KoppelingError | null;
}

export interface BookQueuedOptions {
  trigger: "sync" | "retry" | "auto_retry";
  actor?: string | null;
  /** Only these sales, in one pass (a manual retry); rejected ones among them are retried too. */
  saleIds?: number[];
  batchSize?: number;
  /** How long a claim holds before another worker may take the sale over. */
  leaseMs?: number;
}

/**
 * Lease that must be left before a document is created: more than one request to the accounting
 * system can take (30 s time-out), so no lease runs out while a POST is on its way.
 */
const maxLeaseReserveMs = 60_000;
/**
 * Outcomes are written in one transaction per this many sales, or sooner when booking is slow. Batches
 * (claims and outcome writes) of 200 instead of 50 took a 100,000-sale booking from 315 s to 178 s
 * (bench part 2): the per-batch work, not the per-sale work, was most of the engine's own time. A crash
 * leaves at most one batch to be looked up by reference.
 */
const recordEvery = { sales: 200, ms: 1_000 };
/** Sales claimed at a time (their lease is renewed while the batch is booked). */
const claimBatch = 200;

/** Books queued (and, for a manual retry, the given rejected) sales until none are left or a stop code is hit. */
export async function bookQueuedSales(
  deps: EngineDeps,
  koppeling: LoadedKoppeling,
  accounting: AccountingConnector,
  master: MasterData,
  options: BookQueuedOptions,
): Promise<BookingSummary> {
  const summary: BookingSummary = { transferred: 0, recovered: 0, rejected: 0, retryScheduled: 0, stoppedBy: null };
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  for (;;) {
    const claimedAt = deps.clock.now();
    const claimed = await claimSales(deps.db, {
      koppelingId: koppeling.id,
      workerId: deps.workerId,
      now: claimedAt,
      leaseMs,
      limit: options.batchSize ?? claimBatch,
      ...(options.saleIds ? { saleIds: options.saleIds, includeRejected: true } : {}),
    });
    if (claimed.length === 0) break;
    const lease = createLeaseKeeper({
      db: deps.db,
      workerId: deps.workerId,
      clock: deps.clock,
      leaseMs,
      saleIds: claimed.map((sale) => sale.id),
      claimedAt,
      reserveMs: Math.min(leaseMs / 2, maxLeaseReserveMs),
    });
    const context = {
      deps,
      koppeling,
      accounting,
      master,
      actor: options.actor ?? null,
      batch: await loadBatchLookups({ deps, koppeling }, claimed),
      holdClaim: (saleId: number) => lease.hold(saleId),
    };
    let pending: OutcomeRecord[] = [];
    let pendingSince = 0;
    const record = async () => {
      const records = pending;
      pending = [];
      await recordOutcomes(deps.db, records, koppeling.id);
    };
    let index = 0;
    try {
      for (; index < claimed.length && !summary.stoppedBy; index++) {
        const sale = claimed[index]!;
        // A batch slower than its lease: sales another worker took over meanwhile are theirs now.
        if (!(await lease.hold(sale.id))) continue;
        const trigger = options.trigger === "sync" && sale.autoRetryCount > 0 ? "auto_retry" : options.trigger;
        const result = await transferClaimedSale({ ...context, trigger }, sale);
        lease.done(sale.id);
        if (result.kind === "claim_lost") continue;
        countOutcome(summary, outcomeOf(result.record));
        summary.stoppedBy = result.stopBatch;
        if (pending.length === 0) pendingSince = performance.now();
        pending.push(result.record);
        if (pending.length >= recordEvery.sales || performance.now() - pendingSince >= recordEvery.ms) await record();
      }
    } finally {
      // Written while the leases still hold; if this throws, the sales stay claimed and are recovered by reference.
      await record();
    }
    await releaseClaims(deps.db, claimed.slice(index).map((sale) => sale.id), deps.workerId);
    if (summary.stoppedBy || options.saleIds) break;
  }
  return summary;
}

function countOutcome(summary: BookingSummary, outcome: string): void {
  if (outcome === "transferred") summary.transferred += 1;
  else if (outcome === "recovered") summary.recovered += 1;
  else if (outcome === "rejected") summary.rejected += 1;
  else if (outcome === "retry_scheduled") summary.retryScheduled += 1;
}
