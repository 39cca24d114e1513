/**
 * The simulators in a process of their own, so the engine's process measures only the engine: a
 * WooCommerce shop with generated orders and a Moneybird administration. Prints one JSON line with
 * the addresses; on stdin "stats" prints Moneybird's requests per rate-limit window; exits when stdin ends.
 */
import { createInterface } from "node:readline";
import { startMoneybirdSimulator } from "../engine/connectors/moneybird/moneybird-simulator.js";
import { buildWooOrder } from "../engine/connectors/woocommerce/build-woo-order.js";
import { startWooCommerceSimulator } from "../engine/connectors/woocommerce/woocommerce-simulator.js";

/** What the parent asks for (argv[2], JSON). */
export interface SimulatorsSpec {
  orders: number;
  /** Distinct customer e-mail addresses the orders are spread over. */
  customers: number;
  /** ISO time of the first order; the others follow one second apart. */
  firstOrderAt: string;
  rateLimit: { requests: number; windowMs: number } | false;
}

/** What the child prints once it listens. */
export interface SimulatorsAddress {
  shopUrl: string;
  moneybirdBaseUrl: string;
  token: string;
  administrationId: string;
}

const spec = JSON.parse(process.argv[2] ?? "{}") as SimulatorsSpec;
const first = Date.parse(spec.firstOrderAt);
const orders = Array.from({ length: spec.orders }, (_, i) =>
  buildWooOrder({
    id: i + 1,
    status: "processing",
    createdAt: new Date(first + i * 1_000),
    items: [{ name: "Geurkaars", price: `${10 + (i % 40)}.00`, vatRate: 21 }],
    shipping: { total: "4.95", vatRate: 21 },
    billing: { firstName: "Klant", lastName: String(i % spec.customers), email: `klant${i % spec.customers}@example.nl`, country: "NL" },
  }),
);
const shop = await startWooCommerceSimulator({ orders });
const books = await startMoneybirdSimulator({ rateLimit: spec.rateLimit });

// Requests per window of the simulator's limiter (epoch-aligned), counted from the request log,
// which is emptied as it is read so a long run does not keep every request in memory.
const windowMs = spec.rateLimit ? spec.rateLimit.windowMs : 1_000;
const perWindow = new Map<number, number>();
let moneybirdRequests = 0;
let shopRequests = 0;
const tally = () => {
  const window = Math.floor(Date.now() / windowMs);
  const count = books.requests.filter((r) => r.status !== 429).length;
  books.requests.splice(0);
  moneybirdRequests += count;
  shopRequests += shop.requests.length;
  shop.requests.splice(0);
  if (count > 0) perWindow.set(window, (perWindow.get(window) ?? 0) + count);
};
const ticker = setInterval(tally, 5);

const address: SimulatorsAddress = { shopUrl: shop.url, moneybirdBaseUrl: books.baseUrl, token: books.token, administrationId: books.administrationId };
process.stdout.write(`${JSON.stringify(address)}\n`);

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line.trim() !== "stats") return;
  tally();
  const stats = { windowMs, windows: [...perWindow.entries()].sort((a, b) => a[0] - b[0]), rateLimited: books.stats.rateLimited, moneybirdRequests, shopRequests };
  process.stdout.write(`${JSON.stringify(stats)}\n`);
});
lines.on("close", () => {
  clearInterval(ticker);
  void Promise.all([shop.close(), books.close()]).then(() => process.exit(0));
});
