/** The configuration tab of a koppeling (domain/koppeling.md, "Configuration"), validated with zod. */
import { z } from "zod";

/** The ledger roles a sale's lines are booked on. */
export const ledgerRoles = ["revenue", "shipping", "paymentCosts", "discount"] as const;
export type LedgerRole = (typeof ledgerRoles)[number];

export const koppelingConfigSchema = z.object({
  /** The administration (division) in the accounting system; null until chosen. */
  administrationId: z.string().nullable().default(null),
  /** What is read from the shop and what is created in accounting. */
  contract: z
    .object({ read: z.enum(["paid_orders", "orders", "invoices"]), create: z.enum(["invoice"]) })
    .nullable()
    .default({ read: "orders", create: "invoice" }),
  /** The shop statuses whose sales are transferred (ticked). */
  statuses: z.array(z.string()).default([]),
  /** VAT rate in basis points (as a string key, "900" for 9%) → VAT code id in accounting. */
  vatMapping: z.record(z.string().regex(/^\d+$/), z.string()).default({}),
  /** Ledger account ids per role; null when not set. */
  ledgers: z
    .object({
      revenue: z.string().nullable().default(null),
      shipping: z.string().nullable().default(null),
      paymentCosts: z.string().nullable().default(null),
      discount: z.string().nullable().default(null),
    })
    .default({ revenue: null, shipping: null, paymentCosts: null, discount: null }),
  /** How the debtor of a sale is chosen. */
  debtorStrategy: z.enum(["per_customer", "fixed"]).default("per_customer"),
  /** The debtor every sale is booked on when the strategy is "fixed". */
  fixedDebtorId: z.string().nullable().default(null),
});

/** A koppeling's configuration after validation and defaults. */
export type KoppelingConfig = z.infer<typeof koppelingConfigSchema>;

/** Parses stored settings, filling defaults for anything absent. */
export function parseKoppelingConfig(settings: unknown): KoppelingConfig {
  return koppelingConfigSchema.parse(settings ?? {});
}

/** The mapping key of a VAT rate: basis points as a string. */
export function vatRateKey(rateBp: number): string {
  return String(rateBp);
}
