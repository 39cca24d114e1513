import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { koppelingConfigs, sales } from "../../../db/schema.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";

describe(`more scripted conversations on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    chat = await startChatHarness();
    await chat.send("link KB-DEMO-0001");
  });
  afterAll(async () => chat.close());

  it("runs the checklist in English and offers the real 9% code of Moneybird", async () => {
    const check = await chat.send("is my integration set up correctly?", "anna");
    expect(check.language).toBe("en");
    expect(check.plain).toMatch(/❌ VAT: 9% is not mapped — \d+ sales are in Errors because of it \(€[\d,]+\.\d\d\)/);
    expect(check.plain).toMatch(/Shipping go to ledger 1100 "Bank", which is not a revenue account/);
    const step = await chat.click(check, /Yes, start/, "anna");
    expect(step.plain).toMatch(/Which VAT code in accounting belongs to 9%\?/);
    expect(step.actions.map((a) => a.label)).toEqual(["9% btw", "Skip"]);
    const next = await chat.click(step, /Skip/, "anna");
    expect(next.plain).toMatch(/Which revenue account should shipping be booked on\?/);
    expect(next.actions.map((a) => a.label)).toContain("8050 Verzendkosten");
  });

  it("answers a how-to question from the knowledge articles in the user's language", async () => {
    const nl = await chat.send("hoe maak ik een API-sleutel aan in WooCommerce?");
    expect(nl.intent).toBe("howto");
    expect(nl.plain).toMatch(/^📘 .*(sleutel|API)/i);
    expect(nl.plain).toMatch(/REST API/);
    const en = await chat.send("what does ICP mean?");
    expect(en.language).toBe("en");
    expect(en.plain).toMatch(/^📘 .*ICP/);
  });

  it("ignores a sale only after confirmation, and never a transferred one", async () => {
    const [rejected] = await chat.deps.db.select().from(sales).where(and(eq(sales.koppelingId, chat.demo.koppelingId), eq(sales.state, "rejected"))).limit(1);
    const [transferred] = await chat.deps.db.select().from(sales).where(eq(sales.state, "transferred")).limit(1);
    const ask = await chat.send(`negeer ${rejected!.number}`);
    expect(ask.plain).toMatch(new RegExp(`#${rejected!.number} negeren\\?`));
    expect((await chat.deps.db.select().from(sales).where(eq(sales.id, rejected!.id)))[0]!.state).toBe("rejected");
    const done = await chat.click(ask, /Ja, negeer/);
    expect(done.plain).toMatch(/Genegeerd: 1\./);
    expect((await chat.deps.db.select().from(sales).where(eq(sales.id, rejected!.id)))[0]!.state).toBe("ignored");
    const refused = await chat.click(await chat.send(`negeer ${transferred!.number}`), /Ja, negeer/);
    expect(refused.plain).toMatch(/kan niet \(staat in transferred\)/);
  });

  it("refuses a configuration change to a ledger that is not a revenue account, changing nothing", async () => {
    const before = await chat.deps.db.select().from(koppelingConfigs);
    const ask = await chat.send("zet de verzendkosten op grootboek 1300");
    expect(ask.intent).toBe("configure");
    const refused = await chat.click(ask, /^Ja$/);
    expect(refused.plain).toMatch(/Niet aangepast: dat is geen omzetrekening/);
    expect(await chat.deps.db.select().from(koppelingConfigs)).toEqual(before);
  });

  it("explains how to fix a red dot", async () => {
    const reply = await chat.send("hoe herstel ik de verbinding met moneybird?");
    expect(reply.intent).toBe("connect");
    expect(reply.plain).toMatch(/moneybird: 🟢 — klik Connect/);
  });
});
