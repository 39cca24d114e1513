/** Claims sales for transfer with a lease, so that only one worker at a time can book a sale. */
import { and, asc, eq, getTableColumns, inArray, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { saleLines, sales } from "../../db/schema.js";
import type { SaleLine } from "../sales/sale.js";

/**
 * A claimed sale with its lines, ready for pre-checks and booking. `previousState` is the state the
 * claim found: "transferring" means an earlier worker held the sale and its lease ran out — it may
 * have created the document before it died, so the claim itself is the record of that attempt.
 */
export type ClaimedSale = typeof sales.$inferSelect & { lines: SaleLine[]; previousState: string };

export interface ClaimOptions {
  koppelingId: string;
  workerId: string;
  now: Date;
  /** How long the claim holds; a crashed worker's claims are taken over after it. */
  leaseMs: number;
  limit: number;
  /** Only these sales (a manual retry); otherwise every queued sale that is due. */
  saleIds?: number[];
  /** Also claim rejected sales (a manual retry, "Verwerk"). */
  includeRejected?: boolean;
}

/**
 * Moves claimable sales to "transferring" under this worker's lease and returns them. The state
 * condition is in the UPDATE itself, so of two workers racing for a sale exactly one gets it.
 */
export async function claimSales(db: Database, options: ClaimOptions): Promise<ClaimedSale[]> {
  const claimable = claimableCondition(options);
  const candidates = db.$with("candidates").as(
    db
      .select({ id: sql<number>`${sales.id}`.as("candidate_id"), previousState: sql<string>`${sales.state}`.as("previous_state") })
      .from(sales)
      .where(and(eq(sales.koppelingId, options.koppelingId), claimable, options.saleIds ? inArray(sales.id, options.saleIds) : undefined))
      .orderBy(asc(sales.createdInShopAt), asc(sales.id))
      .limit(options.limit)
      // Batches skip rows another worker holds; a manual retry of named sales waits for them instead.
      .for("update", options.saleIds ? {} : { skipLocked: true }),
  );
  const claimed = await db
    .with(candidates)
    .update(sales)
    .set({
      state: "transferring",
      leaseOwner: options.workerId,
      leaseUntil: new Date(options.now.getTime() + options.leaseMs),
    })
    .from(candidates)
    .where(and(eq(sales.id, candidates.id), claimable))
    .returning({ ...getTableColumns(sales), previousState: candidates.previousState });
  if (claimed.length === 0) return [];
  const lines = await db
    .select()
    .from(saleLines)
    .where(inArray(saleLines.saleId, claimed.map((row) => row.id)))
    .orderBy(asc(saleLines.saleId), asc(saleLines.position));
  const linesBySale = new Map<number, SaleLine[]>();
  for (const { saleId, kind, description, sku, quantity, totalExclCents, taxCents, vatRateBp } of lines) {
    const list = linesBySale.get(saleId) ?? [];
    list.push({ kind, description, sku, quantity, totalExclCents, taxCents, vatRateBp });
    linesBySale.set(saleId, list);
  }
  return claimed
    .map((sale) => ({ ...sale, lines: linesBySale.get(sale.id) ?? [] }))
    .sort((a, b) => a.createdInShopAt.getTime() - b.createdInShopAt.getTime() || a.id - b.id);
}

function claimableCondition(options: ClaimOptions): SQL {
  const dueQueued = and(eq(sales.state, "queued"), or(isNull(sales.nextRetryAt), lte(sales.nextRetryAt, options.now)));
  const abandoned = and(eq(sales.state, "transferring"), lt(sales.leaseUntil, options.now));
  const queuedForRetry = options.saleIds ? eq(sales.state, "queued") : undefined;
  const rejected = options.includeRejected ? eq(sales.state, "rejected") : undefined;
  return or(dueQueued, abandoned, queuedForRetry, rejected)!;
}

/**
 * Extends this worker's lease on the sales it still holds and returns their ids. A sale missing from
 * the answer was taken over by another worker after the lease ran out (a slow batch): this worker
 * must leave it alone.
 */
export async function renewClaims(db: Database, saleIds: number[], workerId: string, now: Date, leaseMs: number): Promise<Set<number>> {
  if (saleIds.length === 0) return new Set();
  const renewed = await db
    .update(sales)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(inArray(sales.id, saleIds), eq(sales.state, "transferring"), eq(sales.leaseOwner, workerId)))
    .returning({ id: sales.id });
  return new Set(renewed.map((row) => row.id));
}

/** Gives back claims this worker still holds (after an aborted batch). */
export async function releaseClaims(db: Database, saleIds: number[], workerId: string): Promise<void> {
  if (saleIds.length === 0) return;
  await db
    .update(sales)
    // A rejected sale claimed for a manual retry goes back to Fouten, never into the automatic queue.
    .set({
      state: sql`case when ${sales.errorCode} is not null and ${sales.nextRetryAt} is null then 'rejected' else 'queued' end`,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(inArray(sales.id, saleIds), eq(sales.state, "transferring"), eq(sales.leaseOwner, workerId)));
}
