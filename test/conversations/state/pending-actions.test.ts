import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PENDING_ACTION_TTL_MS, consumePendingAction, createPendingAction } from "../../../conversations/state/pending-actions.js";
import type { DatabaseHandle } from "../../../db/open-database.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";

describe(`pending actions on ${testDriver}`, () => {
  let database: DatabaseHandle;
  const key = { platform: "slack", place: "T1/C1", userId: "U1" };
  const now = new Date("2026-11-27T10:00:00Z");
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("works once, for the user and place it was offered to, until it expires", async () => {
    const id = await createPendingAction(database.db, key, null, { kind: "show_errors" }, now);
    expect((await consumePendingAction(database.db, id, { ...key, userId: "U2" }, now)).kind).toBe("not_yours");
    expect((await consumePendingAction(database.db, id, { ...key, place: "T1/C2" }, now)).kind).toBe("other_place");
    expect(await consumePendingAction(database.db, id, key, now)).toEqual({ kind: "ok", action: { kind: "show_errors" }, koppelingId: null });
    expect((await consumePendingAction(database.db, id, key, now)).kind).toBe("used");
    expect((await consumePendingAction(database.db, "ka_unknown", key, now)).kind).toBe("unknown");

    const late = await createPendingAction(database.db, key, null, { kind: "cancel" }, now);
    expect((await consumePendingAction(database.db, late, key, new Date(now.getTime() + PENDING_ACTION_TTL_MS + 1))).kind).toBe("expired");
  });

  it("lets only one of many simultaneous clicks through", async () => {
    const id = await createPendingAction(database.db, key, null, { kind: "start_walk" }, now);
    const results = await Promise.all(Array.from({ length: 20 }, () => consumePendingAction(database.db, id, key, now)));
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "used")).toHaveLength(19);
  });
});
