/** Part 5: chat overhead of koppelbot's Slack and Discord adapters against minimal apps (to be added with bot/slack, bot/discord). */
import { type Figure, notMeasured } from "./bench-report.js";

export interface ChatOverheadOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

/** Not measured yet: the Slack and Discord adapters are being written alongside this suite. */
export async function benchChatOverhead(_options: ChatOverheadOptions): Promise<Figure[]> {
  return [
    notMeasured("5 chat", "Slack status reply p50 / minimal Bolt app p50", "≤ 2", "bot/slack is in progress"),
    notMeasured("5 chat", "Slack status reply p99", "", "bot/slack is in progress"),
    notMeasured("5 chat", "Discord status reply p50 / minimal discord.js client p50", "≤ 2", "bot/discord is in progress"),
    notMeasured("5 chat", "Discord status reply p99", "", "bot/discord is in progress"),
  ];
}
