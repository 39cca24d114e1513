import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** What `npm start` and an installed `koppelbot` run: the launcher that bundles the sources and runs them. */
const launcher = path.join(root, "bin/koppelbot.js");
const dataDir = mkdtempSync(path.join(tmpdir(), "kb-cli-"));

function koppelbot(args: string[], input = "") {
  return spawnSync(process.execPath, [launcher, ...args], {
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

  it("starts from the bundle in dist/, also when several processes start at once", async () => {
    const run = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [launcher, "nlu"], { cwd: root, env: { PATH: process.env.PATH } });
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
        child.on("close", (code) => resolve({ code, stdout }));
        child.stdin.end("hoe staat het ervoor?\n");
      });
    // From no build at all: the three race to put the same build in place.
    rmSync(path.join(root, "dist"), { recursive: true, force: true });
    const results = await Promise.all([run(), run(), run()]);
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout.trim()).intent).toBe("status");
    }
    // The bundle the three ran is in place and complete.
    const builds = readdirSync(path.join(root, "dist")).filter((name) => existsSync(path.join(root, "dist", name, "cli.js")));
    expect(builds).toHaveLength(1);
    expect(readdirSync(path.join(root, "dist")).filter((name) => name.startsWith(".pending"))).toEqual([]);
  });

  it("ends the demo on SIGTERM like at the end of input: database closed, exit code 0", async () => {
    const child = spawn(process.execPath, [launcher], { cwd: root, env: { PATH: process.env.PATH, KOPPELBOT_DATA_DIR: dataDir } });
    let stdout = "";
    const opened = new Promise<void>((resolve) => child.stdout.on("data", (chunk: Buffer) => void ((stdout += chunk.toString()), /Status van/.test(stdout) && resolve())));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await opened;
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    // The next start opens the same database without trouble.
    expect(koppelbot(["--json"], "status\n").status).toBe(0);
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
