import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const dataDir = mkdtempSync(path.join(tmpdir(), "kb-cli-"));

function koppelbot(args: string[]) {
  return spawnSync(process.execPath, [tsx, path.join(root, "bot/cli.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    input: "",
    timeout: 120_000,
    env: { PATH: process.env.PATH, KOPPELBOT_DATA_DIR: dataDir },
  });
}

describe("the koppelbot command on a fresh embedded database", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("runs the demo: a checklist naming the 9% rate, the shipping ledger and 'processing', and a status with counts", () => {
    const result = koppelbot([]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/❌ BTW: 9% is niet gekoppeld/);
    expect(result.stdout).toMatch(/❌ Verzendkosten gaan naar grootboek 1100 "Bank"/);
    expect(result.stdout).toMatch(/❌ Statussen aangevinkt: completed\n\s+Status "processing" komt bij \d+ verkopen voor/);
    for (const tab of ["Doorgezet \\(Rapportage\\)", "Open", "Fouten"]) {
      expect(result.stdout).toMatch(new RegExp(`${tab}\\s+[1-9]\\d*\\s+€`));
    }
  });

  it("explains a bad scenario and an unknown command without a stack trace", () => {
    const missing = koppelbot(["--scenario", "no-such-scenario.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the scenario file/);
    expect(missing.stderr).not.toMatch(/at .*\.ts:\d+/);
    const unknown = koppelbot(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
