/** The scenario format of the demo: shop orders and statuses, accounting master data, the koppeling, faults. */
import { readFileSync } from "node:fs";
import { projectPath } from "../../db/project-path.js";
import { z } from "zod";

const amount = z.string().regex(/^\d+(\.\d{1,2})?$/, "an amount such as \"12.50\"");

const orderSchema = z.object({
  number: z.string().regex(/^\d+$/, "a number such as \"2001\""),
  status: z.string().default("processing"),
  daysAgo: z.number().min(0),
  items: z.array(z.object({ name: z.string(), price: amount, vatRate: z.number().nullable().default(21), quantity: z.number().int().positive().default(1) })).min(1),
  shipping: z.object({ total: amount, vatRate: z.number().nullable().default(21) }).optional(),
  customer: z
    .object({ firstName: z.string().default("Jan"), lastName: z.string().default("de Vries"), email: z.string().optional(), company: z.string().optional(), country: z.string().length(2).default("NL") })
    .default({ firstName: "Jan", lastName: "de Vries", country: "NL" }),
  vatNumber: z.string().optional(),
});

/** A demo scenario as written in a JSON file (README, "Demo scenarios"). */
export const scenarioSchema = z.object({
  name: z.string(),
  description: z.string().default(""),
  koppeling: z.object({
    name: z.string().default("Demo Webwinkel"),
    licenseKey: z.string().default("KB-DEMO-0001"),
    installedDaysAgo: z.number().min(0).default(28),
    configurationSaved: z.boolean().default(true),
    configuration: z.object({
      statuses: z.array(z.string()).default([]),
      /** VAT percentage ("21", "9", "0") → name of the tax rate in Moneybird ("21% btw"). */
      vatMapping: z.record(z.string().regex(/^\d+(\.\d+)?$/), z.string()).default({}),
      /** Ledger role → ledger code in Moneybird ("8000"). */
      ledgers: z.object({ revenue: z.string().optional(), shipping: z.string().optional(), paymentCosts: z.string().optional() }).default({}),
    }),
  }),
  shop: z.object({
    customStatuses: z.array(z.object({ slug: z.string(), name: z.string() })).default([]),
    generate: z
      .object({
        seed: z.number().int().default(1),
        orders: z.number().int().min(0),
        beforeInstall: z.number().int().min(0).default(0),
        statuses: z.record(z.string(), z.number().min(0)).default({ completed: 1 }),
        euB2b: z.object({ valid: z.number().int().min(0).default(0), invalid: z.number().int().min(0).default(0) }).default({ valid: 0, invalid: 0 }),
        freeShippingFrom: amount.default("75.00"),
        lowRateShare: z.number().min(0).max(1).default(0.3),
      })
      .optional(),
    orders: z.array(orderSchema).default([]),
  }),
  accounting: z
    .object({
      /** "expired": the stored token is refused, as when a Moneybird token was revoked. */
      token: z.enum(["valid", "expired"]).default("valid"),
    })
    .default({ token: "valid" }),
  faults: z
    .array(
      z.object({
        system: z.enum(["woocommerce", "moneybird"]),
        method: z.enum(["GET", "POST"]).optional(),
        /** A part of the request path, e.g. "external_sales_invoices". */
        path: z.string().optional(),
        status: z.number().int().min(400).max(599),
        times: z.number().int().positive().default(1),
      }),
    )
    .default([]),
});

/** A parsed scenario. */
export type Scenario = z.infer<typeof scenarioSchema>;

/** Thrown with a readable list of what is wrong in a scenario file. */
export class ScenarioError extends Error {}

/** The scenarios shipped with koppelbot, by name. */
export const builtInScenarios = ["default", "fresh-install", "expired-token"] as const;

/** Reads a scenario: a built-in name or a path to a JSON file. */
export function loadScenario(nameOrPath: string): Scenario {
  const file = (builtInScenarios as readonly string[]).includes(nameOrPath)
    ? projectPath(`bot/demo/scenarios/${nameOrPath}.json`)
    : nameOrPath;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ScenarioError(`Cannot read the scenario file ${file}. Built-in scenarios: ${builtInScenarios.join(", ")}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`The scenario file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".") || "(top)"}: ${issue.message}`);
    throw new ScenarioError(`The scenario file ${file} is not valid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
