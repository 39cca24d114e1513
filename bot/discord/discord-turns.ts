/**
 * Discord events → the core → Discord: mentions and DMs, `/koppeling`, buttons and autocomplete. Every
 * delivery is claimed once by its id (a gateway resume may replay it, another process may get it too);
 * interactions are acknowledged (deferred) before the core runs, so slow work never misses Discord's
 * 3 seconds; the deferred answer is filled in afterwards.
 */
import { type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, type Message, MessageFlags, type REST } from "discord.js";
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { ChatUser, Inbound, Place } from "../../conversations/core/inbound.js";
import type { Reply } from "../../conversations/replies/reply.js";
import { findLinkedKoppeling } from "../../conversations/state/chat-links.js";
import { createPendingAction } from "../../conversations/state/pending-actions.js";
import type { Database } from "../../db/open-database.js";
import type { Clock, Logger } from "../../engine/runtime/engine-deps.js";
import type { ChannelQueue } from "../chat/channel-queue.js";
import { claimEvent } from "../chat/claim-event.js";
import { splitReply } from "../chat/split-reply.js";
import { sendDiscordMessage } from "./discord-poster.js";
import { discordPlace } from "./discord-place.js";
import { commandArgs } from "./koppeling-command.js";
import { type DiscordMessage, escapeDiscordText, fitsOneDiscordMessage, noPings, renderDiscordReply, renderIfOneDiscordMessage } from "./render-discord-reply.js";
import { suggestTargets } from "./suggest-targets.js";

export interface DiscordTurnDeps {
  core: ConversationCore;
  db: Database;
  clock: Clock;
  log: Logger;
  rest: REST;
  queue: ChannelQueue;
  /** Discord user ids with support rights (SUPPORT_DISCORD_USERS). */
  supportUsers: string[];
  /** The bot's own user id (known after login). */
  botUserId: () => string | undefined;
  /** Called after every turn (the support outbox listens for new reports). */
  afterTurn: (reply: Reply) => void;
}

const sorry = "Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens. / Sorry, something went wrong on my side. Please try again in a moment.";
const sorryMessage: DiscordMessage = { content: sorry, embeds: [], components: [], allowed_mentions: noPings };

const SHOW_MORE_NL = "Toon meer";
const SHOW_MORE_EN = "Show more";
const showMoreLabels = new Set([SHOW_MORE_NL, SHOW_MORE_EN]);

/** The button rows of the clicked message without one button (rows left empty disappear). */
function withoutButton(interaction: ButtonInteraction, customId: string) {
  return interaction.message.components
    .map((row) => row.toJSON() as { type: number; components: Array<{ custom_id?: string }> })
    .map((row) => ({ ...row, components: row.components.filter((c) => c.custom_id !== customId) }))
    .filter((row) => row.components.length > 0) as never[];
}

/** The discord.js options for an interaction answer (discord.js turns `allowedMentions` into allowed_mentions). */
function interactionPayload(message: DiscordMessage) {
  return { content: message.content ?? "", embeds: message.embeds, components: message.components, allowedMentions: { parse: [], repliedUser: false } };
}

export function createDiscordTurns(deps: DiscordTurnDeps) {
  const { core, db, log } = deps;
  const userOf = (id: string, name?: string): ChatUser => ({ id, ...(name ? { name } : {}), ...(deps.supportUsers.includes(id) ? { support: true } : {}) });

  /** Renders a reply; one longer than a message gets a "show more" button for the rest (a stored pending action). */
  async function render(where: Place, user: ChatUser, reply: Reply): Promise<DiscordMessage> {
    const whole = renderIfOneDiscordMessage(reply);
    if (whole) return whole;
    const { first, rest } = splitReply(reply, fitsOneDiscordMessage);
    if (!rest) return renderDiscordReply(reply);
    const koppeling = await findLinkedKoppeling(db, "discord", where.id);
    if (!koppeling) return renderDiscordReply(reply);
    const id = await createPendingAction(db, { platform: "discord", place: where.id, userId: user.id }, koppeling.id, { kind: "show_more", reply: rest }, deps.clock.now());
    return renderDiscordReply({ ...first, actions: [...first.actions, { id, label: reply.language === "nl" ? SHOW_MORE_NL : SHOW_MORE_EN }] });
  }

  /** One core turn, rendered (commands; a message is a platform delivery, see onMessage). */
  async function turn(inbound: Inbound): Promise<DiscordMessage> {
    const reply = await core.handle(inbound);
    deps.afterTurn(reply);
    return render(inbound.where, inbound.user, reply);
  }

  async function onMessage(message: Message): Promise<void> {
    const botId = deps.botUserId();
    if (!botId || message.author.bot || message.author.id === botId || message.system) return;
    const inGuild = message.guildId !== null;
    // In a guild only mentions of the bot itself are for us (not @everyone or a role); DMs always are.
    if (inGuild && !message.mentions.users.has(botId)) return;
    const text = withoutMention(message.content, botId) || "help";
    const where = discordPlace(message.guildId, message.channelId);
    const user = userOf(message.author.id, message.author.username);
    // In a guild the answer is a reply to the mention (message_reference), so a busy channel keeps the thread.
    const reference = inGuild ? { message_reference: { message_id: message.id, fail_if_not_exists: false } } : {};
    const post = (answer: DiscordMessage) =>
      sendDiscordMessage(deps.rest, deps.queue, message.channelId, { ...answer, ...reference }).then(
        () => {},
        (error: unknown) => log.warn("discord reply failed", { place: where.id, error: describe(error) }),
      );
    try {
      // A gateway resume may replay a message, another process may get it too: answered once per message id.
      await core.handleDelivery({ kind: "message", where, user, text }, `message:${message.id}`, async (reply) => {
        deps.afterTurn(reply);
        await post(await render(where, user, reply));
      });
    } catch (error) {
      log.error("discord message turn failed", { place: where.id, error: describe(error) });
      await post(sorryMessage);
    }
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const args = commandArgs(interaction);
    const sub = interaction.options.getSubcommand(false);
    // The license key stays between the user and the bot: the whole exchange is ephemeral.
    await interaction.deferReply(sub === "link" ? { flags: MessageFlags.Ephemeral } : {});
    const where = discordPlace(interaction.guildId, interaction.channelId);
    try {
      const answer = await turn({ kind: "command", where, user: userOf(interaction.user.id, interaction.user.username), name: "koppeling", args });
      await interaction.editReply(interactionPayload(answer));
    } catch (error) {
      log.error("discord command failed", { place: where.id, subcommand: sub, error: describe(error) });
      await interaction.editReply(interactionPayload(sorryMessage)).catch(() => {});
    }
  }

  /**
   * A click: acknowledged at once; when it had an effect the clicked message loses its buttons and says
   * what was chosen, and the result follows as a new message; a refused click is answered only to the clicker.
   */
  async function onButton(interaction: ButtonInteraction): Promise<void> {
    await interaction.deferUpdate();
    const where = discordPlace(interaction.guildId, interaction.channelId);
    try {
      const reply = await core.handle({ kind: "action", where, user: userOf(interaction.user.id, interaction.user.username), actionId: interaction.customId });
      deps.afterTurn(reply);
      const answer = await render(where, userOf(interaction.user.id), reply);
      if (reply.refused) {
        await interaction.followUp({ ...interactionPayload(answer), flags: MessageFlags.Ephemeral });
        return;
      }
      // A stale client may press a button the message no longer has: then there is no label to show.
      const component = interaction.component as { label?: string | null } | null | undefined;
      const label = component?.label ?? "";
      if (showMoreLabels.has(label)) {
        // "Show more" only uses itself up: the other buttons of the first page stay.
        await interaction.editReply({ components: withoutButton(interaction, interaction.customId) });
      } else {
        await interaction.editReply({ content: `✔ ${escapeDiscordText(label)} — <@${interaction.user.id}>`, components: [], allowedMentions: { parse: [], repliedUser: false } });
      }
      await interaction.followUp(interactionPayload(answer));
    } catch (error) {
      log.error("discord button failed", { place: where.id, error: describe(error) });
      await interaction.followUp({ ...interactionPayload(sorryMessage), flags: MessageFlags.Ephemeral }).catch(() => {});
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const where = discordPlace(interaction.guildId, interaction.channelId);
    const language = interaction.locale.startsWith("nl") ? "nl" : "en";
    const choices = await suggestTargets(db, where.id, interaction.options.getSubcommand(false) ?? "", String(interaction.options.getFocused()), language).catch((error: unknown) => {
      log.warn("discord autocomplete failed", { place: where.id, error: describe(error) });
      return [];
    });
    await interaction.respond(choices);
  }

  return {
    onMessage,
    /** Any interaction: commands and buttons once per interaction id, autocomplete always (it has no effect). */
    async onInteraction(interaction: Interaction): Promise<void> {
      if (interaction.isAutocomplete()) return onAutocomplete(interaction);
      if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
      if (!(await claimEvent(db, "discord", interaction.id, deps.clock.now()))) return;
      if (interaction.isChatInputCommand()) return onCommand(interaction);
      return onButton(interaction);
    },
  };
}

/** The message text without mentions of the bot (`<@id>` or the older `<@!id>`), trimmed. */
function withoutMention(content: string, botId: string): string {
  let text = content;
  for (const mention of [`<@${botId}>`, `<@!${botId}>`]) text = text.replaceAll(mention, " ");
  return text.trim();
}

/** A loggable description of an error: the message, never a stack or a request body. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
