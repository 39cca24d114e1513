/** A koppeling wired to a WooCommerce and a Moneybird simulator on 127.0.0.1, on a fresh test database. */
import { randomBytes } from "node:crypto";
import { createCredentialCipher } from "../../db/credential-cipher.js";
import type { DatabaseHandle } from "../../db/open-database.js";
import type { KoppelingConfig } from "../../engine/config/koppeling-config.js";
import { createConnectorRegistry } from "../../engine/connectors/create-connector-registry.js";
import type { ConnectorRegistry } from "../../engine/connectors/connector-registry.js";
import { type MoneybirdSimulator, startMoneybirdSimulator } from "../../engine/connectors/moneybird/moneybird-simulator.js";
import type { WooOrderSpec } from "../../engine/connectors/woocommerce/build-woo-order.js";
import { type WooCommerceSimulator, startWooCommerceSimulator } from "../../engine/connectors/woocommerce/woocommerce-simulator.js";
import { createKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { type EngineDeps, silentLogger } from "../../engine/runtime/engine-deps.js";
import { type ManualClock, createManualClock } from "./manual-clock.js";
import { createTestDatabase } from "./test-database.js";

/** Ids of the default Moneybird seed, for configurations in tests. */
export const seedIds = {
  administration: "484113000000000001",
  vat21: "484113000000000101",
  vat9: "484113000000000102",
  vat0: "484113000000000103",
  vatIcp: "484113000000000104",
  vatOld6: "484113000000000105",
  vat21Purchase: "484113000000000111",
  revenueHigh: "484113000000000201",
  revenueLow: "484113000000000202",
  shipping: "484113000000000203",
  bank: "484113000000000211",
  expenses: "484113000000000221",
};

/** A configuration with nothing wrong in it. */
export function correctConfig(): Partial<KoppelingConfig> {
  return {
    administrationId: seedIds.administration,
    statuses: ["processing", "completed"],
    vatMapping: { "2100": seedIds.vat21, "900": seedIds.vat9, "0": seedIds.vatIcp },
    ledgers: { revenue: seedIds.revenueHigh, shipping: seedIds.shipping, paymentCosts: seedIds.revenueHigh, discount: null },
  };
}

export interface EngineHarness {
  deps: EngineDeps;
  clock: ManualClock;
  database: DatabaseHandle;
  shop: WooCommerceSimulator;
  books: MoneybirdSimulator;
  koppelingId: string;
  installedAt: Date;
  /** Adds orders numbered 1, 2, 3, ... to the shop, created one minute apart after the install moment unless dated. */
  addOrders(count: number, spec?: Partial<WooOrderSpec>): void;
  /** Another set of deps on the same database, as a second worker process would have. */
  secondWorker(): EngineDeps;
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: Partial<KoppelingConfig>;
  now?: Date;
  /** Moneybird's rate limit in the simulator and the pacer; off unless given. */
  moneybirdLimit?: { requests: number; windowMs: number };
  /** Per-request time-out of the connectors (default 5 s). */
  timeoutMs?: number;
  /** Multiplies the connectors' back-off between retried GETs (default 1: production waits). */
  retryDelayScale?: number;
}

/** Starts the database, both simulators and a koppeling between them. */
export async function startEngineHarness(options: HarnessOptions = {}): Promise<EngineHarness> {
  const now = options.now ?? new Date("2026-11-20T12:00:00Z");
  const installedAt = new Date(now.getTime() - 14 * 86_400_000);
  const clock = createManualClock(now);
  const database = await createTestDatabase();
  const shop = await startWooCommerceSimulator({ now: () => clock.now() });
  const books = await startMoneybirdSimulator({ rateLimit: options.moneybirdLimit ?? false, now: () => clock.now() });
  const cipher = createCredentialCipher(randomBytes(32));
  const registry = (): ConnectorRegistry =>
    createConnectorRegistry({ moneybirdLimit: options.moneybirdLimit ?? { requests: 1_000_000, windowMs: 1_000 }, timeoutMs: options.timeoutMs ?? 5_000, ...(options.retryDelayScale === undefined ? {} : { retryDelayScale: options.retryDelayScale }) });
  const makeDeps = (workerId: string): EngineDeps => ({ db: database.db, connectors: registry(), cipher, clock, workerId, log: silentLogger });
  const koppelingId = await createKoppeling(database.db, cipher, {
    name: "Test Webwinkel",
    licenseKey: `KB-TEST-${randomBytes(3).toString("hex")}`,
    installedAt,
    sales: { system: "woocommerce", baseUrl: shop.url, credentials: { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" } },
    accounting: { system: "moneybird", baseUrl: books.baseUrl, credentials: { token: books.token } },
    config: options.config ?? correctConfig(),
  });
  let minute = 0;
  return {
    deps: makeDeps("worker-1"),
    clock,
    database,
    shop,
    books,
    koppelingId,
    installedAt,
    addOrders(count, spec = {}) {
      for (let i = 0; i < count; i++) {
        minute += 1;
        shop.createOrder({
          id: minute,
          status: "processing",
          createdAt: new Date(installedAt.getTime() + minute * 60_000),
          items: [{ name: "Geurkaars", price: "10.00", vatRate: 21 }],
          billing: { firstName: "Jan", lastName: "de Vries", email: `klant${minute % 7}@example.nl`, country: "NL" },
          ...spec,
        });
      }
    },
    secondWorker: () => makeDeps("worker-2"),
    async close() {
      await Promise.all([shop.close(), books.close()]);
      await database.close();
    },
  };
}
