/** Exact decimal arithmetic for amounts finer than cents: per-line taxes such as "0.62125" and derived VAT rates. */

const decimalPattern = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Parses a decimal string into an integer scaled by 10^scale (rounding half away from zero); null when it is not a decimal. */
export function parseScaledDecimal(text: string, scale: number): bigint | null {
  const match = decimalPattern.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const kept = fraction.slice(0, scale).padEnd(scale, "0");
  let magnitude = BigInt(`${whole || "0"}${kept}`);
  const firstDropped = fraction.charAt(scale);
  if (firstDropped !== "" && firstDropped >= "5") magnitude += 1n;
  return sign === "-" ? -magnitude : magnitude;
}

/** Divides two integers rounding half away from zero: the one rounding rule used for derived amounts. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}
