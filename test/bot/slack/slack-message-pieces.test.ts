import { describe, expect, it } from "vitest";
import { renderIfOneSlackMessage, renderSlackReply, slackLimits } from "../../../bot/slack/render-slack-reply.js";
import { carriesLicenseKey, messageText, slackPlace, slackUser } from "../../../bot/slack/slack-inbound.js";
import { splitSlackReply } from "../../../bot/slack/split-slack-reply.js";
import type { Reply } from "../../../conversations/replies/reply.js";

describe("splitting a long reply for Slack", () => {
  const groups = Array.from({ length: 70 }, (_, i) => ({ title: `Oorzaak ${i + 1}`, count: 1, amount: "€ 1,00", nextStep: "Los het op", actionIds: [`ka_${i}`] }));
  const reply: Reply = {
    intent: "list_errors",
    language: "nl",
    blocks: [{ kind: "heading", text: "Fouten" }, { kind: "errorGroups", groups }, { kind: "text", text: "Meld een probleem per oorzaak." }],
    actions: [...groups.map((g, i) => ({ id: `ka_${i}`, label: `Opnieuw ${g.title}` })), { id: "later", label: "Later" }],
  };

  it("keeps every page within 50 blocks, groups with their buttons and numbering, the rest last", () => {
    const pages: Reply[] = [];
    let rest: Reply | null = reply;
    while (rest) {
      const split = splitSlackReply(rest);
      pages.push(split.first);
      rest = split.rest;
    }
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(0, -1)) expect(renderSlackReply(page).blocks.length).toBeLessThanOrEqual(slackLimits.blocksPerMessage - 1);
    const shownGroups = pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === "errorGroups" ? b.groups.map((g) => g.title) : [])));
    expect(shownGroups).toEqual(groups.map((g) => g.title));
    for (const page of pages) {
      for (const block of page.blocks) if (block.kind === "errorGroups") for (const g of block.groups) expect(page.actions.map((a) => a.id)).toEqual(expect.arrayContaining(g.actionIds));
    }
    const text = pages.map((p) => renderSlackReply(p).blocks.map((b) => JSON.stringify(b)).join("")).join("");
    expect(text).toContain("*70. Oorzaak 70*");
    expect(pages.at(-1)!.actions.at(-1)!.id).toBe("later");
    expect(pages.slice(0, -1).every((p) => !p.actions.some((a) => a.id === "later"))).toBe(true);
  });

  it("leaves a short reply alone", () => {
    const short: Reply = { ...reply, blocks: reply.blocks.slice(0, 1), actions: [] };
    expect(splitSlackReply(short)).toEqual({ first: short, rest: null });
    expect(renderIfOneSlackMessage(short)).toEqual(renderSlackReply(short));
  });

  it("renders a reply in one go only when it fits one message", () => {
    expect(renderIfOneSlackMessage(reply)).toBeNull();
    const fitting = (n: number): Reply => ({ ...reply, blocks: [{ kind: "errorGroups", groups: groups.slice(0, n) }], actions: reply.actions.slice(0, n) });
    // One section and one button row per group: 25 groups are 50 blocks, 26 are too many.
    expect(renderSlackReply(fitting(25)).blocks).toHaveLength(slackLimits.blocksPerMessage);
    expect(renderIfOneSlackMessage(fitting(25))).toEqual(renderSlackReply(fitting(25)));
    expect(renderIfOneSlackMessage(fitting(26))).toBeNull();
  });
});

describe("Slack payload pieces", () => {
  it("turns a mention into what the user meant", () => {
    expect(messageText("<@U0LAN0Z89> hoe staat het &amp; &lt;zo&gt;?")).toBe("hoe staat het & <zo>?");
    expect(messageText("<@UBOT> zie <https://shop.nl/a|shop.nl/a>", "UBOT")).toBe("zie shop.nl/a");
    expect(messageText(undefined)).toBe("");
  });

  it("keeps teams apart and marks support users", () => {
    expect(slackPlace("T1", "C2")).toEqual({ platform: "slack", id: "T1/C2", workspace: "T1" });
    expect(slackUser("U9", ["U9"])).toEqual({ id: "U9", support: true });
    expect(slackUser("U8", ["U9"], "anna")).toEqual({ id: "U8", name: "anna" });
  });

  it("answers anything with a license key privately", () => {
    expect(carriesLicenseKey("link KB-DEMO-0001")).toBe(true);
    expect(carriesLicenseKey("koppel kb-demo-0001 aub")).toBe(true);
    expect(carriesLicenseKey("status")).toBe(false);
  });
});
