/** `koppelbot digest --now`: the digest of every koppeling for the week up to now, printed in the terminal (nothing is recorded). */
import { composeKoppelingDigest } from "../../conversations/flows/digest-flow.js";
import { renderPlainText } from "../../conversations/replies/reply.js";
import { koppelingen } from "../../db/schema.js";
import { computeKoppelingDigests, weekBefore } from "../../engine/digest/compute-digest.js";
import type { EngineDeps } from "../../engine/runtime/engine-deps.js";

/** Prints each koppeling's digest, as a subscribed channel would get it, without buttons. */
export async function printDigestsNow(engine: EngineDeps, language: "nl" | "en", write: (text: string) => void): Promise<number> {
  const all = await engine.db.select({ id: koppelingen.id }).from(koppelingen).orderBy(koppelingen.name);
  const now = engine.clock.now();
  const digests = await computeKoppelingDigests(engine.db, all.map(({ id }) => ({ koppelingId: id, previousCauses: null })), weekBefore(now), now);
  for (const digest of digests) {
    const reply = await composeKoppelingDigest(engine.db, { platform: "terminal", place: "local", language }, digest, now, false);
    write(`${renderPlainText({ ...reply, actions: [] })}\n\n`);
  }
  return all.length;
}
