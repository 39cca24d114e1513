/** The engine's schedules through the real scheduler and pg-boss: sync, nightly, auto-retry, health. */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler, type Scheduler } from "../../../bot/scheduler/create-scheduler.js";
import { createJobQueue, type JobQueue } from "../../../bot/scheduler/job-queue.js";
import { connections, sales, syncRuns } from "../../../db/schema.js";
import { silentLogger } from "../../../engine/runtime/engine-deps.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { type ManualClock, createManualClock } from "../../support/manual-clock.js";
import { testDriver } from "../../support/test-database.js";

const HOUR = 3_600_000;

describe(`the engine's schedules on ${testDriver}`, () => {
  let chat: ChatHarness;
  let clock: ManualClock;
  let queue: JobQueue;
  let scheduler: Scheduler;

  beforeAll(async () => {
    chat = await startChatHarness();
    clock = createManualClock(new Date(Date.now() + 2 * HOUR));
    const engine = { ...chat.deps, clock, workerId: "scheduler-test" };
    queue = createJobQueue(chat.database, { log: silentLogger, supervise: false, expireInSeconds: 30 });
    await queue.start();
    scheduler = createScheduler({ engine, queue, posters: [], timeZone: "Europe/Amsterdam" });
  }, 120_000);
  afterAll(async () => {
    await queue?.stop();
    await chat?.close();
  });

  const runs = () => chat.deps.db.select().from(syncRuns).where(eq(syncRuns.koppelingId, chat.demo.koppelingId)).orderBy(desc(syncRuns.id));

  it("syncs a koppeling whose cadence is due, once per tick, and not again before the next interval", async () => {
    const before = (await runs()).length;
    const fireAt = clock.now();
    expect(await scheduler.fire("sync", fireAt)).toBe(1);
    expect(await scheduler.fire("sync", fireAt)).toBeNull();
    await scheduler.drain();
    const after = await runs();
    expect(after.length).toBe(before + 1);
    expect(after[0]!.trigger).toBe("schedule");
    clock.set(new Date(fireAt.getTime() + 15 * 60_000));
    expect(await scheduler.fire("sync", clock.now())).toBe(0);
  });

  it("retries a temporary failure when its moment has come", async () => {
    const [sale] = await chat.deps.db.select().from(sales).where(eq(sales.state, "rejected")).limit(1);
    await chat.deps.db
      .update(sales)
      .set({ state: "queued", errorCode: "ACC_UNAVAILABLE", errorClass: "C", nextRetryAt: new Date(clock.now().getTime() - 60_000), autoRetryCount: 1 })
      .where(eq(sales.id, sale!.id));
    expect(await scheduler.fire("auto-retry", clock.now())).toBe(1);
    await scheduler.drain();
    const [after] = await chat.deps.db.select().from(sales).where(eq(sales.id, sale!.id));
    expect(after!.attemptCount).toBeGreaterThan(sale!.attemptCount);
    expect(after!.nextRetryAt).toBeNull();
    // The sale still has its real cause (a data error), so it is back in Fouten with it.
    expect(after!.state).toBe("rejected");
    expect(after!.errorCode).toBe(sale!.errorCode);
  });

  it("notices a red dot before the merchant does, and runs the nightly sync of every koppeling", async () => {
    chat.demo.books.revokeToken();
    clock.set(new Date(clock.now().getTime() + 2 * HOUR));
    expect(await scheduler.fire("health", clock.now())).toBe(1);
    await scheduler.drain();
    const [accounting] = await chat.deps.db.select().from(connections).where(eq(connections.side, "accounting"));
    expect(accounting!.state).toBe("red");
    expect(accounting!.lastErrorCode).toBe("CONN_ACC_TOKEN_EXPIRED");

    expect(await scheduler.fire("nightly", clock.now())).toBe(1);
    await scheduler.drain();
    expect((await runs())[0]!.trigger).toBe("nightly");
  });
});
