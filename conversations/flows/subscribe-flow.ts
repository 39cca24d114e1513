/** "/koppeling subscribe [day] [time]", "stuur me elke maandag een overzicht": the weekly digest in this place. */
import { and, eq, inArray } from "drizzle-orm";
import { subscriptions } from "../../db/schema.js";
import { describeActor } from "../../engine/runtime/actor.js";
import { type TurnContext, textReply } from "../core/turn-context.js";
import type { Slots } from "../intents/understanding.js";
import { say } from "../replies/format.js";
import type { Language, Reply } from "../replies/reply.js";

/** The schedule when none is named: Monday 09:00. */
export const defaultDigestMoment = { weekday: 1, hour: 9, minute: 0 } as const;

const weekdayNames = {
  nl: ["", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
  en: ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
} as const;

/** "elke maandag om 09:00" / "every Monday at 09:00" (ISO weekday). */
export function describeWeeklyMoment(moment: { weekday: number; hour: number; minute: number }, l: Language): string {
  const time = `${String(moment.hour).padStart(2, "0")}:${String(moment.minute).padStart(2, "0")}`;
  return say(l, `elke ${weekdayNames.nl[moment.weekday]} om ${time}`, `every ${weekdayNames.en[moment.weekday]} at ${time}`);
}

/**
 * Stores (or changes) the subscription of this place: the linked koppeling's weekly digest, or for
 * support the overview of all koppelingen (an unlinked place, or "overview"). The caller has checked the role.
 */
export async function subscribe(ctx: TurnContext, slots: Slots): Promise<Reply> {
  const l = ctx.language;
  const overview = ctx.support && (!ctx.koppeling || slots.overview === true);
  const moment = {
    weekday: slots.weekday === undefined ? defaultDigestMoment.weekday : slots.weekday === 0 ? 7 : slots.weekday,
    hour: slots.hour ?? defaultDigestMoment.hour,
    minute: slots.minute ?? defaultDigestMoment.minute,
  };
  const values = {
    koppelingId: overview ? null : (ctx.koppeling?.id ?? null),
    ...moment,
    language: l,
    createdBy: describeActor(ctx.actor),
    pausedAt: null,
    pausedReason: null,
    // The schedule starts now: a moment already past this week does not send a digest straight away.
    createdAt: ctx.now,
  };
  const kind = overview ? "support_overview" : "weekly";
  await ctx.engine.db
    .insert(subscriptions)
    .values({ platform: ctx.key.platform, place: ctx.key.place, kind, ...values })
    .onConflictDoUpdate({ target: [subscriptions.platform, subscriptions.place, subscriptions.kind], set: values });
  ctx.engine.log.info("digest subscription saved", { platform: ctx.key.platform, kind, ...moment });
  const when = describeWeeklyMoment(moment, l);
  const what = overview
    ? say(l, "het supportoverzicht van alle koppelingen (wat er op het spel staat en welke verbindingen rood zijn)", "the support overview of all koppelingen (what is at stake and which connections are red)")
    : say(l, `het weekoverzicht van ${ctx.koppeling?.name}`, `the weekly digest of ${ctx.koppeling?.name}`);
  return textReply(
    ctx,
    "subscribe",
    say(
      l,
      `Afgesproken: ${when} krijgt dit kanaal ${what}. Een andere dag of tijd: \`/koppeling subscribe vrijdag 16:00\`; stoppen: \`/koppeling unsubscribe\`.`,
      `Done: ${when} this channel gets ${what}. Another day or time: \`/koppeling subscribe friday 16:00\`; to stop: \`/koppeling unsubscribe\`.`,
    ),
  );
}

/** Removes this place's digest (support also removes the overview). */
export async function unsubscribe(ctx: TurnContext): Promise<Reply> {
  const l = ctx.language;
  const kinds: Array<"weekly" | "support_overview"> = ctx.support ? ["weekly", "support_overview"] : ["weekly"];
  const removed = await ctx.engine.db
    .delete(subscriptions)
    .where(and(eq(subscriptions.platform, ctx.key.platform), eq(subscriptions.place, ctx.key.place), inArray(subscriptions.kind, kinds)))
    .returning({ kind: subscriptions.kind });
  if (removed.length === 0) return textReply(ctx, "unsubscribe", say(l, "Dit kanaal kreeg geen weekoverzicht.", "This channel did not get a weekly digest."));
  ctx.engine.log.info("digest subscription removed", { platform: ctx.key.platform, kinds: removed.map((r) => r.kind) });
  return textReply(ctx, "unsubscribe", say(l, "Gestopt: dit kanaal krijgt geen weekoverzicht meer.", "Stopped: this channel no longer gets a weekly digest."));
}
