import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, rowsOf } from "../../db/open-database.js";
import { createTestDatabase, testDriver } from "../support/test-database.js";

const tables = ["koppelingen", "connections", "koppeling_configs", "sales", "sale_lines", "transfers", "transfer_attempts", "sync_runs", "problem_reports", "audit_log", "known_debtors", "chat_links", "conversations", "pending_actions", "knowledge_articles", "chat_roles", "processed_events", "subscriptions", "schedule_ticks", "digest_deliveries", "support_posts", "sale_totals", "cause_totals"];

describe(`openDatabase on ${testDriver}`, () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it("creates every table of the schema through the committed migrations", async () => {
    const handle = await createTestDatabase();
    cleanups.push(() => handle.close());
    const rows = rowsOf<{ table_name: string }>(
      await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...tables].sort());
  });

  it("keeps a PGlite database on disk across reopenings", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kb-pglite-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const first = await openDatabase({ dataDir: dir });
    await first.db.execute(sql`insert into audit_log (actor, action) values ('test', 'remember me')`);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const rows = rowsOf<{ action: string }>(await second.db.execute(sql`select action from audit_log`));
    await second.close();
    expect(rows.map((r) => r.action)).toEqual(["remember me"]);
  });

  it.skipIf(testDriver !== "postgres")("lets several processes migrate the same Postgres database at once", async () => {
    const handle = await createTestDatabase();
    cleanups.push(() => handle.close());
    await handle.db.execute(sql`drop schema drizzle cascade`);
    await handle.db.execute(sql`drop schema public cascade`);
    await handle.db.execute(sql`create schema public`);
    const opened = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ url: handle.url!, maxConnections: 1 })));
    await Promise.all(opened.map((o) => o.close()));
    const rows = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(rows[0]!.n).toBe(readdirSync(new URL("../../db/migrations", import.meta.url)).filter((f) => f.endsWith(".sql")).length);
  });
});
