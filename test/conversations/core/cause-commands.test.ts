import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { testDriver } from "../../support/test-database.js";

describe(`/koppeling retry|report <cause> on ${testDriver}`, () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    chat = await startChatHarness();
    await chat.command("link KB-DEMO-0001");
  });
  afterAll(async () => chat.close());

  it("retries a named cause, not sale number 9", async () => {
    const preview = await chat.command("retry btw 9%");
    expect(preview.plain).not.toMatch(/vind die verkoop niet/);
    expect(preview.plain).toMatch(/9%/);
    expect(preview.plain).not.toMatch(/btw-nummer|VAT number/i);
  });

  it("reports a named cause with its own example", async () => {
    const preview = await chat.command("report btw-nummer");
    expect(preview.plain).toMatch(/Ik stuur support verkoop #\d+ als voorbeeld voor ".*btw-nummer.*"/i);
    expect(preview.actions.map((a) => a.label)).toContain("Verstuur");
  });

  it("says so when the named cause is not in Errors, and still takes plain sale numbers", async () => {
    expect((await chat.command("retry korting")).plain).toMatch(/Die oorzaak staat nu niet in Fouten/);
    expect((await chat.command("retry 999999")).plain).toMatch(/vind die verkoop niet/);
  });
});
