/** Who did something: a chat user on a platform, or the engine itself. */

export interface Actor {
  platform: "slack" | "discord" | "terminal" | "system" | "support";
  workspace?: string;
  channel?: string;
  user: string;
}

/** The audit-log form of an actor, e.g. "slack:T123/C456/U789". */
export function describeActor(actor: Actor): string {
  return `${actor.platform}:${[actor.workspace, actor.channel, actor.user].filter(Boolean).join("/")}`;
}

/** The engine acting on its own (schedules, automatic retries). */
export const systemActor: Actor = { platform: "system", user: "koppelbot" };
