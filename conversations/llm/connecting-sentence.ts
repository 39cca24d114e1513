/** The one short sentence the model may add to a templated reply: no numbers, no amounts, no links, capped. */
import { clip } from "./conversation-turns.js";

/** Words of effects done or secrets given: a sentence with them could claim what did not happen. */
const claims = /\b(done|retried|ignored|reported|confirmed|booked|deleted|unlinked|token|password|secret|key|gedaan|doorgezet|genegeerd|gemeld|bevestigd|geboekt|verwijderd|ontkoppeld|wachtwoord|geheim|sleutel)\b/i;

/** The longest connecting sentence shown. */
export const MAX_SENTENCE_CHARS = 160;

/**
 * The model's text as one safe sentence, or null. Anything with a digit, an amount, a percentage, a link,
 * an e-mail address, a key, markup or a claim of an effect or secret is dropped whole: facts come from our templates only.
 */
export function sanitiseSentence(text: string | null | undefined): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length < 2) return null;
  if (/[0-9€$£%@<>`{}[\]\\|]|https?:|www\.|\bkb-/i.test(line)) return null;
  if (/[٠-٩۰-۹０-９]/.test(line)) return null;
  if (claims.test(line)) return null;
  const first = line.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? line;
  return clip(first, MAX_SENTENCE_CHARS);
}
