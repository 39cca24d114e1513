/**
 * The weekly digest and the support overview as neutral replies, posted to a channel without a user:
 * their buttons are place-wide pending actions (ANY_USER), checked against the presser's role on click.
 */
import type { Database } from "../../db/open-database.js";
import type { DigestDot, KoppelingDigest } from "../../engine/digest/compute-digest.js";
import type { SupportOverview } from "../../engine/digest/compute-support-overview.js";
import { describeCause } from "../replies/describe-cause.js";
import { explainErrorCode } from "../replies/error-copy.js";
import { day, money, say } from "../replies/format.js";
import type { Action, Block, ErrorGroupLine, Language, Reply } from "../replies/reply.js";
import { ANY_USER, type PendingAction, createPendingAction } from "../state/pending-actions.js";

/** Where a digest goes and in which language. */
export interface DigestAudience {
  platform: string;
  place: string;
  language: Language;
}

/** Digest buttons stay valid until the next digest. */
export const DIGEST_BUTTON_TTL_MS = 7 * 86_400_000;
/** Causes shown with their own line and button; the rest are summed up. */
const MAX_CAUSES = 5;

/** Builds the reply of a koppeling's weekly digest; `withButtons: false` for a preview that cannot be pressed. */
export async function composeKoppelingDigest(db: Database, audience: DigestAudience, digest: KoppelingDigest, now: Date, withButtons = true): Promise<Reply> {
  const l = audience.language;
  const heading: Block = { kind: "heading", text: say(l, `Weekoverzicht ${digest.name} · ${periodText(digest.period, l)}`, `Weekly digest ${digest.name} · ${periodText(digest.period, l)}`) };
  const dotsGreen = digest.dots.sales.state !== "red" && digest.dots.accounting.state !== "red";
  if (digest.causes.length === 0 && dotsGreen && digest.open.nearLimit === 0) return goodWeek(audience, digest, heading);

  const button = async (label: string, action: PendingAction, style?: Action["style"]): Promise<Action> => {
    const id = withButtons ? await createPendingAction(db, { platform: audience.platform, place: audience.place, userId: ANY_USER }, digest.koppelingId, action, now, DIGEST_BUTTON_TTL_MS) : `preview_${action.kind}`;
    return { id, label: label.slice(0, 75), ...(style ? { style } : {}) };
  };
  const actions: Action[] = [];
  const groups: ErrorGroupLine[] = [];
  for (const cause of digest.causes.slice(0, MAX_CAUSES)) {
    const ids: string[] = [];
    if (!cause.onlyExpired) {
      const retry = await button(say(l, `Opnieuw: ${cause.count} × ${shortCause(cause.code, l)}`, `Retry: ${cause.count} × ${shortCause(cause.code, l)}`), { kind: "preview_retry", target: { kind: "cause", fingerprint: cause.fingerprint } });
      actions.push(retry);
      ids.push(retry.id);
    }
    groups.push({
      title: `${cause.isNew ? say(l, "🆕 Nieuw: ", "🆕 New: ") : ""}${describeCause(cause.code, cause.facts, l)}`,
      count: cause.count,
      amount: money(cause.cents, l),
      nextStep: explainErrorCode(cause.code, l).fix,
      actionIds: ids,
    });
  }
  const rejected = digest.causes.reduce((n, c) => n + c.count, 0);
  const atStake = digest.causes.reduce((n, c) => n + c.cents, 0);
  if (rejected > 0) actions.push(await button(say(l, "Toon de lijst", "Show list"), { kind: "show_errors" }, "primary"));
  const more = digest.causes.length - groups.length;
  const blocks: Block[] = [
    heading,
    { kind: "facts", rows: factRows(digest, rejected, atStake, l) },
    ...(rejected > 0
      ? [
          { kind: "text" as const, text: say(l, `In Fouten staat ${money(atStake, l)} op het spel, per oorzaak met de oplossing:`, `${money(atStake, l)} is at stake in Errors, per cause with the fix:`) },
          { kind: "errorGroups" as const, groups },
          ...(more > 0 ? [{ kind: "text" as const, text: say(l, `En nog ${more} ${more === 1 ? "kleinere oorzaak" : "kleinere oorzaken"}.`, `And ${more} smaller ${more === 1 ? "cause" : "causes"}.`) }] : []),
        ]
      : []),
    ...redDotAdvice(digest, l),
  ];
  return { intent: "status", language: l, blocks, actions };
}

/** A week with nothing wrong: short and positive, not silence. */
function goodWeek(audience: DigestAudience, digest: KoppelingDigest, heading: Block): Reply {
  const l = audience.language;
  const t = digest.transferred;
  const fixed = digest.fixedAutomatically.count > 0 ? say(l, ` ${digest.fixedAutomatically.count} tijdelijke storingen zijn vanzelf hersteld.`, ` ${digest.fixedAutomatically.count} passing failures were fixed automatically.`) : "";
  const text = t.count > 0
    ? say(l, `✅ Een goede week: ${salesCount(t.count, l)} doorgezet (${money(t.cents, l)}), niets in Fouten en beide verbindingen groen.${fixed}`, `✅ A good week: ${salesCount(t.count, l)} transferred (${money(t.cents, l)}), nothing in Errors and both connections green.${fixed}`)
    : say(l, "✅ Alles in orde: niets in Fouten en beide verbindingen groen. Deze week waren er geen nieuwe verkopen om door te zetten.", "✅ All fine: nothing in Errors and both connections green. There were no new sales to transfer this week.");
  const open = digest.open.count > 0 ? say(l, ` In Open: ${salesCount(digest.open.count, l)}, geen ervan dicht bij de 21 dagen.`, ` In Open: ${salesCount(digest.open.count, l)}, none close to 21 days.`) : "";
  return { intent: "status", language: l, blocks: [heading, { kind: "text", text: `${text}${open}` }], actions: [] };
}

/** "1 verkoop" / "3 verkopen", "1 sale" / "3 sales". */
function salesCount(n: number, l: Language): string {
  return say(l, `${n} ${n === 1 ? "verkoop" : "verkopen"}`, `${n} ${n === 1 ? "sale" : "sales"}`);
}

function factRows(digest: KoppelingDigest, rejected: number, atStake: number, l: Language): Array<{ label: string; value: string }> {
  const causes = digest.causes.length;
  const rows = [
    { label: say(l, "Doorgezet", "Transferred"), value: `${salesCount(digest.transferred.count, l)} (${money(digest.transferred.cents, l)})` },
    {
      label: say(l, "In Fouten", "In Errors"),
      value: rejected > 0 ? `${salesCount(rejected, l)} (${money(atStake, l)}), ${say(l, `${causes} ${causes === 1 ? "oorzaak" : "oorzaken"}`, `${causes} ${causes === 1 ? "cause" : "causes"}`)}` : say(l, "niets", "nothing"),
    },
    {
      label: "Open",
      value: digest.open.count === 0 ? say(l, "niets", "nothing") : `${salesCount(digest.open.count, l)} (${money(digest.open.cents, l)}), ${say(l, `${digest.open.nearLimit} dicht bij de 21 dagen`, `${digest.open.nearLimit} close to 21 days`)}`,
    },
    { label: say(l, "Verbindingen", "Connections"), value: `${dotText(digest.dots.sales)} · ${dotText(digest.dots.accounting)}` },
  ];
  if (digest.fixedAutomatically.count > 0) {
    const fixed = `${salesCount(digest.fixedAutomatically.count, l)} (${money(digest.fixedAutomatically.cents, l)})`;
    rows.splice(1, 0, { label: say(l, "Vanzelf hersteld", "Fixed automatically"), value: say(l, `${fixed} na een tijdelijke storing`, `${fixed} after a passing failure`) });
  }
  return rows;
}

function redDotAdvice(digest: KoppelingDigest, l: Language): Block[] {
  const red = (["sales", "accounting"] as const).filter((side) => digest.dots[side].state === "red");
  if (red.length === 0) return [];
  const lines = red.map((side) => {
    const dot = digest.dots[side];
    return `🔴 ${dot.system}: ${dot.errorCode ? explainErrorCode(dot.errorCode as Parameters<typeof explainErrorCode>[0], l).fix : say(l, "maak opnieuw verbinding.", "reconnect.")}`;
  });
  return [{ kind: "text", text: lines.join("\n") }];
}

function dotText(dot: DigestDot): string {
  const icon = dot.state === "green" ? "🟢" : dot.state === "red" ? "🔴" : "⚪";
  return `${dot.system} ${icon}`;
}

/** "16 nov – 23 nov": from one digest moment to the next. */
function periodText(period: { start: Date; end: Date }, l: Language): string {
  return `${day(period.start, l)} – ${day(period.end, l)}`;
}

/** The cause's title, cut for a button label. */
function shortCause(code: Parameters<typeof explainErrorCode>[0], l: Language): string {
  const title = explainErrorCode(code, l).title;
  return title.length > 40 ? `${title.slice(0, 39)}…` : title;
}

/** Builds the reply of the support overview: koppelingen ranked by what is at stake, and every red dot. */
export function composeSupportOverview(audience: DigestAudience, overview: SupportOverview): Reply {
  const l = audience.language;
  const blocks: Block[] = [{ kind: "heading", text: say(l, `Supportoverzicht · ${periodText(overview.period, l)}`, `Support overview · ${periodText(overview.period, l)}`) }];
  if (overview.totals.koppelingen === 0 && overview.redDots.length === 0) {
    blocks.push({ kind: "text", text: say(l, "✅ Geen enkele koppeling heeft verkopen in Fouten en alle verbindingen zijn groen.", "✅ No koppeling has sales in Errors and every connection is green.") });
    return { intent: "status", language: l, blocks, actions: [] };
  }
  if (overview.totals.koppelingen > 0) {
    const t = overview.totals;
    blocks.push({ kind: "text", text: say(l, `${t.koppelingen} ${t.koppelingen === 1 ? "koppeling heeft" : "koppelingen hebben"} verkopen in Fouten: ${t.rejectedCount} verkopen, ${money(t.cents, l)} op het spel. Meeste eerst:`, `${t.koppelingen} ${t.koppelingen === 1 ? "koppeling has" : "koppelingen have"} sales in Errors: ${t.rejectedCount} sales, ${money(t.cents, l)} at stake. Most first:`) });
    blocks.push({ kind: "facts", rows: overview.ranking.map((line, i) => ({ label: `${i + 1}. ${line.name} (${line.licenseKeyHint})`, value: say(l, `${line.rejectedCount} verkopen, ${money(line.cents, l)}`, `${line.rejectedCount} sales, ${money(line.cents, l)}`) })) });
  }
  if (overview.redDots.length > 0) {
    const lines = overview.redDots.map((dot) => `🔴 ${dot.name} — ${dot.system}${dot.errorCode ? ` (${dot.errorCode})` : ""}`);
    blocks.push({ kind: "text", text: `${say(l, "Rode verbindingen:", "Red connections:")}\n${lines.join("\n")}` });
  }
  return { intent: "status", language: l, blocks, actions: [] };
}
