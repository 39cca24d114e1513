/** `npm run bench [-- --quick] [-- --only 1,2]`: the benchmark suite of issue #9, on the local Postgres. */
import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { benchAnswers } from "./answers.js";
import { benchServerUrl, probeServer } from "./bench-database.js";
import { type Figure, printTable, writeResults } from "./bench-report.js";
import { benchChatOverhead } from "./chat-overhead.js";
import { benchDigest } from "./digest.js";
import { benchLlmUsage } from "./llm-usage-figures.js";
import { benchMemoryAndStartup } from "./memory-startup.js";
import { benchRateLimit } from "./rate-limit.js";
import { benchSync } from "./sync.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? "").split(",")) : null;
const log = (line: string) => process.stderr.write(`${line}\n`);

const serverUrl = benchServerUrl();
const probe = await probeServer(serverUrl);
if (!probe.ok) {
  log(`No Postgres reachable at ${serverUrl.replace(/\/\/[^@/]*@/, "//…@")}: ${probe.reason}`);
  log("The benchmark needs a local Postgres server it may create databases on.");
  log("Start one, or point BENCH_DATABASE_URL (or TEST_DATABASE_URL) at it, e.g.");
  log("  BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench");
  process.exit(2);
}

const parts: Array<{ key: string; title: string; run: () => Promise<Figure[]> }> = [
  { key: "1", title: "answers at 1k and 1M sales", run: () => benchAnswers({ serverUrl, quick, log }) },
  { key: "2", title: "sync against a baseline", run: () => benchSync({ serverUrl, quick, log }) },
  { key: "3", title: "rate limit used, not hit", run: () => benchRateLimit({ serverUrl, quick, log }) },
  { key: "4", title: "digests at scale", run: () => benchDigest({ serverUrl, quick, log }) },
  { key: "5", title: "chat overhead", run: () => benchChatOverhead({ serverUrl, quick, log }) },
  { key: "6", title: "memory and start-up", run: () => benchMemoryAndStartup({ serverUrl, quick, log }) },
  { key: "llm", title: "LLM usage", run: () => benchLlmUsage({ serverUrl, quick, log }) },
];

const started = Date.now();
const figures: Figure[] = [];
for (const part of parts) {
  if (only && !only.has(part.key)) continue;
  log(`part ${part.key}: ${part.title}…`);
  const partStarted = Date.now();
  try {
    figures.push(...(await part.run()));
  } catch (error) {
    log(`  part ${part.key} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    figures.push({ part: part.key, name: part.title, value: null, unit: "", target: null, met: false, note: `failed: ${error instanceof Error ? error.message : String(error)}` });
  }
  log(`  done in ${((Date.now() - partStarted) / 1000).toFixed(0)} s`);
}

printTable(figures);
const resultsPath = fileURLToPath(new URL("./results.json", import.meta.url));
writeResults(
  resultsPath,
  {
    mode: quick ? "quick" : "full",
    at: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    postgres: probe.version,
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))), node: process.version },
  },
  figures,
);
log(`\n${figures.filter((f) => f.met === false).length} of ${figures.filter((f) => f.met !== null).length} targets not met; written to ${existsSync(resultsPath) ? "bench/results.json" : resultsPath} in ${Math.round((Date.now() - started) / 1000)} s`);
