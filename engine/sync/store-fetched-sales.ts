/** Stores fetched sales and decides where each stands: before install, Open, or queued to transfer. */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { saleLines, sales } from "../../db/schema.js";
import type { SaleState, ShopSale } from "../sales/sale.js";

/** The koppeling facts classification depends on. */
export interface StoreContext {
  koppelingId: string;
  installedAt: Date;
  tickedStatuses: string[];
  now: Date;
}

/** How many of the stored sales are new and where they went. */
export interface StoreResult {
  inserted: number;
  refreshed: number;
  opened: number;
  queued: number;
}

/** States whose content is final: later edits in the shop are not propagated. */
const finalStates: ReadonlySet<string> = new Set(["transferred", "transferring", "ignored"]);

/** Inserts new sales and refreshes the ones not yet final, in one transaction. */
export async function storeFetchedSales(db: Database, context: StoreContext, batch: ShopSale[]): Promise<StoreResult> {
  const result: StoreResult = { inserted: 0, refreshed: 0, opened: 0, queued: 0 };
  if (batch.length === 0) return result;
  const unique = [...new Map(batch.map((sale) => [sale.externalId, sale])).values()];
  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: sales.id, externalId: sales.externalId, state: sales.state, shopStatus: sales.shopStatus, modifiedInShopAt: sales.modifiedInShopAt })
      .from(sales)
      .where(and(eq(sales.koppelingId, context.koppelingId), inArray(sales.externalId, unique.map((s) => s.externalId))));
    const byExternalId = new Map(existing.map((row) => [row.externalId, row]));

    const fresh = unique.filter((sale) => !byExternalId.has(sale.externalId));
    if (fresh.length > 0) {
      const rows = fresh.map((sale) => {
        const state = initialState(sale, context);
        if (state === "open") result.opened += 1;
        if (state === "queued") result.queued += 1;
        return { ...saleColumns(sale), koppelingId: context.koppelingId, externalId: sale.externalId, state, stateChangedAt: context.now, fetchedAt: context.now };
      });
      const inserted = await tx
        .insert(sales)
        .values(rows)
        .onConflictDoNothing()
        .returning({ id: sales.id, externalId: sales.externalId });
      result.inserted = inserted.length;
      await insertLines(tx, inserted, fresh);
    }

    for (const sale of unique) {
      const row = byExternalId.get(sale.externalId);
      if (!row) continue;
      if (finalStates.has(row.state)) {
        // Read again (the cursor overlaps, a resumed or repeated pass) without a change in the shop: nothing to write.
        if (row.shopStatus === sale.status && row.modifiedInShopAt.getTime() === sale.modifiedAt.getTime()) continue;
        await tx.update(sales).set({ shopStatus: sale.status, modifiedInShopAt: sale.modifiedAt }).where(eq(sales.id, row.id));
        continue;
      }
      const state = refreshedState(row.state as SaleState, sale, context);
      // Re-read (the cursor overlaps a second) but not changed in the shop: nothing to refresh.
      if (state === row.state && row.modifiedInShopAt.getTime() === sale.modifiedAt.getTime()) continue;
      // Only if nobody moved the sale meanwhile (a retry may have claimed it since it was read).
      const updated = await tx
        .update(sales)
        .set({ ...saleColumns(sale), state, ...(state !== row.state ? { stateChangedAt: context.now } : {}) })
        .where(and(eq(sales.id, row.id), eq(sales.state, row.state)))
        .returning({ id: sales.id });
      if (updated.length === 0) continue;
      await tx.delete(saleLines).where(eq(saleLines.saleId, row.id));
      await insertLines(tx, [{ id: row.id, externalId: sale.externalId }], [sale]);
      result.refreshed += 1;
    }
  });
  return result;
}

/** Where a sale seen for the first time goes. */
function initialState(sale: ShopSale, context: StoreContext): SaleState {
  if (sale.createdAt.getTime() < context.installedAt.getTime()) return "before_install";
  return context.tickedStatuses.includes(sale.status) ? "queued" : "open";
}

/** Where a sale already known goes after the shop changed it: only Open and queued move. */
function refreshedState(current: SaleState, sale: ShopSale, context: StoreContext): SaleState {
  if (current !== "open" && current !== "queued") return current;
  return context.tickedStatuses.includes(sale.status) ? "queued" : "open";
}

function saleColumns(sale: ShopSale) {
  return {
    number: sale.number,
    kind: sale.kind,
    shopStatus: sale.status,
    createdInShopAt: sale.createdAt,
    modifiedInShopAt: sale.modifiedAt,
    currency: sale.currency,
    pricesIncludeTax: sale.pricesIncludeTax,
    totalCents: sale.totalCents,
    taxCents: sale.taxCents,
    customerEmail: sale.customer.email?.trim().toLowerCase() || null,
    customerName: sale.customer.name,
    customerCompany: sale.customer.company,
    customerCountry: sale.customer.country,
    customerVatNumber: sale.customer.vatNumber,
    customerAddress: { address1: sale.customer.address1, postcode: sale.customer.postcode, city: sale.customer.city },
    paymentMethod: sale.paymentMethod,
  };
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function insertLines(tx: Tx, ids: Array<{ id: number; externalId: string }>, source: ShopSale[]): Promise<void> {
  const byExternal = new Map(source.map((sale) => [sale.externalId, sale]));
  const rows = ids.flatMap(({ id, externalId }) =>
    (byExternal.get(externalId)?.lines ?? []).map((line, position) => ({ saleId: id, position, ...line })),
  );
  if (rows.length > 0) await tx.insert(saleLines).values(rows);
}
