/** The `koppelbot` command: demo (default), sync, migrate. */
import { parseArgs } from "node:util";
import { koppelingen } from "../db/schema.js";
import { checkKoppeling } from "../engine/checklist/check-koppeling.js";
import { createJsonLogger, silentLogger } from "../engine/runtime/engine-deps.js";
import { getStatus } from "../engine/status/get-status.js";
import { runSync } from "../engine/sync/run-sync.js";
import { ConfigError, loadConfig } from "./config.js";
import { formatChecklistText, formatStatusText } from "./console/format-checklist-text.js";
import { startDemo } from "./demo/start-demo.js";
import { ScenarioError, loadScenario } from "./demo/scenario.js";
import { createRuntime } from "./main.js";

const usage = `koppelbot — support and configuration assistant for webshop-to-accounting koppelingen

Usage:
  koppelbot [demo] [--scenario NAME|FILE]   start the demo koppeling, sync it, show checklist and status
  koppelbot sync                            run one sync of every koppeling in the database
  koppelbot migrate                         bring the database schema up to date
  koppelbot --help

Scenarios: default, fresh-install, expired-token, or a JSON file (see README).
Environment: DATABASE_URL (unset: embedded database in ./.koppelbot), KOPPELBOT_SECRET_KEY.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { scenario: { type: "string" }, help: { type: "boolean", short: "h" }, verbose: { type: "boolean" } },
  });
  if (values.help) return print(usage, 0);
  const command = positionals[0] ?? "demo";
  const config = loadConfig(process.env);
  const log = values.verbose ? createJsonLogger() : silentLogger;

  switch (command) {
    case "demo":
    case "chat": {
      const scenario = loadScenario(values.scenario ?? "default");
      const runtime = await createRuntime(config, { log, demo: true });
      const demo = await startDemo(runtime.deps.db, runtime.deps.cipher, scenario, runtime.deps.clock.now());
      try {
        console.log(`Demo "${scenario.name}": ${scenario.description}\n`);
        await runSync(runtime.deps, demo.koppelingId, "demo");
        const checklist = await checkKoppeling(runtime.deps, demo.koppelingId);
        console.log(formatChecklistText(checklist));
        console.log("");
        console.log(formatStatusText(await getStatus(runtime.deps.db, demo.koppelingId, runtime.deps.clock.now())));
      } finally {
        await demo.stop();
        await runtime.close();
      }
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
    case "migrate": {
      const runtime = await createRuntime(config, { log });
      await runtime.close();
      return print(`Database is up to date (${runtime.database.driver}).`, 0);
    }
    default:
      return print(`Unknown command "${command}".\n\n${usage}`, 2);
  }
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
