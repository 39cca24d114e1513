import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, koppelingConfigs, problemReports, sales } from "../../../db/schema.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";

const VAT9 = "484113000000000102";

describe(`scripted conversations on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeEach(async () => {
    chat = await startChatHarness();
  });
  afterEach(async () => chat.close());

  it("shows nothing of a koppeling before the chat is linked, and links without echoing the key", async () => {
    const before = await chat.send("staat mijn koppeling goed ingesteld?");
    expect(before.plain).toMatch(/nog niet gekoppeld/);
    expect(before.plain).not.toMatch(/Demo Webwinkel|9%/);
    const wrong = await chat.send("link KB-DEMO-9999");
    expect(wrong.plain).toMatch(/licentiesleutel ken ik niet/);
    const linked = await chat.send("link KB-DEMO-0001");
    expect(linked.intent).toBe("link");
    expect(linked.plain).toMatch(/Gekoppeld aan Demo Webwinkel/);
    expect(linked.plain).not.toMatch(/KB-DEMO-0001/i);
  });

  it("walks the checklist in Dutch: maps 9% to a real VAT code, audits it, and retries what it unlocked", async () => {
    await chat.send("link KB-DEMO-0001");
    const check = await chat.send("Staat mijn koppeling goed ingesteld?");
    expect(check.intent).toBe("check_setup");
    expect(check.language).toBe("nl");
    expect(check.plain).toMatch(/❌ BTW: 9% is niet gekoppeld/);
    expect(check.plain).toMatch(/grootboek 1100 "Bank", dat is geen omzetrekening/);
    expect(check.plain).toMatch(/Status "processing" komt bij \d+ verkopen voor maar is niet aangevinkt/);

    const question = await chat.send("ja");
    expect(question.plain).toMatch(/Welke BTW-code in de boekhouding hoort bij 9%\?/);
    expect(question.actions.map((a) => a.label)).toContain("9% btw");

    const rejectedBefore = await chat.deps.db.select().from(sales).where(eq(sales.errorCode, "VAT_CODE_MISSING"));
    const done = await chat.click(question, /^9% btw$/);
    expect(done.plain).toMatch(/Gedaan.*\d+ afgewezen verkopen kunnen nu opnieuw/s);
    const [config] = await chat.deps.db.select().from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, chat.demo.koppelingId));
    expect((config!.settings as { vatMapping: Record<string, string> }).vatMapping["900"]).toBe(VAT9);
    const audits = await chat.deps.db.select().from(auditLog).where(eq(auditLog.action, "config.mapVatRate"));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor).toBe("terminal:shop-channel/merchant");

    const preview = await chat.click(done, /opnieuw verwerken/);
    expect(preview.plain).toMatch(/de configuratie is aangepast sinds ze mislukten/);
    const result = await chat.click(preview, /^Ja, \d+ opnieuw/);
    expect(result.plain).toMatch(/✅ \d+ doorgezet/);
    const stillMissing = await chat.deps.db.select().from(sales).where(eq(sales.errorCode, "VAT_CODE_MISSING"));
    expect(stillMissing.length).toBeLessThan(rejectedBefore.length);
    const transferredNumbers = new Set(chat.demo.books.state.externalSalesInvoices.map((i) => String(i.reference)));
    expect(rejectedBefore.some((s) => transferredNumbers.has(s.number))).toBe(true);
  });

  it("lists errors in English grouped by cause with euro amounts, and follows the user's language", async () => {
    await chat.send("link KB-DEMO-0001");
    const errors = await chat.send("why are my orders being rejected?");
    expect(errors.intent).toBe("list_errors");
    expect(errors.language).toBe("en");
    expect(errors.plain).toMatch(/sales are in Errors \(€[\d,]+\.\d\d\), for \d+ causes/);
    expect(errors.plain).toMatch(/VAT rate 9% has no usable VAT code — \d+ × €/);
    const dutch = await chat.send("en waarom staan er orders in open?");
    expect(dutch.language).toBe("nl");
    expect(dutch.plain).toMatch(/"processing": \d+ \(€\s[\d.]+,\d\d\) — niet aangevinkt/);
  });

  it("refuses a blind retry of data errors that nothing has changed", async () => {
    await chat.send("link KB-DEMO-0001");
    const count = (await chat.deps.db.select().from(sales).where(eq(sales.state, "rejected"))).length;
    const preview = await chat.command("retry all");
    expect(preview.plain).toMatch(/Opnieuw doorzetten helpt nu niet/);
    expect(preview.plain).toMatch(/eerst oplossen, anders mislukt het weer/);
    expect(preview.actions.some((a) => /opnieuw doorzetten/.test(a.label))).toBe(false);
    expect((await chat.deps.db.select().from(sales).where(eq(sales.state, "rejected"))).length).toBe(count);
  });

  it("reports one example per cause, and returns the open report when asked again", async () => {
    await chat.send("link KB-DEMO-0001");
    const which = await chat.send("meld een probleem");
    expect(which.plain).toMatch(/Voor welke oorzaak\?/);
    const preview = await chat.click(which, /9%/);
    expect(preview.plain).toMatch(/Ik stuur support verkoop #\d+ als voorbeeld/);
    const sent = await chat.click(preview, /Verstuur/);
    expect(sent.plain).toMatch(/Gemeld als R-\d+/);
    const again = await chat.click(await chat.send("meld een probleem"), /9%/);
    const second = await chat.click(again, /Verstuur/);
    expect(second.plain).toMatch(/al gemeld op .* \(melding R-\d+, open\)/);
    const reports = await chat.deps.db.select().from(problemReports);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.occurrences).toBe(2);
    expect(JSON.stringify(reports[0]!.bundle)).not.toMatch(/KB-DEMO-0001|moneybird-simulator-token|cs_simulator/);
  });

  it("traces one sale by its number", async () => {
    await chat.send("link KB-DEMO-0001");
    const [openSale] = await chat.deps.db.select().from(sales).where(eq(sales.state, "open")).limit(1);
    const trace = await chat.send(`waar is bestelling ${openSale!.number}?`);
    expect(trace.intent).toBe("trace_sale");
    expect(trace.plain).toMatch(new RegExp(`Bestelling #${openSale!.number} \\(`));
    expect(trace.plain).toMatch(/Staat in Open: status ".+" is niet aangevinkt \(nog \d+ dagen\)/);
    const unknown = await chat.send("waar is bestelling 999999?");
    expect(unknown.plain).toMatch(/geen verkoop met nummer 999999/);
  });

  it("accepts a button only from the user it was offered to, once, and remembers the flow after a restart", async () => {
    await chat.send("link KB-DEMO-0001");
    const check = await chat.send("staat alles goed?");
    const stranger = await chat.click(check, /Ja, begin/, "someone-else");
    expect(stranger.plain).toMatch(/voor iemand anders/);
    chat.restart();
    const step = await chat.send("ja");
    expect(step.plain).toMatch(/Welke BTW-code/);
    const twice = await chat.click(check, /Ja, begin/);
    expect(twice.plain).toMatch(/al gebruikt/);
  });
});
