/**
 * Sales whose document may still be on its way: an earlier attempt sent the document and got no
 * answer (uncertain), and not long enough ago for that request to have landed for sure. Retrying such
 * a sale now would look the reference up before the late document exists and create a second one.
 */
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { sales, transferAttempts } from "../../db/schema.js";
import type { AccountingConnector } from "../connectors/ports.js";
import { bookingDate } from "../sales/booking-date.js";

/** The time-out of a connector that does not say (Moneybird's own default). */
const defaultRequestTimeoutMs = 30_000;
/** Beyond the time-out: a vendor may take longer to store a request than the client waited for it. */
const minimumMarginMs = 5_000;

/**
 * How long after an uncertain attempt its document may still appear: the connector's request
 * time-out, plus the same again (at least 5 s) as a margin. 65 s for Moneybird's 30 s time-out.
 */
export function landingWindowMs(accounting: Pick<AccountingConnector, "requestTimeoutMs">): number {
  const timeout = accounting.requestTimeoutMs ?? defaultRequestTimeoutMs;
  return timeout + Math.max(timeout, minimumMarginMs);
}

/** A sale with an uncertain attempt younger than the landing window. */
export interface LandingSale {
  saleId: number;
  number: string;
  /** The booking date, to narrow a search by reference. */
  date: string;
  /** From this moment on a new document may be created (if none turned up by then). */
  safeAfter: Date;
}

/**
 * The sales among `saleIds` with an uncertain (or never finished) attempt that ended less than
 * `windowMs` before `now`. Any such attempt counts, not only the last one: a later attempt that failed
 * before sending anything does not make the earlier request land sooner.
 */
export async function salesWithLandingDocuments(db: Database, saleIds: number[], now: Date, windowMs: number): Promise<LandingSale[]> {
  if (saleIds.length === 0) return [];
  const since = new Date(now.getTime() - windowMs);
  const ended = sql<Date>`coalesce(${transferAttempts.finishedAt}, ${transferAttempts.startedAt})`;
  const rows = await db
    .select({ saleId: sales.id, number: sales.number, createdInShopAt: sales.createdInShopAt, lastEnded: sql<string>`max(${ended})` })
    .from(transferAttempts)
    .innerJoin(sales, eq(sales.id, transferAttempts.saleId))
    .where(and(inArray(transferAttempts.saleId, saleIds), inArray(transferAttempts.outcome, ["uncertain", "started"]), gt(ended, sql`${since.toISOString()}::timestamptz`)))
    .groupBy(sales.id, sales.number, sales.createdInShopAt);
  return rows.map((row) => ({
    saleId: row.saleId,
    number: row.number,
    date: bookingDate(row.createdInShopAt),
    safeAfter: new Date(new Date(row.lastEnded).getTime() + windowMs),
  }));
}

/** What a retry may do with the sales whose document may still land. */
export interface LandingCheck {
  /** Found by reference: retrying them records the document found (recovered), nothing is created. */
  found: number[];
  /** Not found (yet), or accounting could not be asked: they must wait until `safeAfter`. */
  waiting: LandingSale[];
}

/**
 * Looks each landing sale up by reference in accounting. Only the ones found may be retried now
 * (booking recovers them by reference); the others are left alone until their window has passed.
 */
export async function checkLandingDocuments(accounting: AccountingConnector, landing: LandingSale[]): Promise<LandingCheck> {
  const check: LandingCheck = { found: [], waiting: [] };
  for (const sale of landing) {
    const existing = await accounting.findDocumentByReference(sale.number, { date: sale.date }).catch(() => null);
    if (existing) check.found.push(sale.saleId);
    else check.waiting.push(sale);
  }
  return check;
}
