/** The tools the model may call: they mirror the core's operations; effect tools only propose (the user confirms). */
import { z } from "zod";
import type { IntentName, Slots } from "../intents/understanding.js";
import type { LlmTool } from "./llm-provider.js";

const saleNumber = z.string().regex(/^#?\d{1,12}$/).transform((n) => n.replace(/^#/, ""));
const none = z.object({}).strict();

/** Argument schemas (zod) per tool; a call whose arguments do not parse is malformed. */
const argumentSchemas = {
  show_status: none,
  check_setup: none,
  list_errors: none,
  explain_open: none,
  show_help: none,
  trace_sale: z.object({ sale_number: saleNumber }).strict(),
  answer_howto: z.object({ question: z.string().min(2).max(300) }).strict(),
  explain_connect: z.object({ side: z.enum(["sales", "accounting"]).nullable() }).strict(),
  propose_retry: z.object({ sale_number: saleNumber.nullable() }).strict(),
  propose_report: z.object({ sale_number: saleNumber.nullable() }).strict(),
  propose_ignore: z.object({ sale_numbers: z.array(saleNumber).min(1).max(10) }).strict(),
  propose_configure: z
    .object({
      status: z.string().regex(/^[a-z][a-z0-9-]{1,29}$/).nullable(),
      ledger_role: z.enum(["revenue", "shipping", "paymentCosts"]).nullable(),
      ledger_code: z.string().regex(/^\d{3,6}$/).nullable(),
      vat_rate_percent: z.number().min(0).max(30).nullable(),
    })
    .strict(),
  propose_link: none,
} as const;

export type ToolName = keyof typeof argumentSchemas;

/** Tools that only propose: the reply carries the confirmation buttons of the existing preview flows. */
export const effectTools: ReadonlySet<ToolName> = new Set(["propose_retry", "propose_report", "propose_ignore", "propose_configure", "propose_link"]);

const nothing = { type: "object", properties: {}, required: [], additionalProperties: false };
const object = (properties: Record<string, unknown>) => ({ type: "object", properties, required: Object.keys(properties), additionalProperties: false });
const saleNumberJson = { type: "string", description: "a sale number the merchant named, digits only" };
const nullable = (schema: Record<string, unknown>) => ({ ...schema, type: [schema.type, "null"] });

/** The tool definitions sent with every routing call (strict JSON schemas). */
export const llmTools: readonly LlmTool[] = [
  { name: "show_status", description: "Connections, counts per tab (transferred, Open, Errors) and the last run.", parameters: nothing },
  { name: "check_setup", description: "Run the configuration checklist (VAT mapping, ledgers, statuses, connections) with fixes.", parameters: nothing },
  { name: "list_errors", description: "Why sales are rejected: the Errors tab grouped by cause.", parameters: nothing },
  { name: "explain_open", description: "Why sales wait in Open (status not ticked).", parameters: nothing },
  { name: "trace_sale", description: "The story of one sale the merchant named.", parameters: object({ sale_number: saleNumberJson }) },
  { name: "answer_howto", description: "A how-to question about the systems; answered from our articles.", parameters: object({ question: { type: "string", description: "the question, rephrased in a few words" } }) },
  { name: "explain_connect", description: "How to fix a broken connection (red dot).", parameters: object({ side: { type: ["string", "null"], enum: ["sales", "accounting", null] } }) },
  { name: "show_help", description: "What the bot can do; for anything off-topic or unclear.", parameters: nothing },
  { name: "propose_retry", description: "Propose to retry rejected sales (one named sale, or null for all that can be retried). Only proposes; the merchant confirms.", parameters: object({ sale_number: nullable(saleNumberJson) }) },
  { name: "propose_report", description: "Propose to report a problem to support (one named sale, or null to choose a cause). Only proposes.", parameters: object({ sale_number: nullable(saleNumberJson) }) },
  { name: "propose_ignore", description: "Propose to ignore sales the merchant booked by hand. Only proposes.", parameters: object({ sale_numbers: { type: "array", items: saleNumberJson } }) },
  {
    name: "propose_configure",
    description: "Propose a configuration change the merchant asked for: tick a shop status, or a ledger code for a role. Only proposes.",
    parameters: object({
      status: { type: ["string", "null"], description: "WooCommerce status slug, e.g. processing" },
      ledger_role: { type: ["string", "null"], enum: ["revenue", "shipping", "paymentCosts", null] },
      ledger_code: { type: ["string", "null"] },
      vat_rate_percent: { type: ["number", "null"] },
    }),
  },
  { name: "propose_link", description: "The merchant wants to link this chat to their koppeling: explains how (they type the key themselves).", parameters: nothing },
];

/** What a tool call means, once its arguments are valid. */
export type ToolCallMeaning =
  | { kind: "intent"; intent: IntentName; slots: Slots }
  | { kind: "howto"; question: string };

export type ParsedToolCall = { kind: "ok"; tool: ToolName; meaning: ToolCallMeaning; saleNumbers: string[]; numbers: string[] } | { kind: "unknown_tool" } | { kind: "malformed" };

/** Validates a tool call (zod) and maps it onto the core's intents and slots. */
export function parseToolCall(name: string, rawArguments: string): ParsedToolCall {
  if (!Object.hasOwn(argumentSchemas, name)) return { kind: "unknown_tool" };
  const tool = name as ToolName;
  let json: unknown;
  try {
    json = JSON.parse(rawArguments || "{}");
  } catch {
    return { kind: "malformed" };
  }
  const parsed = argumentSchemas[tool].safeParse(json);
  if (!parsed.success) return { kind: "malformed" };
  const args = parsed.data as Record<string, unknown>;
  const meaning = meaningOf(tool, args);
  const saleNumbers = meaning.kind === "intent" ? (meaning.slots.saleNumbers ?? []) : [];
  const numbers = [...saleNumbers, ...(typeof args.ledger_code === "string" ? [args.ledger_code] : [])];
  return { kind: "ok", tool, meaning, saleNumbers, numbers };
}

function meaningOf(tool: ToolName, args: Record<string, unknown>): ToolCallMeaning {
  const sale = typeof args.sale_number === "string" ? [args.sale_number] : undefined;
  const intent = (intent: IntentName, slots: Slots = {}): ToolCallMeaning => ({ kind: "intent", intent, slots });
  switch (tool) {
    case "show_status": return intent("status");
    case "check_setup": return intent("check_setup");
    case "list_errors": return intent("list_errors");
    case "explain_open": return intent("explain_open");
    case "show_help": return intent("help");
    case "trace_sale": return intent("trace_sale", { saleNumbers: sale! });
    case "answer_howto": return { kind: "howto", question: String(args.question) };
    case "explain_connect": return intent("connect", args.side ? { side: args.side as "sales" | "accounting" } : {});
    case "propose_retry": return intent("retry", sale ? { saleNumbers: sale } : { all: true });
    case "propose_report": return intent("report_problem", sale ? { saleNumbers: sale } : {});
    case "propose_ignore": return intent("ignore", { saleNumbers: args.sale_numbers as string[] });
    case "propose_configure": return intent("configure", configureSlots(args));
    case "propose_link": return intent("link");
  }
}

function configureSlots(args: Record<string, unknown>): Slots {
  const slots: Slots = {};
  if (typeof args.status === "string") slots.status = args.status;
  if (typeof args.ledger_role === "string") slots.ledgerRole = args.ledger_role as NonNullable<Slots["ledgerRole"]>;
  if (typeof args.ledger_code === "string") slots.ledgerCode = args.ledger_code;
  if (typeof args.vat_rate_percent === "number") slots.vatRateBp = Math.round(args.vat_rate_percent * 100);
  return slots;
}
