/** Rejected sales grouped by cause (fingerprint), with what is at stake and whether a retry can help now. */
import { eq, type SQL, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/open-database.js";
import { connections, koppelingConfigs, saleCause } from "../../db/schema.js";
import { type KoppelingConfig, type LedgerRole, parseKoppelingConfig, vatRateKey } from "../config/koppeling-config.js";
import { type ActionClass, type ErrorCode, describeErrorCode, isErrorCode } from "./catalogue.js";

/** Why a retry of a group can or cannot succeed now. */
export type RetryVerdict =
  | "temporary" // C: it was a passing failure
  | "config_changed" // A: the configuration changed since these sales failed
  | "config_unchanged" // A: fix the configuration first
  | "connection_restored" // B: the dot is green again
  | "connection_still_red" // B: reconnect first
  | "sale_changed" // D: the shop changed the sale since
  | "fix_in_shop" // D: correct the sale in the shop, or book by hand and ignore
  | "check_accounting_first" // E: never retry blindly
  | "needs_support"; // F

/** One cause of rejections. */
export interface ErrorGroup {
  fingerprint: string;
  code: ErrorCode;
  actionClass: ActionClass;
  count: number;
  cents: number;
  oldestAt: Date;
  newestAt: Date;
  /** The newest sale of the group, to show and to report. */
  representative: { saleId: number; number: string; errorMessage: string | null; vendorMessage: string | null };
  /** The specifics of the cause (VAT rate, ledger role, ...), from the representative. */
  facts: Record<string, unknown>;
  retry: { canHelpNow: boolean; verdict: RetryVerdict };
  /** Sales of the group in state "expired" (Open past 21 days) rather than rejected. */
  saleStates: string[];
}

/** States shown in Fouten: rejected sales and Open sales that expired. */
export const errorStates = ["rejected", "expired"];

/** One cause as read from cause_totals and the sales_fouten_* indexes, with its newest sale as representative. */
interface CauseRow {
  fingerprint: string;
  code: string | null;
  count: number;
  cents: number | string;
  states: string;
  oldestAt: string | Date;
  newestAt: string | Date;
  failedAt: string | Date;
  maxFailedVersion: number | null;
  changedInShop: boolean;
  representativeId: number | string;
  number: string;
  errorMessage: string | null;
  vendorMessage: string | null;
  facts: Record<string, unknown> | string | null;
}

/**
 * Lists the causes of the koppeling's rejected sales, biggest amount first. Counts and amounts come
 * from cause_totals (kept by triggers on sales); oldest, newest (the representative), last failure,
 * configuration version and "changed in the shop" are one index descent each, all in one statement,
 * so 50,000 sales in Fouten cost what 50 do.
 */
export async function listErrorGroups(db: Database, koppelingId: string): Promise<ErrorGroup[]> {
  const [causes, [config], sides] = await Promise.all([
    db.execute(causesQuery(koppelingId)),
    db.select({ version: koppelingConfigs.version, settings: koppelingConfigs.settings }).from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, koppelingId)),
    db.select().from(connections).where(eq(connections.koppelingId, koppelingId)),
  ]);
  const rows = rowsOf<CauseRow>(causes);
  const configVersion = config?.version ?? 0;

  return rows.map((row) => {
    const code: ErrorCode = row.code && isErrorCode(row.code) ? row.code : "UNKNOWN";
    const actionClass = describeErrorCode(code).actionClass;
    const facts = (typeof row.facts === "string" ? JSON.parse(row.facts) : (row.facts ?? {})) as Record<string, unknown>;
    const failedAt = new Date(row.failedAt);
    const side = code.startsWith("CONN_SHOP") ? "sales" : "accounting";
    const connection = sides.find((s) => s.side === side);
    const retry = judgeRetry(actionClass, {
      configChanged:
        row.maxFailedVersion !== null &&
        configVersion > Number(row.maxFailedVersion) &&
        configAddressesCause(code, facts, parseKoppelingConfig(config?.settings)),
      connectionGreenSince: connection?.state === "green" && !!connection.lastCheckedAt && connection.lastCheckedAt > failedAt,
      changedInShop: row.changedInShop === true,
    });
    return {
      fingerprint: row.fingerprint,
      code,
      actionClass,
      count: Number(row.count),
      cents: Number(row.cents),
      oldestAt: new Date(row.oldestAt),
      newestAt: new Date(row.newestAt),
      representative: { saleId: Number(row.representativeId), number: row.number, errorMessage: row.errorMessage, vendorMessage: row.vendorMessage },
      facts,
      retry,
      saleStates: row.states.split(","),
    };
  });
}

/**
 * Whether the current configuration touches what this cause is about: the mapping of that VAT rate,
 * the ledger of that role. Ticking a status does not make a retry of an unmapped 9% rate useful.
 * Causes without such specifics count any change.
 */
export function configAddressesCause(code: ErrorCode, facts: Record<string, unknown>, config: KoppelingConfig): boolean {
  if ((code === "VAT_CODE_MISSING" || code === "VAT_CODE_MISMATCH") && typeof facts.rateBp === "number") {
    const mapped = config.vatMapping[vatRateKey(facts.rateBp)];
    return mapped !== undefined && mapped !== facts.vatCodeId;
  }
  if ((code === "LEDGER_NOT_FOUND" || code === "LEDGER_WRONG_TYPE") && typeof facts.role === "string") {
    const role = facts.role as LedgerRole;
    const current = role === "discount" ? (config.ledgers.discount ?? config.ledgers.revenue) : config.ledgers[role];
    return current !== null && current !== facts.ledgerId;
  }
  if (code === "REQUIRED_DEFAULT_MISSING" && facts.field === "administration") return config.administrationId !== null;
  return true;
}

/** Decides, per action class, whether retrying now can succeed (domain/errors.md). */
export function judgeRetry(
  actionClass: ActionClass,
  signals: { configChanged: boolean; connectionGreenSince: boolean; changedInShop: boolean },
): ErrorGroup["retry"] {
  switch (actionClass) {
    case "A":
      return signals.configChanged ? { canHelpNow: true, verdict: "config_changed" } : { canHelpNow: false, verdict: "config_unchanged" };
    case "B":
      return signals.connectionGreenSince
        ? { canHelpNow: true, verdict: "connection_restored" }
        : { canHelpNow: false, verdict: "connection_still_red" };
    case "C":
      return { canHelpNow: true, verdict: "temporary" };
    case "D":
      return signals.changedInShop ? { canHelpNow: true, verdict: "sale_changed" } : { canHelpNow: false, verdict: "fix_in_shop" };
    case "E":
      return { canHelpNow: false, verdict: "check_accounting_first" };
    case "F":
      return { canHelpNow: false, verdict: "needs_support" };
  }
}

/**
 * The causes with their totals; each lateral subquery is one descent of a sales_fouten_* index. The
 * version lookup skips nulls and orders descending so that it is a backward scan of
 * sales_fouten_cause_version ("desc nulls last" would not match the index and sort every sale of the cause).
 */
function causesQuery(koppelingId: string): SQL {
  const ofCause = sql`s.koppeling_id = ${koppelingId} and ${saleCause} = t.cause and s.state in ('rejected', 'expired')`;
  return sql`
    select t.cause as "fingerprint", newest.error_code as "code", t.count, t.cents, t.states,
      oldest.created_in_shop_at as "oldestAt", newest.created_in_shop_at as "newestAt", newest.id as "representativeId",
      newest.number, newest.error_message as "errorMessage", newest.vendor_message as "vendorMessage", newest.error_facts as "facts",
      failed.state_changed_at as "failedAt", version.failed_config_version as "maxFailedVersion",
      exists (select 1 from sales s where ${ofCause} and s.modified_in_shop_at > s.state_changed_at) as "changedInShop"
    from (
      select cause, sum(sales)::int as count, sum(cents)::bigint as cents, string_agg(state, ',' order by state) filter (where sales > 0) as states
      from cause_totals where koppeling_id = ${koppelingId} group by cause having sum(sales) > 0
    ) t
    cross join lateral (select s.created_in_shop_at from sales s where ${ofCause} order by s.created_in_shop_at, s.id limit 1) oldest
    cross join lateral (
      select s.id, s.created_in_shop_at, s.error_code, s.number, s.error_message, s.vendor_message, s.error_facts
      from sales s where ${ofCause} order by s.created_in_shop_at desc, s.id desc limit 1
    ) newest
    cross join lateral (select s.state_changed_at from sales s where ${ofCause} order by s.state_changed_at desc limit 1) failed
    left join lateral (
      select s.failed_config_version from sales s where ${ofCause} and s.failed_config_version is not null
      order by s.failed_config_version desc limit 1
    ) version on true
    order by t.cents desc`;
}
