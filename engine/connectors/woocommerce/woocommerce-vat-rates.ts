/** Which VAT rate a WooCommerce order line carries: from `tax_lines[].rate_percent`, else derived from the amounts. */
import { divideRounded, parseScaledDecimal } from "./scaled-decimal.js";
import type { WooOrder, WooTaxEntry } from "./woocommerce-order-schema.js";

/** What the resolver needs of a line: its amounts in cents and its `taxes[]` entries. */
export interface TaxedLine {
  totalCents: number;
  taxCents: number;
  taxes: WooTaxEntry[];
}

/** Resolves a line's VAT rate in basis points (2100 = 21%); null when the shop sent no VAT for it. */
export type VatRateResolver = (line: TaxedLine) => number | null;

/** Per-line `taxes[].total` can carry more than two decimals ("0.62125"): summed at 6 decimals. */
const TAX_SCALE = 6;

/**
 * Builds the resolver for one order. The rate of a tax rate id comes from its tax line's
 * `rate_percent`; shops older than WooCommerce 3.7 do not send it, so it is then derived from
 * all lines taxed at that id together: tax ÷ base to the nearest 0.1%, or the whole percentage
 * when the amounts are consistent with it (a €0.99 line at 9% has €0.09 tax: 9.09%, which is 9%).
 */
export function createVatRateResolver(order: WooOrder): VatRateResolver {
  const compound = new Set(order.tax_lines.filter((line) => line.compound).map((line) => line.rate_id));
  const stated = statedRates(order);
  const derived = derivedRates(order);
  const rateOf = (rateId: string): number | null => stated.get(rateId) ?? derived.get(rateId) ?? null;

  return (line) => {
    if (line.taxes.length === 0) return line.taxCents === 0 ? null : deriveFromLine(line);
    if (line.taxes.length === 1) return rateOf(line.taxes[0]!.id) ?? deriveFromLine(line);
    // Stacked rates (several taxes on one line) add up, unless one is compound (a tax on a tax).
    const rates = line.taxes.map((entry) => (compound.has(entry.id) ? null : rateOf(entry.id)));
    if (rates.every((rate): rate is number => rate !== null)) return rates.reduce((sum, rate) => sum + rate, 0);
    return deriveFromLine(line);
  };
}

function statedRates(order: WooOrder): Map<string, number> {
  const rates = new Map<string, number>();
  for (const taxLine of order.tax_lines) {
    const percent = taxLine.rate_percent;
    if (percent === null || percent === undefined || percent === "") continue;
    const basisPoints = parseScaledDecimal(typeof percent === "number" ? percent.toFixed(6) : percent, 2);
    if (basisPoints !== null) rates.set(taxLine.rate_id, Number(basisPoints));
  }
  return rates;
}

function derivedRates(order: WooOrder): Map<string, number> {
  const sums = new Map<string, { tax: bigint; base: bigint; lines: number }>();
  const lines = [...order.line_items, ...order.shipping_lines, ...order.fee_lines];
  for (const line of lines) {
    for (const entry of line.taxes) {
      const sum = sums.get(entry.id) ?? { tax: 0n, base: 0n, lines: 0 };
      sum.tax += parseScaledDecimal(entry.total, TAX_SCALE) ?? 0n;
      sum.base += parseScaledDecimal(line.total, TAX_SCALE) ?? 0n;
      sum.lines += 1;
      sums.set(entry.id, sum);
    }
  }
  const rates = new Map<string, number>();
  for (const [rateId, { tax, base, lines: count }] of sums) {
    const rate = deriveRate(tax, base, count);
    if (rate !== null) rates.set(rateId, rate);
  }
  return rates;
}

function deriveFromLine(line: TaxedLine): number | null {
  const toMicros = (cents: number): bigint => BigInt(cents) * 10n ** BigInt(TAX_SCALE - 2);
  return deriveRate(toMicros(line.taxCents), toMicros(line.totalCents), 1);
}

/** Half a cent of rounding per line, in units of 10^-6. */
const HALF_CENT = 5n * 10n ** BigInt(TAX_SCALE - 3);

/** tax ÷ base (both scaled by 10^6) in basis points: a whole percent if within the lines' rounding, else to 0.1%. */
function deriveRate(tax: bigint, base: bigint, lines: number): number | null {
  if (base === 0n) return null;
  const wholePercent = divideRounded(tax * 100n, base);
  const error = tax * 100n - base * wholePercent;
  if ((error < 0n ? -error : error) <= HALF_CENT * BigInt(lines) * 100n) {
    return Number(wholePercent) * 100;
  }
  return Number(divideRounded(tax * 1000n, base)) * 10;
}
