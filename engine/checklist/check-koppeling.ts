/** "Is my koppeling set up correctly?": the live checklist of domain/koppeling.md, with a dry run. */
import type { ConnectionCheck } from "../connectors/ports.js";
import { type LoadedKoppeling, loadKoppeling } from "../koppelingen/koppeling-repository.js";
import { recordConnectionState } from "../koppelingen/record-connection-state.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import type { MasterData } from "../sync/precheck-sale.js";
import { type ChecklistItem } from "./checklist-item.js";
import { checkConfiguration } from "./check-configuration.js";
import { dryRun, loadDryRunSample } from "./dry-run.js";
import { loadRecentActivity } from "./recent-activity.js";

/** The whole checklist, in walking order. */
export interface ChecklistResult {
  koppelingId: string;
  name: string;
  salesSystem: string;
  accountingSystem: string;
  checkedAt: Date;
  items: ChecklistItem[];
}

export interface CheckOptions {
  /** How many recent sales the dry run pushes through the pre-checks (default 50). */
  dryRunSize?: number;
  /** How far back "recent sales" go (default 30 days). */
  recentDays?: number;
  /** How many of the latest recent sales the statuses, rates and line kinds are read from (default 1,000). */
  recentLimit?: number;
}

/**
 * Runs the checklist live: both connections are called, the configuration compared with real master
 * data. The database reads (the recent sample, the dry run's sales) go out while the systems are
 * being called, so they add no wall time of their own.
 */
export async function checkKoppeling(deps: EngineDeps, koppelingId: string, options: CheckOptions = {}): Promise<ChecklistResult> {
  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  const now = deps.clock.now();
  const [live, activity, sample] = await Promise.all([
    callSystems(deps, koppeling, now),
    loadRecentActivity(deps.db, koppeling, now, options.recentDays ?? 30, options.recentLimit),
    loadDryRunSample(deps.db, koppelingId, options.dryRunSize ?? 50),
  ]);
  const { salesCheck, accountingCheck, statuses, master, administrations } = live;

  const items: ChecklistItem[] = [
    connectionItem("sales_connection", salesCheck, "sales"),
    connectionItem("accounting_connection", accountingCheck, "accounting", koppeling, administrations),
    ...checkConfiguration(koppeling, { statuses, master, activity, now }),
    dryRun(sample, koppeling.config, master),
  ];
  return {
    koppelingId,
    name: koppeling.name,
    salesSystem: koppeling.salesSystem,
    accountingSystem: koppeling.accountingSystem,
    checkedAt: now,
    items,
  };
}

/** Tests both connections (recording the dots), then reads what the reachable systems know. */
async function callSystems(deps: EngineDeps, koppeling: LoadedKoppeling, now: Date) {
  const shop = deps.connectors.salesConnector(koppeling.salesConnection);
  const accounting = deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);

  const [salesCheck, accountingCheck] = await Promise.all([safeCheck(shop.testConnection()), safeCheck(accounting.testConnection())]);
  // "No rights" may only mean no (or a vanished) administration is chosen: the token can still list them.
  const tokenWorks = accountingCheck.kind === "green" || accountingCheck.code === "CONN_ACC_NO_RIGHTS";
  const [statuses, master, administrations] = await Promise.all([
    salesCheck.kind === "green" ? shop.listStatuses().catch(() => null) : Promise.resolve(null),
    accountingCheck.kind === "green" ? loadMaster(accounting) : Promise.resolve(null),
    tokenWorks ? accounting.listAdministrations().catch(() => null) : Promise.resolve(null),
    recordConnectionState(deps.db, koppeling.id, "sales", salesCheck, now),
    recordConnectionState(deps.db, koppeling.id, "accounting", accountingCheck, now),
  ]);
  return { salesCheck, accountingCheck, statuses, master, administrations };
}

async function safeCheck(check: Promise<ConnectionCheck>): Promise<ConnectionCheck> {
  try {
    return await check;
  } catch (error) {
    return { kind: "red", code: "UNKNOWN", detail: error instanceof Error ? error.message : String(error) };
  }
}

async function loadMaster(accounting: ReturnType<EngineDeps["connectors"]["accountingConnector"]>): Promise<MasterData | null> {
  try {
    const [vatCodes, ledgers] = await Promise.all([accounting.listVatCodes(), accounting.listLedgers()]);
    return { vatCodes, ledgers };
  } catch {
    return null;
  }
}

function connectionItem(
  key: "sales_connection" | "accounting_connection",
  check: ConnectionCheck,
  side: "sales" | "accounting",
  koppeling?: LoadedKoppeling,
  administrations?: Array<{ id: string; name: string }> | null,
): ChecklistItem {
  const chosen = koppeling && administrations?.find((a) => a.id === koppeling.config.administrationId);
  if (check.kind === "red" && (!koppeling || !administrations || chosen)) {
    return { key, status: "failing", facts: { code: check.code, detail: check.detail }, fixes: [{ kind: "reconnect", side, code: check.code }] };
  }
  if (!koppeling || !administrations) return { key, status: "ok", facts: { detail: check.detail }, fixes: [] };
  if (chosen) return { key, status: "ok", facts: { administration: chosen.name }, fixes: [] };
  return {
    key,
    status: "failing",
    facts: { administrationId: koppeling.config.administrationId, reason: koppeling.config.administrationId ? "unknown_administration" : "no_administration" },
    fixes: [{ kind: "choose_administration", choices: administrations.map((a) => ({ id: a.id, label: a.name })) }],
  };
}
