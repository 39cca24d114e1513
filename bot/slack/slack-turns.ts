/**
 * One Slack delivery → one core turn → what Slack shows: mentions and DMs answered (mentions in the
 * thread), /koppeling answered through its response_url, button clicks settled in the original message.
 * Every entry point runs after Bolt's ack, so slow turns never miss Slack's 3-second deadline.
 */
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { ChatUser, Inbound, Place } from "../../conversations/core/inbound.js";
import type { Reply } from "../../conversations/replies/reply.js";
import { findLinkedKoppeling } from "../../conversations/state/chat-links.js";
import { createPendingAction } from "../../conversations/state/pending-actions.js";
import type { Database } from "../../db/open-database.js";
import type { Clock, Logger } from "../../engine/runtime/engine-deps.js";
import { type SlackBlock, type SlackMessage, escapeSlackText, renderIfOneSlackMessage, renderSlackReply, truncateAtBoundary } from "./render-slack-reply.js";
import { carriesLicenseKey, messageText, slackPlace, slackUser } from "./slack-inbound.js";
import { type SlackMessenger, slackErrorCode } from "./slack-messenger.js";
import { koppelingUsage } from "./slack-usage.js";
import { splitSlackReply } from "./split-slack-reply.js";

export interface SlackTurnDeps {
  core: ConversationCore;
  db: Database;
  clock: Clock;
  log: Logger;
  messenger: SlackMessenger;
  supportUsers: readonly string[];
  /** The bot's own user id when known (resolved lazily; messages from it are ignored). */
  botUserId(): string | undefined;
  /** Called after every turn, e.g. to post a new problem report to the support channel. */
  afterTurn(reply: Reply): void;
}

/** The fields of a message or app_mention event koppelbot reads. */
export interface SlackMessageEvent {
  type: string;
  user?: string;
  text?: string;
  bot_id?: string;
  subtype?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
}

/** The fields of a slash command koppelbot reads. */
export interface SlackCommand {
  team_id: string;
  channel_id: string;
  user_id: string;
  user_name?: string;
  text: string;
  response_url: string;
}

/** The fields of a block_actions button click koppelbot reads. */
export interface SlackButtonClick {
  teamId: string;
  channel: string;
  user: { id: string; name?: string };
  actionId: string;
  label: string;
  responseUrl?: string;
  /** The message with the button; absent for ephemeral messages (Slack does not send those back). */
  message?: { ts: string; thread_ts?: string; blocks?: SlackBlock[] };
  ephemeral: boolean;
}

const sorry: SlackMessage = { text: "Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens. / Sorry, something went wrong on my side. Please try again in a moment.", blocks: [] };

export function createSlackTurns(deps: SlackTurnDeps) {
  const { core, db, log, messenger } = deps;

  /** Renders a reply; a reply longer than one message gets a "show more" button for the rest. */
  async function render(where: Place, user: ChatUser, reply: Reply): Promise<SlackMessage> {
    const whole = renderIfOneSlackMessage(reply);
    if (whole) return whole;
    const { first, rest } = splitSlackReply(reply);
    if (!rest) return renderSlackReply(reply);
    const koppeling = await findLinkedKoppeling(db, "slack", where.id);
    if (!koppeling) return renderSlackReply(reply);
    const key = { platform: "slack", place: where.id, userId: user.id };
    const id = await createPendingAction(db, key, koppeling.id, { kind: "show_more", reply: rest }, deps.clock.now());
    const label = reply.language === "nl" ? "Toon meer" : "Show more";
    return renderSlackReply({ ...first, actions: [...first.actions, { id, label }] });
  }

  /** One core turn (a message with an event id is a platform delivery, see onMessage). */
  async function turn(inbound: Inbound): Promise<Reply> {
    const reply = await core.handle(inbound);
    deps.afterTurn(reply);
    return reply;
  }

  return {
    /** An app_mention (answered in its thread) or a DM (answered in the DM). */
    async onMessage(body: { event_id?: string; team_id?: string }, event: SlackMessageEvent): Promise<void> {
      const mention = event.type === "app_mention";
      if (event.bot_id || event.subtype || !event.user || event.user === deps.botUserId()) return;
      if (!mention && event.channel_type !== "im") return;
      const where = slackPlace(body.team_id ?? event.team ?? "", event.channel);
      const user = slackUser(event.user, deps.supportUsers);
      const threadTs = mention ? (event.thread_ts ?? event.ts) : event.thread_ts;
      try {
        const inbound: Inbound = { kind: "message", where, user, text: messageText(event.text, deps.botUserId()) };
        const answer = async (reply: Reply) => {
          deps.afterTurn(reply);
          await messenger.post(event.channel, await render(where, user, reply), threadTs);
        };
        // Slack redelivers an event it thinks was not acknowledged (X-Slack-Retry-Num), maybe to another
        // process: each event id is answered once (without an id, every delivery is answered).
        if (body.event_id) await core.handleDelivery(inbound, body.event_id, answer);
        else await answer(await core.handle(inbound));
      } catch (error) {
        log.error("slack message turn failed", { place: where.id, error: slackErrorCode(error) });
        await messenger.post(event.channel, sorry, threadTs).catch(() => {});
      }
    },

    /** /koppeling <args>: answered through the response_url; answers about license keys only to the sender. */
    async onCommand(command: SlackCommand): Promise<void> {
      const where = slackPlace(command.team_id, command.channel_id);
      const user = slackUser(command.user_id, deps.supportUsers, command.user_name);
      const args = command.text.trim();
      let privately = carriesLicenseKey(args);
      let message = sorry;
      try {
        const reply = await turn({ kind: "command", where, user, name: "koppeling", args: truncateAtBoundary(args, 500) });
        privately ||= reply.intent === "link";
        message = await render(where, user, reply);
        if (reply.intent === "unknown") message = { ...message, blocks: [...message.blocks, { type: "context", elements: [{ type: "mrkdwn", text: koppelingUsage(reply.language) }] }] };
      } catch (error) {
        log.error("slack command turn failed", { place: where.id, error: slackErrorCode(error) });
        privately = true;
      }
      try {
        await messenger.respond(command.channel_id, command.response_url, { ...message, response_type: privately ? "ephemeral" : "in_channel" });
      } catch (error) {
        // An expired or refused response_url: answer in the channel instead (needs the bot in the channel).
        log.warn("slack response_url failed", { place: where.id, error: slackErrorCode(error) });
        if (privately) await messenger.ephemeral(command.channel_id, command.user_id, message);
        else await messenger.post(command.channel_id, message);
      }
    },

    /** A button: the core checks who may press it; a click with effect settles the original message. */
    async onButton(click: SlackButtonClick): Promise<void> {
      const where = slackPlace(click.teamId, click.channel);
      const user = slackUser(click.user.id, deps.supportUsers, click.user.name);
      let reply: Reply;
      try {
        reply = await turn({ kind: "action", where, user, actionId: click.actionId });
      } catch (error) {
        log.error("slack button turn failed", { place: where.id, error: slackErrorCode(error) });
        return answerPrivately(click, sorry);
      }
      const result = await render(where, user, reply);
      if (reply.refused) return answerPrivately(click, result);
      if (click.ephemeral || !click.message) {
        // Only the response_url can change an ephemeral message: the result takes the buttons' place.
        if (click.responseUrl) return messenger.respond(click.channel, click.responseUrl, { ...result, replace_original: true });
        return messenger.ephemeral(click.channel, click.user.id, result);
      }
      await settleOriginal(click);
      await messenger.post(click.channel, result, click.message.thread_ts);
    },
  };

  /** An answer only the clicker sees; the original message and its buttons stay for whom they are meant. */
  async function answerPrivately(click: SlackButtonClick, message: SlackMessage): Promise<void> {
    try {
      if (!click.responseUrl) throw new Error("no response_url");
      await messenger.respond(click.channel, click.responseUrl, { ...message, response_type: "ephemeral", replace_original: false });
    } catch {
      await messenger.ephemeral(click.channel, click.user.id, message, click.message?.thread_ts);
    }
  }

  /** The original message without its buttons, saying which was chosen, so nothing stale can be pressed again. */
  async function settleOriginal(click: SlackButtonClick): Promise<void> {
    const original = click.message!;
    const kept = (original.blocks ?? []).filter((b) => b.type !== "actions");
    const chosen = `✔ *${escapeSlackText(click.label)}*${click.user.name ? ` — ${escapeSlackText(click.user.name)}` : ""}`;
    const note: SlackBlock = { type: "context", elements: [{ type: "mrkdwn", text: chosen }] };
    const settled: SlackMessage = { text: click.label, blocks: [...kept.slice(0, 49), note] };
    try {
      await messenger.update(click.channel, original.ts, settled);
    } catch (error) {
      log.warn("slack chat.update failed", { channel: click.channel, error: slackErrorCode(error) });
      if (click.responseUrl) await messenger.respond(click.channel, click.responseUrl, { ...settled, replace_original: true }).catch(() => {});
    }
  }
}

export type SlackTurns = ReturnType<typeof createSlackTurns>;
