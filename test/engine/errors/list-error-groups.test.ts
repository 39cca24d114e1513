import { afterEach, describe, expect, it } from "vitest";
import { parseKoppelingConfig } from "../../../engine/config/koppeling-config.js";
import { updateConfig } from "../../../engine/config/update-config.js";
import { type ErrorGroup, configAddressesCause, judgeRetry, listErrorGroups } from "../../../engine/errors/list-error-groups.js";
import type { Actor } from "../../../engine/runtime/actor.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type EngineHarness, correctConfig, seedIds, startEngineHarness } from "../../support/engine-harness.js";
import { testDriver } from "../../support/test-database.js";

const merchant: Actor = { platform: "terminal", user: "merchant" };
const DAY = 86_400_000;

function groupOf(groups: ErrorGroup[], code: string): ErrorGroup {
  const found = groups.find((g) => g.code === code);
  if (!found) throw new Error(`no group ${code} in ${groups.map((g) => g.code).join(", ")}`);
  return found;
}

/** Books a document with this reference in Moneybird, as a merchant doing it by hand would. */
async function bookByHand(h: EngineHarness, reference: string): Promise<void> {
  const accounting = h.deps.connectors.accountingConnector({ system: "moneybird", baseUrl: h.books.baseUrl, credentials: { token: h.books.token } }, seedIds.administration);
  const debtor = await accounting.createDebtor({ email: "hand@example.nl", name: "Met de Hand", company: null, country: "NL", vatNumber: null, address1: null, postcode: null, city: null });
  await accounting.createDocument({ reference, debtorId: debtor.id, date: "2026-11-10", currency: "EUR", lines: [{ description: "Met de hand", totalExclCents: 1000, vatCodeId: seedIds.vat21, ledgerId: seedIds.revenueHigh }] });
}

/** 9% unmapped (3 sales), shipping on 1100 Bank (2 sales), one ICP sale without a valid VAT number, two fine. */
async function startWithThreeCauses(): Promise<EngineHarness> {
  const h = await startEngineHarness({
    config: {
      ...correctConfig(),
      vatMapping: { "2100": seedIds.vat21, "0": seedIds.vatIcp },
      ledgers: { revenue: seedIds.revenueHigh, shipping: seedIds.bank, paymentCosts: null, discount: null },
    },
  });
  h.addOrders(3, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] }); // 1-3: € 21,80
  h.addOrders(2, { shipping: { total: "5.00", vatRate: 21 } }); // 4-5: € 18,15
  h.addOrders(1, { items: [{ name: "Plaid", price: "100.00", vatRate: 0 }], billing: { company: "Schmidt GmbH", email: "b2b@example.de", country: "DE" }, vatNumber: "DE1234" }); // 6
  h.addOrders(2); // 7-8
  await runSync(h.deps, h.koppelingId);
  return h;
}

describe(`rejected sales grouped by cause on ${testDriver}`, () => {
  let h: EngineHarness;
  afterEach(async () => h?.close());

  it("lists one group per cause with code, class, count, euro total and the newest sale as representative", async () => {
    h = await startWithThreeCauses();
    const groups = await listErrorGroups(h.deps.db, h.koppelingId);

    expect(groups.map((g) => [g.code, g.actionClass, g.count, g.cents])).toEqual([
      ["ICP_VAT_NUMBER_INVALID", "D", 1, 10000],
      ["VAT_CODE_MISSING", "A", 3, 3 * 2180],
      ["LEDGER_WRONG_TYPE", "A", 2, 2 * 1815],
    ]); // biggest amount first
    const vat = groupOf(groups, "VAT_CODE_MISSING");
    expect(vat).toMatchObject({
      fingerprint: "VAT_CODE_MISSING|rateBp=900|reason=unmapped",
      representative: { number: "3", errorMessage: "VAT rate is not mapped", vendorMessage: null },
      facts: { rateBp: 900, reason: "unmapped" },
      saleStates: ["rejected"],
      oldestAt: new Date(h.installedAt.getTime() + 1 * 60_000),
      newestAt: new Date(h.installedAt.getTime() + 3 * 60_000),
    });
    expect(groupOf(groups, "LEDGER_WRONG_TYPE")).toMatchObject({
      representative: { number: "5" },
      facts: { role: "shipping", ledgerCode: "1100", ledgerName: "Bank", ledgerType: "balance" },
    });
    expect(groupOf(groups, "ICP_VAT_NUMBER_INVALID").facts).toEqual({ country: "DE", vatNumber: "DE1234" });
  });

  it("says a retry cannot help a configuration error until the configuration changes", async () => {
    h = await startWithThreeCauses();
    expect(groupOf(await listErrorGroups(h.deps.db, h.koppelingId), "VAT_CODE_MISSING").retry).toEqual({ canHelpNow: false, verdict: "config_unchanged" });

    const update = await updateConfig(h.deps, h.koppelingId, { kind: "mapVatRate", rateBp: 900, vatCodeId: seedIds.vat9 }, merchant);
    expect(update.kind).toBe("updated");

    const groups = await listErrorGroups(h.deps.db, h.koppelingId);
    expect(groupOf(groups, "VAT_CODE_MISSING").retry).toEqual({ canHelpNow: true, verdict: "config_changed" });
    expect(groupOf(groups, "ICP_VAT_NUMBER_INVALID").retry).toEqual({ canHelpNow: false, verdict: "fix_in_shop" });
  });

  it("says a retry can help a sale error once the shop changed the sale", async () => {
    h = await startWithThreeCauses();
    h.clock.advance(60_000);
    h.shop.updateOrder(6, { meta_data: [{ id: 1, key: "_billing_eu_vat_number", value: "DE123456789" }] });
    await runSync(h.deps, h.koppelingId);

    const icp = groupOf(await listErrorGroups(h.deps.db, h.koppelingId), "ICP_VAT_NUMBER_INVALID");
    expect(icp.retry).toEqual({ canHelpNow: true, verdict: "sale_changed" });
  });

  it("keeps a failure that reoccurs under the changed configuration blocked", async () => {
    h = await startEngineHarness({ config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } } });
    h.addOrders(1, { items: [{ name: "Kookboek", price: "20.00", vatRate: 9 }] });
    await runSync(h.deps, h.koppelingId);
    await updateConfig(h.deps, h.koppelingId, { kind: "tickStatus", status: "on-hold" }, merchant);
    h.addOrders(1, { items: [{ name: "Atlas", price: "30.00", vatRate: 9 }] });
    await runSync(h.deps, h.koppelingId);

    const [group] = await listErrorGroups(h.deps.db, h.koppelingId);
    expect(group).toMatchObject({ code: "VAT_CODE_MISSING", count: 2, representative: { number: "2" } });
    expect(group!.retry).toEqual({ canHelpNow: false, verdict: "config_unchanged" });
  });

  it("shows duplicate numbers as class E: check accounting first", async () => {
    h = await startEngineHarness();
    h.books.settings.uniqueReferences = true;
    await bookByHand(h, "1");
    h.addOrders(1);
    await runSync(h.deps, h.koppelingId);

    const [group] = await listErrorGroups(h.deps.db, h.koppelingId);
    expect(group).toMatchObject({ code: "DUPLICATE_NUMBER", actionClass: "E", count: 1, retry: { canHelpNow: false, verdict: "check_accounting_first" } });
  });

  it("lists Open sales past 21 days as their own cause per status", async () => {
    h = await startEngineHarness();
    h.addOrders(2, { status: "on-hold" });
    await runSync(h.deps, h.koppelingId);
    h.clock.advance(8 * DAY);
    await runSync(h.deps, h.koppelingId);

    expect(await listErrorGroups(h.deps.db, h.koppelingId)).toEqual([
      expect.objectContaining({
        fingerprint: "OPEN_EXPIRED|status=on-hold",
        code: "OPEN_EXPIRED",
        actionClass: "D",
        count: 2,
        cents: 2 * 1210,
        facts: { status: "on-hold" },
        saleStates: ["expired"],
      }),
    ]);
  });

  it("is empty for a koppeling without rejected sales", async () => {
    h = await startEngineHarness();
    h.addOrders(2);
    await runSync(h.deps, h.koppelingId);
    expect(await listErrorGroups(h.deps.db, h.koppelingId)).toEqual([]);
  });
});

describe("judging whether a retry can help now", () => {
  const none = { configChanged: false, connectionGreenSince: false, changedInShop: false };

  it.each([
    ["A", none, false, "config_unchanged"],
    ["A", { ...none, configChanged: true }, true, "config_changed"],
    ["B", none, false, "connection_still_red"],
    ["B", { ...none, connectionGreenSince: true }, true, "connection_restored"],
    ["C", none, true, "temporary"],
    ["D", { ...none, configChanged: true }, false, "fix_in_shop"],
    ["D", { ...none, changedInShop: true }, true, "sale_changed"],
    ["E", { configChanged: true, connectionGreenSince: true, changedInShop: true }, false, "check_accounting_first"],
    ["F", { configChanged: true, connectionGreenSince: true, changedInShop: true }, false, "needs_support"],
  ] as const)("class %s with %o: canHelpNow %s (%s)", (actionClass, signals, canHelpNow, verdict) => {
    expect(judgeRetry(actionClass, signals)).toEqual({ canHelpNow, verdict });
  });
});

describe("configAddressesCause", () => {
  const config = parseKoppelingConfig({ vatMapping: { "2100": "v21", "900": "v9" }, ledgers: { revenue: "r", shipping: "s2" } });
  it("counts only a change to the setting the cause is about", () => {
    expect(configAddressesCause("VAT_CODE_MISSING", { rateBp: 900, reason: "unmapped" }, config)).toBe(true);
    expect(configAddressesCause("VAT_CODE_MISSING", { rateBp: 600, reason: "unmapped" }, config)).toBe(false);
    expect(configAddressesCause("VAT_CODE_MISSING", { rateBp: 900, vatCodeId: "v9", reason: "inactive" }, config)).toBe(false);
    expect(configAddressesCause("LEDGER_WRONG_TYPE", { role: "shipping", ledgerId: "bank" }, config)).toBe(true);
    expect(configAddressesCause("LEDGER_WRONG_TYPE", { role: "shipping", ledgerId: "s2" }, config)).toBe(false);
    expect(configAddressesCause("LEDGER_NOT_FOUND", { role: "paymentCosts", ledgerId: null }, config)).toBe(false);
    expect(configAddressesCause("PERIOD_CLOSED", {}, config)).toBe(true);
  });
});
