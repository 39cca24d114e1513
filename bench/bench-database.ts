/** A throw-away Postgres database for one benchmark part: created on the local server, dropped afterwards. */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../db/open-database.js";

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
export async function createBenchDatabase(serverUrl: string, maxConnections = 10): Promise<DatabaseHandle & { url: string }> {
  const name = `kb_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
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
