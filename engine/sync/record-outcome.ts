/** Writes what happened to claimed sales — transfers, rejections, next automatic retries — a batch at a time. */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { knownDebtors, sales, transferAttempts, transfers } from "../../db/schema.js";
import { describeErrorCode } from "../errors/catalogue.js";
import { fingerprintOf } from "../errors/fingerprint.js";
import type { KoppelingError } from "../errors/koppeling-error.js";
import { nextAutoRetryAt } from "../retry/retry-schedule.js";
import type { ClaimedSale } from "./claim-sales.js";

/** The final word on one attempt, as recorded. */
export type RecordedOutcome = "transferred" | "recovered" | "rejected" | "retry_scheduled" | "claim_lost";

/** One attempt on one claimed sale, as it will be written. */
interface AttemptFacts {
  sale: ClaimedSale;
  trigger: "sync" | "retry" | "auto_retry";
  actor: string | null;
  startedAt: Date;
  finishedAt: Date;
}

/** A document created (or found again by reference after an uncertain attempt). */
export interface TransferredRecord extends AttemptFacts {
  kind: "transferred";
  documentId: string;
  debtorId: string | null;
  recovered: boolean;
  /** A debtor to remember for this e-mail (per-customer debtors). */
  debtor: { email: string; created: boolean } | null;
}

/** Not booked: a refusal or pre-check (Fouten), or a temporary failure (next automatic retry). */
export interface FailedRecord extends AttemptFacts {
  kind: "failed";
  error: KoppelingError;
  attemptOutcome: "rejected" | "temporary" | "uncertain";
  configVersion: number;
  /** When the next automatic retry is due; null puts the sale in Fouten. */
  retryAt: Date | null;
}

export type OutcomeRecord = TransferredRecord | FailedRecord;

/** Builds the record of a failure: temporary causes get their next automatic retry, others go to Fouten. */
export function failedRecord(
  facts: AttemptFacts,
  error: KoppelingError,
  context: { configVersion: number; attemptOutcome: FailedRecord["attemptOutcome"] },
): FailedRecord {
  const entry = describeErrorCode(error.code);
  const retryAt = entry.family === "temporary" ? nextAutoRetryAt(facts.finishedAt, facts.sale.autoRetryCount, error.retryAfterMs) : null;
  return { ...facts, kind: "failed", error, attemptOutcome: context.attemptOutcome, configVersion: context.configVersion, retryAt };
}

/** What a record comes to, known before it is written. */
export function outcomeOf(record: OutcomeRecord): RecordedOutcome {
  if (record.kind === "transferred") return record.recovered ? "recovered" : "transferred";
  return record.retryAt ? "retry_scheduled" : "rejected";
}

/**
 * Writes the records in one transaction: the unique transfer rows, the attempts, the sales' states,
 * the remembered debtors. Until it commits the sales stay "transferring" under this worker's lease,
 * so a crash before it leaves them to be recovered by reference (see bookSale), never booked twice.
 */
export async function recordOutcomes(db: Database, records: OutcomeRecord[], koppelingId: string): Promise<void> {
  if (records.length === 0) return;
  const booked = records.filter((r): r is TransferredRecord => r.kind === "transferred");
  const failed = records.filter((r): r is FailedRecord => r.kind === "failed");
  const debtors = booked.flatMap((r) => (r.debtor && r.debtorId ? [{ koppelingId, email: r.debtor.email, debtorId: r.debtorId, createdByKoppeling: r.debtor.created }] : []));
  await db.transaction(async (tx) => {
    if (booked.length > 0) {
      // The unique sale_id is the last guard: a second transfer row for a sale cannot exist.
      await tx
        .insert(transfers)
        .values(
          booked.map((r) => ({
            saleId: r.sale.id,
            koppelingId: r.sale.koppelingId,
            reference: r.sale.number,
            documentId: r.documentId,
            debtorId: r.debtorId,
            totalCents: r.sale.totalCents,
            recovered: r.recovered,
            transferredAt: r.finishedAt,
          })),
        )
        .onConflictDoNothing();
      const moments = sql.join(
        booked.map((r) => sql`(${r.sale.id}::bigint, ${r.finishedAt.toISOString()}::timestamptz)`),
        sql`, `,
      );
      await tx.execute(sql`
        update sales set state = 'transferred', state_changed_at = booked.at, attempt_count = sales.attempt_count + 1,
          error_code = null, error_class = null, error_message = null, vendor_message = null, error_facts = null,
          fingerprint = null, failed_config_version = null, next_retry_at = null, lease_owner = null, lease_until = null
        from (values ${moments}) as booked(id, at)
        where sales.id = booked.id`);
    }
    await tx.insert(transferAttempts).values(
      records.map((r) => ({
        saleId: r.sale.id,
        koppelingId: r.sale.koppelingId,
        trigger: r.trigger,
        actor: r.actor,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        ...(r.kind === "transferred"
          ? { outcome: r.recovered ? "recovered" : "transferred" }
          : {
              outcome: r.attemptOutcome,
              errorCode: r.error.code,
              message: (r.error.vendorMessage ?? r.error.message).slice(0, 2000),
              httpStatus: r.error.httpStatus ?? null,
            }),
      })),
    );
    for (const r of failed) {
      const entry = describeErrorCode(r.error.code);
      await tx
        .update(sales)
        .set({
          errorCode: r.error.code,
          errorClass: entry.actionClass,
          errorMessage: r.error.message,
          vendorMessage: r.error.vendorMessage ?? null,
          errorFacts: r.error.facts,
          fingerprint: fingerprintOf(r.error),
          failedConfigVersion: r.configVersion,
          state: r.retryAt ? "queued" : "rejected",
          stateChangedAt: r.finishedAt,
          nextRetryAt: r.retryAt,
          autoRetryCount: r.retryAt ? sql`${sales.autoRetryCount} + 1` : sales.autoRetryCount,
          attemptCount: sql`${sales.attemptCount} + 1`,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where(and(eq(sales.id, r.sale.id), eq(sales.state, "transferring")));
    }
    if (debtors.length > 0) await tx.insert(knownDebtors).values(debtors).onConflictDoNothing();
  });
}
