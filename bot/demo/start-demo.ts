/** Starts a demo koppeling from a scenario: both simulators on loopback, the koppeling in the database, a first sync. */
import { eq } from "drizzle-orm";
import type { CredentialCipher } from "../../db/credential-cipher.js";
import { hashLicenseKey } from "../../db/license-key.js";
import type { Database } from "../../db/open-database.js";
import { koppelingen } from "../../db/schema.js";
import type { KoppelingConfig } from "../../engine/config/koppeling-config.js";
import { type MoneybirdSimulator, startMoneybirdSimulator } from "../../engine/connectors/moneybird/moneybird-simulator.js";
import { defaultMoneybirdSeed } from "../../engine/connectors/moneybird/moneybird-seed.js";
import type { WooOrderSpec } from "../../engine/connectors/woocommerce/build-woo-order.js";
import { type WooCommerceSimulator, startWooCommerceSimulator } from "../../engine/connectors/woocommerce/woocommerce-simulator.js";
import { createKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { parseVatRate } from "../../engine/sales/vat-rate.js";
import { generateDemoOrders } from "./generate-demo-orders.js";
import { type Scenario, ScenarioError } from "./scenario.js";

/** A running demo: the koppeling's id and the simulators behind it. */
export interface RunningDemo {
  koppelingId: string;
  shop: WooCommerceSimulator;
  books: MoneybirdSimulator;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * Starts the simulators seeded from the scenario and (re)creates the scenario's koppeling, pointing at
 * them. A koppeling with the same license key from an earlier demo is replaced.
 */
export async function startDemo(db: Database, cipher: CredentialCipher, scenario: Scenario, now: Date): Promise<RunningDemo> {
  const installedAt = new Date(now.getTime() - scenario.koppeling.installedDaysAgo * DAY_MS);
  const orders = [
    ...(scenario.shop.generate
      ? generateDemoOrders(
          {
            ...scenario.shop.generate,
            installedDaysAgo: scenario.koppeling.installedDaysAgo,
            freeShippingFromCents: Math.round(Number(scenario.shop.generate.freeShippingFrom) * 100),
          },
          now,
        )
      : []),
    ...scenario.shop.orders.map((order) => explicitOrder(order, now)),
  ];
  const shop = await startWooCommerceSimulator({ customStatuses: scenario.shop.customStatuses });
  for (const order of orders) shop.createOrder(order);
  const seed = defaultMoneybirdSeed();
  const books = await startMoneybirdSimulator({ rateLimit: false, seed });
  try {
    if (scenario.accounting.token === "expired") books.revokeToken();
    for (const fault of scenario.faults) {
      const target = fault.system === "moneybird" ? books : shop;
      target.injectFault({
        fault: { kind: "status", status: fault.status, body: fault.status >= 500 ? "Service Unavailable" : "{}" },
        ...(fault.method ? { method: fault.method } : {}),
        ...(fault.path ? { path: new RegExp(fault.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) } : {}),
        times: fault.times,
      });
    }
    await db.delete(koppelingen).where(eq(koppelingen.licenseKeyHash, hashLicenseKey(scenario.koppeling.licenseKey)));
    const koppelingId = await createKoppeling(db, cipher, {
      name: scenario.koppeling.name,
      licenseKey: scenario.koppeling.licenseKey,
      installedAt,
      saved: scenario.koppeling.configurationSaved,
      sales: { system: "woocommerce", baseUrl: shop.url, credentials: { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" } },
      accounting: { system: "moneybird", baseUrl: books.baseUrl, credentials: { token: books.token } },
      config: resolveConfiguration(scenario, seed),
    });
    return { koppelingId, shop, books, stop: async () => void (await Promise.all([shop.close(), books.close()])) };
  } catch (error) {
    await Promise.all([shop.close(), books.close()]);
    throw error;
  }
}

/** Turns the scenario's names and codes into the ids of the seeded Moneybird administration. */
function resolveConfiguration(scenario: Scenario, seed: ReturnType<typeof defaultMoneybirdSeed>): Partial<KoppelingConfig> {
  const configuration = scenario.koppeling.configuration;
  const vatMapping: Record<string, string> = {};
  for (const [percent, name] of Object.entries(configuration.vatMapping)) {
    const rate = seed.taxRates.find((t) => t.name === name && t.tax_rate_type === "sales_invoice");
    if (!rate) throw new ScenarioError(`The scenario maps ${percent}% to "${name}", which is not a sales tax rate in the demo Moneybird`);
    vatMapping[String(parseVatRate(percent))] = rate.id;
  }
  const ledgerId = (code: string | undefined) => {
    if (!code) return null;
    const ledger = seed.ledgerAccounts.find((l) => l.account_id === code);
    if (!ledger) throw new ScenarioError(`The scenario uses ledger ${code}, which the demo Moneybird does not have`);
    return ledger.id;
  };
  return {
    administrationId: seed.administrations[0]!.id,
    statuses: configuration.statuses,
    vatMapping,
    ledgers: {
      revenue: ledgerId(configuration.ledgers.revenue),
      shipping: ledgerId(configuration.ledgers.shipping),
      paymentCosts: ledgerId(configuration.ledgers.paymentCosts),
      discount: null,
    },
  };
}

function explicitOrder(order: Scenario["shop"]["orders"][number], now: Date): WooOrderSpec {
  const { customer } = order;
  return {
    id: Number(order.number),
    status: order.status,
    createdAt: new Date(now.getTime() - order.daysAgo * DAY_MS),
    items: order.items,
    ...(order.shipping ? { shipping: order.shipping } : {}),
    billing: {
      firstName: customer.firstName,
      lastName: customer.lastName,
      email: customer.email ?? `${customer.firstName}.${customer.lastName}`.toLowerCase().replace(/\s+/g, "") + "@example.nl",
      country: customer.country,
      ...(customer.company ? { company: customer.company } : {}),
    },
    ...(order.vatNumber ? { vatNumber: order.vatNumber } : {}),
  };
}
