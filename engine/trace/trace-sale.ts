/** The story of one sale by its number: fetched, status, pre-checks, each attempt, where it is now. */
import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { problemReports, saleLines, sales, transferAttempts, transfers } from "../../db/schema.js";
import { type ErrorCode, describeErrorCode, isErrorCode } from "../errors/catalogue.js";
import type { SaleState } from "../sales/sale.js";
import { OPEN_LIMIT_DAYS } from "../sync/reclassify-open-sales.js";

/** One step in a sale's story. */
export type TraceEvent =
  | { kind: "fetched"; at: Date; status: string }
  | { kind: "attempt"; at: Date; trigger: string; outcome: string; code: ErrorCode | null; message: string | null }
  | { kind: "transferred"; at: Date; documentId: string; recovered: boolean }
  | { kind: "reported"; at: Date; reference: string; status: string };

export interface SaleTrace {
  saleId: number;
  number: string;
  kind: "order" | "refund";
  createdAt: Date;
  totalCents: number;
  customerName: string;
  shopStatus: string;
  state: SaleState;
  /** Why it is where it is, when it is not transferred. */
  cause: { code: ErrorCode; actionClass: string; message: string | null; vendorMessage: string | null; facts: Record<string, unknown> } | null;
  /** For Open sales: days left before the 21-day limit. */
  openDaysLeft: number | null;
  /** For sales waiting for an automatic retry. */
  nextRetryAt: Date | null;
  lines: Array<{ kind: string; description: string; totalExclCents: number; taxCents: number; vatRateBp: number | null }>;
  events: TraceEvent[];
}

const DAY_MS = 86_400_000;

/** Traces a sale by the number the merchant sees ("1043", "#1043"); null when the koppeling has no such sale. */
export async function traceSale(db: Database, koppelingId: string, number: string, now: Date): Promise<SaleTrace | null> {
  const wanted = number.trim().replace(/^#/, "");
  const [sale] = await db
    .select()
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), eq(sales.number, wanted)))
    .orderBy(desc(sales.createdInShopAt))
    .limit(1);
  if (!sale) return null;
  const [lines, attempts, [transfer], reports] = await Promise.all([
    db.select().from(saleLines).where(eq(saleLines.saleId, sale.id)).orderBy(asc(saleLines.position)),
    db.select().from(transferAttempts).where(eq(transferAttempts.saleId, sale.id)).orderBy(asc(transferAttempts.startedAt), asc(transferAttempts.id)),
    db.select().from(transfers).where(eq(transfers.saleId, sale.id)),
    sale.fingerprint
      ? db.select().from(problemReports).where(and(eq(problemReports.koppelingId, koppelingId), eq(problemReports.fingerprint, sale.fingerprint)))
      : Promise.resolve([]),
  ]);
  const events: TraceEvent[] = [{ kind: "fetched", at: sale.fetchedAt, status: sale.shopStatus }];
  for (const attempt of attempts) {
    events.push({
      kind: "attempt",
      at: attempt.startedAt,
      trigger: attempt.trigger,
      outcome: attempt.outcome,
      code: attempt.errorCode && isErrorCode(attempt.errorCode) ? attempt.errorCode : null,
      message: attempt.message,
    });
  }
  if (transfer) events.push({ kind: "transferred", at: transfer.transferredAt, documentId: transfer.documentId, recovered: transfer.recovered });
  for (const report of reports) events.push({ kind: "reported", at: report.createdAt, reference: report.reference, status: report.status });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());

  const code = sale.errorCode && isErrorCode(sale.errorCode) ? sale.errorCode : null;
  const ageDays = Math.floor((now.getTime() - sale.createdInShopAt.getTime()) / DAY_MS);
  return {
    saleId: sale.id,
    number: sale.number,
    kind: sale.kind,
    createdAt: sale.createdInShopAt,
    totalCents: sale.totalCents,
    customerName: sale.customerName,
    shopStatus: sale.shopStatus,
    state: sale.state as SaleState,
    cause:
      code && sale.state !== "transferred"
        ? {
            code,
            actionClass: describeErrorCode(code).actionClass,
            message: sale.errorMessage,
            vendorMessage: sale.vendorMessage,
            facts: (sale.errorFacts ?? {}) as Record<string, unknown>,
          }
        : null,
    openDaysLeft: sale.state === "open" ? Math.max(0, OPEN_LIMIT_DAYS - ageDays) : null,
    nextRetryAt: sale.nextRetryAt,
    lines: lines.map(({ kind, description, totalExclCents, taxCents, vatRateBp }) => ({ kind, description, totalExclCents, taxCents, vatRateBp })),
    events,
  };
}
