/** Writes what happened to a sale: the transfer, the rejection or the next automatic retry. */
import { and, eq, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/open-database.js";
import { sales, transferAttempts, transfers } from "../../db/schema.js";
import { describeErrorCode } from "../errors/catalogue.js";
import { fingerprintOf } from "../errors/fingerprint.js";
import type { KoppelingError } from "../errors/koppeling-error.js";
import { nextAutoRetryAt } from "../retry/retry-schedule.js";
import type { ClaimedSale } from "./claim-sales.js";

/** The final word on one attempt, as recorded. */
export type RecordedOutcome = "transferred" | "recovered" | "rejected" | "retry_scheduled" | "claim_lost";

/**
 * Records a booked (or recovered) document: the unique transfer row, the sale's state, the attempt —
 * in one statement (atomic like a transaction, one round trip instead of five).
 */
export async function recordTransferred(
  db: Database,
  sale: ClaimedSale,
  attemptId: number,
  result: { documentId: string; debtorId: string | null; recovered: boolean },
  now: Date,
): Promise<RecordedOutcome> {
  // The unique sale_id is the last guard: a second transfer row for a sale cannot exist.
  const transfer = db
    .insert(transfers)
    .values({
      saleId: sale.id,
      koppelingId: sale.koppelingId,
      reference: sale.number,
      documentId: result.documentId,
      debtorId: result.debtorId,
      totalCents: sale.totalCents,
      recovered: result.recovered,
      transferredAt: now,
    })
    .onConflictDoNothing();
  const attempt = db
    .update(transferAttempts)
    .set({ finishedAt: now, outcome: result.recovered ? "recovered" : "transferred" })
    .where(eq(transferAttempts.id, attemptId));
  const state = db
    .update(sales)
    .set({ state: "transferred", stateChangedAt: now, ...clearedError, leaseOwner: null, leaseUntil: null })
    .where(eq(sales.id, sale.id));
  await db.execute(sql`with transfer as (${transfer.getSQL()}), attempt as (${attempt.getSQL()}) ${state.getSQL()}`);
  return result.recovered ? "recovered" : "transferred";
}

/**
 * Records a failure. Permanent causes put the sale in Fouten; temporary ones schedule the next
 * automatic retry and surface in Fouten only when the retries are exhausted.
 */
export async function recordFailure(
  db: Database,
  sale: ClaimedSale,
  attemptId: number | null,
  error: KoppelingError,
  context: { now: Date; configVersion: number; attemptOutcome: "rejected" | "temporary" | "uncertain" },
): Promise<RecordedOutcome> {
  const entry = describeErrorCode(error.code);
  const retryAt = entry.family === "temporary" ? nextAutoRetryAt(context.now, sale.autoRetryCount, error.retryAfterMs) : null;
  const errorColumns = {
    errorCode: error.code,
    errorClass: entry.actionClass,
    errorMessage: error.message,
    vendorMessage: error.vendorMessage ?? null,
    errorFacts: error.facts,
    fingerprint: fingerprintOf(error),
    failedConfigVersion: context.configVersion,
  };
  await db.transaction(async (tx) => {
    await tx
      .update(sales)
      .set({
        ...errorColumns,
        state: retryAt ? "queued" : "rejected",
        stateChangedAt: context.now,
        nextRetryAt: retryAt,
        autoRetryCount: retryAt ? sql`${sales.autoRetryCount} + 1` : sales.autoRetryCount,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(and(eq(sales.id, sale.id), eq(sales.state, "transferring")));
    if (attemptId !== null) {
      await tx
        .update(transferAttempts)
        .set({
          finishedAt: context.now,
          outcome: context.attemptOutcome,
          errorCode: error.code,
          message: (error.vendorMessage ?? error.message).slice(0, 2000),
          httpStatus: error.httpStatus ?? null,
        })
        .where(eq(transferAttempts.id, attemptId));
    }
  });
  return retryAt ? "retry_scheduled" : "rejected";
}

/** Writes an attempt before accounting is called; a crash leaves it "started", which later means "uncertain". */
export async function startAttempt(
  db: Database,
  sale: ClaimedSale,
  trigger: "sync" | "retry" | "auto_retry",
  now: Date,
  actor: string | null,
): Promise<number> {
  const attempt = db
    .insert(transferAttempts)
    .values({ saleId: sale.id, koppelingId: sale.koppelingId, trigger, startedAt: now, actor })
    .returning({ id: transferAttempts.id });
  const counted = db.update(sales).set({ attemptCount: sql`${sales.attemptCount} + 1` }).where(eq(sales.id, sale.id));
  // One statement: the attempt and the sale's count are written together, in one round trip.
  const [row] = rowsOf<{ id: number | string }>(await db.execute(sql`with attempt as (${attempt.getSQL()}), counted as (${counted.getSQL()}) select id from attempt`));
  return Number(row!.id);
}

const clearedError = {
  errorCode: null,
  errorClass: null,
  errorMessage: null,
  vendorMessage: null,
  errorFacts: null,
  fingerprint: null,
  failedConfigVersion: null,
  nextRetryAt: null,
};
