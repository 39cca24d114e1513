/**
 * Resolves once the queries issued so far have been handed to the socket, so that work which does not
 * need their answer can run while the database works on them.
 *
 * postgres.js does not write a small message at once: it buffers it and writes it from `setImmediate`,
 * so that queries issued in the same tick share one write. Synchronous work done right after issuing a
 * query therefore runs *before* the query leaves the process, not while the database answers it. The
 * query reaches that `setImmediate` through a few promise reactions (drizzle, then postgres.js), that is
 * after an immediate scheduled now would run; so this waits for two: the second runs in the event loop's
 * next turn, after the driver's write. On PGlite, which answers inside the process, it only costs that turn.
 */
export function queriesSent(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
