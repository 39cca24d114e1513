/** `koppelbot` / `npm start`: the demo koppeling on its simulators, its opening (checklist and status), then the terminal chat. */
import { linkPlace } from "../../conversations/state/chat-links.js";
import { grantOwner } from "../../conversations/state/chat-roles.js";
import type { Logger } from "../../engine/runtime/engine-deps.js";
import { runSync } from "../../engine/sync/run-sync.js";
import type { AppConfig } from "../config.js";
import { loadScenario } from "../demo/scenario.js";
import { startDemo } from "../demo/start-demo.js";
import { createCore, createRuntime } from "../main.js";
import { runTerminalChat } from "./terminal-chat.js";

export interface TerminalDemoOptions {
  log: Logger;
  /** A built-in scenario name or a JSON file. */
  scenario: string;
  /** One JSON object per reply, without the opening. */
  json: boolean;
  lang?: "nl" | "en";
}

/** Runs the demo chat until stdin ends; returns the exit code. */
export async function runTerminalDemo(config: AppConfig, options: TerminalDemoOptions): Promise<number> {
  const scenario = loadScenario(options.scenario);
  const runtime = await createRuntime(config, { log: options.log, demo: true });
  try {
    const demo = await startDemo(runtime.deps.db, runtime.deps.cipher, scenario, runtime.deps.clock.now());
    try {
      await runSync(runtime.deps, demo.koppelingId, "demo");
      await linkPlace(runtime.deps.db, "terminal", "local", scenario.koppeling.licenseKey, "terminal:local", runtime.deps.clock.now());
      await grantOwner(runtime.deps.db, { platform: "terminal", workspace: "", userId: "local-user" }, demo.koppelingId, "terminal:local", runtime.deps.clock.now());
      const core = createCore(runtime);
      const where = { platform: "terminal" as const, id: "local" };
      const user = { id: "local-user" };
      if (options.lang) await core.setLanguage(where, user.id, options.lang);
      const opening = options.json
        ? []
        : [await core.handle({ kind: "command", where, user, name: "koppeling", args: "check" }), await core.handle({ kind: "command", where, user, name: "koppeling", args: "status" })];
      if (!options.json) console.log(`Demo "${scenario.name}": ${scenario.description}`);
      // A signal ends the chat the way the end of input does: the finally blocks below still close the
      // demo and the embedded database, so the next start needs no recovery.
      const stopped = new AbortController();
      const stop = () => stopped.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        await runTerminalChat({ core, input: process.stdin, output: process.stdout, json: options.json, opening, place: where, userId: user.id, signal: stopped.signal });
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      }
    } finally {
      await demo.stop();
    }
  } finally {
    await runtime.close();
  }
  return 0;
}
