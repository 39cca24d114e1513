/**
 * Everything koppelbot sends to Slack, through one per-channel paced queue: chat.postMessage,
 * chat.update and response_url posts. 429s are waited out by the WebClient itself (Retry-After).
 */
import type { webApi } from "@slack/bolt";
import type { ChannelQueue } from "../chat/channel-queue.js";
import type { SlackBlock, SlackMessage } from "./render-slack-reply.js";

/** Where a posted message is. */
export interface SlackMessageRef {
  channel: string;
  ts: string;
}

/** What a response_url accepts (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses). */
export interface ResponseUrlBody {
  text: string;
  blocks?: SlackBlock[];
  response_type?: "in_channel" | "ephemeral";
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
}

export interface SlackMessenger {
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<SlackMessageRef>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** A message only `user` sees (chat.postEphemeral); it cannot be updated later. */
  ephemeral(channel: string, user: string, message: SlackMessage, threadTs?: string): Promise<void>;
  /** POSTs to a response_url (valid 30 minutes, 5 times); throws when Slack refuses it. */
  respond(channel: string, responseUrl: string, body: ResponseUrlBody): Promise<void>;
}

/** A Slack Web API refusal or transport failure, with Slack's error code when there is one. */
export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; code?: string; message?: string };
  return e?.data?.error ?? e?.code ?? (error instanceof Error ? error.message : String(error));
}

/** Sends through `client` (its token and base URL), one channel at a time. */
export function createSlackMessenger(client: webApi.WebClient, queue: ChannelQueue, responseTimeoutMs = 10_000): SlackMessenger {
  return {
    async post(channel, message, threadTs) {
      const result = await queue.send(channel, () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false }),
      );
      return { channel: result.channel ?? channel, ts: result.ts ?? "" };
    },
    async update(channel, ts, message) {
      await queue.send(channel, () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
    },
    async ephemeral(channel, user, message, threadTs) {
      await queue.send(channel, () => client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}) }));
    },
    async respond(channel, responseUrl, body) {
      await queue.send(channel, async () => {
        const response = await fetch(responseUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(responseTimeoutMs),
        });
        const answer = await response.text();
        // Slack answers "ok" or {"ok":true}; refusals come as an HTTP error or {"ok":false,"error":...}.
        const refusal = /^\s*\{/.test(answer) ? (JSON.parse(answer) as { ok?: boolean; error?: string }) : null;
        if (!response.ok || refusal?.ok === false) throw new Error(`response_url refused: HTTP ${response.status} ${refusal?.error ?? answer.slice(0, 100)}`);
      });
    },
  };
}
