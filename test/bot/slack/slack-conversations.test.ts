/** Mentions, DMs and buttons through the real Bolt app over signed HTTP, answered on the fake Slack Web API. */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationCore } from "../../../conversations/core/create-conversation-core.js";
import type { Inbound } from "../../../conversations/core/inbound.js";
import type { Reply } from "../../../conversations/replies/reply.js";
import { auditLog, koppelingConfigs, problemReports, sales, transfers } from "../../../db/schema.js";
import { CHANNEL, type SlackHarness, TEAM, buttonsOf, startSlackHarness, visibleText } from "../../support/slack-driver.js";
import { testDriver } from "../../support/test-database.js";

const VAT9 = "484113000000000102";
const SUPPORT = "C0SUPPORT";

/** A list of 60 causes, far more than one Slack message holds. */
const longList: Reply = {
  intent: "list_errors",
  language: "nl",
  blocks: [
    { kind: "heading", text: "Een heel lange lijst" },
    { kind: "errorGroups", groups: Array.from({ length: 60 }, (_, i) => ({ title: `Oorzaak nummer ${i + 1}`, count: i + 1, amount: "€ 1,00", nextStep: "Los het op", actionIds: [] })) },
  ],
  actions: [],
};

/** The real core, except that "lange lijst" gets the long list: our own object passed in. */
function withLongList(core: ConversationCore): ConversationCore {
  const long = (inbound: Inbound) => inbound.kind === "message" && inbound.text === "lange lijst";
  return {
    ...core,
    handle: (inbound) => (long(inbound) ? Promise.resolve(longList) : core.handle(inbound)),
    handleDelivery: (inbound, deliveryId, send) => (long(inbound) ? send(longList).then(() => longList) : core.handleDelivery(inbound, deliveryId, send)),
  };
}

describe(`Slack conversations (${testDriver})`, () => {
  let slack: SlackHarness;
  beforeAll(async () => {
    slack = await startSlackHarness({ wrapCore: withLongList, supportChannel: SUPPORT, supportUsers: ["USUPPORT"] });
  });
  afterAll(async () => slack?.close());

  it("answers a mention in its thread, with the checklist once the channel is linked", async () => {
    const before = await slack.mention("staat mijn koppeling goed ingesteld?");
    expect(before.delivery.status).toBe(200);
    expect(before.answers).toHaveLength(1);
    expect(visibleText(before.answers[0]!)).toMatch(/nog niet gekoppeld/);

    const linked = await slack.command("link KB-DEMO-0001");
    expect(linked.answers).toHaveLength(1);
    expect(linked.answers[0]!.ephemeralTo).toBe("merchant");
    expect(visibleText(linked.answers[0]!)).toMatch(/Gekoppeld aan Demo Webwinkel/);
    expect(JSON.stringify(linked.answers[0])).not.toMatch(/KB-DEMO-0001/i);

    const check = await slack.mention("staat mijn koppeling goed ingesteld?");
    const answer = check.answers[0]!;
    expect(answer.via).toBe("chat.postMessage");
    expect(answer.channel).toBe(CHANNEL);
    const mentionTs = (slack.fake.calls.at(-1)!.body.thread_ts as string) ?? "";
    expect(answer.thread_ts).toBe(mentionTs);
    expect(answer.thread_ts).toBeTruthy();
    expect(visibleText(answer)).toMatch(/:x: BTW: 9% is niet gekoppeld/);
    expect(answer.blocks.some((b) => b.type === "section" && /:white_check_mark:/.test(JSON.stringify(b)))).toBe(true);
    expect(buttonsOf(answer).map((b) => b.label)).toContain("Ja, begin");
  });

  it("maps 9% in a DM conversation by button, and the pressed buttons are gone afterwards", async () => {
    const dm = `D0MERCHANT`;
    expect(visibleText((await slack.dm("link KB-DEMO-0001", "merchant", dm)).answers[0]!)).toMatch(/Gekoppeld/);
    const check = (await slack.dm("staat mijn koppeling goed ingesteld?", "merchant", dm)).answers[0]!;
    expect(check.thread_ts).toBeUndefined();
    const question = await slack.click(check, /Ja, begin/);
    expect(check.updates).toBe(1);
    expect(buttonsOf(check)).toEqual([]);
    expect(visibleText(check)).toMatch(/✔ \*Ja, begin\*/);
    const asked = question.answers[0]!;
    expect(visibleText(asked)).toMatch(/Welke BTW-code in de boekhouding hoort bij 9%\?/);
    const done = await slack.click(asked, /^9% btw$/);
    expect(visibleText(done.answers[0]!)).toMatch(/Gedaan.*\d+ afgewezen verkopen kunnen nu opnieuw/s);
    const [config] = await slack.chat.deps.db.select().from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, slack.chat.demo.koppelingId));
    expect((config!.settings as { vatMapping: Record<string, string> }).vatMapping["900"]).toBe(VAT9);
    const [audit] = await slack.chat.deps.db.select().from(auditLog).where(eq(auditLog.action, "config.mapVatRate"));
    expect(audit!.actor).toBe(`slack:${TEAM}/${dm}/merchant`);
  });

  it("lets the owner retry once; another user and a second press get an answer and no effect", async () => {
    const rejected = async () => (await slack.chat.deps.db.select({ n: count() }).from(sales).where(eq(sales.state, "rejected")))[0]!.n;
    const viewer = await slack.mention("zet alles opnieuw door", "colleague");
    expect(visibleText(viewer.answers[0]!)).toMatch(/Alleen de eigenaar/);
    expect(buttonsOf(viewer.answers[0]!)).toEqual([]);
    const viewerCommand = await slack.command("retry all", "colleague");
    expect(visibleText(viewerCommand.answers[0]!)).toMatch(/Alleen de eigenaar/);

    const preview = (await slack.command("retry all")).answers[0]!;
    expect(preview.ephemeralTo).toBeUndefined();
    const confirm = buttonsOf(preview).find((b) => /^Ja, \d+ opnieuw/.test(b.label))!;
    expect(confirm).toBeDefined();
    const before = await rejected();

    const stranger = await slack.press(preview, confirm, "colleague");
    expect(stranger.answers).toHaveLength(1);
    expect(stranger.answers[0]!.ephemeralTo).toBe("colleague");
    expect(visibleText(stranger.answers[0]!)).toMatch(/voor iemand anders/);
    expect(preview.updates).toBe(0);
    expect(buttonsOf(preview).length).toBeGreaterThan(0);
    expect(await rejected()).toBe(before);

    const done = await slack.press(preview, confirm);
    expect(visibleText(done.answers[0]!)).toMatch(/\d+ doorgezet/);
    expect(preview.updates).toBe(1);
    expect(buttonsOf(preview)).toEqual([]);
    const after = await rejected();
    expect(after).toBeLessThan(before);

    const twice = await slack.press(preview, confirm);
    expect(twice.answers).toHaveLength(1);
    expect(twice.answers[0]!.ephemeralTo).toBe("merchant");
    expect(visibleText(twice.answers[0]!)).toMatch(/al gebruikt/);
    expect(preview.updates).toBe(1);
    expect(await rejected()).toBe(after);
    const booked = await slack.chat.deps.db.select({ n: count() }).from(transfers);
    expect(slack.chat.demo.books.state.externalSalesInvoices.length).toBe(booked[0]!.n);
  });

  it("summarises a long list with a show-more button that shows the rest, nothing cut", async () => {
    const first = (await slack.mention("lange lijst")).answers[0]!;
    expect(first.blocks.length).toBeLessThanOrEqual(50);
    const more = buttonsOf(first).find((b) => b.label === "Toon meer");
    expect(more).toBeDefined();
    expect(await slack.press(first, more!, "colleague")).toMatchObject({ answers: [{ ephemeralTo: "colleague" }] });
    const rest = (await slack.click(first, /Toon meer/)).answers[0]!;
    expect(rest.thread_ts).toBe(first.thread_ts);
    const shown = `${visibleText(first)}\n${visibleText(rest)}`;
    for (let i = 1; i <= 60; i++) expect(shown).toContain(`*${i}. Oorzaak nummer ${i}*`);
    expect(buttonsOf(rest)).toEqual([]);
  });

  it("posts a problem report once to the support channel, where only support can claim it", async () => {
    const which = (await slack.command("report")).answers[0]!;
    const preview = (await slack.click(which, /ICP/)).answers.at(-1)!;
    const sent = await slack.click(preview, /Verstuur/);
    const reference = /R-\d+/.exec(visibleText(sent.answers.at(-1)!))?.[0];
    expect(reference).toBeDefined();
    const posts = slack.fake.messages.filter((m) => m.channel === SUPPORT);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(visibleText(post)).toContain(`Probleemmelding ${reference}`);
    expect(visibleText(post)).not.toMatch(/KB-DEMO-0001/);
    expect(buttonsOf(post).map((b) => b.label)).toEqual(["Oppakken"]);
    expect(await slack.bot.flushSupport()).toBe(0);

    const merchant = await slack.click(post, /Oppakken/, "merchant");
    expect(visibleText(merchant.answers[0]!)).toMatch(/Alleen support/);
    expect(post.updates).toBe(0);
    const claimed = await slack.click(post, /Oppakken/, "USUPPORT");
    expect(visibleText(claimed.answers[0]!)).toMatch(new RegExp(`${reference} is opgepakt door USUPPORT`));
    expect(buttonsOf(post)).toEqual([]);
    expect(visibleText(post)).toMatch(/✔ \*Oppakken\* — USUPPORT/);
    const [report] = await slack.chat.deps.db.select().from(problemReports);
    expect(report!.claimedBy).toBe("slack:USUPPORT");
  });
});
