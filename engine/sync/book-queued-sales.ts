/** Books the queued sales of a koppeling in batches, each claimed before it is touched. */
import type { AccountingConnector } from "../connectors/ports.js";
import type { KoppelingError } from "../errors/koppeling-error.js";
import type { LoadedKoppeling } from "../koppelingen/koppeling-repository.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { claimSales, releaseClaims, renewClaim } from "./claim-sales.js";
import type { MasterData } from "./precheck-sale.js";
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
  const context = { deps, koppeling, accounting, master, trigger: options.trigger, actor: options.actor ?? null, leaseMs };
  for (;;) {
    const claimed = await claimSales(deps.db, {
      koppelingId: koppeling.id,
      workerId: deps.workerId,
      now: deps.clock.now(),
      leaseMs,
      limit: options.batchSize ?? 50,
      ...(options.saleIds ? { saleIds: options.saleIds, includeRejected: true } : {}),
    });
    if (claimed.length === 0) break;
    const batch = await loadBatchLookups(context, claimed);
    let index = 0;
    for (; index < claimed.length && !summary.stoppedBy; index++) {
      const sale = claimed[index]!;
      // A batch slower than its lease: sales another worker took over meanwhile are theirs now.
      if (!(await renewClaim(deps.db, sale.id, deps.workerId, deps.clock.now(), leaseMs))) continue;
      const trigger = options.trigger === "sync" && sale.autoRetryCount > 0 ? "auto_retry" : options.trigger;
      const result = await transferClaimedSale({ ...context, trigger, batch }, sale);
      countOutcome(summary, result.outcome);
      summary.stoppedBy = result.stopBatch;
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
