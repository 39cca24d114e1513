/** Encrypts connection credentials at rest with AES-256-GCM (node:crypto). */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Encrypts and decrypts credential objects; the key never leaves this object. */
export interface CredentialCipher {
  encrypt(credentials: Record<string, string>): string;
  decrypt(ciphertext: string): Record<string, string>;
}

const VERSION = "v1";

/** Creates a cipher from a 32-byte key. */
export function createCredentialCipher(key: Buffer): CredentialCipher {
  if (key.length !== 32) throw new Error("The credential key must be 32 bytes (AES-256)");
  return {
    encrypt(credentials) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(credentials), "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString("base64"), tag.toString("base64"), body.toString("base64")].join(":");
    },
    decrypt(ciphertext) {
      const [version, iv, tag, body] = ciphertext.split(":");
      if (version !== VERSION || !iv || !tag || !body) throw new Error("Unreadable credential ciphertext");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
      return JSON.parse(text) as Record<string, string>;
    },
  };
}
