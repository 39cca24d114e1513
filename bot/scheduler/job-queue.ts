/** Durable jobs on pg-boss 10: any process may pick a job up; a job whose process died expires and is retried. */
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "../../db/open-database.js";
import type { Logger } from "../../engine/runtime/engine-deps.js";
import { createPgBossDb } from "./pg-boss-db.js";

/** The queues and their data. */
export interface JobData {
  sync: { koppelingId: string };
  nightly: { koppelingId: string };
  "auto-retry": { koppelingId: string };
  health: { koppelingId: string };
  digest: { subscriptionId: number; periodStart: string };
}
export type QueueName = keyof JobData;
export const queueNames: QueueName[] = ["sync", "nightly", "auto-retry", "health", "digest"];

/** Runs one job; a throw fails it (pg-boss retries it with back-off). */
export type JobHandlers = { [Q in QueueName]: (data: JobData[Q]) => Promise<void> };

/** How long a job may run before pg-boss counts its process as dead and hands the job to another. */
const expireInSeconds: Record<QueueName, number> = { sync: 1800, nightly: 1800, "auto-retry": 900, health: 300, digest: 600 };

export interface JobQueue {
  start(): Promise<void>;
  /** Adds jobs; digests carry a key, so a digest already waiting is not queued twice. */
  send<Q extends QueueName>(queue: Q, items: Array<JobData[Q]>, keyOf?: (item: JobData[Q]) => string): Promise<number>;
  /** Polls the queues and runs jobs until stopped (serve). */
  work(handlers: JobHandlers): Promise<void>;
  /** Runs every available job now, until the queues are empty (tests, `digest --now`). */
  drain(handlers: JobHandlers): Promise<number>;
  /** Runs pg-boss maintenance now: fails jobs whose process died, so they are retried. */
  maintain(): Promise<void>;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  log: Logger;
  pollingIntervalSeconds?: number;
  /** Shorter expiry in tests that take a job over from a "killed" process. */
  expireInSeconds?: number;
  /** pg-boss's own maintenance timer (expire, archive); tests call maintain() instead. Default on. */
  supervise?: boolean;
}

/** A job queue on the handle's database (PGlite or Postgres) in pg-boss's own schema "pgboss". */
export function createJobQueue(database: DatabaseHandle, options: JobQueueOptions): JobQueue {
  // pg-boss's cron is left off: node-schedule triggers. Its maintenance (one instance at a time) expires dead jobs.
  const boss = new PgBoss({ db: createPgBossDb(database), schedule: false, supervise: options.supervise ?? true, maintenanceIntervalSeconds: 60, migrate: true });
  boss.on("error", (error: Error) => options.log.error("job queue error", { error: error.message }));
  const run = async <Q extends QueueName>(handlers: JobHandlers, queue: Q, job: { id: string; data: JobData[Q] }) => {
    try {
      await handlers[queue](job.data);
      await boss.complete(queue, job.id);
    } catch (error) {
      options.log.error("job failed", { queue, error: error instanceof Error ? error.message : String(error) });
      await boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
    }
  };
  return {
    async start() {
      await boss.start();
      for (const name of queueNames) {
        await boss.createQueue(name, {
          name,
          // "short": at most one waiting job per key (digests); jobs without a key are never merged.
          policy: name === "digest" ? "short" : "standard",
          retryLimit: 3,
          retryDelay: 60,
          retryBackoff: true,
          expireInSeconds: options.expireInSeconds ?? expireInSeconds[name],
        });
      }
    },
    async send(queue, items, keyOf) {
      let sent = 0;
      for (const item of items) {
        const id = await boss.send(queue, item as object, keyOf ? { singletonKey: keyOf(item) } : {});
        if (id) sent += 1;
      }
      return sent;
    },
    async work(handlers) {
      for (const queue of queueNames) {
        await boss.work(queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
          if (job) await run(handlers, queue, job as unknown as { id: string; data: never });
        });
      }
    },
    async drain(handlers) {
      let ran = 0;
      for (let found = true; found; ) {
        found = false;
        for (const queue of queueNames) {
          const jobs = await boss.fetch(queue, { batchSize: 10 });
          for (const job of jobs) await run(handlers, queue, job as unknown as { id: string; data: never });
          ran += jobs.length;
          found ||= jobs.length > 0;
        }
      }
      return ran;
    },
    async maintain() {
      await boss.maintain();
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
