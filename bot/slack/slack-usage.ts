/** The short usage of /koppeling, added when the arguments were not understood. */
import type { Language } from "../../conversations/replies/reply.js";

/** One line per subcommand, in the conversation's language. */
export function koppelingUsage(language: Language): string {
  const nl = language === "nl";
  const n = nl ? "nummer" : "number";
  const c = nl ? "oorzaak" : "cause";
  return [
    nl ? "*Gebruik:* `/koppeling <opdracht>` of een vraag in gewone taal" : "*Usage:* `/koppeling <command>` or a question in plain words",
    `\`status\` · \`check\` · \`errors\` · \`open\` · \`trace <${n}>\` · \`retry <${n}>|<${c}>|all\` · \`report <${n}>|<${c}>\``,
    `\`link <${nl ? "licentiesleutel" : "license key"}>\` · \`unlink\` · \`subscribe [weekly] [${nl ? "dag" : "day"}] [${nl ? "tijd" : "time"}]\` · \`unsubscribe\` · \`help\``,
  ].join("\n");
}
