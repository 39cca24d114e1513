/**
 * Outgoing messages per channel, in order and paced: Slack allows about one message per second per
 * channel (short bursts are fine). A burst of replies is delayed, not dropped; 429s with Retry-After
 * are retried by the platform client itself (@slack/web-api, discord.js REST).
 */
import PQueue from "p-queue";

export interface ChannelQueueOptions {
  /** Messages allowed per interval and channel. */
  perInterval: number;
  intervalMs: number;
}

export interface ChannelQueue {
  /** Runs `send` after the channel's earlier sends, within the channel's pace. */
  send<T>(channel: string, send: () => Promise<T>): Promise<T>;
  /** Resolves when every channel is idle. */
  idle(): Promise<void>;
  /** How many sends wait or run, over all channels. */
  readonly pending: number;
}

/** One serial, paced queue per channel; idle channels are forgotten. */
export function createChannelQueue(options: ChannelQueueOptions): ChannelQueue {
  const queues = new Map<string, PQueue>();
  const queueFor = (channel: string) => {
    let queue = queues.get(channel);
    if (!queue) {
      queue = new PQueue({ concurrency: 1, intervalCap: options.perInterval, interval: options.intervalMs });
      const created = queue;
      created.on("idle", () => {
        if (queues.get(channel) === created && created.size === 0 && created.pending === 0) queues.delete(channel);
      });
      queues.set(channel, queue);
    }
    return queue;
  };
  return {
    send(channel, send) {
      return queueFor(channel).add(send, { throwOnTimeout: true }) as Promise<never>;
    },
    async idle() {
      await Promise.all([...queues.values()].map((q) => q.onIdle()));
    },
    get pending() {
      let n = 0;
      for (const q of queues.values()) n += q.size + q.pending;
      return n;
    },
  };
}
