/** The composition root: config → database → engine dependencies. Reads top to bottom like a table of contents. */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createCredentialCipher } from "../db/credential-cipher.js";
import { type DatabaseHandle, openDatabase } from "../db/open-database.js";
import { resolveSecretKey } from "../db/secret-key.js";
import { createConnectorRegistry } from "../engine/connectors/create-connector-registry.js";
import { type EngineDeps, type Logger, systemClock } from "../engine/runtime/engine-deps.js";
import { type ConversationCore, createConversationCore } from "../conversations/core/create-conversation-core.js";
import { createHowtoAnswerer } from "../conversations/flows/howto-flow.js";
import { detectIntent } from "../conversations/intents/detect-intent.js";
import { createLlmInterpreter } from "../conversations/llm/interpret-with-llm.js";
import { createRulesOnlyProvider, type LlmProvider } from "../conversations/llm/llm-provider.js";
import type { AppConfig } from "./config.js";

/** Everything a koppelbot process runs on. */
export interface Runtime {
  config: AppConfig;
  database: DatabaseHandle;
  deps: EngineDeps;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log: Logger;
  /** The demo's simulators run without Moneybird's rate limit; production keeps it. */
  demo?: boolean;
}

/** Opens the database (migrating it) and wires the engine. */
export async function createRuntime(config: AppConfig, options: RuntimeOptions): Promise<Runtime> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, "db") });
  const cipher = createCredentialCipher(resolveSecretKey(config.secretKey, config.dataDir));
  const connectors = createConnectorRegistry(options.demo ? { moneybirdLimit: { requests: 1_000_000, windowMs: 1_000 } } : {});
  const deps: EngineDeps = {
    db: database.db,
    connectors,
    cipher,
    clock: systemClock,
    workerId: `koppelbot-${process.pid}-${randomUUID().slice(0, 8)}`,
    log: options.log,
  };
  return { config, database, deps, close: () => database.close() };
}

/** The conversation core every platform talks to: rules first, the LLM for what they are unsure of when configured. */
export function createCore(runtime: Runtime): ConversationCore {
  const interpret = createLlmInterpreter({ provider: createLlmProvider(runtime.config.openai) });
  return createConversationCore({ engine: runtime.deps, understand: detectIntent, answerHowto: createHowtoAnswerer(), interpret });
}

/** OpenAI (a key) or an OpenAI-compatible server (a base URL); neither → rules only. */
function createLlmProvider(openai: AppConfig["openai"]): LlmProvider {
  if (!openai.apiKey && !openai.baseUrl) return createRulesOnlyProvider();
  // The SDK is loaded with the first completion, not at start-up (it costs ~10 MB and ~0.1 s to load).
  let provider: Promise<LlmProvider> | undefined;
  return {
    enabled: true,
    complete: async (request) => {
      provider ??= import("../conversations/llm/openai-provider.js").then(({ createOpenAiProvider }) => createOpenAiProvider(openai));
      return (await provider).complete(request);
    },
  };
}
