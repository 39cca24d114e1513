/** Remembers the state of a connection dot after a live call. */
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { connections } from "../../db/schema.js";
import type { ConnectionCheck } from "../connectors/ports.js";

/** Stores green or red (with the code and detail) for one side of a koppeling. */
export async function recordConnectionState(
  db: Database,
  koppelingId: string,
  side: "sales" | "accounting",
  check: ConnectionCheck,
  now: Date,
): Promise<void> {
  await db
    .update(connections)
    .set({
      state: check.kind,
      lastCheckedAt: now,
      lastErrorCode: check.kind === "red" ? check.code : null,
      lastErrorDetail: check.kind === "red" ? check.detail.slice(0, 500) : null,
    })
    .where(and(eq(connections.koppelingId, koppelingId), eq(connections.side, side)));
}
