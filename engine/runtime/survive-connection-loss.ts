/**
 * Keeps a worker process alive when postgres.js loses a connection where nobody can catch it.
 *
 * postgres.js 3.4.9 reads the array types on every new connection (`fetchArrayTypes`) in a promise
 * nobody awaits: when the backend is terminated (pg_terminate_backend, a fail-over, a restart) while
 * that query runs, its rejection is unhandled and Node ends the process. A write on a socket that was
 * already closed (`nextWrite`, porsager/postgres#1208) threw from a timer the same way; our patch of the
 * driver (patches/postgres+3.4.9.patch) fails that query instead, and the check below stays as a guard.
 * Neither belongs to a query of ours: the query that was cut fails where it was awaited, and the run is
 * tried again later. So a lost connection is logged here and the process goes on; anything else still
 * ends the process, as Node would.
 */
import type { Logger } from "./engine-deps.js";

/** SQLSTATE classes of a connection that went away: 08 connection exception, 57P0x operator intervention. */
const lostSqlState = /^(08...|57P0[1-4])$/;
/** Node socket errors and postgres.js's own connection errors. */
const lostCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** True for an error that only says a database connection was lost (also when wrapped as a cause). */
export function isConnectionLoss(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (lostCodes.has(code) || lostSqlState.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The postgres.js bug of a write on a closed socket: a TypeError thrown inside its connection code. */
function isClosedSocketWrite(error: unknown): boolean {
  return error instanceof TypeError && /node_modules[\\/]postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? "");
}

/**
 * Installs the process handlers; returns how to remove them again. Errors that are not a lost
 * connection end the process with exit code 1 after they are logged, like Node's default.
 */
export function surviveConnectionLoss(log: Logger): () => void {
  const describe = (error: unknown) => ({
    error: error instanceof Error ? error.message : String(error),
    code: (error as { code?: unknown } | null)?.code ?? null,
  });
  const onRejection = (reason: unknown) => {
    if (isConnectionLoss(reason)) {
      log.warn("database connection lost; the work is tried again later", describe(reason));
      return;
    }
    crash(reason);
  };
  const onException = (error: unknown) => {
    if (isConnectionLoss(error) || isClosedSocketWrite(error)) {
      log.warn("database connection lost; the work is tried again later", describe(error));
      return;
    }
    crash(error);
  };
  const crash = (error: unknown) => {
    log.error("unexpected error; the process stops", describe(error));
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}
