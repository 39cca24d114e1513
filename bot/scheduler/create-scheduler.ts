/**
 * The schedules: node-schedule fires in every process, one process claims each tick in the ledger
 * (schedule_ticks) and turns it into durable jobs; every process works the jobs.
 */
import schedule from "node-schedule";
import { claimTick, pruneTicks } from "../../engine/schedule/claim-tick.js";
import { findDueDigests } from "../../engine/schedule/find-due-digests.js";
import { listDueRetries, listDueSyncs, listKoppelingIds, listStaleConnections } from "../../engine/schedule/list-scheduled-work.js";
import { checkConnectionHealth, runDueRetries } from "../../engine/schedule/run-scheduled-jobs.js";
import type { EngineDeps } from "../../engine/runtime/engine-deps.js";
import { runSync } from "../../engine/sync/run-sync.js";
import type { ChatPoster } from "../chat/chat-poster.js";
import { deliverDigest } from "./deliver-digest.js";
import type { JobHandlers, JobQueue } from "./job-queue.js";

/** The ticks and when they fire (cron, in the configured time zone). */
export const tickRules = {
  /** Koppelingen every 15 minutes or hourly, whichever is due. */
  sync: "*/15 * * * *",
  /** Every koppeling: fetch, re-check Open, expire Open sales past 21 days, book. */
  nightly: "0 3 * * *",
  /** Temporary failures whose retry moment has come. */
  "auto-retry": "* * * * *",
  /** Live connection tests of koppelingen whose dots were not checked in the last hour. */
  health: "30 * * * *",
  /** Weekly digests whose moment has come (each subscription has its own day and time). */
  digest: "* * * * *",
} as const;
export type TickName = keyof typeof tickRules;

const DAY_MS = 86_400_000;
const HEALTH_STALE_MS = 55 * 60_000;

export interface SchedulerOptions {
  engine: EngineDeps;
  queue: JobQueue;
  posters: ChatPoster[];
  /** TZ_DIGEST: the time zone of the schedules and of subscriptions without their own. */
  timeZone: string;
}

export interface Scheduler {
  /** Catches up missed digests, starts the timers and the job workers. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What a timer does: claims the tick (null when another process has it) and queues its jobs. */
  fire(tick: TickName, fireAt: Date): Promise<number | null>;
  /** Queues the digests that are due now, without a tick (start-up after downtime, `digest --now`). */
  queueDueDigests(): Promise<number>;
  /** Runs the queued jobs now (tests, `digest --now`). */
  drain(): Promise<number>;
}

/** Creates the scheduler of one process. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { engine, queue } = options;
  const timers: schedule.Job[] = [];
  const handlers: JobHandlers = {
    sync: async ({ koppelingId }) => void (await runSync(engine, koppelingId, "schedule")),
    nightly: async ({ koppelingId }) => void (await runSync(engine, koppelingId, "nightly")),
    "auto-retry": async ({ koppelingId }) => void (await runDueRetries(engine, koppelingId)),
    health: async ({ koppelingId }) => void (await checkConnectionHealth(engine, koppelingId)),
    digest: async (job) => {
      const outcome = await deliverDigest(engine, options.posters, job);
      engine.log.info("digest job done", { subscriptionId: job.subscriptionId, periodStart: job.periodStart, outcome });
    },
  };
  const queueDueDigests = async () => {
    const due = await findDueDigests(engine.db, engine.clock.now(), options.timeZone);
    return queue.send("digest", due.map((d) => ({ subscriptionId: d.subscriptionId, periodStart: d.periodStart.toISOString() })), (d) => `${d.subscriptionId}@${d.periodStart}`);
  };
  const perKoppeling = <Q extends "sync" | "nightly" | "auto-retry" | "health">(name: Q, ids: string[]) => queue.send(name, ids.map((koppelingId) => ({ koppelingId })));

  const work: Record<TickName, () => Promise<number>> = {
    sync: async () => perKoppeling("sync", await listDueSyncs(engine.db, engine.clock.now())),
    nightly: async () => {
      await pruneTicks(engine.db, new Date(engine.clock.now().getTime() - 7 * DAY_MS));
      return perKoppeling("nightly", await listKoppelingIds(engine.db));
    },
    "auto-retry": async () => perKoppeling("auto-retry", await listDueRetries(engine.db, engine.clock.now())),
    health: async () => perKoppeling("health", await listStaleConnections(engine.db, engine.clock.now(), HEALTH_STALE_MS)),
    digest: queueDueDigests,
  };

  const fire = async (tick: TickName, fireAt: Date) => {
    if (!(await claimTick(engine.db, tick, fireAt, engine.workerId, engine.clock.now()))) return null;
    const queued = await work[tick]();
    if (queued > 0) engine.log.info("tick queued jobs", { tick, fireAt: fireAt.toISOString(), queued });
    return queued;
  };

  return {
    fire,
    queueDueDigests,
    drain: () => queue.drain(handlers),
    async start() {
      await queue.start();
      // After downtime: the latest missed digest of each subscription, once (not one per missed tick).
      const caughtUp = await queueDueDigests();
      if (caughtUp > 0) engine.log.info("missed digests queued at start-up", { count: caughtUp });
      for (const [tick, rule] of Object.entries(tickRules) as Array<[TickName, string]>) {
        timers.push(
          schedule.scheduleJob({ rule, tz: options.timeZone }, (fireDate) => {
            fire(tick, fireDate).catch((error: unknown) => engine.log.error("tick failed", { tick, error: error instanceof Error ? error.message : String(error) }));
          }),
        );
      }
      await queue.work(handlers);
    },
    async stop() {
      for (const timer of timers.splice(0)) timer.cancel();
      await queue.stop();
    },
  };
}
