/** A fresh, migrated database per test file: PGlite in memory, or a new database on TEST_DATABASE_URL. */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../../db/open-database.js";

/** Which database the suite runs on, for test names and skips. */
export const testDriver = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/** Opens a fresh migrated database; `close()` drops it again on Postgres. */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return openDatabase({ dataDir: "memory", pgliteSnapshot: await migratedSnapshot() });
  return createScratchDatabase(adminUrl, "kb_test", 5);
}

/** A new migrated database named `<prefix>_<random>` on the server at `serverUrl`; `close()` drops it (tests and benchmarks). */
export async function createScratchDatabase(serverUrl: string, prefix: string, maxConnections: number): Promise<DatabaseHandle & { url: string }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ url, maxConnections });
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * A freshly migrated PGlite cluster, made once per test process: starting from it takes about half
 * the time of an empty cluster (initdb) plus the migrations.
 */
let snapshot: Promise<Blob> | null = null;
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const first = await openDatabase({ dataDir: "memory" });
    try {
      return await first.snapshot!();
    } finally {
      await first.close();
    }
  })();
  return snapshot;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
