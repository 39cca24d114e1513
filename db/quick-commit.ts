/**
 * Writes whose commit need not wait for the disk. Postgres flushes the WAL to disk before it answers a
 * commit; that is a few milliseconds on a busy or networked disk, paid once per statement. For chat
 * bookkeeping (delivery claims, pending buttons, conversation state) the reply should not wait for it:
 * `.returning({ quickCommit: quickCommit() })` turns synchronous_commit off for that statement's own
 * transaction. The row is visible to every other connection at once, as usual; only a crash of the
 * database server itself within a fraction of a second after the commit could lose it. Only on a
 * statement of its own, never inside db.transaction() (it would apply to the whole transaction), and
 * never for sales, transfers, attempts or anything else the engine's exactly-once promise rests on.
 */
import { type SQL, sql } from "drizzle-orm";

/** A RETURNING expression that makes the surrounding single-statement transaction commit without waiting for the disk. */
export function quickCommit(): SQL<string> {
  return sql<string>`set_config('synchronous_commit', 'off', true)`;
}
