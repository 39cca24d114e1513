/** A throw-away Postgres database for one benchmark part: created on the local server, dropped afterwards. */
import postgres from "postgres";
import type { DatabaseHandle } from "../db/open-database.js";
import { createScratchDatabase } from "../test/support/test-database.js";

/** The server the benchmark runs on: BENCH_DATABASE_URL, TEST_DATABASE_URL, or the local default. */
export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
}

/** Whether the server answers; the reason when it does not. */
export async function probeServer(url: string): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const [row] = await client`select version() as version`;
    return { ok: true, version: String(row?.version ?? "") };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end({ timeout: 2 }).catch(() => {});
  }
}

/** A fresh migrated database on the server; `close()` drops it. */
export function createBenchDatabase(serverUrl: string, maxConnections = 10): Promise<DatabaseHandle & { url: string }> {
  return createScratchDatabase(serverUrl, "kb_bench", maxConnections);
}
