/** Every /koppeling subcommand through the real Bolt app: acked at once, answered via the response_url. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationCore } from "../../../conversations/core/create-conversation-core.js";
import { sales } from "../../../db/schema.js";
import { CHANNEL, type SlackHarness, startSlackHarness, visibleText } from "../../support/slack-driver.js";
import { testDriver } from "../../support/test-database.js";

/** The real core, made slow on demand: our own object passed in, so the ack deadline can be tested. */
function slowable(core: ConversationCore, delay: { ms: number }): ConversationCore {
  return {
    ...core,
    handle: async (inbound) => {
      if (delay.ms) await new Promise((resolve) => setTimeout(resolve, delay.ms));
      return core.handle(inbound);
    },
  };
}

describe(`/koppeling on Slack (${testDriver})`, () => {
  let slack: SlackHarness;
  const delay = { ms: 0 };
  let rejected: string;
  beforeAll(async () => {
    slack = await startSlackHarness({ wrapCore: (core) => slowable(core, delay) });
    const [sale] = await slack.chat.deps.db.select({ number: sales.number }).from(sales).where(eq(sales.state, "rejected")).limit(1);
    rejected = sale!.number;
  });
  afterAll(async () => slack?.close());

  const answer = async (args: string, user = "merchant") => {
    const outcome = await slack.command(args, user);
    expect(outcome.delivery.status).toBe(200);
    expect(outcome.delivery.body).toBe("");
    expect(outcome.answers).toHaveLength(1);
    const message = outcome.answers[0]!;
    expect(message.via).toBe("response_url");
    return { message, text: visibleText(message) };
  };

  it("links privately without echoing the key, and refuses an unknown key", async () => {
    const unknown = await answer("link KB-DEMO-9999");
    expect(unknown.text).toMatch(/licentiesleutel ken ik niet/);
    expect(unknown.message.ephemeralTo).toBe("merchant");
    const linked = await answer("link KB-DEMO-0001");
    expect(linked.message.ephemeralTo).toBe("merchant");
    expect(linked.text).toMatch(/Gekoppeld aan Demo Webwinkel/);
    for (const call of slack.fake.calls) expect(JSON.stringify(call.body)).not.toMatch(/KB-DEMO-0001/i);
  });

  it.each([
    ["status", /Status van Demo Webwinkel[\s\S]*Fouten[\s\S]*€/],
    ["check", /net gecontroleerd[\s\S]*:x:/],
    ["errors", /verkopen staan in Fouten \(€\s[\d.]+,\d\d\), door \d+ oorzaken/],
    ["open", /verkopen staan in Open/],
    ["help", /Ik help je met je koppeling/],
    ["waarom staan er orders in open", /verkopen staan in Open/],
    ["subscribe", /weekoverzicht/],
    ["unsubscribe", /weekoverzicht/],
  ])("answers /koppeling %s in the channel", async (args, expected) => {
    const { message, text } = await answer(args);
    expect(text).toMatch(expected);
    expect(message.ephemeralTo).toBeUndefined();
  });

  it("traces, retries and reports a sale by number, and asks for the missing number", async () => {
    expect((await answer(`trace ${rejected}`)).text).toMatch(new RegExp(`#${rejected}[\\s\\S]*Fouten`));
    expect((await answer("trace")).text).toMatch(/Welke verkoop\?/);
    expect((await answer(`retry ${rejected}`)).text).toMatch(/helpt nu niet|opnieuw/);
    expect((await answer(`report ${rejected}`)).text).toMatch(new RegExp(`verkoop #${rejected} als voorbeeld`));
  });

  it("routes retry and report of a cause and of all to the core", async () => {
    expect((await answer("retry all")).text).toMatch(/✋ \d+ × .*BTW 9%/);
    expect((await answer("report btw")).text).toMatch(/als voorbeeld voor "BTW 9% heeft geen bruikbare BTW-code"/);
    expect((await answer("report")).text).toMatch(/Voor welke oorzaak\?/);
    const retryCause = (await answer("retry btw 9%")).text;
    expect(retryCause).toMatch(/BTW 9%/);
    expect(retryCause).not.toMatch(/vind die verkoop niet|btw-nummer/i);
  });

  it("answers garbage with the usage, and empty with help", async () => {
    const garbage = await answer("xyzzy plugh qwerty");
    expect(garbage.text).toMatch(/begreep ik niet/);
    expect(garbage.text).toMatch(/Gebruik:.*\/koppeling/);
    expect(garbage.text).toMatch(/trace <nummer>/);
    expect((await answer("")).text).toMatch(/Ik help je/);
    expect((await answer("x".repeat(5000))).text).toMatch(/begreep ik niet/);
  });

  it("acks within 3 seconds while the core is slow, and answers afterwards", async () => {
    delay.ms = 3_500;
    try {
      const { delivery, answers } = await slack.command("status");
      expect(delivery.status).toBe(200);
      expect(delivery.ms).toBeLessThan(3_000);
      expect(answers).toHaveLength(1);
      expect(visibleText(answers[0]!)).toMatch(/Status van Demo Webwinkel/);
      expect(answers[0]!.channel).toBe(CHANNEL);
    } finally {
      delay.ms = 0;
    }
  });

  it("answers in the channel when the response_url is refused", async () => {
    const outcome = await slack.send(async () => {
      const { deliverCommand } = await import("../../support/fake-slack-requests.js");
      const { SECRET, TEAM } = await import("../../support/slack-driver.js");
      return deliverCommand(slack.url, SECRET, { team_id: TEAM, channel_id: CHANNEL, user_id: "merchant", user_name: "merchant", command: "/koppeling", text: "status", response_url: `${slack.fake.apiUrl}../respond/expired`, trigger_id: "1" });
    });
    expect(outcome.answers).toHaveLength(1);
    expect(outcome.answers[0]!.via).toBe("chat.postMessage");
    expect(visibleText(outcome.answers[0]!)).toMatch(/Status van Demo Webwinkel/);
  });

  it("unlinks after confirmation, after which nothing of the koppeling is shown", async () => {
    const ask = await answer("unlink");
    expect(ask.text).toMatch(/Deze chat loskoppelen van Demo Webwinkel\?/);
    expect((await answer("status")).text).toMatch(/Status van Demo Webwinkel/);
    const done = await slack.click(ask.message, /Ja, loskoppelen/);
    expect(done.answers.map((a) => visibleText(a)).join("\n")).toMatch(/niet meer gekoppeld/);
    const status = await answer("status");
    expect(status.text).toMatch(/nog niet gekoppeld/);
    expect(status.text).not.toMatch(/Demo Webwinkel/);
  });
});
