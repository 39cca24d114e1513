/** A ChatPoster that records what it was asked to post and answers what the test says (our own stand-in for a platform). */
import type { ChatPoster, PostResult } from "../../bot/chat/chat-poster.js";
import type { Reply } from "../../conversations/replies/reply.js";

export interface RecordingPoster extends ChatPoster {
  /** Every post the "platform" accepted. */
  posts: Array<{ place: string; reply: Reply }>;
  /** The answer to the next posts (default: posted). "hang" never answers: the process dies while posting. */
  answer: PostResult["kind"] | "hang";
  /** Posts that never answered (answer "hang"). */
  hanging: number;
}

export function createRecordingPoster(platform: ChatPoster["platform"] = "slack"): RecordingPoster {
  const poster: RecordingPoster = {
    platform,
    posts: [],
    answer: "posted",
    hanging: 0,
    async post(place, reply) {
      if (poster.answer === "hang") {
        poster.hanging += 1;
        return new Promise<PostResult>(() => {});
      }
      if (poster.answer === "gone") return { kind: "gone", reason: "channel_not_found" };
      if (poster.answer === "failed") return { kind: "failed", reason: "HTTP 503" };
      poster.posts.push({ place, reply });
      return { kind: "posted", ref: { place, n: poster.posts.length } };
    },
  };
  return poster;
}
