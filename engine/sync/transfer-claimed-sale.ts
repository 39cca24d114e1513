/** Takes one claimed sale through pre-checks and booking, and records what happened. */
import { and, eq, inArray } from "drizzle-orm";
import { knownDebtors, transferAttempts } from "../../db/schema.js";
import type { AccountingConnector } from "../connectors/ports.js";
import type { KoppelingError } from "../errors/koppeling-error.js";
import type { LoadedKoppeling } from "../koppelingen/koppeling-repository.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { bookingDate } from "../sales/booking-date.js";
import { bookSale } from "./book-sale.js";
import { type ClaimedSale, renewClaim } from "./claim-sales.js";
import { type MasterData, precheckSale } from "./precheck-sale.js";
import { type RecordedOutcome, recordFailure, recordTransferred, startAttempt } from "./record-outcome.js";

/** Everything a transfer needs besides the sale. */
export interface TransferContext {
  deps: EngineDeps;
  koppeling: LoadedKoppeling;
  accounting: AccountingConnector;
  master: MasterData;
  trigger: "sync" | "retry" | "auto_retry";
  actor: string | null;
  /** The lease of this worker's claims, renewed right before a document is created. */
  leaseMs: number;
  /** What was read for the whole claimed batch at once; without it, each sale reads its own. */
  batch?: BatchLookups;
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
 * attempts these sales (a sale whose lease is lost is skipped by renewClaim), so the attempts read
 * now are the ones each sale would read before booking.
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

/** What happened, and whether the rest of the batch must stop (connection lost, rate limited). */
export interface TransferResult {
  outcome: RecordedOutcome;
  stopBatch: KoppelingError | null;
}

/** Codes after which booking more sales in this run can only fail the same way. */
const stopCodes = new Set(["CONN_ACC_TOKEN_EXPIRED", "CONN_ACC_NO_RIGHTS", "RATE_LIMITED", "PACKAGE_FEATURE_MISSING"]);

/** Pre-checks and books one claimed sale; never throws for vendor failures. */
export async function transferClaimedSale(context: TransferContext, sale: ClaimedSale): Promise<TransferResult> {
  const { deps, koppeling } = context;
  const now = () => deps.clock.now();
  const failureContext = (attemptOutcome: "rejected" | "temporary" | "uncertain") => ({
    now: now(),
    configVersion: koppeling.configVersion,
    attemptOutcome,
  });

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
  if (precheck.kind === "rejected") {
    const attemptId = await startAttempt(deps.db, sale, context.trigger, now(), context.actor);
    const outcome = await recordFailure(deps.db, sale, attemptId, precheck.problems[0]!, failureContext("rejected"));
    return { outcome, stopBatch: null };
  }

  const history = await previousAttempts(context, sale.id);
  const knownDebtorId = await knownDebtorFor(context, sale.customerEmail);
  const attemptId = await startAttempt(deps.db, sale, context.trigger, now(), context.actor);
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
    {
      accounting: context.accounting,
      knownDebtorId,
      ...history,
      holdClaim: () => renewClaim(deps.db, sale.id, deps.workerId, now(), context.leaseMs),
    },
  );

  switch (booking.kind) {
    case "claim_lost":
      deps.log.warn("claim lost before booking", { koppelingId: koppeling.id, sale: sale.number });
      return { outcome: "claim_lost", stopBatch: null };
    case "transferred":
      if (booking.debtorId && sale.customerEmail && koppeling.config.debtorStrategy === "per_customer") {
        await rememberDebtor(context, sale.customerEmail, booking.debtorId, booking.debtorCreated);
      }
      return {
        outcome: await recordTransferred(deps.db, sale, attemptId, { documentId: booking.document.id, debtorId: booking.debtorId, recovered: false }, now()),
        stopBatch: null,
      };
    case "recovered":
      return {
        outcome: await recordTransferred(deps.db, sale, attemptId, { documentId: booking.document.id, debtorId: null, recovered: true }, now()),
        stopBatch: null,
      };
    case "refused":
    case "failed":
    case "uncertain": {
      const attemptOutcome = booking.kind === "refused" ? "rejected" : booking.kind === "failed" ? "temporary" : "uncertain";
      const outcome = await recordFailure(deps.db, sale, attemptId, booking.error, failureContext(attemptOutcome));
      deps.log.warn("sale not transferred", { koppelingId: koppeling.id, sale: sale.number, code: booking.error.code, attempt: attemptOutcome });
      return { outcome, stopBatch: stopCodes.has(booking.error.code) ? booking.error : null };
    }
  }
}

/** Whether earlier attempts exist, and whether one of them may have created the document. */
async function previousAttempts(context: TransferContext, saleId: number) {
  const known = context.batch?.attempts;
  const rows = known
    ? (known.get(saleId) ?? []).map((outcome) => ({ outcome }))
    : await context.deps.db
    .select({ outcome: transferAttempts.outcome })
    .from(transferAttempts)
    .where(eq(transferAttempts.saleId, saleId));
  return {
    hadEarlierAttempt: rows.length > 0,
    hadUncertainAttempt: rows.some((row) => row.outcome === "started" || row.outcome === "uncertain"),
  };
}

async function knownDebtorFor(context: TransferContext, email: string | null): Promise<string | null> {
  const { config, id } = context.koppeling;
  if (config.debtorStrategy === "fixed") return config.fixedDebtorId;
  if (!email) return null;
  if (context.batch) return context.batch.debtors.get(email) ?? null;
  const [row] = await context.deps.db
    .select({ debtorId: knownDebtors.debtorId })
    .from(knownDebtors)
    .where(and(eq(knownDebtors.koppelingId, id), inArray(knownDebtors.email, [email])));
  return row?.debtorId ?? null;
}

async function rememberDebtor(context: TransferContext, email: string, debtorId: string, created: boolean): Promise<void> {
  context.batch?.debtors.set(email, debtorId);
  await context.deps.db
    .insert(knownDebtors)
    .values({ koppelingId: context.koppeling.id, email, debtorId, createdByKoppeling: created })
    .onConflictDoNothing();
}
