/** One line of the configuration checklist: ok, warning or failing, the facts, and the fix. */
import type { LedgerRole } from "../config/koppeling-config.js";
import type { ErrorCode } from "../errors/catalogue.js";

/** The checklist items in the order a merchant walks them (domain/koppeling.md). */
export type ChecklistKey =
  | "sales_connection"
  | "accounting_connection"
  | "contract"
  | "statuses"
  | "vat_mapping"
  | "ledgers"
  | "required_fields"
  | "saved"
  | "recent_sales"
  | "last_sync"
  | "dry_run";

export type ChecklistStatus = "ok" | "warning" | "failing" | "skipped";

/** A choice the merchant can pick to fix an item, taken from what really exists in the other system. */
export interface FixChoice {
  id: string;
  label: string;
}

/** How an item can be fixed; the bot offers the fixable ones in the conversation. */
export type ChecklistFix =
  | { kind: "reconnect"; side: "sales" | "accounting"; code: ErrorCode }
  | { kind: "map_vat_rate"; rateBp: number; choices: FixChoice[] }
  | { kind: "set_ledger"; role: LedgerRole; choices: FixChoice[] }
  | { kind: "tick_status"; status: string; saleCount: number }
  | { kind: "choose_administration"; choices: FixChoice[] }
  | { kind: "save_config" }
  | { kind: "manual"; hint: "wait_for_sales" | "check_sync" | "choose_contract" | "set_fixed_debtor" };

/** One checked item with its findings. */
export interface ChecklistItem {
  key: ChecklistKey;
  status: ChecklistStatus;
  /** The concrete findings: which rate, which ledger, how many sales, how much money. */
  facts: Record<string, unknown>;
  /** One problem per entry; an item can have several (two unmapped rates). */
  fixes: ChecklistFix[];
}
