/** A scripted chat on the demo koppeling with the LLM wired to the fake OpenAI server, and a second koppeling nobody may read. */
import { createConversationCore, type ConversationCore } from "../../../conversations/core/create-conversation-core.js";
import type { Reply } from "../../../conversations/replies/reply.js";
import { renderPlainText } from "../../../conversations/replies/reply.js";
import { createHowtoAnswerer } from "../../../conversations/flows/howto-flow.js";
import { detectIntent } from "../../../conversations/intents/detect-intent.js";
import { createLlmInterpreter } from "../../../conversations/llm/interpret-with-llm.js";
import type { LlmCallRecord } from "../../../conversations/llm/llm-usage.js";
import { createOpenAiProvider } from "../../../conversations/llm/openai-provider.js";
import { correctConfig } from "../../support/engine-harness.js";
import { type MoneybirdSimulator, startMoneybirdSimulator } from "../../../engine/connectors/moneybird/moneybird-simulator.js";
import { type WooCommerceSimulator, startWooCommerceSimulator } from "../../../engine/connectors/woocommerce/woocommerce-simulator.js";
import { createKoppeling } from "../../../engine/koppelingen/koppeling-repository.js";
import { runSync } from "../../../engine/sync/run-sync.js";
import { type ChatHarness, startChatHarness } from "../../support/chat-harness.js";
import { type FakeOpenAi, startFakeOpenAi } from "../../support/fake-openai.js";

/** The API key the provider sends to the fake (a header, never in a body). */
export const FAKE_API_KEY = "sk-test-fake-openai-key-0000";

/** The other koppeling: its key, sale numbers and customer must never show up anywhere. */
export const other = { licenseKey: "KB-OTHR-0002", name: "Andere Winkel", customer: "Geheime Klant", numbers: ["9001", "9002", "9003"], token: "other-moneybird-token-7f3a" };

export interface LlmChat {
  chat: ChatHarness;
  fake: FakeOpenAi;
  calls: LlmCallRecord[];
  otherShop: WooCommerceSimulator;
  otherBooks: MoneybirdSimulator;
  otherKoppelingId: string;
  send(text: string, user?: string): Promise<Reply & { plain: string }>;
  click(reply: Reply, label: RegExp, user?: string): Promise<Reply & { plain: string }>;
  close(): Promise<void>;
}

export interface LlmChatOptions {
  timeoutMs?: number;
  maxRetries?: number;
}

/** Starts the demo (linked by "merchant"), the fake OpenAI server, and the other koppeling with three synced sales. */
export async function startLlmChat(options: LlmChatOptions = {}): Promise<LlmChat> {
  const chat = await startChatHarness();
  const fake = await startFakeOpenAi();
  const calls: LlmCallRecord[] = [];
  const provider = createOpenAiProvider({ apiKey: FAKE_API_KEY, baseUrl: fake.baseUrl, model: "fake-model", timeoutMs: options.timeoutMs ?? 5_000, maxRetries: options.maxRetries ?? 0 });
  const core: ConversationCore = createConversationCore({
    engine: chat.deps,
    understand: detectIntent,
    answerHowto: createHowtoAnswerer(),
    interpret: createLlmInterpreter({ provider, recordCall: (call) => calls.push(call) }),
  });
  const otherShop = await startWooCommerceSimulator({ credentials: { consumerKey: "ck_otherwinkel", consumerSecret: "cs_otherwinkel" } });
  const otherBooks = await startMoneybirdSimulator({ rateLimit: false, token: other.token });
  const otherKoppelingId = await createKoppeling(chat.deps.db, chat.deps.cipher, {
    name: other.name,
    licenseKey: other.licenseKey,
    installedAt: new Date(Date.now() - 7 * 86_400_000),
    sales: { system: "woocommerce", baseUrl: otherShop.url, credentials: { consumerKey: "ck_otherwinkel", consumerSecret: "cs_otherwinkel" } },
    accounting: { system: "moneybird", baseUrl: otherBooks.baseUrl, credentials: { token: otherBooks.token } },
    config: correctConfig(),
  });
  for (const number of other.numbers) {
    otherShop.createOrder({ id: Number(number), status: "processing", createdAt: new Date(Date.now() - 86_400_000), items: [{ name: "Geheim product", price: "10.00", vatRate: 9 }], billing: { firstName: "Geheime", lastName: "Klant", email: "geheim@example.nl", country: "NL" } });
  }
  const synced = await runSync(chat.deps, otherKoppelingId, "test");
  if (synced.fetched !== other.numbers.length) throw new Error(`the other koppeling's sync fetched ${synced.fetched} sales`);
  otherShop.requests.length = 0;
  otherBooks.requests.length = 0;
  const withPlain = (reply: Reply) => ({ ...reply, plain: renderPlainText(reply) });
  const send = async (text: string, user = "merchant") => withPlain(await core.handle({ kind: "message", where: chat.place, user: { id: user }, text }));
  await send("link KB-DEMO-0001");
  return {
    chat,
    fake,
    calls,
    otherShop,
    otherBooks,
    otherKoppelingId,
    send,
    click: async (reply, label, user = "merchant") => {
      const action = reply.actions.find((a) => label.test(a.label));
      if (!action) throw new Error(`No button matching ${label} in: ${reply.actions.map((a) => a.label).join(" | ")}`);
      return withPlain(await core.handle({ kind: "action", where: chat.place, user: { id: user }, actionId: action.id }));
    },
    close: async () => {
      await Promise.all([fake.close(), otherShop.close(), otherBooks.close()]);
      await chat.close();
    },
  };
}

/** The secrets that must never appear in a request body to the model. */
export function secretsOf(llm: LlmChat): string[] {
  return ["KB-DEMO-0001", other.licenseKey, "ck_simulator", "cs_simulator", "ck_otherwinkel", "cs_otherwinkel", llm.chat.demo.books.token, other.token, FAKE_API_KEY];
}
