/** The Slack ChatPoster: posts a reply to a linked place ("T123/C456") for digests and other unprompted messages. */
import type { Reply } from "../../conversations/replies/reply.js";
import type { ChatPoster, PostResult } from "../chat/chat-poster.js";
import { renderSlackReply } from "./render-slack-reply.js";
import { channelOfPlace } from "./slack-inbound.js";
import { type SlackMessenger, slackErrorCode } from "./slack-messenger.js";

/** Slack errors that mean the place is gone for the bot: pause what posts there instead of retrying. */
const goneErrors = new Set(["channel_not_found", "not_in_channel", "is_archived", "account_inactive", "token_revoked"]);

/** Posts through the messenger (queued, rate limits waited out); never throws. */
export function createSlackPoster(messenger: SlackMessenger): ChatPoster {
  return {
    platform: "slack",
    async post(place: string, reply: Reply): Promise<PostResult> {
      try {
        const ref = await messenger.post(channelOfPlace(place), renderSlackReply(reply));
        return { kind: "posted", ref };
      } catch (error) {
        const code = slackErrorCode(error);
        return goneErrors.has(code) ? { kind: "gone", reason: code } : { kind: "failed", reason: code };
      }
    },
  };
}
