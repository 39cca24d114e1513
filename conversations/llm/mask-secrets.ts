/** Blanks out anything that looks like a secret before text leaves for the model (or is kept as context). */

const patterns: ReadonlyArray<[RegExp, string]> = [
  // License keys (KB-DEMO-0001, kb-abcd-1234-xyz), however they are cased.
  [/\bkb-[a-z0-9]+(?:-[a-z0-9]+)*/gi, "KB-XXXX-XXXX"],
  // Authorization headers and bearer tokens.
  [/\b(bearer|basic|token)(\s*(?:[:=]\s*)?)[^\s"',;]{6,}/gi, "$1$2[secret]"],
  // WooCommerce consumer keys/secrets and OpenAI-style keys.
  [/\b(ck|cs|sk|pk|rk)[_-][A-Za-z0-9_-]{6,}/g, "[secret]"],
  // key=value pairs that name a secret.
  [/\b(api[_-]?key|secret|password|wachtwoord|passwd|consumer[_-]?(key|secret))(\s*[:=]\s*)[^\s"',;]+/gi, "$1$3[secret]"],
  // Long random-looking strings: 20+ characters of letters and digits mixed (tokens, hashes). Tried only
  // where such a run starts (not at every "-" inside it), so a 40 kB message costs linear time.
  [/(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}\b/g, "[secret]"],
  // E-mail addresses: personal data the model does not need. The local part is at most 64 characters
  // (RFC 5321), which also keeps a long run without "@" from being rescanned from every position.
  [/[\w.+-]{1,64}@[\w-]+(\.[\w-]+)+/g, "[e-mail]"],
];

/** The text with license keys, tokens, passwords, long random strings and e-mail addresses masked. */
export function maskSecrets(text: string): string {
  return patterns.reduce((masked, [pattern, replacement]) => masked.replace(pattern, replacement), text);
}
