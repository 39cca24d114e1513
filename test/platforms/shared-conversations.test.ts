/**
 * One scripted suite, every platform: the same conversations through the terminal core, Slack and
 * Discord must give the same outcomes in the database and the same facts on screen.
 */
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, koppelingConfigs, problemReports, sales, transfers } from "../../db/schema.js";
import type { PlatformDriver, StartPlatformDriver } from "../support/platform-driver.js";
import { startDiscordDriver } from "../support/discord-driver.js";
import { startSlackDriver } from "../support/slack-driver.js";
import { startTerminalDriver } from "../support/terminal-driver.js";
import { testDriver } from "../support/test-database.js";

const platforms: Array<[string, StartPlatformDriver]> = [
  ["terminal", startTerminalDriver],
  ["slack", startSlackDriver],
  ["discord", startDiscordDriver],
];

const VAT9 = "484113000000000102";

describe.each(platforms)(`the shared conversations on %s (${testDriver})`, (_name, start) => {
  let chat: PlatformDriver;
  beforeEach(async () => {
    chat = await start();
  });
  afterEach(async () => chat.close());

  const rejected = async () => (await chat.engine.db.select({ n: count() }).from(sales).where(eq(sales.state, "rejected")))[0]!.n;

  it("shows nothing before linking, links without echoing the key, and maps 9% by button", async () => {
    const before = await chat.say("staat mijn koppeling goed ingesteld?");
    expect(before.text).toMatch(/nog niet gekoppeld/);
    expect(before.text).not.toMatch(/Demo Webwinkel|9%/);
    expect((await chat.command("link KB-DEMO-9999")).text).toMatch(/licentiesleutel ken ik niet/);
    const linked = await chat.command("link KB-DEMO-0001");
    expect(linked.text).toMatch(/Gekoppeld aan Demo Webwinkel/);
    expect(linked.text).not.toMatch(/KB-DEMO-0001/i);

    const check = await chat.say("staat mijn koppeling goed ingesteld?");
    expect(check.text).toMatch(/9% is niet gekoppeld/);
    const question = await chat.click(check, /Ja, begin/);
    expect(question.text).toMatch(/Welke BTW-code in de boekhouding hoort bij 9%\?/);
    const done = await chat.click(question, /^9% btw$/);
    expect(done.text).toMatch(/Gedaan.*\d+ afgewezen verkopen kunnen nu opnieuw/s);
    const [config] = await chat.engine.db.select().from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, chat.demo.koppelingId));
    expect((config!.settings as { vatMapping: Record<string, string> }).vatMapping["900"]).toBe(VAT9);
    const [audit] = await chat.engine.db.select().from(auditLog).where(eq(auditLog.action, "config.mapVatRate"));
    expect(audit!.actor).toMatch(new RegExp(`^${chat.platform}:.*merchant`));
  });

  it("lets the owner retry once, refuses a viewer and a second click, and never books twice", async () => {
    await chat.command("link KB-DEMO-0001");
    const check = await chat.say("staat mijn koppeling goed ingesteld?");
    const question = await chat.click(check, /Ja, begin/);
    const done = await chat.click(question, /^9% btw$/);
    const before = await rejected();

    const viewer = await chat.command("retry all", "colleague");
    expect(viewer.text).toMatch(/Alleen de eigenaar/);
    expect(viewer.buttons).toHaveLength(0);
    expect((await chat.command("status", "colleague")).text).toMatch(/Fouten|fouten/);

    const preview = await chat.click(done, /opnieuw verwerken/);
    const confirm = preview.buttons.find((b) => /^Ja, \d+ opnieuw/.test(b.label));
    expect(confirm).toBeDefined();
    const stranger = await chat.click(preview, /^Ja, \d+ opnieuw/, "colleague");
    expect(stranger.text).toMatch(/voor iemand anders/);
    const result = await chat.click(preview, /^Ja, \d+ opnieuw/);
    expect(result.text).toMatch(/✅ \d+ doorgezet|\d+ doorgezet/);
    const after = await rejected();
    expect(after).toBeLessThan(before);
    const twice = await chat.click(preview, /^Ja, \d+ opnieuw/);
    expect(twice.text).toMatch(/al gebruikt/);
    expect(await rejected()).toBe(after);

    const booked = await chat.engine.db.select({ n: count() }).from(transfers);
    expect(chat.demo.books.state.externalSalesInvoices.length).toBe(booked[0]!.n);
  });

  it("lists errors with amounts in English and files one report per cause", async () => {
    await chat.command("link KB-DEMO-0001");
    const errors = await chat.say("why are my orders being rejected?");
    expect(errors.text).toMatch(/VAT rate 9% has no usable VAT code/);
    expect(errors.text).toMatch(/€[\d,]+\.\d\d/);
    const which = await chat.command("report");
    const preview = await chat.click(which, /9%/);
    const sent = await chat.click(preview, /Send|Verstuur/);
    expect(sent.text).toMatch(/R-\d+/);
    const again = await chat.click(await chat.command("report"), /9%/);
    expect((await chat.click(again, /Send|Verstuur/)).text).toMatch(/already reported|al gemeld/);
    const reports = await chat.engine.db.select().from(problemReports);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.reportedBy).toMatch(new RegExp(`^${chat.platform}:`));
  });
});
