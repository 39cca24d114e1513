import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createScheduler, type Scheduler } from "../../../bot/scheduler/create-scheduler.js";
import { createJobQueue, type JobQueue } from "../../../bot/scheduler/job-queue.js";
import { renderPlainText } from "../../../conversations/replies/reply.js";
import { type DatabaseHandle, openDatabase } from "../../../db/open-database.js";
import { digestDeliveries, subscriptions } from "../../../db/schema.js";
import { type EngineDeps, createJsonLogger, silentLogger } from "../../../engine/runtime/engine-deps.js";
import { createDemoEngineDeps } from "../../support/chat-harness.js";
import { type ManualClock, createManualClock } from "../../support/manual-clock.js";
import { type RecordingPoster, createRecordingPoster } from "../../support/recording-poster.js";
import { seedKoppeling, seedSales, seedSubscription } from "../../support/seed-digest.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";

const HOUR = 3_600_000;
const tz = "Europe/Amsterdam";

/** One process: its own engine deps (worker id), job queue (pg-boss instance) and poster; a shared clock. */
interface Instance {
  scheduler: Scheduler;
  queue: JobQueue;
  poster: RecordingPoster;
  deps: EngineDeps;
}

describe(`schedules and the weekly digest on ${testDriver}`, () => {
  let database: DatabaseHandle & { url?: string };
  /** A second handle on the same database: the other process (on PGlite the same in-process database). */
  let otherHandle: DatabaseHandle;
  let clock: ManualClock;
  let a: Instance;
  let b: Instance;
  let koppelingId: string;

  const instance = (handle: DatabaseHandle, workerId: string): Instance => {
    const deps = { ...createDemoEngineDeps(handle.db, workerId), clock, ...(process.env.DEBUG_SCHED ? { log: createJsonLogger() } : {}) };
    const queue = createJobQueue(handle, { log: process.env.DEBUG_SCHED ? createJsonLogger() : silentLogger, supervise: false, expireInSeconds: 1 });
    const poster = createRecordingPoster("slack");
    return { scheduler: createScheduler({ engine: deps, queue, posters: [poster], timeZone: tz }), queue, poster, deps };
  };
  /** Fires the digest tick every hour from `from` for `hours` hours, in every given process, working the jobs each time. */
  const runHours = async (from: Date, hours: number, processes: Instance[]) => {
    for (let h = 0; h < hours; h++) {
      clock.set(new Date(from.getTime() + h * HOUR));
      await Promise.all(processes.map((p) => p.scheduler.fire("digest", clock.now())));
      await Promise.all(processes.map((p) => p.scheduler.drain()));
    }
  };
  const deliveries = () => database.db.select().from(digestDeliveries);

  beforeAll(async () => {
    database = await createTestDatabase();
    otherHandle = database.url ? await openDatabase({ url: database.url, maxConnections: 3 }) : database;
    clock = createManualClock(new Date("2026-11-01T00:00:00Z"));
    a = instance(database, "process-a");
    b = instance(otherHandle, "process-b");
    await a.queue.start();
    await b.queue.start();
    koppelingId = await seedKoppeling(database.db, "Kaarsenwinkel", new Date("2026-10-01T00:00:00Z"));
    await seedSales(database.db, koppelingId, [{ state: "transferred", cents: 2500, at: new Date("2026-11-18T10:00:00Z") }]);
  }, 60_000);
  afterAll(async () => {
    await a.queue.stop();
    await b.queue.stop();
    if (otherHandle !== database) await otherHandle.close();
    await database.close();
  });
  beforeEach(async () => {
    await database.db.delete(subscriptions);
    await database.db.execute(sql`delete from schedule_ticks`);
    await database.db.execute(sql`delete from pgboss.job`);
    for (const p of [a, b]) {
      p.poster.posts.length = 0;
      p.poster.answer = "posted";
      p.poster.hanging = 0;
    }
  });

  it("sends exactly one digest per subscribed channel when a week passes", async () => {
    await seedSubscription(database.db, { platform: "slack", place: "T1/C1", koppelingId, createdAt: new Date("2026-11-20T12:00:00Z") });
    await seedSubscription(database.db, { platform: "slack", place: "T1/C2", koppelingId, createdAt: new Date("2026-11-20T17:00:00Z"), weekday: 5, hour: 16, language: "en" });
    await runHours(new Date("2026-11-21T00:00:00Z"), 7 * 24, [a]);
    expect(a.poster.posts.map((p) => p.place).sort()).toEqual(["T1/C1", "T1/C2"]);
    const periods = (await deliveries()).map((d) => [d.state, d.periodStart.toISOString()]).sort();
    // Monday 09:00 and Friday 16:00 in Amsterdam (CET, UTC+1).
    expect(periods).toEqual([["posted", "2026-11-23T08:00:00.000Z"], ["posted", "2026-11-27T15:00:00.000Z"]]);
    const monday = a.poster.posts.find((p) => p.place === "T1/C1")!;
    expect(renderPlainText(monday.reply).replace(/\u00a0/g, " ")).toContain("1 verkoop doorgezet (€ 25,00)");
  }, 120_000);

  it("still sends one digest when two processes run the schedules on the same database", async () => {
    await seedSubscription(database.db, { platform: "slack", place: "T1/C1", koppelingId, createdAt: new Date("2026-11-20T12:00:00Z") });
    await runHours(new Date("2026-11-23T06:00:00Z"), 6, [a, b]);
    expect(a.poster.posts.length + b.poster.posts.length).toBe(1);
    const ticks = rowsCount(await database.db.execute(sql`select count(*)::int as n from schedule_ticks where job = 'digest'`));
    expect(ticks).toBe(6);
  }, 60_000);

  it("lets the other process complete a digest whose process died mid-post, and posts it once", async () => {
    await seedSubscription(database.db, { platform: "slack", place: "T1/C1", koppelingId, createdAt: new Date("2026-11-20T12:00:00Z") });
    clock.set(new Date("2026-11-23T08:00:00Z"));
    a.poster.answer = "hang";
    expect(await a.scheduler.fire("digest", clock.now())).toBe(1);
    void a.scheduler.drain(); // process A claims the digest and dies while posting: this never returns
    await vi.waitFor(() => expect(a.poster.hanging).toBe(1), { timeout: 10_000 });
    expect((await deliveries())[0]).toMatchObject({ state: "claimed", leaseOwner: "process-a" });

    // Within A's lease, B leaves the digest alone.
    clock.advance(60_000);
    await b.scheduler.fire("digest", clock.now());
    await b.scheduler.drain();
    expect(b.poster.posts).toHaveLength(0);

    // A's lease runs out: B's next tick queues the digest again and B posts it.
    clock.advance(5 * 60_000);
    await b.scheduler.fire("digest", clock.now());
    await b.scheduler.drain();
    expect(b.poster.posts).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ state: "posted", attempts: 2 });

    // pg-boss also hands A's expired job to B: nothing is posted twice.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await b.queue.maintain();
    await b.scheduler.drain();
    clock.advance(60_000);
    await runHours(clock.now(), 3, [a, b]);
    expect(a.poster.posts.length + b.poster.posts.length).toBe(1);
  }, 60_000);

  it("sends one digest at start-up after downtime over the digest moments, not one per missed week", async () => {
    await seedSubscription(database.db, { platform: "slack", place: "T1/C1", koppelingId, createdAt: new Date("2026-11-10T12:00:00Z") });
    // Down from 14 Nov to Wednesday 2 Dec: the Mondays 16, 23 and 30 Nov were missed.
    clock.set(new Date("2026-12-02T10:00:00Z"));
    const restarted = instance(database, "process-c");
    await restarted.scheduler.start();
    try {
      await restarted.scheduler.drain();
      await vi.waitFor(() => expect(restarted.poster.posts).toHaveLength(1), { timeout: 10_000 });
      expect((await deliveries()).map((d) => d.periodStart.toISOString())).toEqual(["2026-11-30T08:00:00.000Z"]);
    } finally {
      await restarted.scheduler.stop();
    }
    await runHours(new Date("2026-12-02T11:00:00Z"), 24, [a]);
    expect(a.poster.posts).toHaveLength(0);
  }, 60_000);

  it("pauses the subscription of a channel that is gone, and retries a failed post a few times, not forever", async () => {
    const gone = await seedSubscription(database.db, { platform: "slack", place: "T1/GONE", koppelingId, createdAt: new Date("2026-11-20T12:00:00Z") });
    clock.set(new Date("2026-11-23T08:00:00Z"));
    a.poster.answer = "gone";
    await a.scheduler.fire("digest", clock.now());
    await a.scheduler.drain();
    const [paused] = await database.db.select().from(subscriptions).where(sql`${subscriptions.id} = ${gone}`);
    expect(paused).toMatchObject({ pausedReason: "channel_not_found" });
    expect(paused!.pausedAt).not.toBeNull();

    await database.db.delete(subscriptions);
    await seedSubscription(database.db, { platform: "slack", place: "T1/C1", koppelingId, createdAt: new Date("2026-11-20T12:00:00Z") });
    a.poster.answer = "failed";
    const minutes = async (n: number) => {
      for (let i = 0; i < n; i++) {
        clock.advance(60_000);
        await a.scheduler.fire("digest", clock.now());
        await a.scheduler.drain();
      }
    };
    await a.scheduler.fire("digest", clock.now());
    await a.scheduler.drain();
    await minutes(60);
    expect((await deliveries())[0]).toMatchObject({ state: "failed", attempts: 5 });
    a.poster.answer = "posted";
    await minutes(30);
    expect(a.poster.posts).toHaveLength(0);
  }, 120_000);
});

function rowsCount(result: unknown): number {
  const rows = Array.isArray(result) ? result : ((result as { rows: Array<{ n: number }> }).rows ?? []);
  return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
}
