/**
 * queriesSent() lets a turn run its rules while the database answers the turn's statement. postgres.js
 * writes a small query from setImmediate, so without it synchronous work done after issuing a query runs
 * before the query has left the process. Both halves are checked by the database's own clock: when did
 * it start the query, against when this process started being busy.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "../../db/open-database.js";
import { queriesSent } from "../../db/queries-sent.js";
import { createTestDatabase, testDriver } from "../support/test-database.js";

const BUSY_MS = 300;

/** Blocks the thread, as a turn's rules do (only much longer, so the clocks can tell). */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe(`queriesSent, on ${testDriver}`, () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(sql`select 1`);
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Issues a query that reports when the database ran it, then does `between`, then blocks the thread. */
  async function startedAt(between: () => Promise<void> | void): Promise<{ ranAt: number; busyFrom: number }> {
    // A drizzle query starts when something calls its then(): Promise.resolve does, on the next microtask.
    const result = Promise.resolve(database.db.execute(sql`select (extract(epoch from clock_timestamp()) * 1000)::float8 as at`));
    await between();
    const busyFrom = Date.now();
    busy(BUSY_MS);
    const [row] = rowsOf<{ at: number }>(await result);
    return { ranAt: Number(row!.at), busyFrom };
  }

  it("hands a query issued before it to the database, which runs it while this thread is busy", async () => {
    const { ranAt, busyFrom } = await startedAt(() => queriesSent());
    expect(ranAt).toBeLessThan(busyFrom + BUSY_MS - 100);
  });

  it.skipIf(testDriver !== "postgres")("is needed: without it the query waits for the thread (postgres.js writes small queries from setImmediate)", async () => {
    const { ranAt, busyFrom } = await startedAt(() => Promise.resolve());
    expect(ranAt).toBeGreaterThanOrEqual(busyFrom + BUSY_MS - 5);
  });
});
