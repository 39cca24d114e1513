/** Engine dependencies and a koppeling on the simulators, as every benchmark part sets them up. */
import { randomBytes } from "node:crypto";
import type { Database } from "../db/open-database.js";
import { createCredentialCipher } from "../db/credential-cipher.js";
import { createConnectorRegistry } from "../engine/connectors/create-connector-registry.js";
import type { MoneybirdRateLimit } from "../engine/connectors/moneybird/moneybird-rate-limiter.js";
import { createKoppeling } from "../engine/koppelingen/koppeling-repository.js";
import { type EngineDeps, silentLogger, systemClock } from "../engine/runtime/engine-deps.js";
import { correctConfig } from "../test/support/engine-harness.js";

/** Engine deps on the bench database: real clock, silent log, a fresh credential key. */
export function benchEngineDeps(db: Database, options: { workerId: string; moneybirdLimit: MoneybirdRateLimit }): EngineDeps {
  return {
    db,
    connectors: createConnectorRegistry({ moneybirdLimit: options.moneybirdLimit }),
    cipher: createCredentialCipher(randomBytes(32)),
    clock: systemClock,
    workerId: options.workerId,
    log: silentLogger,
  };
}

/** Where the koppeling's shop and accounting system are (simulators, or an unreachable address when never called). */
export interface BenchSystems {
  shopUrl: string;
  moneybirdBaseUrl: string;
  token: string;
}

/** Creates a correctly configured koppeling with a fresh license key on the given systems. */
export async function createBenchKoppeling(
  deps: EngineDeps,
  options: { name: string; installedAt: Date; systems: BenchSystems },
): Promise<{ id: string; licenseKey: string }> {
  const licenseKey = `KB-BENCH-${randomBytes(3).toString("hex").toUpperCase()}`;
  const id = await createKoppeling(deps.db, deps.cipher, {
    name: options.name,
    licenseKey,
    installedAt: options.installedAt,
    sales: { system: "woocommerce", baseUrl: options.systems.shopUrl, credentials: { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" } },
    accounting: { system: "moneybird", baseUrl: options.systems.moneybirdBaseUrl, credentials: { token: options.systems.token } },
    config: correctConfig(),
  });
  return { id, licenseKey };
}
