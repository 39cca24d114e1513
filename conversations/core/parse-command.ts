/** `/koppeling <subcommand> [args]` → the same understanding a message would get; free text goes to the rules. */
import type { Understanding } from "../intents/understanding.js";
import type { Understand } from "./create-conversation-core.js";
import { parseScheduleArgs } from "./parse-schedule-args.js";

const subcommands: Record<string, Understanding["intent"]> = {
  status: "status",
  check: "check_setup",
  errors: "list_errors",
  fouten: "list_errors",
  open: "explain_open",
  trace: "trace_sale",
  retry: "retry",
  verwerk: "retry",
  report: "report_problem",
  ignore: "ignore",
  negeer: "ignore",
  link: "link",
  unlink: "unlink",
  subscribe: "subscribe",
  unsubscribe: "unsubscribe",
  help: "help",
};

/** Parses the arguments of /koppeling. */
export async function commandToUnderstanding(args: string, understand: Understand): Promise<Understanding> {
  const [first = "", ...rest] = args.trim().split(/\s+/);
  const intent = subcommands[first.toLowerCase()];
  if (!intent) return understand(args.trim() || "help");
  const tail = rest.join(" ");
  const slots: Understanding["slots"] = {};
  // Sale numbers only when the arguments are nothing but numbers: "retry btw 9%" names a cause, not sale 9.
  if (/^(#?\d+[\s,]*)+$/.test(tail) && intent !== "subscribe") slots.saleNumbers = tail.match(/\d+/g)!;
  if (/^(all|alles|allemaal)$/i.test(tail)) slots.all = true;
  else if ((intent === "retry" || intent === "report_problem") && tail && !slots.saleNumbers) {
    const named = (await understand(tail)).slots;
    if (named.cause) slots.cause = named.cause;
    if (named.vatRateBp !== undefined) slots.vatRateBp = named.vatRateBp;
    if (named.saleNumbers) slots.saleNumbers = named.saleNumbers;
  }
  if (intent === "link" && tail) slots.licenseKey = tail;
  if (intent === "subscribe") Object.assign(slots, parseScheduleArgs(tail));
  // Subcommands are the same in both languages: the conversation keeps its language.
  return { intent, confidence: 1, slots, language: null };
}
