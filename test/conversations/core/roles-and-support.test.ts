import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Place } from "../../../conversations/core/inbound.js";
import { describeReportForSupport } from "../../../conversations/flows/support-flow.js";
import { renderPlainText } from "../../../conversations/replies/reply.js";
import { auditLog, chatRoles, problemReports, sales } from "../../../db/schema.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";

const shop: Place = { platform: "slack", id: "T1/C-SHOP", workspace: "T1" };
const supportDesk: Place = { platform: "slack", id: "T-SUP/C-DESK", workspace: "T-SUP" };
const handle = (chat: ChatHarness, where: Place, user: string, text: string, support = false) =>
  chat.core.handle({ kind: "message", where, user: { id: user, ...(support ? { support } : {}) }, text }).then((r) => ({ ...r, plain: renderPlainText(r) }));

describe(`roles and support on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeEach(async () => {
    chat = await startChatHarness();
  });
  afterEach(async () => chat.close());

  it("makes the linking user owner; colleagues may look but not act", async () => {
    await handle(chat, shop, "U-OWNER", "link KB-DEMO-0001");
    const roles = await chat.deps.db.select().from(chatRoles);
    expect(roles).toEqual([expect.objectContaining({ platform: "slack", workspace: "T1", userId: "U-OWNER", role: "owner" })]);
    const rejected = (await chat.deps.db.select().from(sales).where(eq(sales.state, "rejected"))).length;

    for (const text of ["zet alles opnieuw door", "meld een probleem", "negeer 1001", "vink processing aan", "ontkoppel deze chat"]) {
      const reply = await handle(chat, shop, "U-VIEWER", text);
      expect(reply.plain, text).toMatch(/Alleen de eigenaar/);
      expect(reply.actions, text).toHaveLength(0);
    }
    expect((await handle(chat, shop, "U-VIEWER", "hoe staat het ervoor?")).plain).toMatch(/Demo Webwinkel|Fouten/);
    expect((await chat.deps.db.select().from(sales).where(eq(sales.state, "rejected"))).length).toBe(rejected);
    expect(await chat.deps.db.select().from(problemReports)).toHaveLength(0);

    // Ownership is per workspace: the same user id in another workspace is a viewer there.
    await handle(chat, { platform: "slack", id: "T2/C9", workspace: "T2" }, "U-OTHER", "link KB-DEMO-0001");
    expect((await handle(chat, { platform: "slack", id: "T2/C9", workspace: "T2" }, "U-VIEWER", "meld een probleem")).plain).toMatch(/Alleen de eigenaar/);
  });

  it("lets support act in a merchant's channel and claim a report once, and audits with workspace and channel", async () => {
    await handle(chat, shop, "U-OWNER", "link KB-DEMO-0001");
    const which = await handle(chat, shop, "U-SUPPORT", "meld een probleem", true);
    expect(which.plain).toMatch(/Voor welke oorzaak/);
    const asSupport = (actionId: string) => chat.core.handle({ kind: "action", where: shop, user: { id: "U-SUPPORT", support: true }, actionId });
    const preview = await asSupport(which.actions.find((a) => /9%/.test(a.label))!.id);
    const sent = await asSupport(preview.actions.find((a) => /Verstuur/.test(a.label))!.id);
    expect(renderPlainText(sent)).toMatch(/Gemeld als R-\d+/);
    const [report] = await chat.deps.db.select().from(problemReports);
    expect(report!.reportedBy).toBe("slack:T1/C-SHOP/U-SUPPORT");
    const [audit] = await chat.deps.db.select().from(auditLog).where(eq(auditLog.action, "report"));
    expect(audit!.actor).toBe("slack:T1/C-SHOP/U-SUPPORT");

    const post = describeReportForSupport({ ...report!, bundle: report!.bundle as never }, "en");
    const text = renderPlainText(post);
    expect(text).toMatch(new RegExp(`Problem report ${report!.reference}`));
    expect(text).not.toMatch(/KB-DEMO-0001|moneybird-simulator-token|cs_simulator/);
    const claim = post.actions[0]!;
    const notSupport = await chat.core.handle({ kind: "action", where: supportDesk, user: { id: "U-MERCHANT" }, actionId: claim.id });
    expect(renderPlainText(notSupport)).toMatch(/Alleen support/);
    const claims = await Promise.all(
      ["U-S1", "U-S2", "U-S3"].map((id) => chat.core.handle({ kind: "action", where: supportDesk, user: { id, support: true }, actionId: claim.id })),
    );
    expect(claims.filter((r) => /is opgepakt door/.test(renderPlainText(r)))).toHaveLength(1);
    expect(claims.filter((r) => /was al opgepakt/.test(renderPlainText(r)))).toHaveLength(2);
    const [after] = await chat.deps.db.select().from(problemReports);
    expect(after!.claimedBy).toMatch(/^slack:U-S[123]$/);
  });
});
