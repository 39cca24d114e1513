/** The status of a koppeling: both dots, what sits in each tab, the last and the next run. */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { preparedPerDatabase } from "../../db/prepared-per-database.js";
import { connections, koppelingen, saleTotals, syncRuns } from "../../db/schema.js";
import { nextRunAt } from "../sync/cadence.js";

/** Count and euro total (cents) of the sales in one tab. */
export interface TabTotals {
  count: number;
  cents: number;
}

export interface ConnectionStatus {
  system: string;
  state: "green" | "red" | "unknown";
  lastCheckedAt: Date | null;
  errorCode: string | null;
  detail: string | null;
}

export interface KoppelingStatus {
  koppelingId: string;
  name: string;
  sales: ConnectionStatus;
  accounting: ConnectionStatus;
  /** Rapportage, Open, Fouten, Negeer — plus the engine's own: waiting to transfer, expired, before install. */
  tabs: Record<"transferred" | "open" | "rejected" | "ignored" | "queued" | "expired" | "beforeInstall", TabTotals>;
  lastRun: { startedAt: Date; finishedAt: Date | null; status: string; errorCode: string | null } | null;
  nextRunAt: Date;
}

const tabOfState: Record<string, keyof KoppelingStatus["tabs"]> = {
  transferred: "transferred",
  open: "open",
  rejected: "rejected",
  ignored: "ignored",
  queued: "queued",
  transferring: "queued",
  expired: "expired",
  before_install: "beforeInstall",
};

interface SideRow {
  side: string;
  system: string;
  state: ConnectionStatus["state"];
  lastCheckedAt: string | null;
  errorCode: string | null;
  detail: string | null;
}

/** What statusColumns() selects, with the koppeling's name and cadence: enough to build the status. */
export interface StatusColumns {
  status_name: string;
  status_cadence: string;
  status_totals: string;
  status_sides: string;
  status_last_run: string | null;
}

/**
 * The status as columns of a statement that has the table koppelingen (not aliased) in scope: the tab
 * totals, both connections and the last run, each as JSON text (parsed alike on PGlite and postgres.js).
 * A chat turn pays per round trip, so the status is read in one prepared statement, or inside the turn's
 * first one (conversations/state/load-turn.ts). Every part is an index lookup, whatever the history:
 * - sale_totals is kept per state by triggers on sales;
 * - sync_runs_koppeling_id finds the last of thousands of hourly runs in one descent.
 */
export function statusColumns() {
  return {
    status_totals: sql<string>`(select coalesce(json_agg(json_build_object('state', t.state, 'count', t.sales, 'cents', t.cents)), '[]')::text
      from ${saleTotals} t where t.koppeling_id = koppelingen.id)`.as("status_totals"),
    status_sides: sql<string>`(select coalesce(json_agg(json_build_object('side', c.side, 'system', c.system, 'state', c.state,
        'lastCheckedAt', c.last_checked_at, 'errorCode', c.last_error_code, 'detail', c.last_error_detail)), '[]')::text
      from ${connections} c where c.koppeling_id = koppelingen.id)`.as("status_sides"),
    status_last_run: sql<string | null>`(select json_build_object('startedAt', r.started_at, 'finishedAt', r.finished_at, 'status', r.status, 'errorCode', r.error_code)::text
      from ${syncRuns} r where r.koppeling_id = koppelingen.id order by r.id desc limit 1)`.as("status_last_run"),
  };
}

function prepareStatus(db: Database) {
  return db
    .select({ status_name: koppelingen.name, status_cadence: koppelingen.cadence, ...statusColumns() })
    .from(koppelingen)
    .where(eq(koppelingen.id, sql.placeholder("koppelingId")))
    .prepare("koppelbot_status");
}

const statusStatement = preparedPerDatabase(prepareStatus);

/** Reads the status from the database (no vendor calls: the dots are the last known state). */
export async function getStatus(db: Database, koppelingId: string, now: Date): Promise<KoppelingStatus> {
  const [row] = await statusStatement(db).execute({ koppelingId });
  if (!row) throw new Error(`No koppeling with id ${koppelingId}`);
  return statusFromColumns(koppelingId, row, now);
}

/** Builds the status from what statusColumns() read. */
export function statusFromColumns(koppelingId: string, columns: StatusColumns, now: Date): KoppelingStatus {
  const counts = JSON.parse(columns.status_totals) as Array<{ state: string; count: number; cents: number }>;
  const sides = JSON.parse(columns.status_sides) as SideRow[];
  const run = columns.status_last_run ? (JSON.parse(columns.status_last_run) as { startedAt: string; finishedAt: string | null; status: string; errorCode: string | null }) : null;
  const lastRun = run ? { startedAt: new Date(run.startedAt), finishedAt: run.finishedAt ? new Date(run.finishedAt) : null, status: run.status, errorCode: run.errorCode } : null;
  const tabs = Object.fromEntries(
    ["transferred", "open", "rejected", "ignored", "queued", "expired", "beforeInstall"].map((tab) => [tab, { count: 0, cents: 0 }]),
  ) as KoppelingStatus["tabs"];
  for (const row of counts) {
    const tab = tabs[tabOfState[row.state] ?? "queued"];
    tab.count += Number(row.count);
    tab.cents += Number(row.cents);
  }
  const side = (name: "sales" | "accounting"): ConnectionStatus => {
    const row = sides.find((s) => s.side === name);
    return {
      system: row?.system ?? "unknown",
      state: row?.state ?? "unknown",
      lastCheckedAt: row?.lastCheckedAt ? new Date(row.lastCheckedAt) : null,
      errorCode: row?.errorCode ?? null,
      detail: row?.detail ?? null,
    };
  };
  return {
    koppelingId,
    name: columns.status_name,
    sales: side("sales"),
    accounting: side("accounting"),
    tabs,
    lastRun,
    nextRunAt: nextRunAt(columns.status_cadence, lastRun?.startedAt ?? null, now),
  };
}
