/** Part 1: answer latency through the conversation core, for a koppeling with 1,000 sales and one with a million. */
import { sql } from "drizzle-orm";
import { createConversationCore } from "../conversations/core/create-conversation-core.js";
import type { Place } from "../conversations/core/inbound.js";
import { detectIntent } from "../conversations/intents/detect-intent.js";
import { startMoneybirdSimulator } from "../engine/connectors/moneybird/moneybird-simulator.js";
import { startWooCommerceSimulator } from "../engine/connectors/woocommerce/woocommerce-simulator.js";
import { createBenchDatabase } from "./bench-database.js";
import { type Figure, percentile } from "./bench-report.js";
import { type HistoryShape, seedHistory } from "./seed-sales.js";
import { benchEngineDeps, createBenchKoppeling } from "./bench-koppeling.js";

export interface AnswersOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

/** The answers measured, as /koppeling commands; `trace` gets a sale number appended. */
const answers = ["status", "check", "errors", "open", "trace"] as const;
type Answer = (typeof answers)[number];

/** Measures p50/p95 per answer and size; targets: p95 large ≤ 1.5 × p95 small, p95 large ≤ 50 ms. */
export async function benchAnswers(options: AnswersOptions): Promise<Figure[]> {
  // Hourly sync runs are history too: the last run is looked up among tens of thousands.
  const big: HistoryShape = options.quick
    ? { sales: 100_000, rejected: 5_000, open: 1_000, beforeInstall: 500, days: 365, runsPerDay: 24 }
    : { sales: 1_000_000, rejected: 50_000, open: 1_000, beforeInstall: 5_000, days: 1_100, runsPerDay: 24 };
  const small: HistoryShape = { sales: 1_000, rejected: 50, open: 20, beforeInstall: 10, days: 60, runsPerDay: 24 };
  const rounds = options.quick ? 40 : 150;
  const database = await createBenchDatabase(options.serverUrl);
  const shop = await startWooCommerceSimulator({ customStatuses: [] });
  const books = await startMoneybirdSimulator({ rateLimit: false });
  try {
    const deps = benchEngineDeps(database.db, { workerId: "bench", moneybirdLimit: { requests: 1_000_000, windowMs: 1_000 } });
    const now = new Date();
    const make = async (label: string, shape: HistoryShape) => {
      const { id, licenseKey } = await createBenchKoppeling(deps, {
        name: `Bench ${label}`,
        installedAt: new Date(now.getTime() - (shape.days - 2) * 86_400_000),
        systems: { shopUrl: shop.url, moneybirdBaseUrl: books.baseUrl, token: books.token },
      });
      const started = performance.now();
      await seedHistory(deps.db, id, shape, now);
      options.log(`  seeded ${shape.sales.toLocaleString("en")} sales (${shape.rejected.toLocaleString("en")} rejected) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return { label, shape, id, licenseKey, place: { platform: "terminal", id: `bench-${label}` } satisfies Place };
    };
    const koppelingen = [await make("small", small), await make("large", big)];
    await database.db.execute(sql`vacuum analyze`);

    const core = createConversationCore({ engine: deps, understand: detectIntent });
    const user = { id: "merchant" };
    for (const k of koppelingen) await core.handle({ kind: "message", where: k.place, user, text: `link ${k.licenseKey}` });
    const ask = (k: (typeof koppelingen)[number], answer: Answer, round: number) => {
      const number = 100001 + Math.floor(((round * 7919) % 997) / 997 * (k.shape.sales - 1));
      const args = answer === "trace" ? `trace ${number}` : answer;
      return core.handle({ kind: "command", where: k.place, user, name: "koppeling", args });
    };
    const samples = new Map<string, number[]>();
    for (let round = -5; round < rounds; round++) {
      for (const answer of answers) {
        // The checklist calls both simulators (five HTTP requests): every other round is enough for its percentiles.
        if (answer === "check" && round % 2 !== 0) continue;
        for (const k of round % 2 === 0 ? koppelingen : [...koppelingen].reverse()) {
          const started = performance.now();
          const reply = await ask(k, answer, round);
          const ms = performance.now() - started;
          if (reply.intent === "unknown") throw new Error(`/koppeling ${answer} was not understood`);
          if (round < 0) continue;
          const key = `${answer}:${k.label}`;
          samples.set(key, [...(samples.get(key) ?? []), ms]);
        }
      }
    }
    return answers.flatMap((answer) => answerFigures(answer, samples, koppelingen[0]!.shape.sales, koppelingen[1]!.shape.sales));
  } finally {
    await Promise.all([shop.close(), books.close()]);
    await database.close();
  }
}

function answerFigures(answer: Answer, samples: Map<string, number[]>, smallSize: number, largeSize: number): Figure[] {
  const small = samples.get(`${answer}:small`) ?? [];
  const large = samples.get(`${answer}:large`) ?? [];
  const part = "1 answers";
  const size = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
  const p95Small = percentile(small, 95);
  const p95Large = percentile(large, 95);
  const ratio = p95Large / p95Small;
  return [
    { part, name: `${answer} p50 @${size(smallSize)}`, value: percentile(small, 50), unit: "ms", target: null, met: null },
    { part, name: `${answer} p95 @${size(smallSize)}`, value: p95Small, unit: "ms", target: null, met: null },
    { part, name: `${answer} p50 @${size(largeSize)}`, value: percentile(large, 50), unit: "ms", target: null, met: null },
    { part, name: `${answer} p95 @${size(largeSize)}`, value: p95Large, unit: "ms", target: "≤ 50 ms", met: p95Large <= 50 },
    { part, name: `${answer} p95 ratio ${size(largeSize)}/${size(smallSize)}`, value: ratio, unit: "×", target: "≤ 1.5", met: ratio <= 1.5, note: `${small.length}+${large.length} samples` },
  ];
}
