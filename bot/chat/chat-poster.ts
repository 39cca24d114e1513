/** How schedules and the support outbox post to a chat place without knowing the platform. */
import type { Reply } from "../../conversations/replies/reply.js";

/** What happened to a post. */
export type PostResult =
  /** Posted; `ref` is the platform's message reference (channel + ts, message id). */
  | { kind: "posted"; ref: unknown }
  /** The place no longer exists or removed the bot: pause whatever posts there, do not retry. */
  | { kind: "gone"; reason: string }
  /** Anything else (network, 5xx after the client's own retries): try again later. */
  | { kind: "failed"; reason: string };

/** One platform's poster; `place` is the same id the core uses ("T123/C456" on Slack). */
export interface ChatPoster {
  platform: "slack" | "discord" | "terminal";
  post(place: string, reply: Reply): Promise<PostResult>;
}
