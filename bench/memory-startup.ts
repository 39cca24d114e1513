/**
 * Part 6: memory of `koppelbot serve` idle and after 10,000 Slack messages (on Postgres), and the
 * start-up time of the demo (`npm start` to the first prompt).
 *
 * serve runs as its own process, as in production: Slack over HTTP on a local port, its Web API
 * pointed at the fake Slack of the tests, the demo koppeling (`serve --demo`) linked in a number of
 * channels. Mentions are delivered signed, as Slack does; a delivery counts as answered when the
 * fake Slack received the reply in the thread.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeSlack, type FakeSlack } from "../test/support/fake-slack.js";
import { deliverCommand, deliverEvent, mentionEvent } from "../test/support/fake-slack-requests.js";
import { createBenchDatabase } from "./bench-database.js";
import { type Figure, percentile } from "./bench-report.js";

export interface MemoryStartupOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

const root = fileURLToPath(new URL("..", import.meta.url));
/** The `koppelbot` command as `npm start` and an installed koppelbot run it: bundled by esbuild, run by plain Node. */
const koppelbot = join(root, "bin/koppelbot.js");
const part = "6 memory, start-up";
const SECRET = "bench-signing-secret-0123456789";
const TEAM = "T0BENCH";
/** Slack paces replies to one a second per channel, so the messages are spread over this many channels. */
const CHANNELS = 100;
const USERS = 40;
/** Deliveries sent and not yet answered at any moment. */
const IN_FLIGHT = 16;
/** Questions as merchants ask them; none of them changes anything. */
const questions = [
  "hoe staat het ervoor?",
  "waarom worden mijn orders geweigerd?",
  "waar is bestelling 1043?",
  "what is wrong with the koppeling?",
  "welke orders staan nog open?",
  "hoe koppel ik mijn btw-tarieven?",
  "is order 1050 al overgezet?",
  "status",
];

/** Start-up twice (first and later run), serve idle on PGlite, and serve on Postgres idle and after N messages. */
export async function benchMemoryAndStartup(options: MemoryStartupOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "kb-bench-"));
  try {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = { ...inherited, KOPPELBOT_DATA_DIR: dataDir };
    // The first run creates the embedded database; the later runs are the ones the target is about.
    const first = await timeToOpening(env);
    const later = [await timeToOpening(env), await timeToOpening(env)];
    const best = Math.min(...later);
    options.log(`  npm start to the opening: first run ${seconds(first)} s, later runs ${later.map(seconds).join(" s, ")} s`);
    figures.push(
      { part, name: "npm start → opening, first run (PGlite created)", value: first / 1000, unit: "s", target: null, met: null },
      { part, name: "npm start → opening, later run", value: best / 1000, unit: "s", target: "≤ 5 s", met: best <= 5_000, note: `best of ${later.length}: ${later.map(seconds).join(", ")} s` },
    );

    const settleMs = options.quick ? 10_000 : 30_000;
    const pglite = await serveIdleRssOnPglite(env, settleMs);
    options.log(`  serve on PGlite, no platforms: ${pglite === null ? "exited" : `${pglite.idle.toFixed(0)} MB idle (start-up peak ${pglite.peak.toFixed(0)} MB)`}`);
    figures.push(
      pglite === null
        ? { part, name: "serve on PGlite (no platforms) RSS idle", value: null, unit: "", target: "≤ 250 MB", met: null, note: "not measured: serve exited" }
        : {
            part,
            name: "serve on PGlite (no platforms) RSS idle",
            value: pglite.idle,
            unit: "MB",
            target: "≤ 250 MB",
            met: pglite.idle <= 250,
            note: `median of the last 5 s of ${settleMs / 1000} s without requests; highest sample ${pglite.peak.toFixed(0)} MB; the embedded database runs inside the process`,
          },
    );

    const messages = options.quick ? 1_000 : 10_000;
    const database = await createBenchDatabase(options.serverUrl);
    try {
      const run = await serveSlackRss({ ...env, DATABASE_URL: database.url }, messages, options.log);
      const growth = (run.after - run.idle) / run.idle;
      const notes = `${Math.round(messages / run.seconds)} messages/s over ${CHANNELS} channels; peak ${run.peak.toFixed(0)} MB; ${run.warm.toFixed(0)} MB after the first ${run.warmCount}`;
      options.log(`  serve + Slack on Postgres: ${run.idle.toFixed(0)} MB idle, ${run.after.toFixed(0)} MB after ${messages} messages (${notes})`);
      figures.push(
        { part, name: "serve (Slack HTTP, Postgres) RSS idle", value: run.idle, unit: "MB", target: "≤ 250 MB", met: run.idle <= 250, note: "serve --demo, channels linked; idle and after: median of 5 samples after 3 s of quiet" },
        { part, name: `serve RSS after ${messages.toLocaleString("en")} messages`, value: run.after, unit: "MB", target: "≤ 250 MB", met: run.after <= 250 },
        { part, name: "serve RSS growth", value: Math.round(growth * 1000) / 10, unit: "%", target: "≤ 10 %", met: growth <= 0.1, note: notes },
      );
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/** Like `npm start` (node bin/koppelbot.js) with stdin piped: milliseconds until the status of the opening is printed. */
async function timeToOpening(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [koppelbot], { cwd: root, env, stdio: ["pipe", "pipe", "inherit"] });
  await waitForOutput(child, /Status (van|of) /, 120_000);
  const ms = performance.now() - started;
  await stop(child);
  return ms;
}

/**
 * RSS in MB of `koppelbot serve` on PGlite without platforms once idle: sampled every second for
 * `settleMs` after it answered /healthz, the median of the last five samples, with the highest sample
 * (start-up) for the note; null when serve exits by itself.
 */
async function serveIdleRssOnPglite(env: NodeJS.ProcessEnv, settleMs: number): Promise<{ idle: number; peak: number } | null> {
  const port = await freePort();
  const child = spawn(process.execPath, [koppelbot, "serve"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<null>((resolve) => child.once("exit", () => resolve(null)));
  try {
    if ((await Promise.race([exited, waitForHealth(port, 120_000).then(() => "up" as const)])) === null) return null;
    const samples: number[] = [];
    for (let waited = 0; waited < settleMs && child.exitCode === null; waited += 1_000) {
      await sleep(1_000);
      samples.push(rssOf(child.pid!));
    }
    if (child.exitCode !== null || samples.length === 0) return null;
    return { idle: percentile(samples.slice(-5), 50), peak: Math.max(...samples) };
  } finally {
    await stop(child);
  }
}

interface ServeRun {
  idle: number;
  warm: number;
  warmCount: number;
  after: number;
  peak: number;
  seconds: number;
}

/** `koppelbot serve --demo` with Slack on Postgres: RSS once linked and idle, and after `count` mentions. */
async function serveSlackRss(env: NodeJS.ProcessEnv, count: number, log: (line: string) => void): Promise<ServeRun> {
  const fake = await startFakeSlack();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [koppelbot, "serve", "--demo"], {
    cwd: root,
    env: { ...env, PORT: String(port), SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(port, 120_000);
    const channels = Array.from({ length: CHANNELS }, (_, i) => `C0BENCH${String(i).padStart(3, "0")}`);
    await linkChannels(fake, url, channels);
    const idle = await settledRss(child.pid!);

    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 250);
    const warmCount = Math.round(count / 10);
    let warm = idle;
    const started = performance.now();
    const answered = postCounter(fake);
    const base = answered();
    for (let i = 0; i < count; i++) {
      await waitUntil(() => answered() - base >= i - IN_FLIGHT, 60_000, `answers to ${i - IN_FLIGHT} of the messages`);
      if (i === warmCount) warm = rssOf(child.pid!);
      const event = mentionEvent(TEAM, channels[i % CHANNELS]!, `U0BENCH${i % USERS}`, questions[i % questions.length]!, fake.botUserId);
      const delivery = await deliverEvent(url, SECRET, event);
      if (delivery.status !== 200) throw new Error(`serve answered ${delivery.status} to a mention: ${delivery.body}`);
      if ((i + 1) % Math.max(1, count / 5) === 0) log(`    ${i + 1} messages sent, ${rssOf(child.pid!).toFixed(0)} MB`);
    }
    await waitUntil(() => answered() - base >= count, 120_000, `answers to all ${count} messages`);
    const elapsed = (performance.now() - started) / 1000;
    const after = await settledRss(child.pid!);
    clearInterval(sampler);
    const sorry = fake.messages.filter((m) => /Sorry, er ging iets mis/.test(m.text)).length;
    if (sorry > 0) throw new Error(`${sorry} of the ${count} answers were the apology for an error`);
    return { idle, warm, warmCount, after, peak: Math.max(peak, after), seconds: elapsed };
  } finally {
    await stop(child);
    await fake.close();
  }
}

/** Counts the messages the bot posted (chat.postMessage) so far, looking at each stored message once. */
function postCounter(fake: FakeSlack): () => number {
  let seen = 0;
  let posts = 0;
  return () => {
    for (; seen < fake.messages.length; seen++) if (fake.messages[seen]!.via === "chat.postMessage") posts++;
    return posts;
  };
}

/** `/koppeling link KB-DEMO-0001` in each channel, answered through the response_url. */
async function linkChannels(fake: FakeSlack, url: string, channels: string[]): Promise<void> {
  const answers = () => fake.messages.filter((m) => m.via === "response_url").length;
  const before = answers();
  for (const channel of channels) {
    const delivery = await deliverCommand(url, SECRET, {
      team_id: TEAM,
      channel_id: channel,
      user_id: "U0BENCH0",
      user_name: "merchant",
      command: "/koppeling",
      text: "link KB-DEMO-0001",
      response_url: fake.responseUrl(channel, "U0BENCH0"),
      trigger_id: "1.2.3",
    });
    if (delivery.status !== 200) throw new Error(`serve answered ${delivery.status} to /koppeling link: ${delivery.body}`);
  }
  await waitUntil(() => answers() - before >= channels.length, 60_000, `answers to /koppeling link in ${channels.length} channels`);
  const linked = fake.messages.filter((m) => m.via === "response_url" && /Gekoppeld|Linked/i.test(m.text)).length;
  if (linked < channels.length) throw new Error(`only ${linked} of ${channels.length} channels were linked`);
}

async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s`);
    await sleep(2);
  }
}

async function waitForHealth(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`serve did not answer /healthz within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
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

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** RSS once a burst is over: 3 s of quiet, then the median of 5 samples a second apart (one sample varies by ±5 MB). */
async function settledRss(pid: number): Promise<number> {
  await sleep(3_000);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) await sleep(1_000);
    samples.push(rssOf(pid));
  }
  return percentile(samples, 50);
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
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.stdin?.end();
    child.kill("SIGTERM");
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);
