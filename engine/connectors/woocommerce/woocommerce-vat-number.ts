/** The EU VAT number of a WooCommerce order: a meta field whose key depends on the VAT plugin the shop uses. */

/**
 * The order meta keys read, first match wins. WooCommerce EU VAT Number: `_vat_number` (older),
 * `_billing_vat_number`; EU VAT Assistant / Aelia: `vat_number`; EU/UK VAT for WooCommerce (WPFactory):
 * `_billing_eu_vat_number`; Germanized: `_billing_vat_id`; Dutch checkout plugins: `btw_nummer`, `vatnr`.
 * Listed for support too (VAT_NUMBER_NOT_READ explains which fields are read).
 */
export const wooVatNumberMetaKeys = [
  "vat_number",
  "_vat_number",
  "_billing_vat_number",
  "billing_vat_number",
  "_billing_eu_vat_number",
  "billing_eu_vat_number",
  "_billing_vat_id",
  "billing_vat_id",
  "vat_id",
  "_vat_id",
  "vatnr",
  "_vatnr",
  "btw_nummer",
  "_btw_nummer",
  "btw_number",
  "_billing_btw_nummer",
] as const;

/** Reads the VAT number from order meta: trimmed, upper-cased, without spaces, dots or dashes; null when absent. */
export function readWooVatNumber(meta: ReadonlyArray<{ key: string; value: unknown }>): string | null {
  const byKey = new Map<string, unknown>();
  for (const entry of meta) {
    const key = entry.key.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, entry.value);
  }
  for (const key of wooVatNumberMetaKeys) {
    const value = byKey.get(key);
    if (typeof value !== "string") continue;
    const normalised = value.replace(/[\s.\-]/g, "").toUpperCase();
    if (normalised !== "") return normalised;
  }
  return null;
}
