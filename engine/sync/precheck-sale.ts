/** The pre-checks of a sale before booking (domain/koppeling.md): pure, so the dry run can use them too. */
import type { KoppelingConfig, LedgerRole } from "../config/koppeling-config.js";
import { vatRateKey } from "../config/koppeling-config.js";
import type { DocumentLine, Ledger, VatCode } from "../connectors/ports.js";
import { KoppelingError } from "../errors/koppeling-error.js";
import { isEuCountry, isPlausibleEuVatNumber } from "../sales/eu-vat-number.js";
import type { SaleCustomer, SaleLine, SaleLineKind } from "../sales/sale.js";

/** The accounting system's master data the checks compare the configuration with. */
export interface MasterData {
  vatCodes: VatCode[];
  ledgers: Ledger[];
}

/** The parts of a sale the pre-checks look at. */
export interface PrecheckInput {
  totalCents: number;
  customer: Pick<SaleCustomer, "email" | "country" | "vatNumber" | "company">;
  lines: SaleLine[];
}

/** Either the document lines ready to book, or every reason the sale would be rejected (first = main). */
export type PrecheckResult =
  | { kind: "ok"; lines: DocumentLine[] }
  | { kind: "rejected"; problems: KoppelingError[] };

const HOME_COUNTRY = "NL";
/** Shops round per line; a difference of a cent is not a totals problem. */
const TOTALS_TOLERANCE_CENTS = 1;

const roleOfLine: Record<SaleLineKind, LedgerRole> = {
  product: "revenue",
  shipping: "shipping",
  fee: "paymentCosts",
  discount: "discount",
};

/** Runs every pre-check; returns the mapped lines or the problems found. */
export function precheckSale(sale: PrecheckInput, config: KoppelingConfig, master: MasterData): PrecheckResult {
  const problems = [
    ...checkAdministration(config),
    ...checkCustomer(sale, config),
    ...checkTotals(sale),
    ...checkShippingVat(sale.lines),
    ...checkIcp(sale),
    ...checkVatMapping(sale.lines, config, master.vatCodes),
    ...checkLedgers(sale.lines, config, master.ledgers),
  ];
  if (problems.length > 0) return { kind: "rejected", problems };
  return { kind: "ok", lines: sale.lines.map((line) => toDocumentLine(line, config)) };
}

function checkAdministration(config: KoppelingConfig): KoppelingError[] {
  if (config.administrationId) return [];
  return [new KoppelingError("REQUIRED_DEFAULT_MISSING", "No administration chosen", { facts: { field: "administration" } })];
}

function checkCustomer(sale: PrecheckInput, config: KoppelingConfig): KoppelingError[] {
  if (config.debtorStrategy === "per_customer" && !sale.customer.email) {
    return [new KoppelingError("CUSTOMER_DATA_MISSING", "The sale has no e-mail address", { facts: { field: "email" } })];
  }
  if (!sale.customer.country) {
    return [new KoppelingError("CUSTOMER_DATA_MISSING", "The sale has no country", { facts: { field: "country" } })];
  }
  return [];
}

function checkTotals(sale: PrecheckInput): KoppelingError[] {
  const sum = sale.lines.reduce((total, line) => total + line.totalExclCents + line.taxCents, 0);
  if (Math.abs(sum - sale.totalCents) <= TOTALS_TOLERANCE_CENTS) return [];
  return [
    new KoppelingError("TOTALS_NOMATCH", "The order total does not equal the sum of its lines", {
      facts: { orderTotalCents: sale.totalCents, linesTotalCents: sum },
    }),
  ];
}

function checkShippingVat(lines: SaleLine[]): KoppelingError[] {
  const goodsTaxed = lines.some((line) => line.kind === "product" && (line.vatRateBp ?? 0) > 0);
  const untaxedShipping = lines.find(
    (line) => line.kind === "shipping" && line.totalExclCents !== 0 && (line.vatRateBp ?? 0) === 0,
  );
  if (!goodsTaxed || !untaxedShipping) return [];
  return [
    new KoppelingError("SHIPPING_WITHOUT_VAT", "Shipping is charged without VAT while the goods are taxed", {
      facts: { shippingCents: untaxedShipping.totalExclCents },
    }),
  ];
}

function checkIcp(sale: PrecheckInput): KoppelingError[] {
  const country = sale.customer.country?.toUpperCase() ?? null;
  if (!country || country === HOME_COUNTRY || !isEuCountry(country)) return [];
  const zeroRated = sale.lines.some((line) => line.kind === "product" && (line.vatRateBp ?? 0) === 0);
  if (!zeroRated) return [];
  const vatNumber = sale.customer.vatNumber;
  if (vatNumber && isPlausibleEuVatNumber(vatNumber, country)) return [];
  return [
    new KoppelingError("ICP_VAT_NUMBER_INVALID", "0% EU B2B sale without a valid VAT number", {
      facts: { country, vatNumber: vatNumber ?? null },
    }),
  ];
}

function checkVatMapping(lines: SaleLine[], config: KoppelingConfig, vatCodes: VatCode[]): KoppelingError[] {
  const rates = [...new Set(lines.map((line) => line.vatRateBp ?? 0))].sort((a, b) => b - a);
  const problems: KoppelingError[] = [];
  for (const rateBp of rates) {
    const codeId = config.vatMapping[vatRateKey(rateBp)];
    const code = codeId ? vatCodes.find((c) => c.id === codeId) : undefined;
    if (!codeId) {
      problems.push(new KoppelingError("VAT_CODE_MISSING", "VAT rate is not mapped", { facts: { rateBp, reason: "unmapped" } }));
    } else if (!code || !code.active || code.usage !== "sales") {
      const reason = !code ? "deleted" : !code.active ? "inactive" : "not_for_sales";
      problems.push(new KoppelingError("VAT_CODE_MISSING", "Mapped VAT code is unusable", { facts: { rateBp, vatCodeId: codeId, reason } }));
    } else if (code.percentageBp !== rateBp) {
      problems.push(
        new KoppelingError("VAT_CODE_MISMATCH", "Mapped VAT code has another percentage", {
          facts: { rateBp, vatCodeId: codeId, codePercentageBp: code.percentageBp },
        }),
      );
    }
  }
  return problems;
}

function checkLedgers(lines: SaleLine[], config: KoppelingConfig, ledgers: Ledger[]): KoppelingError[] {
  const roles = [...new Set(lines.map((line) => roleOfLine[line.kind]))];
  const problems: KoppelingError[] = [];
  for (const role of roles) {
    const ledgerId = ledgerIdFor(role, config);
    const ledger = ledgerId ? ledgers.find((l) => l.id === ledgerId) : undefined;
    if (!ledgerId || !ledger || !ledger.active) {
      const reason = !ledgerId ? "not_set" : !ledger ? "deleted" : "inactive";
      problems.push(new KoppelingError("LEDGER_NOT_FOUND", "Ledger for this line is unusable", { facts: { role, ledgerId: ledgerId ?? null, reason } }));
    } else if (ledger.type !== "revenue") {
      problems.push(
        new KoppelingError("LEDGER_WRONG_TYPE", "Ledger is not a revenue account", {
          facts: { role, ledgerId, ledgerCode: ledger.code, ledgerName: ledger.name, ledgerType: ledger.type },
        }),
      );
    }
  }
  return problems;
}

/** The ledger a line of this role is booked on: discounts fall back to the revenue ledger. */
function ledgerIdFor(role: LedgerRole, config: KoppelingConfig): string | null {
  if (role === "discount") return config.ledgers.discount ?? config.ledgers.revenue;
  return config.ledgers[role];
}

function toDocumentLine(line: SaleLine, config: KoppelingConfig): DocumentLine {
  const quantity = line.quantity === "1" ? "" : `${line.quantity} × `;
  return {
    description: `${quantity}${line.description}`.slice(0, 255),
    totalExclCents: line.totalExclCents,
    vatCodeId: config.vatMapping[vatRateKey(line.vatRateBp ?? 0)]!,
    ledgerId: ledgerIdFor(roleOfLine[line.kind], config)!,
  };
}
