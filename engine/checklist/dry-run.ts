/** The dry run (ours): the last N sales pushed through mapping and pre-checks, without booking anything. */
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { saleLines, sales } from "../../db/schema.js";
import { fingerprintOf } from "../errors/fingerprint.js";
import type { LoadedKoppeling } from "../koppelingen/koppeling-repository.js";
import { type MasterData, precheckSale } from "../sync/precheck-sale.js";
import type { ChecklistItem } from "./checklist-item.js";

/** Runs the pre-checks on the latest sales under the current configuration. */
export async function dryRun(db: Database, koppeling: LoadedKoppeling, master: MasterData | null, size: number): Promise<ChecklistItem> {
  if (!master) return { key: "dry_run", status: "skipped", facts: { reason: "accounting_unreachable" }, fixes: [] };
  const latest = await db
    .select()
    .from(sales)
    .where(and(eq(sales.koppelingId, koppeling.id), ne(sales.state, "before_install"), ne(sales.state, "ignored")))
    .orderBy(desc(sales.createdInShopAt), desc(sales.id))
    .limit(size);
  if (latest.length === 0) return { key: "dry_run", status: "skipped", facts: { reason: "no_sales" }, fixes: [] };
  const lines = await db
    .select()
    .from(saleLines)
    .where(inArray(saleLines.saleId, latest.map((s) => s.id)))
    .orderBy(asc(saleLines.saleId), asc(saleLines.position));

  const rejections = new Map<string, { code: string; facts: Record<string, unknown>; count: number; examples: string[] }>();
  let accepted = 0;
  for (const sale of latest) {
    const result = precheckSale(
      {
        totalCents: sale.totalCents,
        customer: { email: sale.customerEmail, country: sale.customerCountry, vatNumber: sale.customerVatNumber, company: sale.customerCompany },
        lines: lines.filter((l) => l.saleId === sale.id),
      },
      koppeling.config,
      master,
    );
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
  const rejected = latest.length - accepted;
  return {
    key: "dry_run",
    status: rejected === 0 ? "ok" : "failing",
    facts: { tried: latest.length, accepted, rejected, causes: [...rejections.values()].sort((a, b) => b.count - a.count) },
    fixes: [],
  };
}
