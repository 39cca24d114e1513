/** The configuration items of the checklist, compared with the systems' real master data and recent sales. */
import { type LedgerRole, vatRateKey } from "../config/koppeling-config.js";
import type { ShopStatus } from "../connectors/ports.js";
import type { LoadedKoppeling } from "../koppelingen/koppeling-repository.js";
import { intervalOf } from "../sync/cadence.js";
import type { MasterData } from "../sync/precheck-sale.js";
import type { ChecklistFix, ChecklistItem } from "./checklist-item.js";
import type { RecentActivity } from "./recent-activity.js";

export interface ConfigurationInputs {
  /** The shop's statuses; null when the shop could not be reached. */
  statuses: ShopStatus[] | null;
  /** Accounting master data; null when accounting could not be reached. */
  master: MasterData | null;
  activity: RecentActivity;
  now: Date;
}

/** Items 3 to 9 of the checklist. */
export function checkConfiguration(koppeling: LoadedKoppeling, inputs: ConfigurationInputs): ChecklistItem[] {
  return [
    contractItem(koppeling),
    statusesItem(koppeling, inputs),
    vatMappingItem(koppeling, inputs),
    ledgersItem(koppeling, inputs),
    requiredFieldsItem(koppeling),
    savedItem(koppeling),
    recentSalesItem(koppeling, inputs.activity),
    lastSyncItem(koppeling, inputs),
  ];
}

function contractItem(koppeling: LoadedKoppeling): ChecklistItem {
  const contract = koppeling.config.contract;
  if (contract) return { key: "contract", status: "ok", facts: { read: contract.read, create: contract.create }, fixes: [] };
  return { key: "contract", status: "failing", facts: {}, fixes: [{ kind: "manual", hint: "choose_contract" }] };
}

/** Statuses of sales that were never paid or were undone: merchants rightly leave them unticked. */
export const neverBookedStatuses: ReadonlySet<string> = new Set(["pending", "cancelled", "failed", "refunded", "checkout-draft", "trash"]);

function statusesItem(koppeling: LoadedKoppeling, inputs: ConfigurationInputs): ChecklistItem {
  const ticked = koppeling.config.statuses;
  const occurring = inputs.activity.statuses;
  const unknownTicked = inputs.statuses ? ticked.filter((s) => !inputs.statuses!.some((k) => k.slug === s)) : [];
  const tickedNotOccurring = ticked.filter((s) => !occurring.has(s));
  const untickedOccurring = [...occurring.entries()]
    .filter(([status, counts]) => !ticked.includes(status) && counts.open > 0)
    .sort((a, b) => b[1].open - a[1].open)
    .map(([status, counts]) => ({ status, openSales: counts.open, openCents: counts.openCents }));
  const fixes: ChecklistFix[] = untickedOccurring
    .filter((u) => !neverBookedStatuses.has(u.status))
    .map((u) => ({ kind: "tick_status", status: u.status, saleCount: u.openSales }));
  const recentTotal = [...occurring.values()].reduce((sum, counts) => sum + counts.sales, 0);
  // A status that holds a tenth of the recent sales and is never ticked makes Open pile up: that is an error.
  const piling = fixes.some((fix) => fix.kind === "tick_status" && fix.saleCount >= Math.max(1, recentTotal / 10));
  const status =
    ticked.length === 0 || unknownTicked.length > 0 || piling ? "failing" : fixes.length > 0 ? "warning" : "ok";
  return { key: "statuses", status, facts: { ticked, unknownTicked, tickedNotOccurring, untickedOccurring }, fixes };
}

function vatMappingItem(koppeling: LoadedKoppeling, inputs: ConfigurationInputs): ChecklistItem {
  if (!inputs.master) return { key: "vat_mapping", status: "skipped", facts: { reason: "accounting_unreachable" }, fixes: [] };
  const { vatCodes } = inputs.master;
  const problems: Array<Record<string, unknown>> = [];
  const fixes: ChecklistFix[] = [];
  const rates = [...inputs.activity.rates.entries()].sort((a, b) => b[0] - a[0]);
  for (const [rateBp, saleCount] of rates) {
    const codeId = koppeling.config.vatMapping[vatRateKey(rateBp)];
    const code = codeId ? vatCodes.find((c) => c.id === codeId) : undefined;
    let reason: string | null = null;
    if (!codeId) reason = "unmapped";
    else if (!code) reason = "deleted";
    else if (!code.active) reason = "inactive";
    else if (code.usage !== "sales") reason = "not_for_sales";
    else if (code.percentageBp !== rateBp) reason = "percentage_differs";
    if (!reason) continue;
    const rejected = rejectedForRate(inputs.activity, rateBp);
    problems.push({ rateBp, reason, saleCount, mappedCode: code?.name ?? null, rejectedSales: rejected.count, rejectedCents: rejected.cents });
    const choices = vatCodes.filter((c) => c.active && c.usage === "sales" && c.percentageBp === rateBp).map((c) => ({ id: c.id, label: c.name }));
    fixes.push({ kind: "map_vat_rate", rateBp, choices });
  }
  const mapped = rates.filter(([rateBp]) => !problems.some((p) => p.rateBp === rateBp)).map(([rateBp]) => rateBp);
  return { key: "vat_mapping", status: problems.length > 0 ? "failing" : "ok", facts: { ratesSeen: rates.map(([r]) => r), mapped, problems }, fixes };
}

/** Sales in Fouten because of this rate, whatever the exact VAT cause. */
function rejectedForRate(activity: RecentActivity, rateBp: number): { count: number; cents: number } {
  let count = 0;
  let cents = 0;
  for (const [fingerprint, group] of activity.rejectedByFingerprint) {
    if (/^VAT_CODE_(MISSING|MISMATCH)\|/.test(fingerprint) && fingerprint.includes(`|rateBp=${rateBp}|`)) {
      count += group.count;
      cents += group.cents;
    }
  }
  return { count, cents };
}

function ledgersItem(koppeling: LoadedKoppeling, inputs: ConfigurationInputs): ChecklistItem {
  if (!inputs.master) return { key: "ledgers", status: "skipped", facts: { reason: "accounting_unreachable" }, fixes: [] };
  const { ledgers } = inputs.master;
  const kinds = inputs.activity.lineKinds;
  const needed: LedgerRole[] = ["revenue"];
  if (kinds.has("shipping")) needed.push("shipping");
  if (kinds.has("fee")) needed.push("paymentCosts");
  const revenueChoices = ledgers.filter((l) => l.active && l.type === "revenue").map((l) => ({ id: l.id, label: `${l.code} ${l.name}` }));
  const problems: Array<Record<string, unknown>> = [];
  const fixes: ChecklistFix[] = [];
  for (const role of needed) {
    const id = koppeling.config.ledgers[role];
    const ledger = id ? ledgers.find((l) => l.id === id) : undefined;
    const reason = !id ? "not_set" : !ledger ? "deleted" : !ledger.active ? "inactive" : ledger.type !== "revenue" ? "not_revenue" : null;
    if (!reason) continue;
    problems.push({ role, reason, ledgerCode: ledger?.code ?? null, ledgerName: ledger?.name ?? null, ledgerType: ledger?.type ?? null, salesWithLines: role === "revenue" ? null : kinds.get(role === "shipping" ? "shipping" : "fee") ?? 0 });
    fixes.push({ kind: "set_ledger", role, choices: revenueChoices });
  }
  return { key: "ledgers", status: problems.length > 0 ? "failing" : "ok", facts: { needed, problems }, fixes };
}

function requiredFieldsItem(koppeling: LoadedKoppeling): ChecklistItem {
  const { debtorStrategy, fixedDebtorId } = koppeling.config;
  if (debtorStrategy === "fixed" && !fixedDebtorId) {
    return { key: "required_fields", status: "failing", facts: { missing: ["fixedDebtor"] }, fixes: [{ kind: "manual", hint: "set_fixed_debtor" }] };
  }
  return { key: "required_fields", status: "ok", facts: { debtorStrategy }, fixes: [] };
}

function savedItem(koppeling: LoadedKoppeling): ChecklistItem {
  if (koppeling.configSavedAt) return { key: "saved", status: "ok", facts: { savedAt: koppeling.configSavedAt }, fixes: [] };
  return { key: "saved", status: "failing", facts: {}, fixes: [{ kind: "save_config" }] };
}

function recentSalesItem(koppeling: LoadedKoppeling, activity: RecentActivity): ChecklistItem {
  const facts = { installedAt: koppeling.installedAt, afterInstall: activity.salesAfterInstall, beforeInstall: activity.salesBeforeInstall };
  if (activity.salesAfterInstall > 0) return { key: "recent_sales", status: "ok", facts, fixes: [] };
  return { key: "recent_sales", status: "warning", facts, fixes: [{ kind: "manual", hint: "wait_for_sales" }] };
}

function lastSyncItem(koppeling: LoadedKoppeling, inputs: ConfigurationInputs): ChecklistItem {
  const run = inputs.activity.lastRun;
  if (!run) return { key: "last_sync", status: "warning", facts: { reason: "never_ran" }, fixes: [{ kind: "manual", hint: "check_sync" }] };
  const late = inputs.now.getTime() - run.startedAt.getTime() > 2 * intervalOf(koppeling.cadence);
  const facts = { startedAt: run.startedAt, status: run.status, errorCode: run.errorCode, late, cadence: koppeling.cadence };
  if (run.status === "failed") return { key: "last_sync", status: "failing", facts, fixes: [{ kind: "manual", hint: "check_sync" }] };
  return { key: "last_sync", status: late ? "warning" : "ok", facts, fixes: late ? [{ kind: "manual", hint: "check_sync" }] : [] };
}
