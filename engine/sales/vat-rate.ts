/** VAT rates in basis points (21% = 2100) and how to show them. */

/** "9%", "21%", "5,5%" (nl) or "5.5%" (en) for a rate in basis points. */
export function formatVatRate(rateBp: number, locale: "nl" | "en" = "nl"): string {
  const percent = rateBp / 100;
  return `${new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 2 }).format(percent)}%`;
}

/** Parses "9", "9%", "9.0", "5,5" into basis points; null when it is not a percentage. */
export function parseVatRate(text: string): number | null {
  const match = /^\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = match[2] ? Number(match[2].padEnd(2, "0")) : 0;
  return whole * 100 + fraction;
}
