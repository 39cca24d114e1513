/** The dry run (ours): the last N sales pushed through mapping and pre-checks, without booking anything. */
import { and, asc, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { saleLines, sales } from "../../db/schema.js";
import type { KoppelingConfig } from "../config/koppeling-config.js";
import { fingerprintOf } from "../errors/fingerprint.js";
import type { SaleLine } from "../sales/sale.js";
import { type MasterData, type PrecheckInput, precheckSale } from "../sync/precheck-sale.js";
import type { ChecklistItem } from "./checklist-item.js";

/** The latest sales with what the pre-checks look at. */
export type DryRunSample = Array<PrecheckInput & { number: string }>;

/**
 * Reads the latest `size` sales that count (not before the install, not ignored) with their lines:
 * a backward scan of sales_koppeling_created and one lookup of their lines, whatever the history.
 */
export async function loadDryRunSample(db: Database, koppelingId: string, size: number): Promise<DryRunSample> {
  const latest = await db
    .select({
      id: sales.id,
      number: sales.number,
      totalCents: sales.totalCents,
      email: sales.customerEmail,
      country: sales.customerCountry,
      vatNumber: sales.customerVatNumber,
      company: sales.customerCompany,
    })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), notInArray(sales.state, ["before_install", "ignored"])))
    .orderBy(desc(sales.createdInShopAt), desc(sales.id))
    .limit(size);
  if (latest.length === 0) return [];
  const lines = await db
    .select({
      saleId: saleLines.saleId,
      kind: saleLines.kind,
      description: saleLines.description,
      sku: saleLines.sku,
      quantity: saleLines.quantity,
      totalExclCents: saleLines.totalExclCents,
      taxCents: saleLines.taxCents,
      vatRateBp: saleLines.vatRateBp,
    })
    .from(saleLines)
    .where(inArray(saleLines.saleId, latest.map((s) => s.id)))
    .orderBy(asc(saleLines.saleId), asc(saleLines.position));
  const linesOf = new Map<number, SaleLine[]>();
  for (const { saleId, ...line } of lines) linesOf.set(saleId, [...(linesOf.get(saleId) ?? []), line]);
  return latest.map((sale) => ({
    number: sale.number,
    totalCents: sale.totalCents,
    customer: { email: sale.email, country: sale.country, vatNumber: sale.vatNumber, company: sale.company },
    lines: linesOf.get(sale.id) ?? [],
  }));
}

/** Runs the pre-checks on the sample under the current configuration. */
export function dryRun(sample: DryRunSample, config: KoppelingConfig, master: MasterData | null): ChecklistItem {
  if (!master) return { key: "dry_run", status: "skipped", facts: { reason: "accounting_unreachable" }, fixes: [] };
  if (sample.length === 0) return { key: "dry_run", status: "skipped", facts: { reason: "no_sales" }, fixes: [] };

  const rejections = new Map<string, { code: string; facts: Record<string, unknown>; count: number; examples: string[] }>();
  let accepted = 0;
  for (const sale of sample) {
    const result = precheckSale(sale, config, master);
    if (result.kind === "ok") {
      accepted += 1;
      continue;
    }
    const main = result.problems[0]!;
    const key = fingerprintOf(main);
    const entry = rejections.get(key) ?? { code: main.code, facts: main.facts, count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < 3) entry.examples.push(sale.number);
    rejections.set(key, entry);
  }
  const rejected = sample.length - accepted;
  return {
    key: "dry_run",
    status: rejected === 0 ? "ok" : "failing",
    facts: { tried: sample.length, accepted, rejected, causes: [...rejections.values()].sort((a, b) => b.count - a.count) },
    fixes: [],
  };
}
