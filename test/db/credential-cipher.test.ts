import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredentialCipher } from "../../db/credential-cipher.js";
import { hashLicenseKey } from "../../db/license-key.js";
import type { DatabaseHandle } from "../../db/open-database.js";
import { rowsOf } from "../../db/open-database.js";
import { resolveSecretKey } from "../../db/secret-key.js";
import { createKoppeling, findKoppelingIdByLicenseKey, loadKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { createTestDatabase, testDriver } from "../support/test-database.js";

describe("credential cipher", () => {
  const cipher = createCredentialCipher(Buffer.alloc(32, 7));

  it("round-trips credentials and never stores them readable", () => {
    const encrypted = cipher.encrypt({ token: "mb-secret-token-123" });
    expect(encrypted).not.toContain("mb-secret-token-123");
    expect(cipher.decrypt(encrypted)).toEqual({ token: "mb-secret-token-123" });
  });

  it("refuses ciphertext that was tampered with or made with another key", () => {
    const encrypted = cipher.encrypt({ token: "abc" });
    const parts = encrypted.split(":");
    const body = Buffer.from(parts[3]!, "base64");
    body[0] = body[0]! ^ 1;
    expect(() => cipher.decrypt([parts[0], parts[1], parts[2], body.toString("base64")].join(":"))).toThrow();
    expect(() => createCredentialCipher(Buffer.alloc(32, 8)).decrypt(encrypted)).toThrow();
  });

  it("generates a key file once and reuses it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kb-key-"));
    try {
      const first = resolveSecretKey(undefined, dir);
      const second = resolveSecretKey(undefined, dir);
      expect(first.equals(second)).toBe(true);
      expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, "secret.key"), "utf8").trim()).toHaveLength(64);
      expect(resolveSecretKey("ab".repeat(32), dir).toString("hex")).toBe("ab".repeat(32));
      expect(() => resolveSecretKey("too-short", dir)).toThrow(/32 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(`koppeling storage on ${testDriver}`, () => {
  let handle: DatabaseHandle;
  const cipher = createCredentialCipher(Buffer.alloc(32, 3));
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("stores the license key hashed and the credentials encrypted, and loads them back", async () => {
    const id = await createKoppeling(handle.db, cipher, {
      name: "Test Webwinkel",
      licenseKey: "KB-TEST-0001",
      installedAt: new Date("2026-11-01T00:00:00Z"),
      sales: { system: "woocommerce", baseUrl: "http://shop", credentials: { consumerKey: "ck_live_abc", consumerSecret: "cs_live_xyz" } },
      accounting: { system: "moneybird", baseUrl: "http://mb", credentials: { token: "mb-token-secret" } },
      config: { statuses: ["completed"] },
    });
    const dump = JSON.stringify(
      rowsOf(await handle.db.execute(sql`select k.*, c.* from koppelingen k join connections c on c.koppeling_id = k.id`)),
    );
    for (const secret of ["KB-TEST-0001", "ck_live_abc", "cs_live_xyz", "mb-token-secret"]) expect(dump).not.toContain(secret);
    expect(dump).toContain(hashLicenseKey("KB-TEST-0001"));

    expect(await findKoppelingIdByLicenseKey(handle.db, " kb-test-0001 ")).toBe(id);
    expect(await findKoppelingIdByLicenseKey(handle.db, "KB-TEST-0002")).toBeNull();
    const loaded = await loadKoppeling(handle.db, cipher, id);
    expect(loaded.salesConnection.credentials).toEqual({ consumerKey: "ck_live_abc", consumerSecret: "cs_live_xyz" });
    expect(loaded.config.statuses).toEqual(["completed"]);
    expect(loaded.config.debtorStrategy).toBe("per_customer");
  });
});
