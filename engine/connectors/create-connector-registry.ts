/** The production connector registry: one connector per system name, Moneybird paced per token. */
import { createHash } from "node:crypto";
import type { ConnectorRegistry, StoredConnection } from "./connector-registry.js";
import { createMoneybirdConnector } from "./moneybird/moneybird-connector.js";
import { type MoneybirdPacer, createMoneybirdPacer } from "./moneybird/moneybird-pacer.js";
import type { AccountingConnector, SalesConnector } from "./ports.js";
import { createWooCommerceConnector } from "./woocommerce/woocommerce-connector.js";

export interface ConnectorRegistryOptions {
  fetch?: typeof fetch;
  /** Moneybird's platform limit; a simulator may run with a higher one (default 150 per 5 minutes). */
  moneybirdLimit?: { requests: number; windowMs: number };
  /** Per-request time-out (default: each connector's own). */
  timeoutMs?: number;
  /** Multiplies every back-off between retried GETs (default 1); tests that inject thousands of faults shorten them. */
  retryDelayScale?: number;
}

/** Creates the registry; pacers live as long as it does, so every connector of one token shares one. */
export function createConnectorRegistry(options: ConnectorRegistryOptions = {}): ConnectorRegistry {
  const pacers = new Map<string, MoneybirdPacer>();
  const pacerFor = (token: string): MoneybirdPacer => {
    const key = createHash("sha256").update(token).digest("hex");
    let pacer = pacers.get(key);
    if (!pacer) {
      pacer = createMoneybirdPacer(options.moneybirdLimit ?? {});
      pacers.set(key, pacer);
    }
    return pacer;
  };
  const common = {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };

  const scale = options.retryDelayScale;
  const moneybirdRetries = scale === undefined ? {} : { retryDelaysMs: [250 * scale, 1_000 * scale] };
  const wooRetries = scale === undefined ? {} : { retry: { baseDelayMs: 500 * scale } };

  return {
    salesConnector(connection: StoredConnection): SalesConnector {
      switch (connection.system) {
        case "woocommerce":
          return createWooCommerceConnector({
            baseUrl: connection.baseUrl,
            consumerKey: required(connection, "consumerKey"),
            consumerSecret: required(connection, "consumerSecret"),
            ...common,
            ...wooRetries,
          });
        default:
          throw new Error(`No sales connector for system "${connection.system}"`);
      }
    },
    accountingConnector(connection: StoredConnection, administrationId: string | null): AccountingConnector {
      switch (connection.system) {
        case "moneybird": {
          const token = required(connection, "token");
          return createMoneybirdConnector({ baseUrl: connection.baseUrl, token, administrationId: administrationId ?? "", pacer: pacerFor(token), ...common, ...moneybirdRetries });
        }
        default:
          throw new Error(`No accounting connector for system "${connection.system}"`);
      }
    },
  };
}

function required(connection: StoredConnection, field: string): string {
  const value = connection.credentials[field];
  if (!value) throw new Error(`The ${connection.system} connection has no ${field}`);
  return value;
}
