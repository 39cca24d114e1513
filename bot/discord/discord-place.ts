/**
 * Where a Discord conversation happens, as the core's place id: `<guild id>/<channel id>` in a guild,
 * `dm/<channel id>` in a direct message. The channel id is always the part after the slash.
 */
import type { Place } from "../../conversations/core/inbound.js";

/** The core's place for a channel (guildId null for DMs). */
export function discordPlace(guildId: string | null, channelId: string): Place {
  return guildId ? { platform: "discord", id: `${guildId}/${channelId}`, workspace: guildId } : { platform: "discord", id: `dm/${channelId}` };
}

/** The channel id of a place id, or null when it is not a Discord place id. */
export function channelOfPlace(placeId: string): string | null {
  const match = placeId.match(/^(?:\d+|dm)\/(\d+)$/);
  return match?.[1] ?? null;
}
