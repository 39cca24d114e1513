/** Two merchants on one database: the demo koppeling in one Slack channel and "Atelier Zwartwit" in another. */
import { loadScenario } from "../../bot/demo/scenario.js";
import { type RunningDemo, startDemo } from "../../bot/demo/start-demo.js";
import { type ConversationCore, createConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { Inbound, Place } from "../../conversations/core/inbound.js";
import { createHowtoAnswerer } from "../../conversations/flows/howto-flow.js";
import { detectIntent } from "../../conversations/intents/detect-intent.js";
import { type Reply, renderPlainText } from "../../conversations/replies/reply.js";
import type { DatabaseHandle } from "../../db/open-database.js";
import { type MoneybirdSimulator, startMoneybirdSimulator } from "../../engine/connectors/moneybird/moneybird-simulator.js";
import { type WooCommerceSimulator, startWooCommerceSimulator } from "../../engine/connectors/woocommerce/woocommerce-simulator.js";
import { createKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import type { EngineDeps } from "../../engine/runtime/engine-deps.js";
import { runSync } from "../../engine/sync/run-sync.js";
import { type CapturingLogger, createCapturingLogger } from "./chaos-logger.js";
import { createDemoEngineDeps } from "./chat-harness.js";
import { correctConfig, seedIds } from "./engine-harness.js";
import { createTestDatabase } from "./test-database.js";

/** Merchant B's secrets and facts, distinct from the demo's, so a leak is recognisable. */
export const zwartwit = {
  name: "Atelier Zwartwit",
  licenseKey: "KB-ZWRT-4242-QX9P",
  consumerKey: "ck_zwartwit_8f3c1a9e77",
  consumerSecret: "cs_zwartwit_51d0be44c2",
  token: "mb_zwartwit_token_e61f02d9",
  customer: "Quirijn Blaauwhoed",
  email: "quirijn@zwartwit.example",
  /** Sale numbers 7001–7012; amounts 777,77 (21%, transferred) and 333,33 (9%, rejected: not mapped). */
  numbers: Array.from({ length: 12 }, (_, i) => String(7001 + i)),
};

export const demoLicenseKey = "KB-DEMO-0001";

export interface TwoMerchants {
  deps: EngineDeps;
  log: CapturingLogger;
  database: DatabaseHandle;
  core: ConversationCore;
  demo: RunningDemo;
  zwartwit: { koppelingId: string; shop: WooCommerceSimulator; books: MoneybirdSimulator };
  places: { demo: Place; zwartwit: Place };
  /** Sends an inbound and returns the reply with its plain text. */
  send(inbound: Inbound): Promise<Reply & { plain: string }>;
  say(where: Place, user: string, text: string): Promise<Reply & { plain: string }>;
  command(where: Place, user: string, args: string): Promise<Reply & { plain: string }>;
  click(where: Place, user: string, actionId: string): Promise<Reply & { plain: string }>;
  close(): Promise<void>;
}

/** Starts both koppelingen, syncs them once and links each channel by its owner (U-DEMO, U-ZW). */
export async function startTwoMerchants(): Promise<TwoMerchants> {
  const database = await createTestDatabase();
  const log = createCapturingLogger();
  const deps = { ...createDemoEngineDeps(database.db, "chaos"), log };
  const demo = await startDemo(deps.db, deps.cipher, loadScenario("default"), new Date());
  await runSync(deps, demo.koppelingId, "demo");

  const shop = await startWooCommerceSimulator({ credentials: { consumerKey: zwartwit.consumerKey, consumerSecret: zwartwit.consumerSecret } });
  const books = await startMoneybirdSimulator({ rateLimit: false, token: zwartwit.token });
  const installedAt = new Date(Date.now() - 10 * 86_400_000);
  zwartwit.numbers.forEach((number, i) =>
    shop.createOrder({
      id: Number(number),
      status: "processing",
      createdAt: new Date(installedAt.getTime() + (i + 1) * 3_600_000),
      items: [i % 3 === 2 ? { name: "Linnen servet", price: "333.33", vatRate: 9 } : { name: "Keramieken vaas", price: "777.77", vatRate: 21 }],
      billing: { firstName: "Quirijn", lastName: "Blaauwhoed", email: zwartwit.email, country: "NL" },
    }),
  );
  const koppelingId = await createKoppeling(deps.db, deps.cipher, {
    name: zwartwit.name,
    licenseKey: zwartwit.licenseKey,
    installedAt,
    sales: { system: "woocommerce", baseUrl: shop.url, credentials: { consumerKey: zwartwit.consumerKey, consumerSecret: zwartwit.consumerSecret } },
    accounting: { system: "moneybird", baseUrl: books.baseUrl, credentials: { token: zwartwit.token } },
    config: { ...correctConfig(), vatMapping: { "2100": seedIds.vat21 } },
  });
  await runSync(deps, koppelingId, "chaos");

  const core = createConversationCore({ engine: deps, understand: detectIntent, answerHowto: createHowtoAnswerer() });
  const places = {
    demo: { platform: "slack", id: "T-DEMO/C-DEMO", workspace: "T-DEMO" } as Place,
    zwartwit: { platform: "slack", id: "T-ZW/C-ZW", workspace: "T-ZW" } as Place,
  };
  const send = async (inbound: Inbound) => {
    const reply = await core.handle(inbound);
    return { ...reply, plain: renderPlainText(reply) };
  };
  const merchants: TwoMerchants = {
    deps,
    log,
    database,
    core,
    demo,
    zwartwit: { koppelingId, shop, books },
    places,
    send,
    say: (where, user, text) => send({ kind: "message", where, user: { id: user }, text }),
    command: (where, user, args) => send({ kind: "command", where, user: { id: user }, name: "koppeling", args }),
    click: (where, user, actionId) => send({ kind: "action", where, user: { id: user }, actionId }),
    close: async () => {
      await core.settled();
      await Promise.all([demo.stop(), shop.close(), books.close()]);
      await database.close();
    },
  };
  await merchants.say(places.demo, "U-DEMO", `link ${demoLicenseKey}`);
  await merchants.say(places.zwartwit, "U-ZW", `link ${zwartwit.licenseKey}`);
  return merchants;
}
