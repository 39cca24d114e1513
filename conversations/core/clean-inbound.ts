/** Makes inbound text safe to store and process: no NUL characters, no lone surrogates (Postgres text and jsonb refuse both). */
import type { Inbound } from "./inbound.js";

/** The text without NUL and with every lone surrogate replaced by U+FFFD; everything else as typed. */
export function cleanText(text: string): string {
  return text.replace(/\u0000/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** The same inbound with its message text or command arguments cleaned. */
export function cleanInbound(inbound: Inbound): Inbound {
  if (inbound.kind === "message") return { ...inbound, text: cleanText(inbound.text) };
  if (inbound.kind === "command") return { ...inbound, args: cleanText(inbound.args) };
  return inbound;
}
