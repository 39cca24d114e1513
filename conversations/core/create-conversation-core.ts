/** The platform-neutral conversation core: Inbound in, Reply out; Slack, Discord and the terminal plug in here. */
import type { EngineDeps } from "../../engine/runtime/engine-deps.js";
import { previewByCause } from "../flows/cause-target.js";
import { runChecklist } from "../flows/checklist-flow.js";
import { showErrors } from "../flows/errors-flow.js";
import { showOpen } from "../flows/open-flow.js";
import { previewReport } from "../flows/report-flow.js";
import { previewRetry } from "../flows/retry-flow.js";
import { askToLink, explainConnect, linkChat, previewIgnore, previewUnlink, proposeConfigure, showHelp } from "../flows/simple-flows.js";
import { subscribe, unsubscribe } from "../flows/subscribe-flow.js";
import { showStatus } from "../flows/status-flow.js";
import { CLAIM_PREFIX, claimReport } from "../flows/support-flow.js";
import { showTrace } from "../flows/trace-flow.js";
import type { Understanding } from "../intents/understanding.js";
import { say } from "../replies/format.js";
import type { Reply } from "../replies/reply.js";
import { rememberTurn } from "../llm/conversation-turns.js";
import { mayAct } from "../state/chat-roles.js";
import { loadTurn } from "../state/load-turn.js";
import { queriesSent } from "../../db/queries-sent.js";
import { statusFromColumns } from "../../engine/status/get-status.js";
import { type ConversationKey, loadConversation, saveConversation } from "../state/conversation-store.js";
import { type PendingAction, consumePendingAction } from "../state/pending-actions.js";
import { cleanInbound } from "./clean-inbound.js";
import { commandToUnderstanding } from "./parse-command.js";
import type { Inbound } from "./inbound.js";
import { runAction } from "./run-action.js";
import { type TurnContext, textReply } from "./turn-context.js";

/** How the core understands free text (rules; later optionally an LLM). */
export type Understand = (text: string) => Understanding | Promise<Understanding>;

/** How-to answers from the knowledge articles. */
export type AnswerHowto = (ctx: TurnContext, question: string) => Promise<Reply>;

/** A second opinion on a message the rules may be unsure of (the optional LLM, conversations/llm); null: the rules stand. */
export type Interpret = (ctx: TurnContext, text: string, rules: Understanding) => Promise<Interpretation | null>;

/** Route this understanding (with an optional first sentence), answer outright, or keep the rules' answer with a note. */
export type Interpretation =
  | { kind: "understood"; understanding: Understanding; sentence?: string }
  | { kind: "answered"; reply: Reply }
  | { kind: "fallback"; note?: string };

export interface ConversationCoreDeps {
  engine: EngineDeps;
  understand: Understand;
  answerHowto?: AnswerHowto;
  interpret?: Interpret;
}

/** Posts a reply to the platform (a platform delivery's answer; see handleDelivery). */
export type SendReply = (reply: Reply) => Promise<void>;

/** Handles one inbound event and returns the reply. */
export interface ConversationCore {
  handle(inbound: Inbound): Promise<Reply>;
  /**
   * The same for a platform delivery with an id (a Slack event, a Discord message): the first delivery of
   * that id is answered, every repeat (a retry, a gateway replay, another process) gets null and `send` is
   * not called. The claim is made in the turn's first statement.
   *
   * `send` posts the reply to the platform. The conversation's state and buttons are saved once it has
   * settled (`handle` saves before it answers): the post never waits for the save, nor competes with it
   * for the thread (issue #9, part 5). Resolves with the reply after `send`; rejects when the turn or
   * `send` fails. A later turn of the same conversation in this process waits for the save, and so does
   * a click on a button that is not found yet. A failed save is logged; the reply stands, and its buttons
   * then answer that they are unknown.
   */
  handleDelivery(inbound: Inbound, deliveryId: string, send: SendReply): Promise<Reply | null>;
  /** Resolves when every save still under way has settled (before the database closes). */
  settled(): Promise<void>;
  /** Sets the language a conversation starts in (the terminal's --lang). */
  setLanguage(where: Inbound["where"], userId: string, language: "nl" | "en"): Promise<void>;
}

/** Creates the core. */
export function createConversationCore(deps: ConversationCoreDeps): ConversationCore {
  const saves = createSavesUnderWay(deps.engine.log);
  return {
    async setLanguage(where, userId, language) {
      const key: ConversationKey = { platform: where.platform, place: where.id, userId };
      const state = await loadConversation(deps.engine.db, key);
      await saveConversation(deps.engine.db, key, { ...state, language }, deps.engine.clock.now());
    },
    // Without a delivery id there is nothing to claim, so a reply always comes back.
    handle: (inbound) => turn(inbound) as Promise<Reply>,
    handleDelivery: (inbound, deliveryId, send) => turn(inbound, { id: deliveryId, send }),
    settled: async () => {
      await saves.settled();
    },
  };

  async function turn(received: Inbound, platformDelivery?: { id: string; send: SendReply }): Promise<Reply | null> {
    // Chat text may hold NUL or broken surrogate pairs, which Postgres refuses to store.
    const inbound = cleanInbound(received);
    const key: ConversationKey = { platform: inbound.where.platform, place: inbound.where.id, userId: inbound.user.id };
    const support = inbound.user.support === true;
    const workspace = inbound.where.workspace ?? "";
    const delivery = platformDelivery && { id: platformDelivery.id, at: deps.engine.clock.now() };
    // The previous turn of this conversation may still be saving its state.
    await saves.of(key);
    // One statement starts the turn: the claim, the state, the link and role, and (for a message or command
    // the rules answer alone) the status, so a status question costs one round trip in all (issue #9, part 5).
    // The rules need none of it: they run while the database answers.
    const rulesAlone = inbound.kind !== "action" && !deps.interpret;
    const loading = loadTurn(deps.engine.db, key, workspace, support, { ...(delivery ? { delivery } : {}), withStatus: rulesAlone });
    let ruled: Understanding | null = null;
    if (inbound.kind !== "action") {
      loading.catch(() => {}); // awaited below; this only keeps a failure during the rules from counting as unhandled
      await queriesSent();
      // (Should the rules fail, the turn runs them again where a failure gets the friendly answer.)
      ruled = await understandRules(deps, inbound).catch(() => null);
    }
    const { claimed, state, koppeling, role, status } = await loading;
    if (!claimed) return null;
    const ctx: TurnContext = {
      engine: deps.engine,
      key,
      actor: { platform: inbound.where.platform, ...(workspace ? { workspace } : {}), channel: channelOf(inbound.where), user: inbound.user.id },
      koppeling,
      role,
      support,
      workspace,
      language: state.language,
      state,
      now: deps.engine.clock.now(),
      buttons: [],
      prefetched: {},
      savesUnderWay: () => saves.settled(),
    };
    if (koppeling && status && ruled?.intent === "status") ctx.prefetched.status = statusFromColumns(koppeling.id, status, ctx.now);
    let result: Reply;
    try {
      result = await respond(deps, ctx, inbound, ruled);
    } catch (error) {
      deps.engine.log.error("conversation turn failed", { platform: key.platform, error: error instanceof Error ? error.message : String(error) });
      ctx.buttons = [];
      result = textReply(ctx, "unknown", say(ctx.language, "Sorry, daar ging iets mis aan mijn kant. Probeer het zo nog eens.", "Sorry, something went wrong on my side. Please try again in a moment."));
    }
    // What the conversation keeps of this turn; a delivery works it out after its post, which does not need it.
    const save = async () => {
      state.language = result.language;
      state.lastActions = result.actions.map((a) => ({ id: a.id, ...(a.style ? { style: a.style } : {}) }));
      state.turns = rememberTurn(state.turns, inbound.kind === "message" ? inbound.text : inbound.kind === "command" ? `/koppeling ${inbound.args}` : "[button]", result);
      await saveConversation(deps.engine.db, key, state, ctx.now, ctx.buttons);
    };
    if (!platformDelivery) {
      await save();
      return result;
    }
    // The reply goes out first; the save starts once the post has settled, whether it went out or not.
    const sending = Promise.resolve().then(() => platformDelivery.send(result));
    saves.track(key, sending.then(save, save));
    await sending;
    return result;
  }
}

/** The state saves a turn did not wait for, per conversation. */
function createSavesUnderWay(log: EngineDeps["log"]) {
  const underWay = new Map<string, Promise<void>>();
  const idOf = (key: ConversationKey) => JSON.stringify([key.platform, key.place, key.userId]);
  return {
    track(key: ConversationKey, saving: Promise<void>) {
      const id = idOf(key);
      const settled = saving.then(
        () => {},
        (error: unknown) => log.error("conversation state not saved", { platform: key.platform, error: error instanceof Error ? error.message : String(error) }),
      );
      const entry = settled.finally(() => {
        if (underWay.get(id) === entry) underWay.delete(id);
      });
      underWay.set(id, entry);
    },
    /** The save under way for this conversation, or nothing to wait for. */
    of(key: ConversationKey): Promise<void> | undefined {
      return underWay.get(idOf(key));
    },
    /** Waits until no save is under way; false when none was. */
    async settled(): Promise<boolean> {
      if (underWay.size === 0) return false;
      while (underWay.size > 0) await Promise.all(underWay.values());
      return true;
    },
  };
}

/** What the rules make of a message or a /koppeling command. */
async function understandRules(deps: ConversationCoreDeps, inbound: Exclude<Inbound, { kind: "action" }>): Promise<Understanding> {
  return inbound.kind === "command" ? commandToUnderstanding(inbound.args, deps.understand) : deps.understand(inbound.text);
}

async function respond(deps: ConversationCoreDeps, ctx: TurnContext, inbound: Inbound, rules: Understanding | null): Promise<Reply> {
  if (inbound.kind === "action") return pressButton(ctx, inbound.actionId);
  const ruled = rules ?? (await understandRules(deps, inbound));
  if (ruled.language) ctx.language = ruled.language;
  const second = inbound.kind === "message" && deps.interpret ? await deps.interpret(ctx, inbound.text, ruled) : null;
  if (second?.kind === "answered") return second.reply;
  const result = await route(deps, ctx, inbound, second?.kind === "understood" ? second.understanding : ruled);
  const before = second?.kind === "understood" && second.sentence ? [{ kind: "text" as const, text: second.sentence }] : [];
  const after = second?.kind === "fallback" && second.note ? [{ kind: "text" as const, text: second.note }] : [];
  return { ...result, blocks: [...before, ...result.blocks, ...after] };
}

async function route(deps: ConversationCoreDeps, ctx: TurnContext, inbound: Exclude<Inbound, { kind: "action" }>, understanding: Understanding): Promise<Reply> {
  const { intent, slots } = understanding;

  if (intent === "answer") {
    if (slots.answer === "no") {
      ctx.state.flow = null;
      return textReply(ctx, "answer", say(ctx.language, "Goed, dan laat ik het zo.", "All right, I'll leave it."));
    }
    const choices = ctx.state.lastActions;
    const pick = slots.choice !== undefined ? choices[slots.choice - 1] : slots.answer === "yes" ? (choices.find((a) => a.style === "primary") ?? choices[0]) : undefined;
    if (pick) return pressButton(ctx, pick.id);
    return textReply(ctx, "answer", say(ctx.language, "Waar zeg je dat op? Vraag me gerust opnieuw wat je wilt doen.", "What are you answering? Feel free to ask again what you want to do."));
  }
  if (intent === "help" || intent === "unknown") return showHelp(ctx, intent);
  if (intent === "howto") return deps.answerHowto ? deps.answerHowto(ctx, inbound.kind === "message" ? inbound.text : inbound.args) : showHelp(ctx, "unknown");
  if (intent === "link") return linkChat(ctx, slots.licenseKey);
  // Support may subscribe an unlinked place (its own channel) to the overview of all koppelingen.
  if (!ctx.koppeling && ctx.support && (intent === "subscribe" || intent === "unsubscribe")) return intent === "subscribe" ? subscribe(ctx, slots) : unsubscribe(ctx);
  if (!ctx.koppeling) return askToLink(ctx, intent);
  const id = ctx.koppeling.id;
  if (effectIntents.has(intent) && !mayAct(ctx.role)) return onlyOwners(ctx, intent);
  switch (intent) {
    case "unlink":
      return previewUnlink(ctx);
    case "check_setup":
      return runChecklist(ctx, id);
    case "status":
      return showStatus(ctx, id);
    case "list_errors":
      return showErrors(ctx, id);
    case "explain_open":
      return showOpen(ctx, id);
    case "trace_sale":
      if (!slots.saleNumbers?.[0]) return textReply(ctx, "trace_sale", say(ctx.language, "Welke verkoop? Noem het nummer, bijvoorbeeld \"waar is 1043?\"", "Which sale? Give its number, e.g. \"where is 1043?\""));
      return showTrace(ctx, id, slots.saleNumbers[0]);
    case "retry":
      if (!slots.saleNumbers?.[0] && slots.cause && !slots.all) return previewByCause(ctx, id, "retry", slots);
      return previewRetry(ctx, id, slots.saleNumbers?.[0] ? { kind: "sale", number: slots.saleNumbers[0] } : { kind: "all" });
    case "report_problem":
      if (!slots.saleNumbers?.[0] && slots.cause) return previewByCause(ctx, id, "report", slots);
      return previewReport(ctx, id, slots.saleNumbers?.[0] ? { kind: "sale", number: slots.saleNumbers[0] } : null);
    case "ignore":
      return previewIgnore(ctx, slots.saleNumbers);
    case "configure":
      return proposeConfigure(ctx, slots);
    case "connect":
      return explainConnect(ctx, id, slots.side);
    case "subscribe":
      return subscribe(ctx, slots);
    case "unsubscribe":
      return unsubscribe(ctx);
  }
}

/** The channel part of a place id ("T1/C2" → "C2" when T1 is the workspace), for the audit log. */
function channelOf(where: Inbound["where"]): string {
  return where.workspace && where.id.startsWith(`${where.workspace}/`) ? where.id.slice(where.workspace.length + 1) : where.id;
}

/** Intents that change something: only the owner (who linked with the license key) and support may. */
const effectIntents = new Set<Understanding["intent"]>(["unlink", "retry", "report_problem", "ignore", "configure", "subscribe", "unsubscribe"]);
const readOnlyActions = new Set<PendingAction["kind"]>(["cancel", "show_errors", "show_more", "start_walk", "walk_next"]);

/** The answer for a viewer who asks for an effect. */
function onlyOwners(ctx: TurnContext, intent: Reply["intent"]): Reply {
  return textReply(ctx, intent, say(ctx.language, "Alleen de eigenaar van deze koppeling (wie hem met de licentiesleutel koppelde) of support kan dat doen. Jij kunt wel alles bekijken.", "Only the owner of this koppeling (whoever linked it with the license key) or support can do that. You can look at everything."));
}

async function pressButton(ctx: TurnContext, actionId: string): Promise<Reply> {
  const l = ctx.language;
  if (actionId.startsWith(CLAIM_PREFIX)) return claimReport(ctx, actionId.slice(CLAIM_PREFIX.length));
  let consumed = await consumePendingAction(ctx.engine.db, actionId, ctx.key, ctx.now);
  // The turn that offered the button may still be saving it (see handleDelivery).
  if (consumed.kind === "unknown" && (await ctx.savesUnderWay())) consumed = await consumePendingAction(ctx.engine.db, actionId, ctx.key, ctx.now);
  if (consumed.kind !== "ok") {
    const why = {
      unknown: say(l, "Die knop ken ik niet (meer).", "I don't know that button (any more)."),
      not_yours: say(l, "Die knop is voor iemand anders; vraag het zelf, dan krijg je je eigen knoppen.", "That button belongs to someone else; ask yourself and you'll get your own."),
      other_place: say(l, "Die knop hoort bij een ander gesprek.", "That button belongs to another conversation."),
      expired: say(l, "Die knop is verlopen; vraag het gerust opnieuw.", "That button has expired; just ask again."),
      used: say(l, "Die knop is al gebruikt.", "That button was already used."),
    }[consumed.kind];
    return { ...textReply(ctx, "answer", why), refused: consumed.kind };
  }
  if (!ctx.koppeling || (consumed.koppelingId && consumed.koppelingId !== ctx.koppeling.id)) return askToLink(ctx, "answer");
  if (!readOnlyActions.has(consumed.action.kind) && !mayAct(ctx.role)) return onlyOwners(ctx, "answer");
  return runAction(ctx, ctx.koppeling.id, consumed.action);
}
