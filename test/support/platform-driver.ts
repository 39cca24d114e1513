/**
 * One scripted conversation, three platforms: a driver speaks to the bot the way a user of that platform
 * does (terminal: the core; Slack: signed HTTP to the Bolt app; Discord: gateway events and interactions)
 * and reads back what the user would see. The shared suite in test/platforms runs against every driver.
 */
import type { RunningDemo } from "../../bot/demo/start-demo.js";
import type { EngineDeps } from "../../engine/runtime/engine-deps.js";

/** What a user sees of one bot answer: its visible text (flattened) and its buttons. */
export interface SeenReply {
  text: string;
  buttons: Array<{ label: string; id: string }>;
}

export interface PlatformDriver {
  platform: "terminal" | "slack" | "discord";
  /** The demo koppeling behind the bot (synced once) and the engine, to look at the database. */
  engine: EngineDeps;
  demo: RunningDemo;
  /** A message to the bot in the test channel (a mention on Slack and Discord) as `user` (default "merchant"). */
  say(text: string, user?: string): Promise<SeenReply>;
  /** `/koppeling <args>` in the test channel. */
  command(args: string, user?: string): Promise<SeenReply>;
  /** Clicks the button of `reply` whose label matches; returns what the user sees after the click. */
  click(reply: SeenReply, label: RegExp, user?: string): Promise<SeenReply>;
  close(): Promise<void>;
}

/** Starts a driver on a fresh test database with the default demo koppeling (not linked yet). */
export type StartPlatformDriver = () => Promise<PlatformDriver>;
