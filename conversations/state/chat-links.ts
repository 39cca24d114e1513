/** Which koppeling a chat place is linked to, by license key; nothing of a koppeling shows elsewhere. */
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { auditLog, chatLinks, koppelingen, subscriptions } from "../../db/schema.js";
import { findKoppelingIdByLicenseKey } from "../../engine/koppelingen/koppeling-repository.js";

/** The koppeling linked to a place, or null. */
export async function findLinkedKoppeling(db: Database, platform: string, place: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: koppelingen.id, name: koppelingen.name })
    .from(chatLinks)
    .innerJoin(koppelingen, eq(koppelingen.id, chatLinks.koppelingId))
    .where(and(eq(chatLinks.platform, platform), eq(chatLinks.place, place)));
  return row ?? null;
}

/** Links a place to the koppeling with this license key (replacing an earlier link); audited. */
export async function linkPlace(
  db: Database,
  platform: string,
  place: string,
  licenseKey: string,
  actor: string,
  now: Date,
): Promise<{ kind: "linked"; id: string; name: string } | { kind: "unknown_key" }> {
  const koppelingId = await findKoppelingIdByLicenseKey(db, licenseKey);
  if (!koppelingId) return { kind: "unknown_key" };
  await db
    .insert(chatLinks)
    .values({ platform, place, koppelingId, linkedBy: actor, createdAt: now })
    .onConflictDoUpdate({ target: [chatLinks.platform, chatLinks.place], set: { koppelingId, linkedBy: actor, createdAt: now } });
  // A place linked to another koppeling no longer gets the old one's digest.
  await db.delete(subscriptions).where(and(eq(subscriptions.platform, platform), eq(subscriptions.place, place), ne(subscriptions.koppelingId, koppelingId)));
  await db.insert(auditLog).values({ koppelingId, actor, action: "chat.link", after: { platform, place }, at: now });
  const [row] = await db.select({ name: koppelingen.name }).from(koppelingen).where(eq(koppelingen.id, koppelingId));
  return { kind: "linked", id: koppelingId, name: row!.name };
}

/** Removes the link of a place; returns whether there was one. */
export async function unlinkPlace(db: Database, platform: string, place: string, actor: string, now: Date): Promise<boolean> {
  const removed = await db
    .delete(chatLinks)
    .where(and(eq(chatLinks.platform, platform), eq(chatLinks.place, place)))
    .returning({ koppelingId: chatLinks.koppelingId });
  if (removed[0]) {
    // Digests of that koppeling stop going to a place that is no longer linked to it.
    await db.delete(subscriptions).where(and(eq(subscriptions.platform, platform), eq(subscriptions.place, place), eq(subscriptions.koppelingId, removed[0].koppelingId)));
    await db.insert(auditLog).values({ koppelingId: removed[0].koppelingId, actor, action: "chat.unlink", after: { platform, place }, at: now });
  }
  return removed.length > 0;
}
