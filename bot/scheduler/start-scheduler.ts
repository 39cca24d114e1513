/** `koppelbot serve`'s schedules: the job queue on the runtime's database and the timers, with the platforms' posters. */
import type { ChatPoster } from "../chat/chat-poster.js";
import type { RunningPart, ServeContext } from "../serve.js";
import { createScheduler } from "./create-scheduler.js";
import { createJobQueue } from "./job-queue.js";

/** Starts the scheduler of this process; `posters` are the platforms serve started. */
export async function startScheduler(ctx: ServeContext, posters: ChatPoster[]): Promise<RunningPart> {
  const queue = createJobQueue(ctx.runtime.database, { log: ctx.log });
  const scheduler = createScheduler({ engine: ctx.runtime.deps, queue, posters, timeZone: ctx.config.timeZone });
  await scheduler.start();
  ctx.log.info("schedules started", { timeZone: ctx.config.timeZone, platforms: posters.map((p) => p.platform) });
  return { name: "scheduler", stop: () => scheduler.stop() };
}
