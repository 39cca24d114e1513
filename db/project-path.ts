/** Files shipped with koppelbot (migrations, scenarios), found from the sources and from the built bundle in dist/ alike. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The absolute path of a file relative to the project root (the folder with package.json). */
export function projectPath(relative: string): string {
  root ??= findRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, relative);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "db", "migrations"))) return dir;
    if (dirname(dir) === dir) throw new Error(`koppelbot's files (package.json, db/migrations) are not above ${from}`);
  }
}
