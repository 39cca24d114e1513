/** The `koppelbot` command: the terminal chat on the demo (default), nlu, sync, migrate. */
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { ConfigError, loadConfig } from "./config.js";
import { ScenarioError } from "./demo/scenario.js";

// Each command imports what it runs when it runs (`await import`): the terminal demo never loads
// Slack's, Discord's, OpenAI's or pg-boss's modules, which saves start-up time and memory.

const usage = `koppelbot — support and configuration assistant for webshop-to-accounting koppelingen

Usage:
  koppelbot [chat] [--scenario NAME|FILE] [--json] [--lang nl|en]
                         the demo koppeling and a chat with the bot in the terminal
                         (reads one message per line when stdin is not a terminal)
  koppelbot serve [--demo]
                         run the bot for Slack and/or Discord (from the environment), the
                         schedules and GET /healthz on PORT; --demo also starts the demo koppeling
                         KB-DEMO-0001 with its simulators (link a channel with /koppeling link KB-DEMO-0001)
  koppelbot nlu          print the recognised intent of each line of stdin as JSON
  koppelbot sync         run one sync of every koppeling in the database
  koppelbot digest --now print every koppeling's weekly digest for the past 7 days (the schedules
                         post them to subscribed channels under \`serve\`)
  koppelbot discord register
                         install the /koppeling command in Discord (DISCORD_TOKEN, DISCORD_APPLICATION_ID)
  koppelbot migrate      bring the database schema up to date
  koppelbot --help

Scenarios: default, fresh-install, expired-token, or a JSON file (see README).
Environment: DATABASE_URL (unset: embedded database in ./.koppelbot), KOPPELBOT_SECRET_KEY.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scenario: { type: "string" },
      json: { type: "boolean" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h" },
      verbose: { type: "boolean" },
      demo: { type: "boolean" },
      now: { type: "boolean" },
    },
  });
  if (values.help) return print(usage, 0);
  const command = positionals[0] ?? "chat";
  if (values.lang !== undefined && values.lang !== "nl" && values.lang !== "en") return print(`--lang must be "nl" or "en".`, 2);
  if (command === "nlu") {
    const { runNlu } = await import("../conversations/intents/run-nlu.js");
    await runNlu(process.stdin, process.stdout);
    return 0;
  }
  const config = loadConfig(process.env);
  const { createJsonLogger, silentLogger } = await import("../engine/runtime/engine-deps.js");
  const log = values.verbose ? createJsonLogger() : silentLogger;

  switch (command) {
    case "chat":
    case "demo": {
      const { runTerminalDemo } = await import("./console/run-terminal-demo.js");
      return runTerminalDemo(config, { log, scenario: values.scenario ?? "default", json: values.json === true, ...(values.lang ? { lang: values.lang } : {}) });
    }
    case "serve": {
      // A long-running service: major GCs start when the old generation grew 20% past what survived the
      // last one, instead of V8's default of up to 4×. Measured under 2,000 Slack messages (bench part 6):
      // the live heap stays at ~45 MB, RSS 184 MB instead of 270 MB, for ~10% more CPU. Must be set before the heap grows.
      setFlagsFromString("--heap-growing-percent=20");
      // Embedded PGlite is a large WebAssembly module of which a service calls a small part: compiling each
      // function on its first call instead of all at start keeps ~10 MB of machine code out of memory.
      setFlagsFromString("--wasm-lazy-compilation");
      // ... on the main thread: background compile threads each left their freed memory with their own
      // malloc arena. Measured on serve with PGlite, idle: V8's malloc peak 67 → 32 MB, RSS ~7 MB lower and
      // steadier; PGlite's queries ran no slower (scratch timing of 3,000 small and 20 large queries).
      setFlagsFromString("--wasm-num-compilation-tasks=0");
      // The young generation keeps the size it has now (1–4 MB a semi-space) instead of doubling up to V8's
      // 16 MB after a busy moment: both semi-spaces at 16 MB held ~25 MB of RSS for good, and a chat turn's
      // garbage is a few hundred kB. The flag is read whenever V8 considers growing the nursery, so it
      // works when set at runtime (unlike --max-semi-space-size). Measured under 10,000 Slack messages
      // (bench part 6): RSS idle 136–145 → 116–131 MB, after the messages 152–156 → 123–130 MB; CPU for
      // the 10,000 messages 21–25 s either way; the chat benchmark's latencies unchanged with it.
      setFlagsFromString("--semi-space-growth-factor=1");
      // TurboFan still optimises hot functions, but without inlining their callees. The first thousand
      // messages of traffic optimise a few hundred functions; inlining made those compile jobs large, and
      // their memory stayed in the compiler threads' malloc arenas (3–10 MB, the RSS growth under traffic).
      // Measured: growth after 10,000 messages −2 to +10 % → −2 to +4 %; chat latency (part 5) and sync
      // speed (part 2) unchanged within noise: the turns wait on I/O, not on JavaScript.
      setFlagsFromString("--no-turbo-inlining");
      const [{ serve }, { surviveConnectionLoss }] = await Promise.all([import("./serve.js"), import("../engine/runtime/survive-connection-loss.js")]);
      const serveLog = createJsonLogger();
      // A lost database connection (fail-over, pg_terminate_backend) must not end the service: see the module.
      surviveConnectionLoss(serveLog);
      const running = await serve(config, { log: serveLog, demo: values.demo === true });
      await waitForShutdownSignal();
      await running.stop();
      return 0;
    }
    case "sync": {
      const [{ createRuntime }, { runSync }, { koppelingen }] = await Promise.all([import("./main.js"), import("../engine/sync/run-sync.js"), import("../db/schema.js")]);
      const runtime = await createRuntime(config, { log });
      try {
        const all = await runtime.deps.db.select({ id: koppelingen.id, name: koppelingen.name }).from(koppelingen);
        if (all.length === 0) console.log("No koppelingen in the database yet.");
        for (const koppeling of all) {
          const summary = await runSync(runtime.deps, koppeling.id, "manual");
          const booked = summary.booking ? `${summary.booking.transferred} transferred, ${summary.booking.rejected} rejected` : "nothing booked";
          console.log(`${koppeling.name}: ${summary.status}, ${summary.fetched} fetched, ${booked}${summary.error ? ` (${summary.error.code})` : ""}`);
        }
      } finally {
        await runtime.close();
      }
      return 0;
    }
    case "digest": {
      if (!values.now) return print("Usage: koppelbot digest --now", 2);
      const [{ createRuntime }, { printDigestsNow }] = await Promise.all([import("./main.js"), import("./scheduler/print-digests-now.js")]);
      const runtime = await createRuntime(config, { log });
      try {
        const count = await printDigestsNow(runtime.deps, values.lang === "en" ? "en" : "nl", (text) => process.stdout.write(text));
        if (count === 0) console.log("No koppelingen in the database yet.");
      } finally {
        await runtime.close();
      }
      return 0;
    }
    case "discord": {
      if (positionals[1] !== "register") return print("Usage: koppelbot discord register", 2);
      const { registerDiscordCommands } = await import("./discord/start-discord.js");
      await registerDiscordCommands(config.discord);
      return print("Registered /koppeling for the Discord application (global commands may take a moment to show).", 0);
    }
    case "migrate": {
      const { createRuntime } = await import("./main.js");
      const runtime = await createRuntime(config, { log });
      await runtime.close();
      return print(`Database is up to date (${runtime.database.driver}).`, 0);
    }
    default:
      return print(`Unknown command "${command}".\n\n${usage}`, 2);
  }
}

/** Resolves on SIGINT or SIGTERM (a second signal exits at once). */
function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.once("SIGINT", () => process.exit(130));
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

function print(text: string, code: number): number {
  (code === 0 ? console.log : console.error)(text);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof ScenarioError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${error.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(`koppelbot stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
