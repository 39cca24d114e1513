/** Generates a believable month of webshop orders for the demo shop, deterministically from a seed. */
import type { WooOrderSpec } from "../../engine/connectors/woocommerce/build-woo-order.js";
import { demoBusinessCustomers, demoCustomers, demoProducts } from "./demo-catalogue.js";
import { createSeededRandom } from "./seeded-random.js";

/** How many orders of which kind; all dates are relative to `now`. */
export interface DemoOrderPlan {
  seed: number;
  /** Orders after the install moment. */
  orders: number;
  /** Orders created in the days before the install moment (not processed). */
  beforeInstall: number;
  /** Spread of the orders: from `installedDaysAgo` days ago until now. */
  installedDaysAgo: number;
  /** Relative weights of the shop statuses. */
  statuses: Record<string, number>;
  /** EU B2B orders at 0% (ICP), with a well-formed and with a malformed VAT number. */
  euB2b: { valid: number; invalid: number };
  /** Orders above this amount ship for free (cents excl. VAT); below it shipping is 4.95 + 21%. */
  freeShippingFromCents: number;
  /** Share of orders with a 9% product (books, food). */
  lowRateShare: number;
}

const DAY_MS = 86_400_000;

/** Builds the order specs of the plan, numbered from 1001 in order of creation. */
export function generateDemoOrders(plan: DemoOrderPlan, now: Date): WooOrderSpec[] {
  const random = createSeededRandom(plan.seed);
  const installedAt = now.getTime() - plan.installedDaysAgo * DAY_MS;
  const moments: Array<{ at: number; kind: "consumer" | "b2b-valid" | "b2b-invalid" }> = [];
  for (let i = 0; i < plan.beforeInstall; i++) moments.push({ at: installedAt - random.int(1, 6) * DAY_MS - random.int(0, 86_000) * 1000, kind: "consumer" });
  const span = now.getTime() - installedAt - 3_600_000;
  for (let i = 0; i < plan.orders; i++) moments.push({ at: installedAt + Math.floor(random.next() * span), kind: "consumer" });
  for (let i = 0; i < plan.euB2b.valid; i++) moments.push({ at: installedAt + Math.floor(random.next() * span), kind: "b2b-valid" });
  for (let i = 0; i < plan.euB2b.invalid; i++) moments.push({ at: now.getTime() - random.int(2, 9) * DAY_MS, kind: "b2b-invalid" });
  moments.sort((a, b) => a.at - b.at);

  return moments.map((moment, index) => {
    const id = 1001 + index;
    const createdAt = new Date(moment.at);
    const ageDays = (now.getTime() - moment.at) / DAY_MS;
    // Older orders have mostly been completed; fresh ones are still being processed.
    const status = ageDays > 10 && random.next() < 0.6 ? "completed" : random.weighted(plan.statuses);
    if (moment.kind !== "consumer") return businessOrder(id, createdAt, moment.kind === "b2b-valid", random);
    const [first, last, city, postcode] = random.pick(demoCustomers);
    const items = pickItems(random, plan.lowRateShare);
    const subtotal = items.reduce((sum, item) => sum + Math.round(Number(item.price) * 100) * (item.quantity ?? 1), 0);
    return {
      id,
      status,
      createdAt,
      items,
      ...(subtotal < plan.freeShippingFromCents ? { shipping: { title: "PostNL", total: "4.09", vatRate: 21 } } : {}),
      billing: {
        firstName: first,
        lastName: last,
        email: `${first}.${last}`.toLowerCase().replace(/\s+/g, "") + "@example.nl",
        country: "NL",
        address1: `Dorpsstraat ${random.int(1, 200)}`,
        postcode,
        city,
      },
      paymentMethod: random.next() < 0.7 ? { id: "ideal", title: "iDEAL" } : { id: "bacs", title: "Bankoverschrijving" },
    } satisfies WooOrderSpec;
  });
}

function pickItems(random: ReturnType<typeof createSeededRandom>, lowRateShare: number): WooOrderSpec["items"] {
  const high = demoProducts.filter((p) => p.vatRate === 21);
  const low = demoProducts.filter((p) => p.vatRate === 9);
  const items: WooOrderSpec["items"] = [];
  const count = random.int(1, 3);
  const wantsLow = random.next() < lowRateShare;
  for (let i = 0; i < count; i++) {
    const product = wantsLow && i === 0 ? random.pick(low) : random.pick(high);
    if (items.some((item) => item.sku === product.sku)) continue;
    items.push({ name: product.name, sku: product.sku, price: product.price, vatRate: product.vatRate, quantity: random.next() < 0.2 ? 2 : 1 });
  }
  return items;
}

function businessOrder(id: number, createdAt: Date, validVat: boolean, random: ReturnType<typeof createSeededRandom>): WooOrderSpec {
  const customer = random.pick(demoBusinessCustomers);
  return {
    id,
    status: "completed",
    createdAt,
    items: [
      { name: "Wollen plaid antraciet", sku: "PL-001", price: "49.55", vatRate: 0, quantity: random.int(4, 12) },
      { name: "Linnen tafelkleed", sku: "TK-220", price: "41.28", vatRate: 0, quantity: random.int(2, 6) },
    ],
    shipping: { title: "DHL Europe", total: "24.50", vatRate: 0 },
    billing: {
      firstName: "Inkoop",
      lastName: "Afdeling",
      company: customer.company,
      email: `inkoop@${customer.company.split(" ")[0]!.toLowerCase()}.example`,
      country: customer.country,
      city: customer.city,
    },
    vatNumber: validVat ? customer.validVat : customer.invalidVat,
    vatNumberMetaKey: "_billing_eu_vat_number",
    paymentMethod: { id: "bacs", title: "Bankoverschrijving" },
  };
}
