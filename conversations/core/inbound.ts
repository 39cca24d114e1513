/** What a platform adapter hands the core: one neutral event per message, command or button click. */

/** Where a conversation happens: the platform and its channel/DM id ("T123/C456", "local"). */
export interface Place {
  platform: "slack" | "discord" | "terminal";
  id: string;
  /** Workspace (Slack team) or guild id; unset for DMs and the terminal. */
  workspace?: string;
}

/** Who wrote: the platform's user id. */
export interface ChatUser {
  id: string;
  name?: string;
  /** Set by the platform adapter for the configured support users (SUPPORT_SLACK_USERS, SUPPORT_DISCORD_USERS). */
  support?: boolean;
}

export type Inbound =
  | { kind: "message"; where: Place; user: ChatUser; text: string }
  | { kind: "command"; where: Place; user: ChatUser; name: string; args: string }
  | { kind: "action"; where: Place; user: ChatUser; actionId: string };
