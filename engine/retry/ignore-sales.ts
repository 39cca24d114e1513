/** "Negeer": takes sales out of Open and Fouten, e.g. after the merchant booked them by hand. */
import { and, eq, inArray } from "drizzle-orm";
import { auditLog, sales } from "../../db/schema.js";
import { type Actor, describeActor } from "../runtime/actor.js";
import type { EngineDeps } from "../runtime/engine-deps.js";

/** Which sales to ignore: by number, or every sale of one cause. */
export type IgnoreTarget = { kind: "sales"; numbers: string[] } | { kind: "cause"; fingerprint: string };

/** States a sale can be ignored from: never a transferred one. */
const ignorable = ["open", "rejected", "expired", "queued"];

/** Marks the target sales as ignored; returns the numbers that were ignored and those that could not be. */
export async function ignoreSales(
  deps: EngineDeps,
  koppelingId: string,
  target: IgnoreTarget,
  actor: Actor,
): Promise<{ ignored: string[]; notIgnorable: Array<{ number: string; state: string }>; unknown: string[] }> {
  const where =
    target.kind === "sales"
      ? and(eq(sales.koppelingId, koppelingId), inArray(sales.number, target.numbers.map((n) => n.replace(/^#/, "").trim())))
      : and(eq(sales.koppelingId, koppelingId), eq(sales.fingerprint, target.fingerprint));
  const candidates = await deps.db.select({ id: sales.id, number: sales.number, state: sales.state }).from(sales).where(where);
  let toIgnore = candidates.filter((s) => ignorable.includes(s.state));
  if (toIgnore.length > 0) {
    await deps.db.transaction(async (tx) => {
      const updated = await tx
        .update(sales)
        .set({ state: "ignored", stateChangedAt: deps.clock.now(), nextRetryAt: null })
        .where(and(inArray(sales.id, toIgnore.map((s) => s.id)), inArray(sales.state, ignorable)))
        .returning({ id: sales.id });
      // A worker may have claimed a queued sale since it was read: that one is being booked, not ignored.
      const ignoredIds = new Set(updated.map((row) => row.id));
      toIgnore = toIgnore.filter((s) => ignoredIds.has(s.id));
      if (toIgnore.length === 0) return;
      await tx.insert(auditLog).values({
        koppelingId,
        actor: describeActor(actor),
        action: "ignore",
        before: { sales: toIgnore.map((s) => ({ number: s.number, state: s.state })) },
        after: { state: "ignored" },
        at: deps.clock.now(),
      });
    });
  }
  const known = new Set(candidates.map((s) => s.number));
  return {
    ignored: toIgnore.map((s) => s.number),
    notIgnorable: candidates.filter((s) => !toIgnore.includes(s)).map((s) => ({ number: s.number, state: s.state })),
    unknown: target.kind === "sales" ? target.numbers.map((n) => n.replace(/^#/, "").trim()).filter((n) => !known.has(n)) : [],
  };
}
