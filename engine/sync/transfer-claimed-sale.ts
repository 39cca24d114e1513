/** Takes one claimed sale through pre-checks and booking, and records what happened. */
import { and, eq, inArray } from "drizzle-orm";
import { knownDebtors, transferAttempts } from "../../db/schema.js";
import type { AccountingConnector } from "../connectors/ports.js";
import type { KoppelingError } from "../errors/koppeling-error.js";
import type { LoadedKoppeling } from "../koppelingen/koppeling-repository.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { bookingDate } from "../sales/booking-date.js";
import { bookSale } from "./book-sale.js";
import type { ClaimedSale } from "./claim-sales.js";
import { type MasterData, precheckSale } from "./precheck-sale.js";
import { failedRecord, type OutcomeRecord, type TransferredRecord } from "./record-outcome.js";

/** Everything a transfer needs besides the sale. */
export interface TransferContext {
  deps: EngineDeps;
  koppeling: LoadedKoppeling;
  accounting: AccountingConnector;
  master: MasterData;
  trigger: "sync" | "retry" | "auto_retry";
  actor: string | null;
  /** Whether this worker still holds the sale, asked right before a document is created. */
  holdClaim: (saleId: number) => Promise<boolean>;
  /** What was read for the whole claimed batch at once. */
  batch: BatchLookups;
}

/** Earlier attempts and known debtors of one claimed batch, read in two queries instead of two per sale. */
export interface BatchLookups {
  /** Outcomes of earlier attempts per sale id (none: no entry). */
  attempts: Map<number, string[]>;
  /** Known debtor id per e-mail; debtors remembered during the batch are added. */
  debtors: Map<string, string>;
}

/**
 * Reads the batch lookups right after the claim: while this worker holds the leases nobody else
 * attempts these sales (a sale whose lease is lost is skipped), so the attempts read
 * now are the ones each sale would read before booking (see the LeaseKeeper).
 */
export async function loadBatchLookups(context: Pick<TransferContext, "deps" | "koppeling">, claimed: ClaimedSale[]): Promise<BatchLookups> {
  const ids = claimed.map((sale) => sale.id);
  const emails = [...new Set(claimed.map((sale) => sale.customerEmail).filter((email): email is string => !!email))];
  const [attemptRows, debtorRows] = await Promise.all([
    ids.length > 0
      ? context.deps.db.select({ saleId: transferAttempts.saleId, outcome: transferAttempts.outcome }).from(transferAttempts).where(inArray(transferAttempts.saleId, ids))
      : Promise.resolve([]),
    emails.length > 0 && context.koppeling.config.debtorStrategy !== "fixed"
      ? context.deps.db
          .select({ email: knownDebtors.email, debtorId: knownDebtors.debtorId })
          .from(knownDebtors)
          .where(and(eq(knownDebtors.koppelingId, context.koppeling.id), inArray(knownDebtors.email, emails)))
      : Promise.resolve([]),
  ]);
  const attempts = new Map<number, string[]>();
  for (const row of attemptRows) attempts.set(row.saleId, [...(attempts.get(row.saleId) ?? []), row.outcome]);
  return { attempts, debtors: new Map(debtorRows.map((row) => [row.email, row.debtorId])) };
}

/** What happened, to be written with the rest of the batch, and whether the batch must stop (connection lost, rate limited). */
export type TransferResult =
  | { kind: "record"; record: OutcomeRecord; stopBatch: KoppelingError | null }
  | { kind: "claim_lost" };

/** Codes after which booking more sales in this run can only fail the same way. */
const stopCodes = new Set(["CONN_ACC_TOKEN_EXPIRED", "CONN_ACC_NO_RIGHTS", "RATE_LIMITED", "PACKAGE_FEATURE_MISSING"]);

/**
 * Pre-checks and books one claimed sale; never throws for vendor failures. Writes nothing itself:
 * the caller records the outcome (with the rest of the batch) while it still holds the lease.
 */
export async function transferClaimedSale(context: TransferContext, sale: ClaimedSale): Promise<TransferResult> {
  const { deps, koppeling } = context;
  const now = () => deps.clock.now();
  const startedAt = now();
  const facts = () => ({ sale, trigger: context.trigger, actor: context.actor, startedAt, finishedAt: now() });
  const failure = (error: KoppelingError, attemptOutcome: "rejected" | "temporary" | "uncertain") =>
    failedRecord(facts(), error, { configVersion: koppeling.configVersion, attemptOutcome });

  const precheck = precheckSale(
    {
      totalCents: sale.totalCents,
      customer: {
        email: sale.customerEmail,
        country: sale.customerCountry,
        vatNumber: sale.customerVatNumber,
        company: sale.customerCompany,
      },
      lines: sale.lines,
    },
    koppeling.config,
    context.master,
  );
  if (precheck.kind === "rejected") return { kind: "record", record: failure(precheck.problems[0]!, "rejected"), stopBatch: null };

  const history = previousAttempts(context, sale);
  const knownDebtorId = knownDebtorFor(context, sale.customerEmail);
  const address = (sale.customerAddress ?? {}) as Record<string, string | null>;
  const booking = await bookSale(
    {
      number: sale.number,
      date: bookingDate(sale.createdInShopAt),
      currency: sale.currency,
      customerEmail: sale.customerEmail,
      debtor: {
        email: sale.customerEmail,
        name: sale.customerName,
        company: sale.customerCompany,
        country: sale.customerCountry,
        vatNumber: sale.customerVatNumber,
        address1: address.address1 ?? null,
        postcode: address.postcode ?? null,
        city: address.city ?? null,
      },
      lines: precheck.lines,
    },
    { accounting: context.accounting, knownDebtorId, ...history, holdClaim: () => context.holdClaim(sale.id) },
  );

  switch (booking.kind) {
    case "claim_lost":
      deps.log.warn("claim lost before booking", { koppelingId: koppeling.id, sale: sale.number });
      return { kind: "claim_lost" };
    case "transferred": {
      const remember = !!booking.debtorId && !!sale.customerEmail && koppeling.config.debtorStrategy === "per_customer";
      if (remember) context.batch.debtors.set(sale.customerEmail!, booking.debtorId!);
      const record: TransferredRecord = {
        ...facts(),
        kind: "transferred",
        documentId: booking.document.id,
        debtorId: booking.debtorId,
        recovered: false,
        debtor: remember ? { email: sale.customerEmail!, created: booking.debtorCreated } : null,
      };
      return { kind: "record", record, stopBatch: null };
    }
    case "recovered":
      return { kind: "record", record: { ...facts(), kind: "transferred", documentId: booking.document.id, debtorId: null, recovered: true, debtor: null }, stopBatch: null };
    case "refused":
    case "failed":
    case "uncertain": {
      const attemptOutcome = booking.kind === "refused" ? "rejected" : booking.kind === "failed" ? "temporary" : "uncertain";
      deps.log.warn("sale not transferred", { koppelingId: koppeling.id, sale: sale.number, code: booking.error.code, attempt: attemptOutcome });
      return { kind: "record", record: failure(booking.error, attemptOutcome), stopBatch: stopCodes.has(booking.error.code) ? booking.error : null };
    }
  }
}

/**
 * Whether earlier attempts exist, and whether one of them may have created the document: an attempt
 * that never answered, or a claim that ran out (the sale was still "transferring" when claimed again —
 * its worker died somewhere between its claim and recording the outcome).
 */
function previousAttempts(context: TransferContext, sale: ClaimedSale) {
  const outcomes = context.batch.attempts.get(sale.id) ?? [];
  const abandoned = sale.previousState === "transferring";
  return {
    hadEarlierAttempt: outcomes.length > 0 || abandoned,
    hadUncertainAttempt: abandoned || outcomes.some((outcome) => outcome === "started" || outcome === "uncertain"),
  };
}

function knownDebtorFor(context: TransferContext, email: string | null): string | null {
  const { config } = context.koppeling;
  if (config.debtorStrategy === "fixed") return config.fixedDebtorId;
  return email ? (context.batch.debtors.get(email) ?? null) : null;
}
