/** License keys identify a koppeling; only their hash is stored. */
import { createHash, randomBytes } from "node:crypto";

/** Normalises what a merchant types ("kb-demo-0001 ") before hashing. */
export function normaliseLicenseKey(key: string): string {
  return key.trim().toUpperCase();
}

/** The stored form of a license key: SHA-256 hex of the normalised key. */
export function hashLicenseKey(key: string): string {
  return createHash("sha256").update(normaliseLicenseKey(key)).digest("hex");
}

/** What support may see of a key: its last four characters. */
export function licenseKeyHint(key: string): string {
  return `…${normaliseLicenseKey(key).slice(-4)}`;
}

/** A new random license key such as KB-7F3A-9C21-04DE. */
export function generateLicenseKey(): string {
  const hex = randomBytes(6).toString("hex").toUpperCase();
  return `KB-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}
