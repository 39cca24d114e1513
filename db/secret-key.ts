/** Finds the key that encrypts stored credentials: given explicitly, or generated once into a key file. */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Returns the 32-byte credential key. `configured` is KOPPELBOT_SECRET_KEY (64 hex characters or
 * base64 of 32 bytes); without it the key is read from, or generated into, `<dir>/secret.key` (mode 0600).
 */
export function resolveSecretKey(configured: string | undefined, dir: string): Buffer {
  if (configured) return parseKey(configured);
  const file = path.join(dir, "secret.key");
  if (existsSync(file)) return parseKey(readFileSync(file, "utf8").trim());
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600 });
  return key;
}

function parseKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error("KOPPELBOT_SECRET_KEY must be 32 bytes: 64 hex characters or base64");
  return key;
}
