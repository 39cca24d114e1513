/**
 * A turn reads its state, link, role (and, for a status question, the status) in its first statement and
 * writes its state with its buttons in its last. The answers must be the ones the flows give on their own.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationCore } from "../../../conversations/core/create-conversation-core.js";
import { createHowtoAnswerer } from "../../../conversations/flows/howto-flow.js";
import { detectIntent } from "../../../conversations/intents/detect-intent.js";
import { renderPlainText } from "../../../conversations/replies/reply.js";
import { pendingActions } from "../../../db/schema.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";

describe(`what a turn reads and writes, on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    chat = await startChatHarness();
    await chat.command("link KB-DEMO-0001");
  });
  afterAll(async () => chat.close());

  it("answers a status question read with the turn's state as the status flow does on its own", async () => {
    const together = await chat.send("hoe staat mijn koppeling ervoor?");
    // An LLM stand-in that keeps the rules' reading: the status is then read by the flow itself.
    const alone = createConversationCore({ engine: chat.deps, understand: detectIntent, answerHowto: createHowtoAnswerer(), interpret: async () => null });
    const separate = await alone.handle({ kind: "message", where: chat.place, user: { id: "merchant" }, text: "hoe staat mijn koppeling ervoor?" });
    expect(together.intent).toBe("status");
    expect(together.plain).toMatch(/Fouten: [1-9]\d* \(€/);
    expect(together.plain).toBe(renderPlainText(separate));
    expect(together.actions.map((a) => a.label)).toEqual(separate.actions.map((a) => a.label));
  });

  it("stores the buttons of a reply before the reply is returned, for this user and place only", async () => {
    const reply = await chat.send("hoe staat het ervoor?");
    const [button] = reply.actions;
    expect(button).toBeDefined();
    const [stored] = await chat.deps.db.select().from(pendingActions).where(eq(pendingActions.id, button!.id));
    expect(stored).toMatchObject({ platform: "terminal", place: chat.place.id, userId: "merchant", action: { kind: "show_errors" } });
    expect((await chat.click(reply, /fouten/i, "someone-else")).plain).toMatch(/iemand anders/);
    expect((await chat.click(reply, /fouten/i)).intent).not.toBe("unknown");
  });

  it("offers no stored button when the turn fails, and still answers", async () => {
    const before = await chat.deps.db.$count(pendingActions);
    const broken = createConversationCore({
      engine: chat.deps,
      understand: () => {
        throw new Error("rules broke");
      },
    });
    const reply = await broken.handle({ kind: "message", where: chat.place, user: { id: "merchant" }, text: "status" });
    expect(renderPlainText(reply)).toMatch(/ging iets mis/);
    expect(reply.actions).toEqual([]);
    expect(await chat.deps.db.$count(pendingActions)).toBe(before);
  });
});
