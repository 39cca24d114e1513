import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScheduleArgs } from "../../../conversations/core/parse-schedule-args.js";
import { subscriptions } from "../../../db/schema.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";

describe("/koppeling subscribe arguments", () => {
  it.each([
    ["", {}],
    ["weekly", {}],
    ["maandag 9:00", { weekday: 1, hour: 9, minute: 0 }],
    ["vr 16u30", { weekday: 5, hour: 16, minute: 30 }],
    ["friday 4pm", { weekday: 5, hour: 16, minute: 0 }],
    ["weekly tue 09u", { weekday: 2, hour: 9, minute: 0 }],
    ["zo 8.15", { weekday: 0, hour: 8, minute: 15 }],
    ["wednesdays 12am", { weekday: 3, hour: 0, minute: 0 }],
    ["overview do 10:00", { weekday: 4, hour: 10, minute: 0, overview: true }],
    ["monday 25:00", { weekday: 1 }],
  ])("reads %j", (tail, slots) => {
    expect(parseScheduleArgs(tail)).toEqual(slots);
  });
});

describe(`subscribing to the weekly digest on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    chat = await startChatHarness();
    await chat.send("link KB-DEMO-0001");
  }, 60_000);
  afterAll(async () => chat.close());
  const stored = () => chat.deps.db.select().from(subscriptions);

  it("subscribes the channel on Monday 09:00 by default, and changes the day and time on request", async () => {
    const first = await chat.command("subscribe");
    expect(first.plain).toContain("elke maandag om 09:00");
    expect(await stored()).toMatchObject([{ platform: "terminal", place: "shop-channel", kind: "weekly", koppelingId: chat.demo.koppelingId, weekday: 1, hour: 9, minute: 0, language: "nl", timeZone: null }]);

    const changed = await chat.command("subscribe weekly vrijdag 16:30");
    expect(changed.plain).toContain("elke vrijdag om 16:30");
    expect(await stored()).toMatchObject([{ weekday: 5, hour: 16, minute: 30 }]);
  });

  it("understands a request in plain words", async () => {
    const reply = await chat.send("stuur me elke dinsdag om 8 uur een overzicht");
    expect(reply.intent).toBe("subscribe");
    expect(await stored()).toMatchObject([{ weekday: 2, hour: 8, minute: 0 }]);
  });

  it("refuses a viewer and keeps the subscription", async () => {
    const reply = await chat.command("unsubscribe", "colleague");
    expect(reply.plain).toContain("Alleen de eigenaar");
    expect(await stored()).toHaveLength(1);
  });

  it("unsubscribes the channel", async () => {
    expect((await chat.command("unsubscribe")).plain).toContain("geen weekoverzicht meer");
    expect(await stored()).toHaveLength(0);
    expect((await chat.command("unsubscribe")).plain).toContain("kreeg geen weekoverzicht");
  });

  it("lets support subscribe an unlinked channel to the overview of all koppelingen, and nobody else", async () => {
    const where = { platform: "terminal" as const, id: "support-channel" };
    const merchant = await chat.core.handle({ kind: "command", where, user: { id: "merchant" }, name: "koppeling", args: "subscribe" });
    expect(merchant.blocks[0]).toMatchObject({ kind: "text", text: expect.stringContaining("nog niet gekoppeld") });
    const support = await chat.core.handle({ kind: "command", where, user: { id: "S1", support: true }, name: "koppeling", args: "subscribe thursday 10:00" });
    expect(support.intent).toBe("subscribe");
    expect(await stored()).toMatchObject([{ place: "support-channel", kind: "support_overview", koppelingId: null, weekday: 4, hour: 10 }]);
    await chat.core.handle({ kind: "command", where, user: { id: "S1", support: true }, name: "koppeling", args: "unsubscribe" });
    expect(await stored()).toHaveLength(0);
  });

  it("stops the digest when the channel is unlinked", async () => {
    await chat.command("subscribe");
    expect(await stored()).toHaveLength(1);
    await chat.click(await chat.command("unlink"), /Ja, loskoppelen/);
    expect(await stored()).toHaveLength(0);
    await chat.command("link KB-DEMO-0001");
  });
});
