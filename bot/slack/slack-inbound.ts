/** Slack payload pieces → the core's neutral Place and ChatUser, and message text as the user meant it. */
import type { ChatUser, Place } from "../../conversations/core/inbound.js";

/** The core's place id for a Slack channel or DM: "T123/C456" (the team keeps equal channel ids apart). */
export function slackPlace(teamId: string, channelId: string): Place {
  return { platform: "slack", id: `${teamId}/${channelId}`, workspace: teamId };
}

/** The channel id of a place id "T123/C456". */
export function channelOfPlace(placeId: string): string {
  return placeId.slice(placeId.indexOf("/") + 1);
}

/** A Slack user, marked as support when listed in SUPPORT_SLACK_USERS. */
export function slackUser(userId: string, supportUsers: readonly string[], name?: string): ChatUser {
  return { id: userId, ...(name ? { name } : {}), ...(supportUsers.includes(userId) ? { support: true } : {}) };
}

/**
 * The text of a message without the bot's mention and with Slack's escaping undone: "<@U0LAN0Z89> hoe
 * staat het &amp; zo" → "hoe staat het & zo". Other user mentions stay as Slack wrote them.
 */
export function messageText(text: string | undefined, botUserId?: string): string {
  let t = text ?? "";
  t = botUserId ? t.split(`<@${botUserId}>`).join(" ") : t.replace(/^\s*<@[UW][A-Z0-9]+>/, " ");
  // Links arrive as <https://x|label> or <mailto:a@b|a@b>: keep what the user typed.
  t = t.replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, "$2").replace(/<((?:https?|mailto):[^>]+)>/g, "$1");
  return t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
}

/** True when slash-command arguments carry a license key: the answer is then only for the sender. */
export function carriesLicenseKey(args: string): boolean {
  return /\blink\b/i.test(args) || /\bKB-[A-Z0-9]/i.test(args);
}
