/**
 * A drizzle statement prepared once per database. drizzle sends unnamed queries unprepared, so Postgres
 * plans them on every run; for the few statements on every chat turn, planning took longer than running.
 * `.prepare(name)` is lazy and cheap, but the resulting object is kept so each connection plans it once.
 */
import type { Database } from "./open-database.js";

/** Returns the statement `prepare` builds for a database, building it on first use. */
export function preparedPerDatabase<T>(prepare: (db: Database) => T): (db: Database) => T {
  const prepared = new WeakMap<Database, T>();
  return (db) => {
    let statement = prepared.get(db);
    if (!statement) prepared.set(db, (statement = prepare(db)));
    return statement;
  };
}
