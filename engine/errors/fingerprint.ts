/** Groups sales that fail for the same cause: same code, same specifics, same vendor message shape. */
import type { KoppelingError } from "./koppeling-error.js";

/** Facts that make a cause specific; others (amounts, VAT numbers) differ per sale and are left out. */
const groupingFacts = ["rateBp", "role", "ledgerId", "vatCodeId", "field", "reason"];

/**
 * A stable, readable key such as "VAT_CODE_MISSING|rateBp=900|reason=unmapped". Vendor messages are
 * folded in with digits replaced, so "Factuurnummer 1099 komt reeds voor" groups with "... 1100 ...".
 */
export function fingerprintOf(error: KoppelingError): string {
  const parts: string[] = [error.code];
  for (const key of groupingFacts) {
    const value = error.facts[key];
    if (value !== undefined && value !== null) parts.push(`${key}=${value}`);
  }
  if (error.vendorMessage && parts.length === 1) {
    parts.push(`msg=${error.vendorMessage.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim().slice(0, 120)}`);
  }
  return parts.join("|");
}
