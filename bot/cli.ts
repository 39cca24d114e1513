/** The `koppelbot` command: the terminal chat on the demo (default), nlu, sync, migrate. */
import { parseArgs } from "node:util";
import { runNlu } from "../conversations/intents/run-nlu.js";
import { linkPlace } from "../conversations/state/chat-links.js";
import { grantOwner } from "../conversations/state/chat-roles.js";
import { koppelingen } from "../db/schema.js";
import { createJsonLogger, silentLogger } from "../engine/runtime/engine-deps.js";
import { runSync } from "../engine/sync/run-sync.js";
import { ConfigError, loadConfig } from "./config.js";
import { runTerminalChat } from "./console/terminal-chat.js";
import { startDemo } from "./demo/start-demo.js";
import { ScenarioError, loadScenario } from "./demo/scenario.js";
import { createCore, createRuntime } from "./main.js";
import { printDigestsNow } from "./scheduler/print-digests-now.js";
import { registerDiscordCommands } from "./discord/start-discord.js";
import { serve } from "./serve.js";

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
    await runNlu(process.stdin, process.stdout);
    return 0;
  }
  const config = loadConfig(process.env);
  const log = values.verbose ? createJsonLogger() : silentLogger;

  switch (command) {
    case "chat":
    case "demo": {
      const scenario = loadScenario(values.scenario ?? "default");
      const runtime = await createRuntime(config, { log, demo: true });
      const demo = await startDemo(runtime.deps.db, runtime.deps.cipher, scenario, runtime.deps.clock.now());
      try {
        await runSync(runtime.deps, demo.koppelingId, "demo");
        await linkPlace(runtime.deps.db, "terminal", "local", scenario.koppeling.licenseKey, "terminal:local", runtime.deps.clock.now());
        await grantOwner(runtime.deps.db, { platform: "terminal", workspace: "", userId: "local-user" }, demo.koppelingId, "terminal:local", runtime.deps.clock.now());
        const core = createCore(runtime);
        const where = { platform: "terminal" as const, id: "local" };
        const user = { id: "local-user" };
        if (values.lang) await core.setLanguage(where, user.id, values.lang);
        const opening = values.json
          ? []
          : [await core.handle({ kind: "command", where, user, name: "koppeling", args: "check" }), await core.handle({ kind: "command", where, user, name: "koppeling", args: "status" })];
        if (!values.json) console.log(`Demo "${scenario.name}": ${scenario.description}`);
        await runTerminalChat({ core, input: process.stdin, output: process.stdout, json: values.json === true, opening, place: where, userId: user.id });
      } finally {
        await demo.stop();
        await runtime.close();
      }
      return 0;
    }
    case "serve": {
      const running = await serve(config, { log: createJsonLogger(), demo: values.demo === true });
      await waitForShutdownSignal();
      await running.stop();
      return 0;
    }
    case "sync": {
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
      await registerDiscordCommands(config.discord);
      return print("Registered /koppeling for the Discord application (global commands may take a moment to show).", 0);
    }
    case "migrate": {
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
