/**
 * A separate worker process for the crash tests: opens the database by URL and books the queued sales
 * of one koppeling until none are left, then exits 0. The test kills it with SIGKILL at random moments,
 * or cuts its database connections; a cut connection must not end it (surviveConnectionLoss), the
 * run is tried again, as `koppelbot serve` does.
 * Environment: CHAOS_DB_URL, CHAOS_KOPPELING, CHAOS_SECRET_KEY (hex), CHAOS_WORKER, CHAOS_LEASE_MS.
 * Every survived connection loss is written to stderr as a line "connection lost: …" (the test counts them).
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { createCredentialCipher } from "../../db/credential-cipher.js";
import { openDatabase } from "../../db/open-database.js";
import { sales } from "../../db/schema.js";
import { createConnectorRegistry } from "../../engine/connectors/create-connector-registry.js";
import { loadKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { type EngineDeps, type Logger, systemClock } from "../../engine/runtime/engine-deps.js";
import { surviveConnectionLoss } from "../../engine/runtime/survive-connection-loss.js";
import { bookQueuedSales } from "../../engine/sync/book-queued-sales.js";
import { loadMasterData } from "../../engine/sync/run-sync.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`chaos worker: ${name} is not set`);
  return value;
};

const stderrLog: Logger = {
  info: () => {},
  warn: (message, fields) => void process.stderr.write(`${message.startsWith("database connection lost") ? "connection lost" : message}: ${JSON.stringify(fields ?? {})}\n`),
  error: (message, fields) => void process.stderr.write(`${message}: ${JSON.stringify(fields ?? {})}\n`),
};
surviveConnectionLoss(stderrLog);

const koppelingId = env("CHAOS_KOPPELING");
const leaseMs = Number(env("CHAOS_LEASE_MS"));
const handle = await openDatabase({ url: env("CHAOS_DB_URL"), maxConnections: 2 });
const deps: EngineDeps = {
  db: handle.db,
  connectors: createConnectorRegistry({ moneybirdLimit: { requests: 1_000_000, windowMs: 1_000 }, timeoutMs: 5_000 }),
  cipher: createCredentialCipher(Buffer.from(env("CHAOS_SECRET_KEY"), "hex")),
  clock: systemClock,
  workerId: env("CHAOS_WORKER"),
  log: { ...stderrLog, warn: () => {} },
};
process.stdout.write("ready\n");

/** Sales not final yet: queued, or claimed by someone (maybe a worker that was killed). */
const unfinished = async (): Promise<number> => {
  const [row] = await deps.db
    .select({ n: count() })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), inArray(sales.state, ["queued", "transferring"])));
  return row?.n ?? 0;
};

for (;;) {
  try {
    const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
    const accounting = deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);
    const master = await loadMasterData(accounting);
    await bookQueuedSales(deps, koppeling, accounting, master, { trigger: "sync", leaseMs, batchSize: 20 });
    if ((await unfinished()) === 0) break;
  } catch (error) {
    // A cut database connection: postgres.js reconnects on the next query; claims left behind expire.
    // drizzle's message is the whole failed query; what went wrong is in its cause.
    const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
    const what = cause ? `${String(cause.code ?? "")} ${String(cause.message ?? "")}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`run failed: ${what.split("\n")[0]!.slice(0, 300)}\n`);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await handle.close();
process.stdout.write("done\n");
