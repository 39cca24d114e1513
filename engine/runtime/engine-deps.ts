/** What every engine operation is given: the database, the connectors, a clock, a logger. */
import type { CredentialCipher } from "../../db/credential-cipher.js";
import type { Database } from "../../db/open-database.js";
import type { ConnectorRegistry } from "../connectors/connector-registry.js";

/** The time source; tests pass a manual clock. */
export interface Clock {
  now(): Date;
}

/** Structured logging; callers never pass credentials or license keys. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface EngineDeps {
  db: Database;
  connectors: ConnectorRegistry;
  /** Decrypts stored connection credentials. */
  cipher: CredentialCipher;
  clock: Clock;
  /** Identifies this process in sale leases, so a crashed worker's claims can be taken over. */
  workerId: string;
  log: Logger;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A logger that drops everything (tests, scripted chats). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A logger writing one JSON line per entry to stderr. */
export function createJsonLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
  return {
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
  };
}
