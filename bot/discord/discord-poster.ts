/** Posts replies into Discord channels through the REST client: the ChatPoster of schedules and the support outbox. */
import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from "discord.js";
import type { Reply } from "../../conversations/replies/reply.js";
import type { ChannelQueue } from "../chat/channel-queue.js";
import type { ChatPoster, PostResult } from "../chat/chat-poster.js";
import { channelOfPlace } from "./discord-place.js";
import { type DiscordMessage, renderDiscordReply } from "./render-discord-reply.js";

/** Discord errors after which posting to the channel again makes no sense: it is gone or the bot was shut out. */
const goneCodes = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);

/** Sends one message to a channel, in the channel's queue (discord.js REST itself waits out 429s). */
export async function sendDiscordMessage(rest: REST, queue: ChannelQueue, channelId: string, message: DiscordMessage & { message_reference?: unknown }): Promise<{ channelId: string; messageId: string }> {
  const sent = (await queue.send(channelId, () => rest.post(Routes.channelMessages(channelId), { body: message }))) as { id: string };
  return { channelId, messageId: sent.id };
}

/** The Discord ChatPoster: "gone" for Unknown Channel / Missing Access / Missing Permissions, "failed" otherwise. */
export function createDiscordPoster(rest: REST, queue: ChannelQueue): ChatPoster {
  return {
    platform: "discord",
    async post(place: string, reply: Reply): Promise<PostResult> {
      const channelId = channelOfPlace(place);
      if (!channelId) return { kind: "gone", reason: `not a Discord place: ${place}` };
      try {
        return { kind: "posted", ref: await sendDiscordMessage(rest, queue, channelId, renderDiscordReply(reply)) };
      } catch (error) {
        if (error instanceof DiscordAPIError && typeof error.code === "number" && goneCodes.has(error.code)) return { kind: "gone", reason: `${error.code} ${error.message}` };
        return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
