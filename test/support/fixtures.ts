/** Reads the vendors' published payloads from ../shared/fixtures (never copied into this repository). */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the shared fixtures live: ../shared/fixtures next to the repository root. */
export const fixturesDir = path.resolve(here, "../../../shared/fixtures");

/** True when the shared fixtures are present; tests that need them skip visibly otherwise. */
export const fixturesAvailable = existsSync(fixturesDir);

if (!fixturesAvailable) {
  console.warn(`[fixtures] ${fixturesDir} is absent: tests that replay vendor payloads are skipped`);
}

/** The raw text of one fixture, e.g. readFixtureText("moneybird/tax_rates_list_200.json"). */
export function readFixtureText(relativePath: string): string {
  return readFileSync(path.join(fixturesDir, relativePath), "utf8");
}

/** One fixture parsed as JSON. Beware: Moneybird ids overflow numbers; use the text when ids matter. */
export function readFixture<T = unknown>(relativePath: string): T {
  return JSON.parse(readFixtureText(relativePath)) as T;
}
