/**
 * The facts of one koppeling's weekly digest, read in one statement whose parts each filter on the
 * koppeling id (and the week) through an index, mostly index-only, with the totals of Open and Fouten
 * from sale_totals and cause_totals: one digest costs the same however many other koppelingen there
 * are, and a big shop's digest does not read its sales one by one.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/open-database.js";
import { saleCause } from "../../db/schema.js";
import { type ErrorCode, isErrorCode } from "../errors/catalogue.js";
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

/** One digest to compute: the koppeling and the fingerprints of its previous digest (null: none yet). */
export interface DigestRequest {
  koppelingId: string;
  previousCauses: string[] | null;
}

/** Computes the digest; `previousCauses` are the fingerprints of the previous digest (null: none yet). */
export async function computeKoppelingDigest(db: Database, koppelingId: string, period: DigestPeriod, now: Date, previousCauses: string[] | null): Promise<KoppelingDigest> {
  const [digest] = await computeKoppelingDigests(db, [{ koppelingId, previousCauses }], period, now);
  return digest!;
}

/**
 * Koppelingen per statement when computing many digests: planning the statement once for many
 * koppelingen is what makes 10,000 digests cheap, and at this size its cost stays far below the
 * point where Postgres would spend a few hundred milliseconds JIT-compiling it.
 */
export const DIGEST_BATCH_SIZE = 200;

/**
 * Computes the digests of several koppelingen for the same week, DIGEST_BATCH_SIZE per statement, in
 * the order asked; each is exactly what computeKoppelingDigest gives for that koppeling alone.
 */
export async function computeKoppelingDigests(db: Database, requests: DigestRequest[], period: DigestPeriod, now: Date): Promise<KoppelingDigest[]> {
  const nearCutoff = new Date(now.getTime() - (OPEN_LIMIT_DAYS - NEAR_LIMIT_DAYS) * DAY_MS);
  const digests: KoppelingDigest[] = [];
  for (let i = 0; i < requests.length; i += DIGEST_BATCH_SIZE) {
    const batch = requests.slice(i, i + DIGEST_BATCH_SIZE);
    const rows = rowsOf<DigestRow>(await db.execute(digestQuery(batch.map((r) => r.koppelingId), period, nearCutoff)));
    digests.push(...batch.map((request, j) => toDigest(request, period, rows[j])));
  }
  return digests;
}

/** What the digest query returns per koppeling (bigints may arrive as strings, json as text). */
interface DigestRow {
  koppelingId: string;
  name: string | null;
  transferredCount: number | string;
  transferredCents: number | string;
  fixedCount: number | string;
  fixedCents: number | string;
  openCount: number | string;
  openCents: number | string;
  nearLimit: number | string;
  dots: Array<{ side: string; system: string; state: DigestDot["state"]; errorCode: string | null }> | string | null;
  causes: Array<{ fingerprint: string; code: string | null; facts: Record<string, unknown> | null; count: number; cents: number; failedThisWeek: number; onlyExpired: boolean | null }> | string | null;
}

function toDigest(request: DigestRequest, period: DigestPeriod, row: DigestRow | undefined): KoppelingDigest {
  const json = <T>(value: T | string | null | undefined): T | null => (typeof value === "string" ? (JSON.parse(value) as T) : (value ?? null));
  const sides = json(row?.dots) ?? [];
  const dot = (side: "sales" | "accounting"): DigestDot => {
    const found = sides.find((s) => s.side === side);
    return { system: found?.system ?? "unknown", state: found?.state ?? "unknown", errorCode: found?.errorCode ?? null };
  };
  const known = request.previousCauses ? new Set(request.previousCauses) : null;
  return {
    koppelingId: request.koppelingId,
    name: row?.name ?? request.koppelingId,
    period,
    transferred: { count: Number(row?.transferredCount ?? 0), cents: Number(row?.transferredCents ?? 0) },
    fixedAutomatically: { count: Number(row?.fixedCount ?? 0), cents: Number(row?.fixedCents ?? 0) },
    causes: (json(row?.causes) ?? []).map((c) => ({
      fingerprint: c.fingerprint,
      code: c.code && isErrorCode(c.code) ? c.code : "UNKNOWN",
      facts: c.facts ?? {},
      count: Number(c.count),
      cents: Number(c.cents),
      failedThisWeek: Number(c.failedThisWeek),
      isNew: known !== null && !known.has(c.fingerprint),
      onlyExpired: c.onlyExpired === true,
    })),
    open: { count: Number(row?.openCount ?? 0), cents: Number(row?.openCents ?? 0), nearLimit: Number(row?.nearLimit ?? 0) },
    dots: { sales: dot("sales"), accounting: dot("accounting") },
  };
}

/**
 * One row per koppeling id, in the order given. Every part is an index range or lookup on that
 * koppeling alone, most of them index-only: the week's transfers (transfers_koppeling_week), the
 * automatic retries (transfer_attempts_auto_retry), Open from sale_totals and the near-limit ones
 * from sales_koppeling_state, and per cause the totals from cause_totals, the newest sale (facts,
 * code) from sales_fouten_cause_created and this week's failures from sales_fouten_cause_failed.
 */
function digestQuery(koppelingIds: string[], period: DigestPeriod, nearCutoff: Date): SQL {
  const start = sql`${period.start.toISOString()}::timestamptz`;
  const end = sql`${period.end.toISOString()}::timestamptz`;
  const ofCause = sql`s.koppeling_id = q.id and ${saleCause} = t.cause and s.state in ('rejected', 'expired')`;
  return sql`
    select q.id as "koppelingId", k.name,
      tr.count as "transferredCount", tr.cents as "transferredCents", fx.count as "fixedCount", fx.cents as "fixedCents",
      op.count as "openCount", op.cents as "openCents", near.count as "nearLimit", dots.list as "dots", causes.list as "causes"
    from unnest(string_to_array(${koppelingIds.join(",")}, ',')::uuid[]) with ordinality q(id, position)
    left join koppelingen k on k.id = q.id
    cross join lateral (
      select count(*)::int as count, coalesce(sum(t.total_cents), 0)::bigint as cents
      from transfers t where t.koppeling_id = q.id and t.transferred_at >= ${start} and t.transferred_at < ${end}
    ) tr
    cross join lateral (
      select count(*)::int as count, coalesce(sum(s.total_cents), 0)::bigint as cents
      from transfer_attempts a join sales s on s.id = a.sale_id
      where a.koppeling_id = q.id and a.trigger = 'auto_retry' and a.outcome in ('transferred', 'recovered')
        and a.finished_at >= ${start} and a.finished_at < ${end}
    ) fx
    cross join lateral (
      select coalesce(sum(o.sales), 0)::int as count, coalesce(sum(o.cents), 0)::bigint as cents
      from sale_totals o where o.koppeling_id = q.id and o.state = 'open'
    ) op
    cross join lateral (
      select count(*)::int as count from sales s
      where s.koppeling_id = q.id and s.state = 'open' and s.created_in_shop_at <= ${nearCutoff.toISOString()}::timestamptz
    ) near
    cross join lateral (
      select json_agg(json_build_object('side', c.side, 'system', c.system, 'state', c.state, 'errorCode', c.last_error_code)) as list
      from connections c where c.koppeling_id = q.id
    ) dots
    cross join lateral (
      select json_agg(json_build_object(
          'fingerprint', t.cause, 'code', newest.error_code, 'facts', newest.error_facts, 'count', t.count, 'cents', t.cents,
          'failedThisWeek', failed.count, 'onlyExpired', t.only_expired
        ) order by t.cents desc, t.cause) as list
      from (
        select ct.cause, sum(ct.sales)::int as count, sum(ct.cents)::bigint as cents,
          bool_and(ct.state = 'expired') filter (where ct.sales > 0) as only_expired
        from cause_totals ct where ct.koppeling_id = q.id group by ct.cause having sum(ct.sales) > 0
      ) t
      cross join lateral (
        select s.error_code, s.error_facts from sales s where ${ofCause} order by s.created_in_shop_at desc, s.id desc limit 1
      ) newest
      cross join lateral (
        -- The order makes the planner take sales_fouten_cause_failed with the week in the index
        -- condition; otherwise it may read every sale of the cause, old ones included.
        select count(*)::int as count from (
          select from sales s where ${ofCause} and s.state_changed_at >= ${start} and s.state_changed_at < ${end} order by s.state_changed_at
        ) f
      ) failed
    ) causes
    order by q.position`;
}
