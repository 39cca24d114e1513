/** Koppelingen with sales in every state, written straight into a test database, for digest tests. */
import { randomBytes } from "node:crypto";
import { createCredentialCipher } from "../../db/credential-cipher.js";
import type { Database } from "../../db/open-database.js";
import { connections, sales, subscriptions, transferAttempts, transfers } from "../../db/schema.js";
import { and, eq } from "drizzle-orm";
import { createKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { correctConfig } from "./engine-harness.js";

const cipher = createCredentialCipher(randomBytes(32));
let counter = 0;

/** A koppeling whose simulators do not run (digests only read the database). */
export async function seedKoppeling(db: Database, name: string, installedAt: Date): Promise<string> {
  return createKoppeling(db, cipher, {
    name,
    licenseKey: `KB-SEED-${randomBytes(3).toString("hex")}`,
    installedAt,
    sales: { system: "woocommerce", baseUrl: "http://127.0.0.1:9", credentials: { consumerKey: "ck", consumerSecret: "cs" } },
    accounting: { system: "moneybird", baseUrl: "http://127.0.0.1:9", credentials: { token: "t" } },
    config: correctConfig(),
  });
}

export interface SeedSale {
  state: "transferred" | "rejected" | "open" | "expired" | "queued";
  cents: number;
  at: Date;
  /** For rejected: the code and fingerprint. */
  code?: string;
  fingerprint?: string;
  facts?: Record<string, unknown>;
  /** For transferred: booked by an automatic retry. */
  autoRetried?: boolean;
}

/** Writes sales (and their transfers and attempts) for a koppeling. */
export async function seedSales(db: Database, koppelingId: string, list: SeedSale[]): Promise<void> {
  for (const s of list) {
    counter += 1;
    const [row] = await db
      .insert(sales)
      .values({
        koppelingId,
        externalId: `x${counter}`,
        number: String(1000 + counter),
        kind: "order",
        shopStatus: s.state === "open" ? "on-hold" : "processing",
        state: s.state,
        createdInShopAt: s.at,
        modifiedInShopAt: s.at,
        stateChangedAt: s.at,
        currency: "EUR",
        pricesIncludeTax: true,
        totalCents: s.cents,
        taxCents: 0,
        customerName: "Klant",
        errorCode: s.code ?? null,
        fingerprint: s.fingerprint ?? null,
        errorFacts: s.facts ?? null,
        autoRetryCount: s.autoRetried ? 1 : 0,
      })
      .returning({ id: sales.id });
    if (s.state === "transferred") {
      await db.insert(transfers).values({ saleId: row!.id, koppelingId, reference: `R${counter}`, documentId: `D${counter}`, totalCents: s.cents, transferredAt: s.at });
      await db.insert(transferAttempts).values({ saleId: row!.id, koppelingId, trigger: s.autoRetried ? "auto_retry" : "sync", startedAt: s.at, finishedAt: s.at, outcome: "transferred" });
    }
  }
}

/** Sets a connection dot. */
export async function setDot(db: Database, koppelingId: string, side: "sales" | "accounting", state: "green" | "red", code: string | null = null): Promise<void> {
  await db.update(connections).set({ state, lastErrorCode: code, lastCheckedAt: new Date() }).where(and(eq(connections.koppelingId, koppelingId), eq(connections.side, side)));
}

/** A weekly subscription of a place, created at `createdAt`. */
export async function seedSubscription(
  db: Database,
  values: { platform: string; place: string; koppelingId: string | null; createdAt: Date; kind?: "weekly" | "support_overview"; weekday?: number; hour?: number; language?: "nl" | "en" },
): Promise<number> {
  const [row] = await db
    .insert(subscriptions)
    .values({ kind: "weekly", createdBy: "test", ...values })
    .returning({ id: subscriptions.id });
  return row!.id;
}
