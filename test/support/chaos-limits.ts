/** Checks a rendered message against the platform limits of ../shared/fixtures/LIMITS.md and for pings. */
import type { DiscordMessage } from "../../bot/discord/render-discord-reply.js";
import type { SlackMessage } from "../../bot/slack/render-slack-reply.js";

/** Slack mrkdwn that pings or links: <!channel>, <!here>, <!everyone>, <!subteam^…>, <@U…>, <#C…>. */
const slackPing = /<[!@#]/;
/** Discord text that pings: @everyone, @here, <@id>, <@!id>, <@&role> (a zero-width space after @ or < defuses it). */
const discordPing = /@(everyone|here)\b|<@[!&]?\d|<@&|<#\d/i;

/** Every way the Slack message breaks a limit or could ping someone; empty when it is fine. */
export function slackViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  check(message.blocks.length <= 50, `${message.blocks.length} blocks`);
  check(message.text.length <= 40_000, `fallback text ${message.text.length}`);
  check(!slackPing.test(message.text), "fallback text pings");
  const mrkdwn: string[] = [];
  for (const block of message.blocks) {
    if (block.type === "header") check(block.text.text.length >= 1 && block.text.text.length <= 150, `header ${block.text.text.length}`);
    if (block.type === "section") {
      if (block.text) {
        check(block.text.text.length >= 1 && block.text.text.length <= 3000, `section text ${block.text.text.length}`);
        mrkdwn.push(block.text.text);
      }
      check(block.text !== undefined || (block.fields?.length ?? 0) > 0, "empty section");
      check((block.fields?.length ?? 0) <= 10, `${block.fields?.length} fields`);
      for (const field of block.fields ?? []) {
        check(field.text.length >= 1 && field.text.length <= 2000, `field ${field.text.length}`);
        mrkdwn.push(field.text);
      }
    }
    if (block.type === "actions") {
      check(block.elements.length >= 1 && block.elements.length <= 25, `${block.elements.length} buttons in a row`);
      for (const button of block.elements) {
        check(button.text.text.length >= 1 && button.text.text.length <= 75, `button text ${button.text.text.length}`);
        check(button.action_id.length >= 1 && button.action_id.length <= 255, `action_id ${button.action_id.length}`);
        check(button.value.length <= 2000, `button value ${button.value.length}`);
      }
    }
    if (block.type === "context") {
      check(block.elements.length <= 10, `${block.elements.length} context elements`);
      mrkdwn.push(...block.elements.map((e) => e.text));
    }
  }
  for (const text of mrkdwn) check(!slackPing.test(text), `mrkdwn pings: ${text.slice(0, 80)}`);
  return problems;
}

/** Every way the Discord message breaks a limit or could ping someone; empty when it is fine. */
export function discordViolations(message: DiscordMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  check(message.allowed_mentions.parse.length === 0, "allowed_mentions.parse is not empty");
  check((message.content ?? "").length <= 2000, `content ${message.content?.length}`);
  check(message.embeds.length <= 10, `${message.embeds.length} embeds`);
  let total = 0;
  const texts: string[] = [message.content ?? ""];
  for (const embed of message.embeds) {
    const title = embed.title ?? "";
    const description = embed.description ?? "";
    check(title.length <= 256, `title ${title.length}`);
    check(description.length <= 4096, `description ${description.length}`);
    check((embed.fields?.length ?? 0) <= 25, `${embed.fields?.length} fields`);
    total += title.length + description.length + (embed.footer?.text.length ?? 0);
    check((embed.footer?.text.length ?? 0) <= 2048, "footer");
    texts.push(description, embed.footer?.text ?? "");
    for (const field of embed.fields ?? []) {
      check(field.name.length >= 1 && field.name.length <= 256, `field name ${field.name.length}`);
      check(field.value.length >= 1 && field.value.length <= 1024, `field value ${field.value.length}`);
      total += field.name.length + field.value.length;
      texts.push(field.value);
    }
  }
  check(total <= 6000, `embeds total ${total}`);
  check(message.components.length <= 5, `${message.components.length} rows`);
  for (const row of message.components) {
    check(row.components.length >= 1 && row.components.length <= 5, `${row.components.length} buttons in a row`);
    for (const button of row.components) {
      check((button.label ?? "").length <= 80, `label ${button.label?.length}`);
      check(button.custom_id.length >= 1 && button.custom_id.length <= 100, `custom_id ${button.custom_id.length}`);
    }
  }
  for (const text of texts) check(!discordPing.test(text), `pings: ${text.slice(0, 80)}`);
  return problems;
}
