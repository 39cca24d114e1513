/** The EU member states and the shape of their VAT numbers, for ICP (0% intra-EU B2B) pre-checks. */

/** VAT number patterns after the country prefix, per EU member state (prefix EL for Greece). */
const patterns: Record<string, { prefix: string; body: RegExp }> = {
  AT: { prefix: "AT", body: /^U\d{8}$/ },
  BE: { prefix: "BE", body: /^[01]\d{9}$/ },
  BG: { prefix: "BG", body: /^\d{9,10}$/ },
  CY: { prefix: "CY", body: /^\d{8}[A-Z]$/ },
  CZ: { prefix: "CZ", body: /^\d{8,10}$/ },
  DE: { prefix: "DE", body: /^\d{9}$/ },
  DK: { prefix: "DK", body: /^\d{8}$/ },
  EE: { prefix: "EE", body: /^\d{9}$/ },
  GR: { prefix: "EL", body: /^\d{9}$/ },
  ES: { prefix: "ES", body: /^[0-9A-Z]\d{7}[0-9A-Z]$/ },
  FI: { prefix: "FI", body: /^\d{8}$/ },
  FR: { prefix: "FR", body: /^[0-9A-Z]{2}\d{9}$/ },
  HR: { prefix: "HR", body: /^\d{11}$/ },
  HU: { prefix: "HU", body: /^\d{8}$/ },
  IE: { prefix: "IE", body: /^\d[0-9A-Z+*]\d{5}[A-Z]{1,2}$/ },
  IT: { prefix: "IT", body: /^\d{11}$/ },
  LT: { prefix: "LT", body: /^(\d{9}|\d{12})$/ },
  LU: { prefix: "LU", body: /^\d{8}$/ },
  LV: { prefix: "LV", body: /^\d{11}$/ },
  MT: { prefix: "MT", body: /^\d{8}$/ },
  NL: { prefix: "NL", body: /^\d{9}B\d{2}$/ },
  PL: { prefix: "PL", body: /^\d{10}$/ },
  PT: { prefix: "PT", body: /^\d{9}$/ },
  RO: { prefix: "RO", body: /^\d{2,10}$/ },
  SE: { prefix: "SE", body: /^\d{12}$/ },
  SI: { prefix: "SI", body: /^\d{8}$/ },
  SK: { prefix: "SK", body: /^\d{10}$/ },
};

/** True for the ISO codes of EU member states. */
export function isEuCountry(country: string | null): boolean {
  return country !== null && Object.hasOwn(patterns, country.toUpperCase());
}

/** True when `vatNumber` has the shape of a VAT number of `country` (VIES itself is not consulted). */
export function isPlausibleEuVatNumber(vatNumber: string, country: string): boolean {
  const rule = patterns[country.toUpperCase()];
  if (!rule) return false;
  const compact = vatNumber.replace(/[\s.\-]/g, "").toUpperCase();
  if (!compact.startsWith(rule.prefix)) return false;
  return rule.body.test(compact.slice(rule.prefix.length));
}
