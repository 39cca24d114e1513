/** Part 6: memory of `koppelbot serve` and of the terminal chat under 10,000 messages, and start-up time of the demo. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createBenchDatabase } from "./bench-database.js";
import type { Figure } from "./bench-report.js";

export interface MemoryStartupOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "bot/cli.ts");

/** Serve idle, the chat before and after N messages, and the demo's time to its opening. */
export async function benchMemoryAndStartup(options: MemoryStartupOptions): Promise<Figure[]> {
  const part = "6 memory, start-up";
  const figures: Figure[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "kb-bench-"));
  try {
    // Start-up: the first run creates the embedded database; the second is the one the target is about.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = { ...inherited, KOPPELBOT_DATA_DIR: dataDir };
    const first = await timeToOpening(env);
    const second = await timeToOpening(env);
    options.log(`  npm start to the opening: first run ${(first / 1000).toFixed(1)} s, second ${(second / 1000).toFixed(1)} s`);
    figures.push(
      { part, name: "npm start → opening, first run (PGlite created)", value: first / 1000, unit: "s", target: null, met: null },
      { part, name: "npm start → opening, later run", value: second / 1000, unit: "s", target: "≤ 5 s", met: second <= 5_000 },
    );

    const idle = await serveIdleRss(env);
    figures.push(
      idle === null
        ? { part, name: "serve (no platforms) RSS idle", value: null, unit: "", target: "≤ 250 MB", met: null, note: "not measured: serve did not stay up without platforms" }
        : { part, name: "serve (no platforms) RSS idle", value: idle, unit: "MB", target: "≤ 250 MB", met: idle <= 250 },
    );

    const messages = options.quick ? 1_000 : 10_000;
    const database = await createBenchDatabase(options.serverUrl);
    try {
      const chat = await chatRss({ ...env, DATABASE_URL: database.url }, messages);
      const growth = (chat.after - chat.idle) / chat.idle;
      options.log(`  terminal chat: ${chat.idle.toFixed(0)} MB idle, ${chat.after.toFixed(0)} MB after ${messages} messages in ${chat.seconds.toFixed(0)} s`);
      figures.push(
        { part, name: "chat process RSS idle (after the opening)", value: chat.idle, unit: "MB", target: "≤ 250 MB", met: chat.idle <= 250 },
        { part, name: `chat process RSS after ${messages.toLocaleString("en")} messages`, value: chat.after, unit: "MB", target: "≤ 250 MB", met: chat.after <= 250 },
        { part, name: "RSS growth", value: Math.round(growth * 1000) / 10, unit: "%", target: "≤ 10 %", met: growth <= 0.1, note: `${Math.round(messages / chat.seconds)} messages/s, Postgres` },
      );
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/** Like `npm start` (tsx bot/cli.ts) with stdin piped: milliseconds until the status of the opening is printed. */
async function timeToOpening(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", cli], { cwd: root, env, stdio: ["pipe", "pipe", "inherit"] });
  await waitForOutput(child, /Status (van|of) /, 120_000);
  const ms = performance.now() - started;
  await stop(child);
  return ms;
}

/** RSS in MB of `koppelbot serve` without platforms after it settled; null when it exits by itself. */
async function serveIdleRss(env: NodeJS.ProcessEnv): Promise<number | null> {
  const child = spawn(process.execPath, ["--import", "tsx", cli, "serve"], { cwd: root, env, stdio: ["ignore", "ignore", "ignore"] });
  const exited = new Promise<null>((resolve) => child.once("exit", () => resolve(null)));
  const settled = new Promise<"settled">((resolve) => setTimeout(() => resolve("settled"), 8_000));
  if ((await Promise.race([exited, settled])) === null) return null;
  const rss = rssOf(child.pid!);
  await stop(child);
  return rss;
}

/** The terminal chat on Postgres: RSS after the opening, and the highest RSS while answering `count` messages. */
async function chatRss(env: NodeJS.ProcessEnv, count: number): Promise<{ idle: number; after: number; seconds: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", cli], { cwd: root, env, stdio: ["pipe", "pipe", "inherit"] });
  await waitForOutput(child, /Status (van|of) /, 120_000);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = rssOf(child.pid!);
  const lines = ["/koppeling status", "waarom worden mijn orders geweigerd?", "waar is bestelling 1043?", "/koppeling open", "hoe staat het ervoor?"];
  let after = idle;
  const sampler = setInterval(() => {
    const rss = rssOf(child.pid!);
    if (rss > 0) after = Math.max(after, rss);
  }, 200);
  const started = performance.now();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdout!.resume();
  for (let i = 0; i < count; i++) {
    if (!child.stdin!.write(`${lines[i % lines.length]}\n`)) await new Promise((resolve) => child.stdin!.once("drain", resolve));
  }
  child.stdin!.end();
  await exited;
  clearInterval(sampler);
  return { idle, after, seconds: (performance.now() - started) / 1000 };
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (pattern.test(seen)) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited (${code}) before ${pattern}`)));
  });
}

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.stdin?.end();
    child.kill("SIGTERM");
  });
}
