/** Creates and loads koppelingen with their connections and configuration. */
import { eq } from "drizzle-orm";
import type { CredentialCipher } from "../../db/credential-cipher.js";
import { hashLicenseKey, licenseKeyHint } from "../../db/license-key.js";
import type { Database } from "../../db/open-database.js";
import { connections, koppelingConfigs, koppelingen } from "../../db/schema.js";
import { type KoppelingConfig, parseKoppelingConfig } from "../config/koppeling-config.js";
import type { StoredConnection } from "../connectors/connector-registry.js";

/** What it takes to create a koppeling. */
export interface NewKoppeling {
  name: string;
  licenseKey: string;
  installedAt: Date;
  cadence?: string;
  sales: { system: string; baseUrl: string; credentials: Record<string, string> };
  accounting: { system: string; baseUrl: string; credentials: Record<string, string> };
  config: Partial<KoppelingConfig>;
  /** Whether the configuration counts as saved (checklist item 8). Default true. */
  saved?: boolean;
}

/** A koppeling with everything the engine needs to run it. */
export interface LoadedKoppeling {
  id: string;
  name: string;
  licenseKeyHint: string;
  salesSystem: string;
  accountingSystem: string;
  installedAt: Date;
  cadence: string;
  config: KoppelingConfig;
  configVersion: number;
  configSavedAt: Date | null;
  salesConnection: StoredConnection & { state: string };
  accountingConnection: StoredConnection & { state: string };
}

/** Stores a new koppeling; its credentials are encrypted, its license key hashed. Returns its id. */
export async function createKoppeling(db: Database, cipher: CredentialCipher, input: NewKoppeling): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(koppelingen)
      .values({
        name: input.name,
        licenseKeyHash: hashLicenseKey(input.licenseKey),
        licenseKeyHint: licenseKeyHint(input.licenseKey),
        salesSystem: input.sales.system,
        accountingSystem: input.accounting.system,
        installedAt: input.installedAt,
        cadence: input.cadence ?? "hourly",
      })
      .returning({ id: koppelingen.id });
    const id = row!.id;
    await tx.insert(connections).values(
      (["sales", "accounting"] as const).map((side) => ({
        koppelingId: id,
        side,
        system: input[side].system,
        baseUrl: input[side].baseUrl,
        credentialsEncrypted: cipher.encrypt(input[side].credentials),
      })),
    );
    await tx.insert(koppelingConfigs).values({
      koppelingId: id,
      settings: parseKoppelingConfig(input.config),
      savedAt: input.saved === false ? null : input.installedAt,
    });
    return id;
  });
}

/** Finds a koppeling's id by its license key; null when no koppeling has that key. */
export async function findKoppelingIdByLicenseKey(db: Database, licenseKey: string): Promise<string | null> {
  const [row] = await db
    .select({ id: koppelingen.id })
    .from(koppelingen)
    .where(eq(koppelingen.licenseKeyHash, hashLicenseKey(licenseKey)));
  return row?.id ?? null;
}

/** Loads a koppeling with its configuration and decrypted connections; throws when it does not exist. */
export async function loadKoppeling(db: Database, cipher: CredentialCipher, id: string): Promise<LoadedKoppeling> {
  const [row] = await db
    .select()
    .from(koppelingen)
    .innerJoin(koppelingConfigs, eq(koppelingConfigs.koppelingId, koppelingen.id))
    .where(eq(koppelingen.id, id));
  if (!row) throw new Error(`No koppeling with id ${id}`);
  const sides = await db.select().from(connections).where(eq(connections.koppelingId, id));
  const side = (name: "sales" | "accounting") => {
    const found = sides.find((c) => c.side === name);
    if (!found) throw new Error(`Koppeling ${id} has no ${name} connection`);
    return {
      system: found.system,
      baseUrl: found.baseUrl,
      credentials: cipher.decrypt(found.credentialsEncrypted),
      state: found.state,
    };
  };
  const k = row.koppelingen;
  return {
    id: k.id,
    name: k.name,
    licenseKeyHint: k.licenseKeyHint,
    salesSystem: k.salesSystem,
    accountingSystem: k.accountingSystem,
    installedAt: k.installedAt,
    cadence: k.cadence,
    config: parseKoppelingConfig(row.koppeling_configs.settings),
    configVersion: row.koppeling_configs.version,
    configSavedAt: row.koppeling_configs.savedAt,
    salesConnection: side("sales"),
    accountingConnection: side("accounting"),
  };
}
