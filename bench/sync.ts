/** Part 2: booking N sales from the WooCommerce simulator into Moneybird's, against a baseline doing only the unavoidable work. */
import { inArray, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.js";
import { saleLines, sales, transferAttempts, transfers } from "../db/schema.js";
import { parseKoppelingConfig } from "../engine/config/koppeling-config.js";
import { toContactRequest, toExternalSalesInvoiceRequest, toLedger, toVatCode } from "../engine/connectors/moneybird/moneybird-mapping.js";
import { mapWooCommerceOrder } from "../engine/connectors/woocommerce/woocommerce-mapping.js";
import type { EngineDeps } from "../engine/runtime/engine-deps.js";
import { bookingDate } from "../engine/sales/booking-date.js";
import { precheckSale } from "../engine/sync/precheck-sale.js";
import { runSync } from "../engine/sync/run-sync.js";
import { correctConfig } from "../test/support/engine-harness.js";
import { createBenchDatabase } from "./bench-database.js";
import type { Figure } from "./bench-report.js";
import { startSimulatorsChild, type SimulatorsChild } from "./simulators-child.js";
import { benchEngineDeps, createBenchKoppeling } from "./bench-koppeling.js";

export interface SyncBenchOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

/** Runs the engine and the baseline, each on a fresh database and fresh simulators; target engine ≤ 2 × baseline. */
export async function benchSync(options: SyncBenchOptions): Promise<Figure[]> {
  const count = options.quick ? 5_000 : 100_000;
  const customers = options.quick ? 500 : 2_000;
  const baseline = await timed(options, count, customers, "baseline", runBaseline);
  const engine = await timed(options, count, customers, "engine", runEngine);
  const part = "2 sync";
  const ratio = engine / baseline;
  return [
    { part, name: `engine: book ${count.toLocaleString("en")} sales`, value: engine / 1000, unit: "s", target: null, met: null, note: `${Math.round(count / (engine / 1000))} sales/s` },
    { part, name: `baseline: same requests, rows in batches`, value: baseline / 1000, unit: "s", target: null, met: null, note: `${Math.round(count / (baseline / 1000))} sales/s` },
    { part, name: "engine sales per second", value: Math.round(count / (engine / 1000)), unit: "sales/s", target: null, met: null },
    { part, name: "engine time / baseline time", value: ratio, unit: "×", target: "≤ 2", met: ratio <= 2 },
  ];
}

type Runner = (db: Database, koppelingId: string, sims: SimulatorsChild, deps: EngineDeps) => Promise<number>;

/** Milliseconds `run` takes on a fresh database and fresh simulators, checking that every sale was booked. */
async function timed(options: SyncBenchOptions, count: number, customers: number, label: string, run: Runner): Promise<number> {
  const installedAt = new Date(Date.now() - 10 * 86_400_000);
  const sims = await startSimulatorsChild({ orders: count, customers, firstOrderAt: new Date(installedAt.getTime() + 60_000).toISOString(), rateLimit: false });
  const database = await createBenchDatabase(options.serverUrl);
  try {
    const deps = benchEngineDeps(database.db, { workerId: `bench-${label}`, moneybirdLimit: { requests: 1_000_000_000, windowMs: 1_000 } });
    const { id: koppelingId } = await createBenchKoppeling(deps, { name: `Bench sync ${label}`, installedAt, systems: sims });
    const started = performance.now();
    const booked = await run(deps.db, koppelingId, sims, deps);
    const ms = performance.now() - started;
    if (booked !== count) throw new Error(`${label} booked ${booked} of ${count} sales`);
    const stats = await sims.stats();
    options.log(`  ${label}: ${count} sales in ${(ms / 1000).toFixed(1)} s (${stats.shopRequests} shop and ${stats.moneybirdRequests} Moneybird requests)`);
    return ms;
  } finally {
    await sims.stop();
    await database.close();
  }
}

/** The engine: one sync run. */
const runEngine: Runner = async (_db, koppelingId, _sims, deps) => {
  const summary = await runSync(deps, koppelingId, "bench");
  if (summary.status !== "succeeded") throw new Error(`sync failed: ${summary.error?.code} ${summary.error?.message}`);
  return (summary.booking?.transferred ?? 0) + (summary.booking?.recovered ?? 0);
};

/**
 * The floor: the same HTTP requests (order pages, master data, a contact lookup and creation per new
 * e-mail, one invoice per sale), sent one after another with keep-alive, and the same rows written
 * in batches without claims, attempts-before-calls or per-sale transactions.
 */
const runBaseline: Runner = async (db, koppelingId, sims) => {
  const shopAuth = `Basic ${Buffer.from("ck_simulator:cs_simulator").toString("base64")}`;
  const config = parseKoppelingConfig(correctConfig());
  const stored: Array<{ id: number; sale: ReturnType<typeof mapWooCommerceOrder> }> = [];
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({ per_page: "100", after: "2000-01-01T00:00:00", orderby: "date", order: "asc", dates_are_gmt: "true", page: String(page) });
    const response = await fetch(`${sims.shopUrl}/wp-json/wc/v3/orders?${query}`, { headers: { Authorization: shopAuth } });
    const orders = (await response.json()) as unknown[];
    const mapped = orders.map((order) => mapWooCommerceOrder(order));
    if (mapped.length > 0) {
      const rows = await db
        .insert(sales)
        .values(
          mapped.map((sale) => ({
            koppelingId, externalId: sale.externalId, number: sale.number, kind: sale.kind, shopStatus: sale.status, state: "queued",
            createdInShopAt: sale.createdAt, modifiedInShopAt: sale.modifiedAt, currency: sale.currency, pricesIncludeTax: sale.pricesIncludeTax,
            totalCents: sale.totalCents, taxCents: sale.taxCents, customerEmail: sale.customer.email, customerName: sale.customer.name,
          })),
        )
        .returning({ id: sales.id });
      await db.insert(saleLines).values(mapped.flatMap((sale, i) => sale.lines.map((line, position) => ({ saleId: rows[i]!.id, position, ...line }))));
      mapped.forEach((sale, i) => stored.push({ id: rows[i]!.id, sale }));
    }
    if (page >= Number(response.headers.get("x-wp-totalpages"))) break;
  }

  const mb = (path: string, init?: { method: string; body: unknown }) =>
    fetch(`${sims.moneybirdBaseUrl}/${sims.administrationId}/${path}`, {
      method: init?.method ?? "GET",
      headers: { Authorization: `Bearer ${sims.token}`, Accept: "application/json", ...(init ? { "Content-Type": "application/json" } : {}) },
      ...(init ? { body: JSON.stringify(init.body) } : {}),
    }).then((r) => r.json() as Promise<any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  const [taxRates, ledgers] = await Promise.all([mb("tax_rates.json"), mb("ledger_accounts.json")]);
  const master = { vatCodes: (taxRates as never[]).map(toVatCode), ledgers: (ledgers as never[]).map(toLedger) };
  const debtors = new Map<string, string>();
  let booked = 0;
  let batch: Array<{ id: number; number: string; documentId: string; debtorId: string; totalCents: number }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const now = new Date();
    await db.insert(transfers).values(batch.map((b) => ({ saleId: b.id, koppelingId, reference: b.number, documentId: b.documentId, debtorId: b.debtorId, totalCents: b.totalCents, transferredAt: now })));
    await db.insert(transferAttempts).values(batch.map((b) => ({ saleId: b.id, koppelingId, trigger: "sync" as const, startedAt: now, finishedAt: now, outcome: "transferred" })));
    await db.update(sales).set({ state: "transferred", stateChangedAt: now, attemptCount: sql`${sales.attemptCount} + 1` }).where(inArray(sales.id, batch.map((b) => b.id)));
    booked += batch.length;
    batch = [];
  };
  for (const { id, sale } of stored) {
    const precheck = precheckSale({ totalCents: sale.totalCents, customer: { email: sale.customer.email, country: sale.customer.country, vatNumber: sale.customer.vatNumber, company: sale.customer.company }, lines: sale.lines }, config, master);
    if (precheck.kind !== "ok") throw new Error(`baseline pre-check refused ${sale.number}`);
    const email = sale.customer.email!.toLowerCase();
    let debtorId = debtors.get(email);
    if (!debtorId) {
      const found = ((await mb(`contacts.json?${new URLSearchParams({ query: email, page: "1", per_page: "100" })}`)) as Array<{ id: string; email: string }>).find((c) => c.email === email);
      debtorId = found?.id ?? ((await mb("contacts.json", { method: "POST", body: toContactRequest({ email, name: sale.customer.name, company: sale.customer.company, country: sale.customer.country, vatNumber: sale.customer.vatNumber, address1: sale.customer.address1, postcode: sale.customer.postcode, city: sale.customer.city }) })) as { id: string }).id;
      debtors.set(email, debtorId);
    }
    const document = (await mb("external_sales_invoices.json", {
      method: "POST",
      body: toExternalSalesInvoiceRequest({ reference: sale.number, debtorId, date: bookingDate(sale.createdAt), currency: sale.currency, lines: precheck.lines }),
    })) as { id: string };
    batch.push({ id, number: sale.number, documentId: document.id, debtorId, totalCents: sale.totalCents });
    if (batch.length >= 500) await flush();
  }
  await flush();
  return booked;
};
