/** Claims sales for transfer with a lease, so that only one worker at a time can book a sale. */
import { and, asc, eq, inArray, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { saleLines, sales } from "../../db/schema.js";
import type { SaleLine } from "../sales/sale.js";

/** A claimed sale with its lines, ready for pre-checks and booking. */
export type ClaimedSale = typeof sales.$inferSelect & { lines: SaleLine[] };

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
  const candidates = db
    .select({ id: sales.id })
    .from(sales)
    .where(and(eq(sales.koppelingId, options.koppelingId), claimable, options.saleIds ? inArray(sales.id, options.saleIds) : undefined))
    .orderBy(asc(sales.createdInShopAt), asc(sales.id))
    .limit(options.limit)
    // Batches skip rows another worker holds; a manual retry of named sales waits for them instead.
    .for("update", options.saleIds ? {} : { skipLocked: true });
  const claimed = await db
    .update(sales)
    .set({
      state: "transferring",
      leaseOwner: options.workerId,
      leaseUntil: new Date(options.now.getTime() + options.leaseMs),
    })
    .where(and(inArray(sales.id, candidates), claimable))
    .returning();
  if (claimed.length === 0) return [];
  const lines = await db
    .select()
    .from(saleLines)
    .where(inArray(saleLines.saleId, claimed.map((sale) => sale.id)))
    .orderBy(asc(saleLines.saleId), asc(saleLines.position));
  return claimed
    .sort((a, b) => a.createdInShopAt.getTime() - b.createdInShopAt.getTime() || a.id - b.id)
    .map((sale) => ({
      ...sale,
      lines: lines
        .filter((line) => line.saleId === sale.id)
        .map(({ kind, description, sku, quantity, totalExclCents, taxCents, vatRateBp }) => ({
          kind,
          description,
          sku,
          quantity,
          totalExclCents,
          taxCents,
          vatRateBp,
        })),
    }));
}

function claimableCondition(options: ClaimOptions): SQL {
  const dueQueued = and(eq(sales.state, "queued"), or(isNull(sales.nextRetryAt), lte(sales.nextRetryAt, options.now)));
  const abandoned = and(eq(sales.state, "transferring"), lt(sales.leaseUntil, options.now));
  const queuedForRetry = options.saleIds ? eq(sales.state, "queued") : undefined;
  const rejected = options.includeRejected ? eq(sales.state, "rejected") : undefined;
  return or(dueQueued, abandoned, queuedForRetry, rejected)!;
}

/**
 * Extends this worker's lease on a sale it is about to book. False when the lease ran out and another
 * worker took the sale over meanwhile (a slow batch): then this worker must leave the sale alone.
 */
export async function renewClaim(db: Database, saleId: number, workerId: string, now: Date, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(sales)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(sales.id, saleId), eq(sales.state, "transferring"), eq(sales.leaseOwner, workerId)))
    .returning({ id: sales.id });
  return renewed.length > 0;
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
