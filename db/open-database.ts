/** Opens the database: embedded PGlite on disk by default, Postgres when given a postgres:// URL. */
import { mkdirSync } from "node:fs";
import { projectPath } from "./project-path.js";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema.js";

/** The drizzle database the whole engine works on, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database and how to close it. */
export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  close(): Promise<void>;
  /** PGlite only: the whole cluster as a tarball, to start other in-memory databases from (tests). */
  snapshot?(): Promise<Blob>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; "memory" for an in-memory database (tests). Default ./.koppelbot/db. */
  dataDir?: string | undefined;
  /** Connections in the postgres.js pool (default 10). */
  maxConnections?: number | undefined;
  /** An in-memory PGlite starts from this snapshot (`snapshot()` of another handle) instead of an empty cluster. */
  pgliteSnapshot?: Blob | undefined;
}

const migrationsFolder = projectPath("db/migrations");

/** Key of the advisory lock that serialises migrations when several processes start together. */
const MIGRATION_LOCK_KEY = 7_301_194_211;

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  return openPglite(options.dataDir ?? "./.koppelbot/db", options.pgliteSnapshot);
}

/**
 * PGlite runs Postgres inside the process, so its buffers count as the process's memory. Postgres's
 * default shared_buffers (128 MB) are zeroed at start-up, which costs ~120 MB of RSS and close to a
 * second; the embedded database holds one shop's data and the OS caches its files anyway.
 */
const pgliteSettings = ["shared_buffers=16MB"];

async function openPglite(dataDir: string, snapshot: Blob | undefined): Promise<DatabaseHandle> {
  if (dataDir !== "memory") mkdirSync(dataDir, { recursive: true });
  const startParams = [...PGlite.defaultStartParams, ...pgliteSettings.flatMap((setting) => ["-c", setting])];
  const client =
    dataDir !== "memory" ? new PGlite(dataDir, { startParams }) : snapshot ? new PGlite({ loadDataDir: snapshot, startParams }) : new PGlite({ startParams });
  const db = drizzlePglite({ client, schema });
  // One process owns a PGlite directory, so no lock is needed; migrate() is a no-op when current.
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: "pglite", close: () => client.close(), snapshot: () => client.dumpDataDir("none") };
}

async function openPostgres(url: string, maxConnections: number): Promise<DatabaseHandle> {
  await migratePostgresUnderLock(url);
  const client = postgres(url, { max: maxConnections, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema });
  return { db: db as unknown as Database, driver: "postgres", close: () => client.end({ timeout: 5 }) };
}

/** Runs the migrations on one dedicated connection holding an advisory lock, so parallel starts queue up. */
async function migratePostgresUnderLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The rows of a raw `db.execute()` result: PGlite returns `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
