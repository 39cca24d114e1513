/**
 * Property 1 of issue #10: crashes never double-book or lose a sale. Two separate worker processes book
 * the queued sales of one koppeling into the Moneybird simulator on Postgres; the test kills them with
 * SIGKILL at random moments and starts them again, or cuts their database connections with
 * pg_terminate_backend (the workers must survive that on their own). After recovery every sale is
 * transferred once, with exactly one document in the simulator.
 */
import { randomBytes } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { createSeededRandom } from "../../bot/demo/seeded-random.js";
import { createCredentialCipher } from "../../db/credential-cipher.js";
import type { DatabaseHandle } from "../../db/open-database.js";
import { koppelingConfigs, sales, transfers } from "../../db/schema.js";
import { createConnectorRegistry } from "../../engine/connectors/create-connector-registry.js";
import { type MoneybirdSimulator, startMoneybirdSimulator } from "../../engine/connectors/moneybird/moneybird-simulator.js";
import { type WooCommerceSimulator, startWooCommerceSimulator } from "../../engine/connectors/woocommerce/woocommerce-simulator.js";
import { createKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { silentLogger, systemClock } from "../../engine/runtime/engine-deps.js";
import { runSync } from "../../engine/sync/run-sync.js";
import { chaosCount, chaosTimeout, printChaosCounts } from "../support/chaos-counts.js";
import { type WorkerProcess, startWorkerProcess } from "../support/chaos-processes.js";
import { within } from "../support/deadline.js";
import { correctConfig } from "../support/engine-harness.js";
import { createTestDatabase, testDriver } from "../support/test-database.js";

const saleCount = chaosCount(1_000, 200);
const interruptions = chaosCount(100, 5);
const LEASE_MS = 2_000;
/** How long Moneybird takes per document: long enough that the interruptions all fall while work is left. */
const BOOKING_MS = chaosCount(150, 15);

interface CrashRig {
  database: DatabaseHandle & { url?: string };
  shop: WooCommerceSimulator;
  books: MoneybirdSimulator;
  koppelingId: string;
  secretKeyHex: string;
  close(): Promise<void>;
}

/** A koppeling with `saleCount` queued sales (fetched, not booked yet), on a fresh Postgres database. */
async function startCrashRig(): Promise<CrashRig> {
  const database = await createTestDatabase();
  const shop = await startWooCommerceSimulator();
  // Every booking takes a while, so that the work outlasts the interruptions and each lands in the middle of it.
  const books = await startMoneybirdSimulator({ rateLimit: false, uniqueReferences: false });
  books.injectFault({ method: "POST", path: /external_sales_invoices/, fault: { kind: "slow", delayMs: BOOKING_MS }, times: Infinity });
  const secretKeyHex = randomBytes(32).toString("hex");
  const cipher = createCredentialCipher(Buffer.from(secretKeyHex, "hex"));
  const installedAt = new Date(Date.now() - 20 * 86_400_000);
  for (let i = 1; i <= saleCount; i++) {
    shop.createOrder({
      id: i,
      status: "processing",
      createdAt: new Date(installedAt.getTime() + i * 60_000),
      items: [{ name: "Geurkaars", price: `${10 + (i % 40)}.00`, vatRate: 21 }],
      billing: { firstName: "Jan", lastName: "de Vries", email: `klant${i % 13}@example.nl`, country: "NL" },
    });
  }
  const koppelingId = await createKoppeling(database.db, cipher, {
    name: "Crash Webwinkel",
    licenseKey: `KB-CRSH-${randomBytes(3).toString("hex")}`,
    installedAt,
    saved: false, // the first sync only fetches; the workers book
    sales: { system: "woocommerce", baseUrl: shop.url, credentials: { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" } },
    accounting: { system: "moneybird", baseUrl: books.baseUrl, credentials: { token: books.token } },
    config: correctConfig(),
  });
  const deps = { db: database.db, connectors: createConnectorRegistry(), cipher, clock: systemClock, workerId: "fetcher", log: silentLogger };
  await runSync(deps, koppelingId, "chaos");
  await database.db.update(koppelingConfigs).set({ savedAt: installedAt }).where(eq(koppelingConfigs.koppelingId, koppelingId));
  const [queued] = await database.db.select({ n: count() }).from(sales).where(and(eq(sales.koppelingId, koppelingId), eq(sales.state, "queued")));
  expect(queued!.n).toBe(saleCount);
  return {
    database,
    shop,
    books,
    koppelingId,
    secretKeyHex,
    close: async () => {
      await Promise.all([shop.close(), books.close()]);
      await database.close();
    },
  };
}

/** Every sale transferred, one transfer row each, exactly one document per sale in the simulator, none missing. */
async function expectEachSaleBookedOnce(rig: CrashRig): Promise<{ documents: number; duplicates: number; missing: number; recovered: number }> {
  const rows = await rig.database.db.select({ number: sales.number, state: sales.state }).from(sales).where(eq(sales.koppelingId, rig.koppelingId));
  const byState = new Map<string, number>();
  for (const row of rows) byState.set(row.state, (byState.get(row.state) ?? 0) + 1);
  expect(Object.fromEntries(byState)).toEqual({ transferred: saleCount });
  const perReference = new Map<string, number>();
  for (const invoice of rig.books.state.externalSalesInvoices) {
    const reference = String(invoice.reference);
    perReference.set(reference, (perReference.get(reference) ?? 0) + 1);
  }
  const duplicates = [...perReference.values()].filter((n) => n > 1).length;
  const missing = rows.filter((row) => !perReference.has(row.number)).length;
  const transferRows = await rig.database.db.select({ saleId: transfers.saleId, recovered: transfers.recovered }).from(transfers).where(eq(transfers.koppelingId, rig.koppelingId));
  expect(duplicates, "sales with more than one document").toBe(0);
  expect(missing, "transferred sales without a document").toBe(0);
  expect(perReference.size).toBe(saleCount);
  expect(transferRows).toHaveLength(saleCount);
  return { documents: rig.books.state.externalSalesInvoices.length, duplicates, missing, recovered: transferRows.filter((t) => t.recovered).length };
}

/** Sales not booked yet (queued, or claimed by a worker that may have died). */
async function unfinished(rig: CrashRig): Promise<number> {
  return rig.database.db.$count(sales, and(eq(sales.koppelingId, rig.koppelingId), inArray(sales.state, ["queued", "transferring"])));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The exit codes of the workers; after `ms` the test fails with what they wrote, instead of timing out without it. */
async function exitCodes(workers: WorkerProcess[], ms: number): Promise<Array<number | null>> {
  const codes = await within(ms, Promise.all(workers.map((w) => w.exited)));
  if (codes !== "late") return codes;
  throw new Error(`workers still running after ${ms / 1000} s:\n${workers.map((w) => `${w.id}: …${w.stderr.join("").slice(-1_500)}`).join("\n")}`);
}

describe.skipIf(testDriver !== "postgres")(`crashes never double-book or lose a sale, on ${testDriver}${testDriver === "postgres" ? "" : " (skipped: needs Postgres for separate worker processes and pg_terminate_backend)"}`, () => {
  let rig: CrashRig | undefined;
  let workers: WorkerProcess[] = [];
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    workers = [];
    await rig?.close();
    rig = undefined;
  });

  const start = (id: string): WorkerProcess =>
    startWorkerProcess(id, { dbUrl: rig!.database.url!, koppelingId: rig!.koppelingId, secretKeyHex: rig!.secretKeyHex, leaseMs: LEASE_MS });

  it(`when worker processes are killed with SIGKILL at random moments`, { timeout: chaosTimeout(900_000, 100_000) }, async () => {
    rig = await startCrashRig();
    const random = createSeededRandom(1_001);
    const slots = [start("a-0"), start("b-0")];
    workers = [...slots];
    await Promise.all(slots.map((w) => w.ready));
    let kills = 0;
    let killsDuringWork = 0;
    while (kills < interruptions && slots.some((w) => w.alive())) {
      const index = random.int(0, slots.length - 1);
      const victim = slots[index]!;
      // A replacement is started without waiting for it; only a worker that is up (booking) is killed.
      await victim.ready.catch(() => {});
      if (!victim.alive()) continue;
      await sleep(random.int(20, 250));
      if (!victim.alive()) continue;
      if ((await unfinished(rig)) > 0) killsDuringWork += 1;
      await victim.kill();
      kills += 1;
      const next = start(`${index === 0 ? "a" : "b"}-${kills}`);
      slots[index] = next;
      workers.push(next);
    }
    const codes = await exitCodes(slots, chaosTimeout(600_000, 60_000));
    expect(codes, slots.flatMap((w) => w.stderr).join("")).toEqual([0, 0]);
    const result = await expectEachSaleBookedOnce(rig);
    printChaosCounts("crash recovery, SIGKILL (postgres)", { sales: saleCount, kills, killsDuringWork, processes: workers.length, ...result });
    expect(kills).toBe(interruptions);
  });

  it(`when the database connections are cut with pg_terminate_backend at random moments`, { timeout: chaosTimeout(900_000, 100_000) }, async () => {
    rig = await startCrashRig();
    const random = createSeededRandom(2_002);
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = new URL(rig.database.url!).pathname.slice(1);
    // A cut connection must not end a worker (engine/runtime/survive-connection-loss.ts): nobody restarts
    // them here, both must finish the work and exit 0.
    const slots = [start("a-0"), start("b-0")];
    workers = [...slots];
    try {
      await Promise.all(slots.map((w) => w.ready));
      let cuts = 0;
      let cutsDuringWork = 0;
      let backends = 0;
      while (cuts < interruptions && slots.some((w) => w.alive())) {
        await sleep(random.int(50, 400));
        const working = (await unfinished(rig)) > 0;
        const killed = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
        if (killed.length === 0) continue;
        cuts += 1;
        if (working) cutsDuringWork += 1;
        backends += killed.length;
      }
      const codes = await exitCodes(slots, chaosTimeout(600_000, 60_000));
      expect(codes, slots.flatMap((w) => w.stderr).join("").slice(-4_000)).toEqual([0, 0]);
      const result = await expectEachSaleBookedOnce(rig);
      const stderr = slots.flatMap((w) => w.stderr).join("");
      printChaosCounts("crash recovery, pg_terminate_backend (postgres)", {
        sales: saleCount,
        cuts,
        cutsDuringWork,
        backendsTerminated: backends,
        failedRuns: stderr.match(/^run failed/gm)?.length ?? 0,
        connectionLossesSurvived: stderr.match(/^connection lost/gm)?.length ?? 0,
        workerCrashes: 0,
        ...result,
      });
      expect(cuts).toBe(interruptions);
    } finally {
      await admin.end({ timeout: 5 });
    }
  });
});
