import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const dataDir = mkdtempSync(path.join(tmpdir(), "kb-cli-"));

function koppelbot(args: string[], input = "") {
  return spawnSync(process.execPath, [tsx, path.join(root, "bot/cli.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    input,
    timeout: 120_000,
    env: { PATH: process.env.PATH, KOPPELBOT_DATA_DIR: dataDir },
  });
}

describe("the koppelbot command on a fresh embedded database", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("answers scripted questions as JSON lines and exits at the end of input", () => {
    const result = koppelbot(["--json"], "Staat mijn koppeling goed ingesteld?\nhoe staat het ervoor?\n");
    expect(result.status).toBe(0);
    const replies = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(replies.map((r) => r.intent)).toEqual(["check_setup", "status"]);
    expect(replies[0].language).toBe("nl");
    for (const fact of [/9% is niet gekoppeld/, /grootboek 1100 "Bank"/, /Status "processing" komt bij \d+ verkopen voor/]) expect(replies[0].text).toMatch(fact);
    expect(replies[0].actions.map((a: { label: string }) => a.label)).toEqual(["Ja, begin", "Later"]);
  });

  it("runs the demo: a checklist naming the 9% rate, the shipping ledger and 'processing', and a status with counts", () => {
    const result = koppelbot([]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/❌ BTW: 9% is niet gekoppeld/);
    expect(result.stdout).toMatch(/❌ De verzendkosten gaan naar grootboek 1100 "Bank", dat is geen omzetrekening/);
    expect(result.stdout).toMatch(/❌ Aangevinkte statussen: completed\n\s+→ Status "processing" komt bij \d+ verkopen voor/);
    for (const tab of ["Doorgezet", "Open", "Fouten"]) {
      expect(result.stdout).toMatch(new RegExp(`${tab}: [1-9]\\d* \\(€`));
    }
  });

  it("measures the rules through `koppelbot nlu`: at least 95% of the intent test set", () => {
    const utterances = JSON.parse(readFileSync(path.join(root, "test/conversations/intents/utterances.json"), "utf8")) as Array<{ text: string; intent: string }>;
    const result = koppelbot(["nlu"], utterances.map((u) => u.text.replace(/\n/g, " ")).join("\n") + "\n");
    expect(result.status).toBe(0);
    const answers = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { text: string; intent: string; confidence: number });
    expect(answers).toHaveLength(utterances.length);
    const hits = answers.filter((answer, i) => answer.intent === utterances[i]!.intent).length;
    expect(hits / utterances.length).toBeGreaterThanOrEqual(0.95);
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
