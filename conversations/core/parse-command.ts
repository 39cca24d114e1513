/** `/koppeling <subcommand> [args]` → the same understanding a message would get; free text goes to the rules. */
import type { Understanding } from "../intents/understanding.js";
import type { Understand } from "./create-conversation-core.js";

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
  const numbers = tail.match(/#?\d+/g)?.map((n) => n.replace(/^#/, ""));
  if (numbers?.length && intent !== "subscribe") slots.saleNumbers = numbers;
  if (/^(all|alles|allemaal)$/i.test(tail)) slots.all = true;
  if (intent === "link" && tail) slots.licenseKey = tail;
  // Subcommands are the same in both languages: the conversation keeps its language.
  return { intent, confidence: 1, slots, language: null };
}
