/** "Hoe staat mijn koppeling ervoor?": both dots and what sits in each tab. */
import { getStatus } from "../../engine/status/get-status.js";
import { type TurnContext, button, reply } from "../core/turn-context.js";
import { moment, money, say } from "../replies/format.js";
import type { Reply } from "../replies/reply.js";

const dot = (state: string) => (state === "green" ? "🟢" : state === "red" ? "🔴" : "⚪");

/** Shows the status of the linked koppeling. */
export async function showStatus(ctx: TurnContext, koppelingId: string): Promise<Reply> {
  const prefetched = ctx.prefetched.status;
  const s = prefetched?.koppelingId === koppelingId ? prefetched : await getStatus(ctx.engine.db, koppelingId, ctx.now);
  const l = ctx.language;
  const tab = (count: number, cents: number) => `${count} (${money(cents, l)})`;
  const rejected = { count: s.tabs.rejected.count + s.tabs.expired.count, cents: s.tabs.rejected.cents + s.tabs.expired.cents };
  const rows = [
    { label: say(l, "Verbindingen", "Connections"), value: `${dot(s.sales.state)} ${s.sales.system}   ${dot(s.accounting.state)} ${s.accounting.system}` },
    { label: say(l, "Doorgezet", "Transferred"), value: tab(s.tabs.transferred.count, s.tabs.transferred.cents) },
    { label: "Open", value: tab(s.tabs.open.count, s.tabs.open.cents) },
    { label: say(l, "Fouten", "Errors"), value: tab(rejected.count, rejected.cents) },
    { label: say(l, "Wacht op doorzetten", "Waiting to transfer"), value: tab(s.tabs.queued.count, s.tabs.queued.cents) },
    { label: say(l, "Genegeerd", "Ignored"), value: tab(s.tabs.ignored.count, s.tabs.ignored.cents) },
    {
      label: say(l, "Laatste run", "Last run"),
      value: s.lastRun ? `${moment(s.lastRun.startedAt, l)} (${s.lastRun.status === "failed" ? say(l, "mislukt", "failed") : say(l, "gelukt", "succeeded")})` : say(l, "nog geen", "none yet"),
    },
    { label: say(l, "Volgende run", "Next run"), value: moment(s.nextRunAt, l) },
  ];
  const red = [s.sales, s.accounting].filter((c) => c.state === "red");
  const blocks = [
    { kind: "heading" as const, text: say(l, `Status van ${s.name}`, `Status of ${s.name}`) },
    { kind: "facts" as const, rows },
    ...red.map((c) => ({ kind: "text" as const, text: say(l, `🔴 De verbinding met ${c.system} werkt niet (${c.errorCode}). Vraag me "hoe herstel ik de verbinding?"`, `🔴 The connection with ${c.system} is down (${c.errorCode}). Ask me "how do I reconnect?"`) })),
  ];
  const actions = rejected.count > 0 ? [await button(ctx, say(l, "Toon de fouten", "Show the errors"), { kind: "show_errors" })] : [];
  return reply(ctx, "status", blocks, actions);
}
