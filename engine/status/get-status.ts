/** The status of a koppeling: both dots, what sits in each tab, the last and the next run. */
import { desc, eq } from "drizzle-orm";
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

/** Reads the status from the database (no vendor calls: the dots are the last known state). */
export async function getStatus(db: Database, koppelingId: string, now: Date): Promise<KoppelingStatus> {
  // The four reads go out together; each is an index lookup, whatever the history.
  const [[koppeling], counts, sides, [lastRun]] = await Promise.all([
    db.select({ name: koppelingen.name, cadence: koppelingen.cadence }).from(koppelingen).where(eq(koppelingen.id, koppelingId)),
    // Kept per state by triggers on sales: constant time however many sales the koppeling has.
    db.select({ state: saleTotals.state, count: saleTotals.sales, cents: saleTotals.cents }).from(saleTotals).where(eq(saleTotals.koppelingId, koppelingId)),
    db.select().from(connections).where(eq(connections.koppelingId, koppelingId)),
    // sync_runs_koppeling_id: the last of thousands of hourly runs in one descent.
    db.select().from(syncRuns).where(eq(syncRuns.koppelingId, koppelingId)).orderBy(desc(syncRuns.id)).limit(1),
  ]);
  if (!koppeling) throw new Error(`No koppeling with id ${koppelingId}`);
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
      lastCheckedAt: row?.lastCheckedAt ?? null,
      errorCode: row?.lastErrorCode ?? null,
      detail: row?.lastErrorDetail ?? null,
    };
  };
  return {
    koppelingId,
    name: koppeling.name,
    sales: side("sales"),
    accounting: side("accounting"),
    tabs,
    lastRun: lastRun
      ? { startedAt: lastRun.startedAt, finishedAt: lastRun.finishedAt, status: lastRun.status, errorCode: lastRun.errorCode }
      : null,
    nextRunAt: nextRunAt(koppeling.cadence, lastRun?.startedAt ?? null, now),
  };
}
