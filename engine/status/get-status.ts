/** The status of a koppeling: both dots, what sits in each tab, the last and the next run. */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
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

/**
 * One statement for the whole status (a chat turn pays per round trip): the koppeling, its tab totals, both
 * connections and its last run, the three lists as JSON text (parsed alike on PGlite and postgres.js).
 */
function prepareStatusQuery(db: Database) {
  return db
    .select({
      name: koppelingen.name,
      cadence: koppelingen.cadence,
      // Kept per state by triggers on sales: constant time however many sales the koppeling has.
      totals: sql<string>`(select coalesce(json_agg(json_build_object('state', t.state, 'count', t.sales, 'cents', t.cents)), '[]')::text
        from ${saleTotals} t where t.koppeling_id = koppelingen.id)`,
      sides: sql<string>`(select coalesce(json_agg(json_build_object('side', c.side, 'system', c.system, 'state', c.state,
        'lastCheckedAt', c.last_checked_at, 'errorCode', c.last_error_code, 'detail', c.last_error_detail)), '[]')::text
        from ${connections} c where c.koppeling_id = koppelingen.id)`,
      // sync_runs_koppeling_id: the last of thousands of hourly runs in one descent.
      lastRun: sql<string | null>`(select json_build_object('startedAt', r.started_at, 'finishedAt', r.finished_at, 'status', r.status, 'errorCode', r.error_code)::text
        from ${syncRuns} r where r.koppeling_id = koppelingen.id order by r.id desc limit 1)`,
    })
    .from(koppelingen)
    .where(eq(koppelingen.id, sql.placeholder("koppelingId")))
    .prepare("koppelbot_status");
}

const prepared = new WeakMap<Database, ReturnType<typeof prepareStatusQuery>>();

/** Reads the status from the database (no vendor calls: the dots are the last known state). */
export async function getStatus(db: Database, koppelingId: string, now: Date): Promise<KoppelingStatus> {
  let query = prepared.get(db);
  if (!query) {
    query = prepareStatusQuery(db);
    prepared.set(db, query);
  }
  const [koppeling] = await query.execute({ koppelingId });
  if (!koppeling) throw new Error(`No koppeling with id ${koppelingId}`);
  const counts = JSON.parse(koppeling.totals) as Array<{ state: string; count: number; cents: number }>;
  const sides = JSON.parse(koppeling.sides) as SideRow[];
  const run = koppeling.lastRun ? (JSON.parse(koppeling.lastRun) as { startedAt: string; finishedAt: string | null; status: string; errorCode: string | null }) : null;
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
    name: koppeling.name,
    sales: side("sales"),
    accounting: side("accounting"),
    tabs,
    lastRun,
    nextRunAt: nextRunAt(koppeling.cadence, lastRun?.startedAt ?? null, now),
  };
}
