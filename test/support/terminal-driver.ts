/** The shared conversations through the core, as the terminal chat does. */
import { type Reply, renderPlainText } from "../../conversations/replies/reply.js";
import { startChatHarness } from "./chat-harness.js";
import type { PlatformDriver, SeenReply } from "./platform-driver.js";

export async function startTerminalDriver(): Promise<PlatformDriver> {
  const harness = await startChatHarness();
  const seen = (reply: Reply): SeenReply => ({ text: renderPlainText(reply), buttons: reply.actions.map((a) => ({ label: a.label, id: a.id })) });
  // The terminal chat has one local user; here other users share the place to script roles and clicks.
  const place = harness.place;
  return {
    platform: "terminal",
    engine: harness.deps,
    demo: harness.demo,
    say: async (text, user = "merchant") => seen(await harness.core.handle({ kind: "message", where: place, user: { id: user }, text })),
    command: async (args, user = "merchant") => seen(await harness.core.handle({ kind: "command", where: place, user: { id: user }, name: "koppeling", args })),
    click: async (reply, label, user = "merchant") => {
      const button = reply.buttons.find((b) => label.test(b.label));
      if (!button) throw new Error(`No button matching ${label} in: ${reply.buttons.map((b) => b.label).join(" | ")}`);
      return seen(await harness.core.handle({ kind: "action", where: place, user: { id: user }, actionId: button.id }));
    },
    close: () => harness.close(),
  };
}
