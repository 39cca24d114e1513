/**
 * A turn reads its state, link, role (and, when the rules alone answer, the status) in its first statement,
 * sent before the rules run, and writes its state with its buttons in its last. The answers must be the
 * ones the flows give on their own.
 * A platform delivery answers while that last statement is still under way: what comes next waits for it.
 */
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationCore } from "../../../conversations/core/create-conversation-core.js";
import { createHowtoAnswerer } from "../../../conversations/flows/howto-flow.js";
import { detectIntent } from "../../../conversations/intents/detect-intent.js";
import { renderPlainText } from "../../../conversations/replies/reply.js";
import { pendingActions } from "../../../db/schema.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";
import type { Reply } from "../../../conversations/replies/reply.js";

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

describe(`a delivery's reply is sent before its state is saved, on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    chat = await startChatHarness();
    await chat.command("link KB-DEMO-0001");
  });
  afterAll(async () => chat.close());

  const message = (text: string) => ({ kind: "message" as const, where: chat.place, user: { id: "merchant" }, text });
  const stored = async (reply: Reply) => (await chat.deps.db.select().from(pendingActions).where(eq(pendingActions.id, reply.actions[0]!.id))).length;

  it("saves the buttons only once the post has settled, and calls send once per delivery id", async () => {
    const sent: Reply[] = [];
    let storedWhilePosting = -1;
    const reply = await chat.core.handleDelivery(message("hoe staat het ervoor?"), "send-1", async (r) => {
      sent.push(r);
      // A slow platform post: the save must not have started (nor finished) meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 150));
      storedWhilePosting = await stored(r);
    });
    expect(sent).toEqual([reply]);
    expect(storedWhilePosting).toBe(0);
    await chat.core.settled();
    expect(await stored(reply!)).toBe(1);
    // The same delivery again: no turn, nothing sent.
    expect(await chat.core.handleDelivery(message("hoe staat het ervoor?"), "send-1", async (r) => void sent.push(r))).toBeNull();
    expect(sent).toHaveLength(1);
  });

  it("still saves when the post fails, and passes the failure on", async () => {
    let offered: Reply | undefined;
    const failing = chat.core.handleDelivery(message("hoe staat het ervoor?"), "send-2", async (r) => {
      offered = r;
      throw new Error("platform down");
    });
    await expect(failing).rejects.toThrow("platform down");
    await chat.core.settled();
    expect(await stored(offered!)).toBe(1);
    // The next turn has the failed post's state: "ja" picks its first button.
    expect((await chat.send("ja")).intent).toBe("list_errors");
  });
});

describe.skipIf(testDriver !== "postgres")(`a delivery answered before its state is saved, on ${testDriver}${testDriver === "postgres" ? "" : " (skipped: needs a second connection to hold the save back)"}`, () => {
  let chat: ChatHarness;
  let locker: postgres.Sql;
  beforeAll(async () => {
    chat = await startChatHarness();
    await chat.command("link KB-DEMO-0001");
    locker = postgres((chat.database as { url?: string }).url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await locker.end({ timeout: 5 });
    await chat.close();
  });

  /** Runs `during` while another connection keeps every new button from being stored; then lets the saves through. */
  async function withSavesHeldBack<T>(during: () => Promise<T>): Promise<T> {
    const held = await locker.reserve();
    try {
      await held`begin`;
      await held`lock table pending_actions in share row exclusive mode`;
      return await during();
    } finally {
      await held`commit`;
      held.release();
    }
  }

  const delivery = (text: string, id: string) => chat.core.handleDelivery({ kind: "message", where: chat.place, user: { id: "merchant" }, text }, id, async () => {});
  const press = (reply: Reply, user: string) =>
    chat.core.handle({ kind: "action", where: chat.place, user: { id: user }, actionId: reply.actions.find((a) => /fouten/i.test(a.label))!.id });

  it("answers before the buttons are stored; a click by the asker and one by someone else wait for them", async () => {
    const pending: Array<Promise<Reply>> = [];
    let settledEarly = false;
    await withSavesHeldBack(async () => {
      const reply = (await delivery("hoe staat het ervoor?", "held-1"))!;
      expect(reply.intent).toBe("status");
      const buttonId = reply.actions.find((a) => /fouten/i.test(a.label))!.id;
      // Answered, and not stored yet.
      expect(await chat.deps.db.select().from(pendingActions).where(eq(pendingActions.id, buttonId))).toEqual([]);
      pending.push(press(reply, "merchant"), press(reply, "someone-else"));
      const clicks = Promise.all(pending).then(() => (settledEarly = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      void clicks;
    });
    // Neither click answered while the save was held back ("I don't know that button" would have been quick).
    expect(settledEarly).toBe(false);
    const [mine, theirs] = await Promise.all(pending);
    expect(mine!.refused).toBeUndefined();
    expect(mine!.intent).toBe("list_errors");
    expect(renderPlainText(theirs!)).toMatch(/iemand anders/);
    await chat.core.settled();
  });

  it("sends a turn's first statement before its rules run, so the database works on it while they do", async () => {
    const watcher = postgres((chat.database as { url?: string }).url!, { max: 1, onnotice: () => {} });
    /** When the statement waiting for the lock below (on the delivery claim it starts with) reached the database. */
    const claimArrivedAt = async () => {
      const [row] = await watcher<Array<{ at: number }>>`select (extract(epoch from a.query_start) * 1000)::float8 as at
        from pg_stat_activity a join pg_locks l on l.pid = a.pid where not l.granted and l.relation = 'processed_events'::regclass`;
      return row ? Number(row.at) : null;
    };
    let rulesStarted = 0;
    let arrivedAt: number | null = null;
    let rulesRan!: () => void;
    const rulesDone = new Promise<void>((resolve) => (rulesRan = resolve));
    const core = createConversationCore({
      engine: chat.deps,
      // Rules that keep the thread busy for 300 ms, as the real ones do for a fraction of a millisecond; then
      // they look when the turn's statement reached the database.
      understand: async (text) => {
        rulesStarted = Date.now();
        while (Date.now() < rulesStarted + 300);
        for (let tries = 0; tries < 40 && arrivedAt === null; tries++) {
          arrivedAt = await claimArrivedAt();
          if (arrivedAt === null) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        rulesRan();
        return detectIntent(text);
      },
    });
    const held = await locker.reserve();
    let reply: Reply | null;
    try {
      await held`begin`;
      await held`lock table processed_events in share row exclusive mode`;
      const turn = core.handleDelivery({ kind: "message", where: chat.place, user: { id: "merchant" }, text: "status" }, "overlap-1", async () => {});
      await rulesDone;
      await held`commit`;
      reply = await turn;
    } finally {
      held.release();
      await watcher.end({ timeout: 5 });
    }
    // It arrived while the rules kept the thread busy, not after them.
    expect(arrivedAt).not.toBeNull();
    expect(arrivedAt!).toBeLessThan(rulesStarted + 200);
    expect(reply!.intent).toBe("status");
    expect(renderPlainText(reply!)).toMatch(/Fouten: [1-9]\d* \(€/);
    await core.settled();
  });

  it("lets the next message of the conversation see the state the previous one is still saving", async () => {
    const { next, answeredEarly } = await withSavesHeldBack(async () => {
      await delivery("hoe staat het ervoor?", "held-2");
      // "ja" picks a button of the previous reply: only possible with that reply's state.
      const next = delivery("ja", "held-3");
      let answered = false;
      void next.then(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { next, answeredEarly: answered };
    });
    expect(answeredEarly).toBe(false);
    expect((await next)!.intent).toBe("list_errors");
  });
});
