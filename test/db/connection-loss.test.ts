/**
 * A database connection cut in the middle of a transaction (a fail-over, a restart, pg_terminate_backend)
 * fails that transaction, and the connection serves the next queries again. postgres.js 3.4.9 left such a
 * connection unable to send anything (every later query on it waited for connect_timeout, 30 s, then
 * failed) and threw from a timer; patches/postgres+3.4.9.patch repairs it. The pool here has a single
 * connection, so every query after the cut goes to the one that was cut.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, rowsOf } from "../../db/open-database.js";
import { isConnectionLoss } from "../../engine/runtime/survive-connection-loss.js";
import { within } from "../support/deadline.js";
import { createTestDatabase, testDriver } from "../support/test-database.js";

describe.skipIf(testDriver !== "postgres")(`a connection cut during a transaction, on ${testDriver}${testDriver === "postgres" ? "" : " (skipped: needs a Postgres server to cut the connection)"}`, () => {
  let database: DatabaseHandle & { url?: string };
  let pool: DatabaseHandle;
  let admin: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = await openDatabase({ url: database.url!, maxConnections: 1 });
    admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end({ timeout: 5 });
    await pool?.close();
    await database?.close();
  });

  const backendPid = async (run: (query: ReturnType<typeof sql>) => Promise<unknown>) => rowsOf<{ pid: number }>(await run(sql`select pg_backend_pid() as pid`))[0]!.pid;
  const one = () => pool.db.execute(sql`select 1 as one`).then((result) => rowsOf<{ one: number }>(result)[0]!.one);

  it("fails the transaction as a lost connection, and the same connection answers the next queries at once", async () => {
    for (let round = 0; round < 3; round++) {
      const cut = pool.db.transaction(async (tx) => {
        const pid = await backendPid((query) => tx.execute(query));
        setTimeout(() => void admin`select pg_terminate_backend(${pid})`.then(() => {}), 50);
        await tx.execute(sql`select pg_sleep(2)`);
      });
      const failure = await cut.then(() => null, (error: unknown) => error);
      expect(isConnectionLoss(failure), String(failure)).toBe(true);
      for (let i = 0; i < 3; i++) expect(await within(5_000, one())).toBe(1);
    }
  });

  it("answers the first query after an idle connection was cut", async () => {
    const pid = await backendPid((query) => pool.db.execute(query));
    await admin`select pg_terminate_backend(${pid})`;
    // The backend's FATAL and the end of the connection reach this process before the next query.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await within(5_000, one())).toBe(1);
  });
});
