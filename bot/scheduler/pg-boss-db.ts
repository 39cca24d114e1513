/**
 * pg-boss on our own database client, so it runs on Postgres and on embedded PGlite alike (pg-boss 10
 * accepts any `{ executeSql(text, values) }`). The quirks: PGlite takes one statement per `query`
 * (pg-boss's schema set-up and maintenance are multi-statement scripts without parameters: `exec`);
 * postgres.js refuses BEGIN…COMMIT scripts on a pooled connection (they run on a reserved one, rolled
 * back when they fail, so the connection returns clean) and sends only typed parameters (undefined →
 * null, pg-boss's JSON objects → their text).
 */
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { DatabaseHandle } from "../../db/open-database.js";

/** What pg-boss calls on its `db` option. */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The adapter for the handle's driver, on the drizzle client's own connection(s). */
export function createPgBossDb(database: DatabaseHandle): PgBossDb {
  const client = (database.db as unknown as { $client: unknown }).$client;
  return database.driver === "pglite" ? pgliteAdapter(client as PGlite) : postgresAdapter(client as Sql);
}

function pgliteAdapter(client: PGlite): PgBossDb {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values);
      if (!isScript(text)) return client.query(text);
      const results = await client.exec(text);
      return { rows: results[results.length - 1]?.rows ?? [] };
    },
  };
}

function postgresAdapter(client: Sql): PgBossDb {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: [...(await client.unsafe(text, values.map(toPostgresParameter) as never[]))] };
      if (!isScript(text)) return { rows: [...(await client.unsafe(text))] };
      const reserved = await client.reserve();
      try {
        const results = (await reserved.unsafe(text).simple()) as unknown as unknown[];
        const last = Array.isArray(results[0]) ? results[results.length - 1] : results;
        return { rows: [...((last as unknown[]) ?? [])] };
      } catch (error) {
        await reserved.unsafe("rollback").catch(() => {});
        throw error;
      } finally {
        reserved.release();
      }
    },
  };
}

/** More than one statement: pg-boss's scripts end statements with ";" followed by more SQL. */
function isScript(text: string): boolean {
  return /;\s*\S/.test(text.trim().replace(/;\s*$/, ""));
}

/** A parameter as postgres.js can send it without knowing its type. */
function toPostgresParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value) && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
