/** A sale as the sales system delivers it, in the engine's own terms (money in integer cents). */

/** Order, or refund (a sale of its own with negative amounts). */
export type SaleKind = "order" | "refund";

/** What a line of a sale is for; each kind maps to its own ledger. */
export type SaleLineKind = "product" | "shipping" | "fee" | "discount";

/** One line of a sale. Amounts are in cents, excluding VAT; the VAT rate in basis points (21% = 2100). */
export interface SaleLine {
  kind: SaleLineKind;
  description: string;
  sku: string | null;
  /** Quantity as a decimal string, as shops allow fractions ("1.5"). */
  quantity: string;
  totalExclCents: number;
  taxCents: number;
  /** null when the shop sent no VAT for this line. */
  vatRateBp: number | null;
}

/** The customer as the shop knows them: billing data, never the shipping address. */
export interface SaleCustomer {
  email: string | null;
  name: string;
  company: string | null;
  /** ISO 3166-1 alpha-2, e.g. "NL". */
  country: string | null;
  /** EU VAT number, read from the known meta keys; null when none. */
  vatNumber: string | null;
  address1: string | null;
  postcode: string | null;
  city: string | null;
}

/** A sale fetched from the sales system. */
export interface ShopSale {
  /** The shop's own id (WooCommerce order id). */
  externalId: string;
  /** The number the merchant sees (WooCommerce order number); also the reference in accounting. */
  number: string;
  kind: SaleKind;
  /** The shop's status slug, e.g. "processing". */
  status: string;
  createdAt: Date;
  modifiedAt: Date;
  currency: string;
  pricesIncludeTax: boolean;
  /** The total the shop says the customer paid, VAT included. */
  totalCents: number;
  /** The VAT total the shop reports. */
  taxCents: number;
  customer: SaleCustomer;
  lines: SaleLine[];
  /** The shop's payment method title, for support bundles. */
  paymentMethod: string | null;
}

/** The lifecycle states of domain/koppeling.md, plus the two the engine adds. */
export type SaleState =
  | "before_install" // created before the install moment: not processed
  | "open" // status not ticked; re-checked until 21 days old
  | "queued" // eligible, waiting for its (next) transfer attempt
  | "transferring" // claimed by a worker
  | "transferred" // Rapportage: final
  | "rejected" // Fouten
  | "ignored" // Negeer
  | "expired"; // Open for more than 21 days: book by hand + Negeer
