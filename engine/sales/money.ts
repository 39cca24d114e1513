/** Money in integer cents, formatted the Dutch or English way in euros. */

const formatters = {
  nl: new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }),
  en: new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }),
};

/** "€ 1.204,50" (nl) or "€1,204.50" (en) for 120450 cents. */
export function formatMoney(cents: number, locale: "nl" | "en" = "nl"): string {
  return formatters[locale].format(cents / 100);
}

/** Parses a decimal string such as "129.95" or "-3.5" into cents, without floating point. */
export function parseDecimalToCents(text: string): number {
  const match = /^\s*(-)?(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new Error(`Not a decimal amount: ${text}`);
  const whole = Number(match[2] || "0");
  const digits = (match[3] ?? "").padEnd(3, "0");
  let cents = whole * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1;
  return match[1] ? -cents : cents;
}

/** Cents as a decimal string with two digits: 12995 → "129.95", -350 → "-3.50". */
export function formatCentsAsDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
