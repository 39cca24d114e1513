/**
 * Requests as Slack sends them to the app: events as JSON, slash commands as a form, button clicks as a
 * form with a `payload` field — each signed with v0 HMAC-SHA256 over "v0:{timestamp}:{raw body}".
 */
import { createHmac } from "node:crypto";

export interface SlackDelivery {
  status: number;
  body: string;
  /** How long the app took to answer (Slack gives up after 3 s). */
  ms: number;
}

export interface DeliveryOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  secret?: string;
  /** X-Slack-Retry-Num / X-Slack-Retry-Reason, as Slack sets them on redelivery. */
  retryNum?: number;
}

/** The X-Slack-Signature of a raw body. */
export function signSlackBody(secret: string, timestamp: number, raw: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${raw}`).digest("hex")}`;
}

/** POSTs one raw body to /slack/events, signed, and times the answer. */
export async function deliverRaw(appUrl: string, secret: string, raw: string, contentType: string, options: DeliveryOptions = {}): Promise<SlackDelivery> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signSlackBody(options.secret ?? secret, timestamp, raw),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const started = Date.now();
  const response = await fetch(`${appUrl}/slack/events`, { method: "POST", headers, body: raw });
  return { status: response.status, body: await response.text(), ms: Date.now() - started };
}

/** An Events API delivery (event_callback JSON). */
export function deliverEvent(appUrl: string, secret: string, body: object, options?: DeliveryOptions): Promise<SlackDelivery> {
  return deliverRaw(appUrl, secret, JSON.stringify(body), "application/json", options);
}

/** A slash command (form fields). */
export function deliverCommand(appUrl: string, secret: string, fields: Record<string, string | boolean>, options?: DeliveryOptions): Promise<SlackDelivery> {
  const form = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  return deliverRaw(appUrl, secret, form.toString(), "application/x-www-form-urlencoded", options);
}

/** An interactivity payload (block_actions), as the form field `payload`. */
export function deliverInteraction(appUrl: string, secret: string, payload: object, options?: DeliveryOptions): Promise<SlackDelivery> {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return deliverRaw(appUrl, secret, form.toString(), "application/x-www-form-urlencoded", options);
}

let sequence = 0;

/** A unique event id / ts for a new delivery. */
export function nextSlackId(): { eventId: string; ts: string } {
  sequence++;
  return { eventId: `EvTEST${Date.now().toString(36).toUpperCase()}${sequence}`, ts: `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, "0")}` };
}

/** An app_mention event_callback in `channel`. */
export function mentionEvent(team: string, channel: string, user: string, text: string, botUserId: string, extra: { thread_ts?: string } = {}) {
  const { eventId, ts } = nextSlackId();
  return {
    token: "verification-token-unused",
    team_id: team,
    api_app_id: "AKOPPELBOT",
    event: { type: "app_mention", user, text: `<@${botUserId}> ${text}`, ts, channel, event_ts: ts, ...extra },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
  };
}

/** A message.im event_callback in DM `channel`. */
export function directMessageEvent(team: string, channel: string, user: string, text: string, extra: Record<string, unknown> = {}) {
  const { eventId, ts } = nextSlackId();
  return {
    token: "verification-token-unused",
    team_id: team,
    api_app_id: "AKOPPELBOT",
    event: { type: "message", channel, user, text, ts, event_ts: ts, channel_type: "im", ...extra },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
  };
}
