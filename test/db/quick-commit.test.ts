import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimEvent } from "../../bot/chat/claim-event.js";
import { rowsOf } from "../../db/open-database.js";
import { quickCommit } from "../../db/quick-commit.js";
import { processedEvents } from "../../db/schema.js";
import { createTestDatabase, testDriver } from "../support/test-database.js";

describe(`quick commits on ${testDriver}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("turns synchronous_commit off for the statement's own transaction only, never for the connection", async () => {
    const { db } = database;
    const [written] = await db.insert(processedEvents).values({ platform: "test", eventId: "quick-1", receivedAt: new Date() }).returning({ setting: quickCommit() });
    expect(written?.setting).toBe("off");
    // Every pooled connection has run a quick commit; afterwards each still commits durably.
    await Promise.all(Array.from({ length: 20 }, (_, i) => claimEvent(db, "test", `quick-many-${i}`, new Date())));
    const settings = await Promise.all(Array.from({ length: 20 }, async () => rowsOf<{ setting: string }>(await db.execute(sql`select current_setting('synchronous_commit') as setting`))[0]?.setting));
    expect(new Set(settings)).toEqual(new Set(["on"]));
    // And the rows are there for everyone at once.
    expect(await db.$count(processedEvents, eq(processedEvents.platform, "test"))).toBe(21);
  });
});
