/** Autocomplete for `/koppeling trace|retry|report`: causes with their example sale, recent sale numbers; only in linked places. */
import { and, desc, eq, ilike, inArray } from "drizzle-orm";
import { findLinkedKoppeling } from "../../conversations/state/chat-links.js";
import { describeCause } from "../../conversations/replies/describe-cause.js";
import type { Language } from "../../conversations/replies/reply.js";
import type { Database } from "../../db/open-database.js";
import { sales } from "../../db/schema.js";
import { errorStates, listErrorGroups } from "../../engine/errors/list-error-groups.js";

export interface Choice {
  name: string;
  value: string;
}

/** Discord shows at most 25 choices; names and values up to 100 characters. */
const MAX_CHOICES = 25;

/** The choices for a focused option; nothing of a koppeling in a place that is not linked to it. */
export async function suggestTargets(db: Database, placeId: string, subcommand: string, typed: string, language: Language): Promise<Choice[]> {
  const koppeling = await findLinkedKoppeling(db, "discord", placeId);
  if (!koppeling) return [];
  const needle = typed.replace(/^#/, "").trim();
  const choices: Choice[] = [];
  if (subcommand === "retry" || subcommand === "report") {
    if (subcommand === "retry" && (!needle || "all alles".includes(needle.toLowerCase()))) {
      choices.push({ name: language === "nl" ? "Alles in Fouten" : "Everything in Errors", value: "all" });
    }
    for (const group of await listErrorGroups(db, koppeling.id)) {
      const number = group.representative.number;
      if (needle && !number.startsWith(needle) && !describeCause(group.code, group.facts, language).toLowerCase().includes(needle.toLowerCase())) continue;
      choices.push({ name: `#${number} — ${describeCause(group.code, group.facts, language)} (${group.count}×)`, value: number });
    }
  }
  const states = subcommand === "trace" ? null : errorStates;
  const recent = await db
    .select({ number: sales.number, state: sales.state })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppeling.id), states ? inArray(sales.state, states) : undefined, needle ? ilike(sales.number, `${needle.replace(/[%_\\]/g, "")}%`) : undefined))
    .orderBy(desc(sales.stateChangedAt))
    .limit(MAX_CHOICES);
  for (const sale of recent) {
    if (choices.some((c) => c.value === sale.number)) continue;
    choices.push({ name: `#${sale.number} (${stateName(sale.state, language)})`, value: sale.number });
  }
  return choices.slice(0, MAX_CHOICES).map((c) => ({ name: c.name.length > 100 ? `${c.name.slice(0, 99)}…` : c.name, value: c.value.slice(0, 100) }));
}

function stateName(state: string, language: Language): string {
  const names: Record<string, [string, string]> = {
    rejected: ["Fouten", "Errors"],
    expired: ["verlopen", "expired"],
    open: ["Open", "Open"],
    transferred: ["doorgezet", "transferred"],
    queued: ["in de wachtrij", "queued"],
  };
  const pair = names[state];
  return pair ? (language === "nl" ? pair[0] : pair[1]) : state;
}
