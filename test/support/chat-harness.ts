/** A scripted chat with the core on the demo koppeling: say things, press buttons, look at the database. */
import { randomBytes } from "node:crypto";
import { startDemo, type RunningDemo } from "../../bot/demo/start-demo.js";
import { loadScenario } from "../../bot/demo/scenario.js";
import { type ConversationCore, createConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { Place } from "../../conversations/core/inbound.js";
import { createHowtoAnswerer } from "../../conversations/flows/howto-flow.js";
import { detectIntent } from "../../conversations/intents/detect-intent.js";
import { type Reply, renderPlainText } from "../../conversations/replies/reply.js";
import { createCredentialCipher } from "../../db/credential-cipher.js";
import type { DatabaseHandle } from "../../db/open-database.js";
import { createConnectorRegistry } from "../../engine/connectors/create-connector-registry.js";
import { type EngineDeps, silentLogger, systemClock } from "../../engine/runtime/engine-deps.js";
import { runSync } from "../../engine/sync/run-sync.js";
import { createTestDatabase } from "./test-database.js";

export interface ChatHarness {
  deps: EngineDeps;
  demo: RunningDemo;
  database: DatabaseHandle;
  core: ConversationCore;
  place: Place;
  /** Sends a message as `user` (default "merchant") and returns the reply with its plain text. */
  send(text: string, user?: string, place?: Place): Promise<Reply & { plain: string }>;
  /** Sends "/koppeling <args>". */
  command(args: string, user?: string, place?: Place): Promise<Reply & { plain: string }>;
  /** Presses the button of `reply` whose label matches. */
  click(reply: Reply, label: RegExp, user?: string, place?: Place): Promise<Reply & { plain: string }>;
  /** A fresh core on the same database, as after a restart. */
  restart(): void;
  close(): Promise<void>;
}

/** Engine dependencies for a demo on `db`: simulators without Moneybird's rate limit, the real clock. */
export function createDemoEngineDeps(db: EngineDeps["db"], workerId: string): EngineDeps {
  return {
    db,
    connectors: createConnectorRegistry({ moneybirdLimit: { requests: 1_000_000, windowMs: 1_000 } }),
    cipher: createCredentialCipher(randomBytes(32)),
    clock: systemClock,
    workerId,
    log: silentLogger,
  };
}

/** Starts a test database with the default demo koppeling, synced once; the chat place is not linked yet. */
export async function startChatHarness(scenario = "default"): Promise<ChatHarness> {
  const database = await createTestDatabase();
  const deps = createDemoEngineDeps(database.db, "chat-test");
  const demo = await startDemo(deps.db, deps.cipher, loadScenario(scenario), new Date());
  await runSync(deps, demo.koppelingId, "demo");
  const makeCore = () => createConversationCore({ engine: deps, understand: detectIntent, answerHowto: createHowtoAnswerer() });
  let core = makeCore();
  const place: Place = { platform: "terminal", id: "shop-channel" };
  const withPlain = (reply: Reply) => ({ ...reply, plain: renderPlainText(reply) });
  const harness: ChatHarness = {
    deps,
    demo,
    database,
    get core() {
      return core;
    },
    place,
    send: async (text, user = "merchant", where = place) => withPlain(await core.handle({ kind: "message", where, user: { id: user }, text })),
    command: async (args, user = "merchant", where = place) => withPlain(await core.handle({ kind: "command", where, user: { id: user }, name: "koppeling", args })),
    click: async (reply, label, user = "merchant", where = place) => {
      const action = reply.actions.find((a) => label.test(a.label));
      if (!action) throw new Error(`No button matching ${label} in: ${reply.actions.map((a) => a.label).join(" | ")}`);
      return withPlain(await core.handle({ kind: "action", where, user: { id: user }, actionId: action.id }));
    },
    restart: () => {
      core = makeCore();
    },
    close: async () => {
      await core.settled();
      await demo.stop();
      await database.close();
    },
  };
  return harness;
}
