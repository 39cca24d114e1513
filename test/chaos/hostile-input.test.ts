/**
 * Property 5 of issue #10: hostile input. Generated /koppeling arguments and chat messages (unicode,
 * control characters, 40 kB messages, markdown and mention syntax, injection strings) go through the
 * conversation core: no exception escapes, and every reply rendered for Slack and Discord stays within
 * the platform limits and pings nobody. The renderers also get generated replies directly.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDiscordReply } from "../../bot/discord/render-discord-reply.js";
import { renderSlackReply } from "../../bot/slack/render-slack-reply.js";
import type { Inbound, Place } from "../../conversations/core/inbound.js";
import type { Block, Reply } from "../../conversations/replies/reply.js";
import { chaosCount, chaosTimeout, printChaosCounts } from "../support/chaos-counts.js";
import { discordViolations, slackViolations } from "../support/chaos-limits.js";
import { type TwoMerchants, startTwoMerchants } from "../support/chaos-merchants.js";
import { testDriver } from "../support/test-database.js";

const inputCount = chaosCount(10_000, 500);

const hostile = [
  "<!channel>", "<!here>", "<!everyone>", "@everyone", "@here", "<@U123>", "<@&123456789>", "<@!123456789>", "<#C123>", "<!subteam^S123>",
  "*vet*", "_schuin_", "~weg~", "`code`", "```\nblok\n```", "> quote", "# kop", "[klik](https://evil.example)", "<https://evil.example|klik>",
  "'; drop table sales; --", "\" or 1=1 --", "${process.exit(1)}", "{{7*7}}", "<script>alert(1)</script>", "../../etc/passwd", "%s%s%n",
  "\u0000", "\u0007", "\u001b[31m", "\u202e", "\u200b", "\ufeff", "\ud800", "\r\n", "\t", "🏳️‍🌈", "𝕂𝔹", "é\u0301",
  "KB-DEMO-0001", "kb-zwrt-4242-qx9p", "link", "waar is 1043", "zet alles opnieuw door", "negeer 1043", "meld een probleem", "ja", "1", "2", "nee",
  "staat mijn koppeling goed ingesteld?", "hoe staat het ervoor", "koppel 9% aan 21% btw", "zet verzendkosten op 1100", "vink verzonden aan", "help",
];
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostile) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u2028", "<", ">", "&", "@", "!", "#", "*", "_", "`", "|"), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) },
);
const text = fc.oneof(
  { weight: 12, arbitrary: fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(fc.sample(fc.constantFrom(" ", "", "\n"), 1)[0]!)) },
  { weight: 1, arbitrary: piece.map((p) => (p.length === 0 ? "x" : p).repeat(Math.ceil(40_000 / Math.max(1, p.length))).slice(0, 40_000)) },
);
const subcommand = fc.constantFrom("", "status", "check", "errors", "open", "trace", "retry", "report", "ignore", "negeer", "link", "unlink", "help", "subscribe");

describe(`hostile input through the core, on ${testDriver}`, () => {
  let m: TwoMerchants;
  beforeAll(async () => {
    m = await startTwoMerchants();
  }, chaosTimeout(600_000, 120_000));
  afterAll(async () => m?.close());

  it(`answers ${inputCount} generated messages and commands within Slack's and Discord's limits, pinging no one`, { timeout: chaosTimeout(3_600_000, 110_000) }, async () => {
    const places: Place[] = [m.places.demo, { platform: "discord", id: "G1/C1", workspace: "G1" }, { platform: "terminal", id: "local" }];
    let replies = 0;
    let escaped = 0;
    let longest = 0;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), subcommand, text, fc.nat(places.length - 1), fc.boolean(), async (isCommand, sub, body, at, owner) => {
        const where = places[at]!;
        const user = { id: owner ? "U-DEMO" : "U-STRANGER" };
        const inbound: Inbound = isCommand ? { kind: "command", where, user, name: "koppeling", args: `${sub} ${body}` } : { kind: "message", where, user, text: body };
        longest = Math.max(longest, body.length);
        let reply: Reply;
        try {
          reply = await m.core.handle(inbound);
        } catch (error) {
          escaped += 1;
          throw error;
        }
        replies += 1;
        const problems = [...slackViolations(renderSlackReply(reply)), ...discordViolations(renderDiscordReply(reply))];
        expect(problems, JSON.stringify(body.slice(0, 200))).toEqual([]);
      }),
      { numRuns: inputCount, seed: 5, endOnFailure: true },
    );
    const sorry = m.log.lines.filter((line) => line.includes("conversation turn failed")).length;
    printChaosCounts(`hostile input through the core (${testDriver})`, { inputs: inputCount, replies, exceptionsEscaped: escaped, turnsFailedInside: sorry, longestInput: longest, limitViolations: 0, pings: 0 });
  });

  it(`renders ${inputCount} generated replies within the limits, pinging no one`, { timeout: chaosTimeout(600_000, 60_000) }, () => {
    const line = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(" "));
    const block: fc.Arbitrary<Block> = fc.oneof(
      line.filter((t) => t.trim().length > 0).map((t) => ({ kind: "heading" as const, text: t })),
      fc.oneof(line, text).map((t) => ({ kind: "text" as const, text: t })),
      fc.array(fc.record({ status: fc.constantFrom("ok", "warning", "failing", "skipped" as const), text: line, hint: line }), { maxLength: 30 }).map((items) => ({ kind: "checklist" as const, items })),
      fc.array(fc.record({ title: line, count: fc.nat(), amount: fc.integer({ min: -1e9, max: 1e9 }).map((c) => `€ ${(c / 100).toFixed(2)}`), nextStep: line, actionIds: fc.constant([] as string[]) }), { maxLength: 30 }).map((groups) => ({ kind: "errorGroups" as const, groups })),
      fc.array(fc.record({ label: line, value: fc.oneof(line, text) }), { maxLength: 40 }).map((rows) => ({ kind: "facts" as const, rows })),
    );
    const reply: fc.Arbitrary<Reply> = fc.record({
      intent: fc.constant("status" as const),
      language: fc.constantFrom("nl", "en" as const),
      blocks: fc.array(block, { maxLength: 12 }),
      actions: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 40 }).map((s) => `ka_${s}`), label: line.filter((l) => l.trim().length > 0) }), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(reply, (r) => {
        expect([...slackViolations(renderSlackReply(r)), ...discordViolations(renderDiscordReply(r))]).toEqual([]);
      }),
      { numRuns: inputCount, seed: 55, endOnFailure: true },
    );
    printChaosCounts(`hostile replies through the renderers (${testDriver})`, { replies: inputCount, limitViolations: 0, pings: 0 });
  });
});
