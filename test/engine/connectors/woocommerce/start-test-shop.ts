/** A simulated WooCommerce shop plus a connector aimed at it, tuned for tests (short timeout, fast retries). */
import { createWooCommerceConnector, type WooCommerceConnectorOptions } from "../../../../engine/connectors/woocommerce/woocommerce-connector.js";
import {
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
  startWooCommerceSimulator,
} from "../../../../engine/connectors/woocommerce/woocommerce-simulator.js";
import type { SalesConnector } from "../../../../engine/connectors/ports.js";

/** The key and secret the simulator accepts by default. */
export const testKey = { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" } as const;

/** A running shop, the options that reach it and a connector built from them. */
export interface TestShop {
  shop: WooCommerceSimulator;
  options: WooCommerceConnectorOptions;
  connector: SalesConnector;
}

/** Starts a shop; `connector` overrides connector options (e.g. a wrong secret). */
export async function startTestShop(
  simulator: WooCommerceSimulatorOptions = {},
  connector: Partial<WooCommerceConnectorOptions> = {},
): Promise<TestShop> {
  const shop = await startWooCommerceSimulator(simulator);
  const options: WooCommerceConnectorOptions = { baseUrl: shop.url, ...testKey, timeoutMs: 500, retry: { baseDelayMs: 10 }, ...connector };
  return { shop, options, connector: createWooCommerceConnector(options) };
}

/** A base URL where nothing listens: a simulator that was started and stopped again. */
export async function deadShopUrl(): Promise<string> {
  const shop = await startWooCommerceSimulator();
  await shop.close();
  return shop.url;
}
