/** "Is my koppeling set up correctly?": the live checklist of domain/koppeling.md, with a dry run. */
import type { ConnectionCheck } from "../connectors/ports.js";
import { type LoadedKoppeling, loadKoppeling } from "../koppelingen/koppeling-repository.js";
import { recordConnectionState } from "../koppelingen/record-connection-state.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import type { MasterData } from "../sync/precheck-sale.js";
import { type ChecklistItem } from "./checklist-item.js";
import { checkConfiguration } from "./check-configuration.js";
import { dryRun } from "./dry-run.js";
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

/** Runs the checklist live: both connections are called, the configuration compared with real master data. */
export async function checkKoppeling(deps: EngineDeps, koppelingId: string, options: CheckOptions = {}): Promise<ChecklistResult> {
  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  const now = deps.clock.now();
  const shop = deps.connectors.salesConnector(koppeling.salesConnection);
  const accounting = deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);

  const [salesCheck, accountingCheck] = await Promise.all([safeCheck(shop.testConnection()), safeCheck(accounting.testConnection())]);
  await recordConnectionState(deps.db, koppelingId, "sales", salesCheck, now);
  await recordConnectionState(deps.db, koppelingId, "accounting", accountingCheck, now);

  // "No rights" may only mean no (or a vanished) administration is chosen: the token can still list them.
  const tokenWorks = accountingCheck.kind === "green" || accountingCheck.code === "CONN_ACC_NO_RIGHTS";
  const [statuses, master, administrations] = await Promise.all([
    salesCheck.kind === "green" ? shop.listStatuses().catch(() => null) : Promise.resolve(null),
    accountingCheck.kind === "green" ? loadMaster(accounting) : Promise.resolve(null),
    tokenWorks ? accounting.listAdministrations().catch(() => null) : Promise.resolve(null),
  ]);
  const activity = await loadRecentActivity(deps.db, koppeling, now, options.recentDays ?? 30, options.recentLimit);

  const items: ChecklistItem[] = [
    connectionItem("sales_connection", salesCheck, "sales"),
    connectionItem("accounting_connection", accountingCheck, "accounting", koppeling, administrations),
    ...checkConfiguration(koppeling, { statuses, master, activity, now }),
    await dryRun(deps.db, koppeling, master, options.dryRunSize ?? 50),
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
