/**
 * The facts of one koppeling's weekly digest, read from the database with a handful of aggregate
 * queries that each filter on the koppeling id (and the week) through an index, so one digest costs
 * the same however many other koppelingen there are.
 */
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { connections, koppelingen, sales, transferAttempts, transfers } from "../../db/schema.js";
import { type ErrorCode, isErrorCode } from "../errors/catalogue.js";
import { errorStates } from "../errors/list-error-groups.js";
import { OPEN_LIMIT_DAYS } from "../sync/reclassify-open-sales.js";

const DAY_MS = 86_400_000;
/** Open sales with this many days or fewer left before the 21-day limit count as near it. */
export const NEAR_LIMIT_DAYS = 7;

/** The week a digest covers: [start, end). */
export interface DigestPeriod {
  start: Date;
  end: Date;
}

/** The week before a digest moment. */
export function weekBefore(moment: Date): DigestPeriod {
  return { start: new Date(moment.getTime() - 7 * DAY_MS), end: moment };
}

/** One cause in Fouten, with what is at stake. */
export interface DigestCause {
  fingerprint: string;
  code: ErrorCode;
  facts: Record<string, unknown>;
  count: number;
  cents: number;
  /** Of these, how many failed during the week. */
  failedThisWeek: number;
  /** Not in the previous digest (never set on a first digest: there is nothing to compare with). */
  isNew: boolean;
  /** Every sale of the cause is an expired Open sale: a retry cannot help, booking by hand can. */
  onlyExpired: boolean;
}

/** A connection dot as last recorded. */
export interface DigestDot {
  system: string;
  state: "green" | "red" | "unknown";
  errorCode: string | null;
}

/** Everything a koppeling's weekly digest says. */
export interface KoppelingDigest {
  koppelingId: string;
  name: string;
  period: DigestPeriod;
  transferred: { count: number; cents: number };
  /** Sales that failed for a passing reason and were booked by an automatic retry this week. */
  fixedAutomatically: { count: number; cents: number };
  causes: DigestCause[];
  open: { count: number; cents: number; nearLimit: number };
  dots: { sales: DigestDot; accounting: DigestDot };
}

/** Computes the digest; `previousCauses` are the fingerprints of the previous digest (null: none yet). */
export async function computeKoppelingDigest(db: Database, koppelingId: string, period: DigestPeriod, now: Date, previousCauses: string[] | null): Promise<KoppelingDigest> {
  const [week, causes, sides, named] = await Promise.all([
    weekTotals(db, koppelingId, period, now),
    causesOf(db, koppelingId, period),
    db.select({ side: connections.side, system: connections.system, state: connections.state, code: connections.lastErrorCode }).from(connections).where(eq(connections.koppelingId, koppelingId)),
    db.select({ name: koppelingen.name }).from(koppelingen).where(eq(koppelingen.id, koppelingId)),
  ]);
  const dot = (side: "sales" | "accounting"): DigestDot => {
    const row = sides.find((s) => s.side === side);
    return { system: row?.system ?? "unknown", state: row?.state ?? "unknown", errorCode: row?.code ?? null };
  };
  const known = previousCauses ? new Set(previousCauses) : null;
  return {
    koppelingId,
    name: named[0]?.name ?? koppelingId,
    period,
    ...week,
    causes: causes.map((c) => ({ ...c, isNew: known !== null && !known.has(c.fingerprint) })),
    dots: { sales: dot("sales"), accounting: dot("accounting") },
  };
}

async function weekTotals(db: Database, koppelingId: string, period: DigestPeriod, now: Date) {
  const nearCutoff = new Date(now.getTime() - (OPEN_LIMIT_DAYS - NEAR_LIMIT_DAYS) * DAY_MS);
  const [transferred, fixed, open] = await Promise.all([
    db
      .select({ count: sql<number>`count(*)::int`, cents: sql<number>`coalesce(sum(${transfers.totalCents}), 0)::bigint` })
      .from(transfers)
      .where(and(eq(transfers.koppelingId, koppelingId), gte(transfers.transferredAt, period.start), lt(transfers.transferredAt, period.end))),
    db
      .select({ count: sql<number>`count(*)::int`, cents: sql<number>`coalesce(sum(${sales.totalCents}), 0)::bigint` })
      .from(transferAttempts)
      .innerJoin(sales, eq(sales.id, transferAttempts.saleId))
      .where(
        and(
          eq(transferAttempts.koppelingId, koppelingId),
          eq(transferAttempts.trigger, "auto_retry"),
          inArray(transferAttempts.outcome, ["transferred", "recovered"]),
          gte(transferAttempts.finishedAt, period.start),
          lt(transferAttempts.finishedAt, period.end),
        ),
      ),
    db
      .select({
        count: sql<number>`count(*)::int`,
        cents: sql<number>`coalesce(sum(${sales.totalCents}), 0)::bigint`,
        nearLimit: sql<number>`count(*) filter (where ${sales.createdInShopAt} <= ${nearCutoff.toISOString()})::int`,
      })
      .from(sales)
      .where(and(eq(sales.koppelingId, koppelingId), eq(sales.state, "open"))),
  ]);
  const totals = (row: { count: number; cents: number } | undefined) => ({ count: Number(row?.count ?? 0), cents: Number(row?.cents ?? 0) });
  return {
    transferred: totals(transferred[0]),
    fixedAutomatically: totals(fixed[0]),
    open: { ...totals(open[0]), nearLimit: Number(open[0]?.nearLimit ?? 0) },
  };
}

async function causesOf(db: Database, koppelingId: string, period: DigestPeriod): Promise<Array<Omit<DigestCause, "isNew">>> {
  const rows = await db
    .select({
      fingerprint: sql<string>`coalesce(${sales.fingerprint}, ${sales.errorCode}, 'UNKNOWN')`,
      code: sql<string>`min(coalesce(${sales.errorCode}, 'UNKNOWN'))`,
      count: sql<number>`count(*)::int`,
      cents: sql<number>`sum(${sales.totalCents})::bigint`,
      failedThisWeek: sql<number>`count(*) filter (where ${sales.stateChangedAt} >= ${period.start.toISOString()} and ${sales.stateChangedAt} < ${period.end.toISOString()})::int`,
      onlyExpired: sql<boolean>`bool_and(${sales.state} = 'expired')`,
      facts: sql<Record<string, unknown> | null>`(array_agg(${sales.errorFacts} order by ${sales.createdInShopAt} desc, ${sales.id} desc))[1]`,
    })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), inArray(sales.state, errorStates)))
    .groupBy(sql`1`)
    .orderBy(sql`sum(${sales.totalCents}) desc`);
  return rows.map((row) => ({
    fingerprint: row.fingerprint,
    code: isErrorCode(row.code) ? row.code : "UNKNOWN",
    facts: row.facts ?? {},
    count: Number(row.count),
    cents: Number(row.cents),
    failedThisWeek: Number(row.failedThisWeek),
    onlyExpired: row.onlyExpired === true,
  }));
}
