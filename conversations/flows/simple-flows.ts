/** The short flows: help, link, unlink, connect, configure by text, ignore. */
import { loadKoppeling } from "../../engine/koppelingen/koppeling-repository.js";
import { ignoreSales } from "../../engine/retry/ignore-sales.js";
import { type TurnContext, button, textReply } from "../core/turn-context.js";
import type { Slots } from "../intents/understanding.js";
import { ledgerRoleName, rate, say } from "../replies/format.js";
import type { Reply } from "../replies/reply.js";
import { describeActor } from "../../engine/runtime/actor.js";
import { linkPlace, unlinkPlace } from "../state/chat-links.js";
import { grantOwner } from "../state/chat-roles.js";

/** What the bot can do, with examples; also the answer to what it did not understand. */
export function showHelp(ctx: TurnContext, intent: "help" | "unknown"): Reply {
  const l = ctx.language;
  const intro = intent === "unknown" ? say(l, "Dat begreep ik niet helemaal. Dit kan ik voor je doen:", "I didn't quite get that. This is what I can do:") : say(l, "Ik help je met je koppeling. Vraag bijvoorbeeld:", "I help you with your koppeling. Ask for example:");
  const examples = say(
    l,
    "• \"staat mijn koppeling goed ingesteld?\" — de controle, met oplossingen\n• \"hoe staat het ervoor?\" — verbindingen en aantallen\n• \"waarom worden orders geweigerd?\" — Fouten per oorzaak\n• \"waarom staan er orders in Open?\"\n• \"waar is bestelling 1043?\"\n• \"zet 1043 opnieuw door\", \"meld een probleem\", \"negeer 1043\"\n• \"hoe maak ik een API-sleutel aan?\"",
    "• \"is my integration set up correctly?\" — the checklist, with fixes\n• \"how is it going?\" — connections and counts\n• \"why are orders rejected?\" — errors by cause\n• \"why are orders in Open?\"\n• \"where is order 1043?\"\n• \"retry 1043\", \"report a problem\", \"ignore 1043\"\n• \"how do I create an API key?\"",
  );
  const link = ctx.koppeling ? "" : say(l, "\n\nEerst koppel je deze chat aan je koppeling: stuur \"link\" met je licentiesleutel, bijvoorbeeld `link KB-XXXX-XXXX`.", "\n\nFirst link this chat to your koppeling: send \"link\" with your license key, e.g. `link KB-XXXX-XXXX`.");
  return textReply(ctx, intent, `${intro}\n${examples}${link}`);
}

/** Explains that this chat is not linked yet and how to link it; shows nothing of any koppeling. */
export function askToLink(ctx: TurnContext, intent: Reply["intent"]): Reply {
  return textReply(ctx, intent, say(ctx.language, "Deze chat is nog niet gekoppeld aan een koppeling. Stuur `link` met je licentiesleutel (die staat in je welkomstmail), bijvoorbeeld `link KB-XXXX-XXXX`.", "This chat is not linked to a koppeling yet. Send `link` with your license key (it is in your welcome e-mail), e.g. `link KB-XXXX-XXXX`."));
}

/** Links this place by license key; the key is never repeated back. */
export async function linkChat(ctx: TurnContext, licenseKey: string | undefined): Promise<Reply> {
  const l = ctx.language;
  if (!licenseKey) return askToLink(ctx, "link");
  const actor = describeActor(ctx.actor);
  const result = await linkPlace(ctx.engine.db, ctx.key.platform, ctx.key.place, licenseKey, actor, ctx.now);
  if (result.kind === "unknown_key") {
    ctx.engine.log.info("link refused: unknown license key", { actor });
    return textReply(ctx, "link", say(l, "Die licentiesleutel ken ik niet. Controleer hem in je welkomstmail (hoofdletters maken niet uit).", "I don't know that license key. Check it in your welcome e-mail (case does not matter)."));
  }
  await grantOwner(ctx.engine.db, { platform: ctx.key.platform, workspace: ctx.workspace, userId: ctx.key.userId }, result.id, actor, ctx.now);
  ctx.koppeling = { id: result.id, name: result.name };
  ctx.role = ctx.support ? "support" : "owner";
  return textReply(ctx, "link", say(l, `Gekoppeld aan ${result.name}. Vraag me bijvoorbeeld "staat alles goed?"`, `Linked to ${result.name}. Ask me for example "is everything set up correctly?"`));
}

/** Removes the link of this place. */
export async function previewUnlink(ctx: TurnContext): Promise<Reply> {
  const l = ctx.language;
  return textReply(ctx, "unlink", say(l, `Deze chat loskoppelen van ${ctx.koppeling?.name ?? "de koppeling"}? Daarna zie je hier niets meer van de koppeling en stopt het weekoverzicht hier.`, `Unlink this chat from ${ctx.koppeling?.name ?? "the koppeling"}? You will no longer see anything of it here and the weekly digest stops here.`), [
    await button(ctx, say(l, "Ja, loskoppelen", "Yes, unlink"), { kind: "unlink" }, "danger"),
    await button(ctx, say(l, "Annuleer", "Cancel"), { kind: "cancel" }),
  ]);
}

/** Runs a confirmed unlink. */
export async function unlinkChat(ctx: TurnContext): Promise<Reply> {
  const removed = await unlinkPlace(ctx.engine.db, ctx.key.platform, ctx.key.place, describeActor(ctx.actor), ctx.now);
  return textReply(ctx, "unlink", removed ? say(ctx.language, "Deze chat is niet meer gekoppeld.", "This chat is no longer linked.") : say(ctx.language, "Deze chat was niet gekoppeld.", "This chat was not linked."));
}

/** How to fix a red dot, with the current state of both. */
export async function explainConnect(ctx: TurnContext, koppelingId: string, side: Slots["side"]): Promise<Reply> {
  const l = ctx.language;
  const k = await loadKoppeling(ctx.engine.db, ctx.engine.cipher, koppelingId);
  const lines = [];
  if (side !== "accounting") lines.push(say(l, `${k.salesSystem}: ${k.salesConnection.state === "red" ? "🔴" : "🟢"} — maak in WooCommerce een nieuwe sleutel (Instellingen › Geavanceerd › REST API, rechten Lezen) en vul die in bij Connect.`, `${k.salesSystem}: ${k.salesConnection.state === "red" ? "🔴" : "🟢"} — create a new key in WooCommerce (Settings › Advanced › REST API, permission Read) and enter it under Connect.`));
  if (side !== "sales") lines.push(say(l, `${k.accountingSystem}: ${k.accountingConnection.state === "red" ? "🔴" : "🟢"} — klik Connect en log in met een gebruiker die mag boeken; kies daarna de juiste administratie.`, `${k.accountingSystem}: ${k.accountingConnection.state === "red" ? "🔴" : "🟢"} — click Connect and log in with a user who may book; then choose the right administration.`));
  return textReply(ctx, "connect", lines.join("\n"));
}

/** "Negeer 1043": asks to confirm, for sales booked by hand. */
export async function previewIgnore(ctx: TurnContext, numbers: string[] | undefined): Promise<Reply> {
  const l = ctx.language;
  if (!numbers?.length) return textReply(ctx, "ignore", say(l, "Welke verkoop wil je negeren? Noem het nummer, bijvoorbeeld \"negeer 1043\". Negeer alleen wat je met de hand hebt geboekt.", "Which sale should I ignore? Give its number, e.g. \"ignore 1043\". Only ignore what you booked by hand."));
  const list = numbers.map((n) => `#${n}`).join(", ");
  return textReply(ctx, "ignore", say(l, `${list} negeren? Ze verdwijnen uit Open en Fouten en worden niet meer doorgezet. Doe dit alleen als je ze met de hand hebt geboekt.`, `Ignore ${list}? They leave Open and Errors and will not be transferred. Only do this if you booked them by hand.`), [
    await button(ctx, say(l, "Ja, negeer", "Yes, ignore"), { kind: "ignore", target: { kind: "sales", numbers } }, "danger"),
    await button(ctx, say(l, "Annuleer", "Cancel"), { kind: "cancel" }),
  ]);
}

/** Runs a confirmed ignore. */
export async function executeIgnore(ctx: TurnContext, koppelingId: string, target: Parameters<typeof ignoreSales>[2]): Promise<Reply> {
  const l = ctx.language;
  const result = await ignoreSales(ctx.engine, koppelingId, target, ctx.actor);
  const parts = [say(l, `Genegeerd: ${result.ignored.length}.`, `Ignored: ${result.ignored.length}.`)];
  for (const s of result.notIgnorable) parts.push(say(l, `#${s.number} kan niet (staat in ${s.state}).`, `#${s.number} cannot be ignored (it is ${s.state}).`));
  for (const n of result.unknown) parts.push(say(l, `#${n} ken ik niet.`, `I don't know #${n}.`));
  return textReply(ctx, "ignore", parts.join(" "));
}

/** "Koppel 9% aan ...", "zet verzendkosten op 8050", "vink processing aan": proposes the change. */
export async function proposeConfigure(ctx: TurnContext, slots: Slots): Promise<Reply> {
  const l = ctx.language;
  if (slots.status) {
    return textReply(ctx, "configure", say(l, `Status "${slots.status}" aanvinken?`, `Tick status "${slots.status}"?`), [
      await button(ctx, say(l, "Ja", "Yes"), { kind: "configure", change: { kind: "tickStatus", status: slots.status }, inWalk: false }, "primary"),
      await button(ctx, say(l, "Annuleer", "Cancel"), { kind: "cancel" }),
    ]);
  }
  if (slots.ledgerCode && slots.ledgerRole) {
    return textReply(ctx, "configure", say(l, `Grootboek ${slots.ledgerCode} gebruiken voor ${ledgerRoleName(slots.ledgerRole, l)}?`, `Use ledger ${slots.ledgerCode} for ${ledgerRoleName(slots.ledgerRole, l)}?`), [
      await button(ctx, say(l, "Ja", "Yes"), { kind: "configure", change: { kind: "setLedger", role: slots.ledgerRole, ledger: slots.ledgerCode }, inWalk: false }, "primary"),
      await button(ctx, say(l, "Annuleer", "Cancel"), { kind: "cancel" }),
    ]);
  }
  const hint = slots.vatRateBp !== undefined ? say(l, ` voor ${rate(slots.vatRateBp, l)}`, ` for ${rate(slots.vatRateBp, l)}`) : "";
  return textReply(ctx, "configure", say(l, `Ik kijk welke instellingen${hint} ontbreken; vraag me "staat mijn koppeling goed ingesteld?" en ik loop ze met je langs, met de codes die echt in je boekhouding staan.`, `Let me see which settings${hint} are missing: ask me "is my koppeling set up correctly?" and I'll walk you through them, with the codes that really exist in your accounting.`));
}

