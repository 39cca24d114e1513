/** Books one claimed sale in accounting: check by reference when needed, debtor, then the document. */
import type { AccountingConnector, AccountingDocument, DocumentLine } from "../connectors/ports.js";
import { KoppelingError, toKoppelingError } from "../errors/koppeling-error.js";

/** What booking a sale came to. */
export type BookingOutcome =
  | { kind: "transferred"; document: AccountingDocument; debtorId: string | null; debtorCreated: boolean }
  | { kind: "recovered"; document: AccountingDocument }
  | { kind: "refused"; error: KoppelingError } // accounting answered: this will not be booked as it is
  | { kind: "failed"; error: KoppelingError } // nothing was created (failure before the document)
  | { kind: "uncertain"; error: KoppelingError } // the document may or may not exist now
  | { kind: "claim_lost" }; // another worker took the sale over: nothing was created

/** The sale as booking needs it. */
export interface BookingSale {
  number: string;
  date: string;
  currency: string;
  customerEmail: string | null;
  debtor: Parameters<AccountingConnector["createDebtor"]>[0];
  lines: DocumentLine[];
}

export interface BookingContext {
  accounting: AccountingConnector;
  /** A debtor already known for this e-mail, or the fixed debtor of the configuration. */
  knownDebtorId: string | null;
  /** Whether an earlier attempt may have created the document (it started and never answered). */
  hadUncertainAttempt: boolean;
  /** Whether any earlier attempt exists: then accounting is asked by reference before creating. */
  hadEarlierAttempt: boolean;
  /** Renews this worker's claim right before the document is created; false when the claim was lost. */
  holdClaim?: () => Promise<boolean>;
}

/**
 * Books the sale. Before any retry the accounting system is asked for a document with the sale's
 * reference: found after an uncertain attempt, it is ours (recovered); found otherwise, the number
 * is taken by another document (DUPLICATE_NUMBER) and nothing is created.
 */
export async function bookSale(sale: BookingSale, context: BookingContext): Promise<BookingOutcome> {
  const { accounting } = context;
  let debtorId = context.knownDebtorId;
  let debtorCreated = false;
  try {
    if (context.hadEarlierAttempt || context.hadUncertainAttempt) {
      const existing = await accounting.findDocumentByReference(sale.number, { date: sale.date });
      if (existing && context.hadUncertainAttempt) return { kind: "recovered", document: existing };
      if (existing) {
        return {
          kind: "refused",
          error: new KoppelingError("DUPLICATE_NUMBER", `A document with reference ${sale.number} already exists`, {
            facts: { documentId: existing.id },
          }),
        };
      }
    }
    if (!debtorId) {
      const found = sale.customerEmail ? await accounting.findDebtorByEmail(sale.customerEmail) : null;
      debtorId = found?.id ?? (await accounting.createDebtor(sale.debtor)).id;
      debtorCreated = !found;
    }
  } catch (error) {
    const coded = toKoppelingError(error);
    return isRefusal(coded) ? { kind: "refused", error: coded } : { kind: "failed", error: coded };
  }
  // The lease may have run out during the calls above; another worker may be booking the sale now.
  if (context.holdClaim && !(await context.holdClaim())) return { kind: "claim_lost" };
  try {
    const document = await accounting.createDocument({
      reference: sale.number,
      debtorId,
      date: sale.date,
      currency: sale.currency,
      lines: sale.lines,
    });
    return { kind: "transferred", document, debtorId, debtorCreated };
  } catch (error) {
    const coded = toKoppelingError(error);
    if (isRefusal(coded)) return { kind: "refused", error: coded };
    // A 429 is a definitive "not now": nothing was created. Anything else may have been booked.
    return coded.code === "RATE_LIMITED" ? { kind: "failed", error: coded } : { kind: "uncertain", error: coded };
  }
}

/** A definitive "no" from accounting: a 4xx answer other than a rate limit. Nothing was created. */
function isRefusal(error: KoppelingError): boolean {
  if (error.code === "RATE_LIMITED") return false;
  return error.httpStatus !== undefined && error.httpStatus >= 400 && error.httpStatus < 500;
}
