/** Looks for credentials and license keys in plain text: in a dump of every table, in logs, in report bundles. */
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/open-database.js";

/** One place a secret was found. */
export interface SecretFinding {
  where: string;
  secret: string;
}

/** Every row of every table of the public schema, as JSON text per table. */
export async function dumpDatabase(db: Database): Promise<Array<{ table: string; json: string; rows: number }>> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  );
  const dump: Array<{ table: string; json: string; rows: number }> = [];
  for (const { table_name: table } of tables) {
    const rows = rowsOf<Record<string, unknown>>(await db.execute(sql.raw(`select * from "${table.replace(/"/g, '""')}"`)));
    dump.push({ table, rows: rows.length, json: JSON.stringify(rows) });
  }
  return dump;
}

/** The forms a secret may take in text: as given, lower and upper case, URL- and base64-encoded. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, secret.toLowerCase(), secret.toUpperCase(), encodeURIComponent(secret), Buffer.from(secret).toString("base64")])];
}

/** Every (place, secret) pair where a form of the secret occurs in the text. */
export function findSecrets(texts: Array<{ where: string; text: string }>, secrets: string[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const { where, text } of texts) {
    const haystack = text.toLowerCase();
    for (const secret of secrets) {
      if (formsOf(secret).some((form) => haystack.includes(form.toLowerCase()))) findings.push({ where, secret });
    }
  }
  return findings;
}
