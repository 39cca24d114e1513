/** Sales of the linked koppeling only: which named numbers exist, and their shop/vendor text for the model. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { saleLines, sales } from "../../db/schema.js";
import type { SaleFacts } from "./build-prompt.js";

/** The numbers (of those given) that are sales of this koppeling; reads nothing but their numbers. */
export async function findSaleNumbers(db: Database, koppelingId: string, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ number: sales.number })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), inArray(sales.number, [...numbers])));
  return new Set(rows.map((r) => r.number));
}

/** The facts of at most two named sales of this koppeling, for the model's context. */
export async function loadSaleFacts(db: Database, koppelingId: string, numbers: readonly string[]): Promise<SaleFacts[]> {
  const wanted = [...new Set(numbers)].slice(0, 2);
  if (wanted.length === 0) return [];
  const rows = await db
    .select({
      id: sales.id,
      number: sales.number,
      state: sales.state,
      shopStatus: sales.shopStatus,
      customerName: sales.customerName,
      company: sales.customerCompany,
      errorCode: sales.errorCode,
      vendorMessage: sales.vendorMessage,
    })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), inArray(sales.number, wanted)))
    .limit(2);
  if (rows.length === 0) return [];
  const lines = await db
    .select({ saleId: saleLines.saleId, description: saleLines.description })
    .from(saleLines)
    .where(and(inArray(saleLines.saleId, rows.map((r) => r.id)), eq(saleLines.kind, "product")))
    .orderBy(asc(saleLines.position));
  return rows.map(({ id, ...row }) => ({ ...row, products: lines.filter((l) => l.saleId === id).map((l) => l.description) }));
}
