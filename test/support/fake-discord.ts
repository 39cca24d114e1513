/**
 * A stateful fake Discord on 127.0.0.1 for a real discord.js Client: REST under /api/v10 (messages,
 * interaction callbacks, webhook edits and follow-ups, command registration, GET /gateway/bot) and the
 * gateway WebSocket (fake-discord-gateway.ts). It stores what the bot sent, edited and registered,
 * enforces the 3-second first answer and one answer per interaction, and validates message limits
 * like Discord (400, code 50035). Tests act as users through `mention`, `dm`, `command`, `click`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { attachFakeGateway, type FakeGateway, type GatewayGuild } from "./fake-discord-gateway.js";
import { isEmptyMessage, validateMessageBody } from "./fake-discord-validate.js";

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guilds?: GatewayGuild[];
  heartbeatIntervalMs?: number;
  /** Called with every REST request as it is answered (the benchmark times replies with it). */
  onRequest?: (request: RecordedRequest) => void;
}

/** A message as the fake stores it (every field the bot sent, plus where it came from). */
export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  content: string;
  embeds: Array<Record<string, any>>;
  components: Array<{ type: number; components: Array<Record<string, any>> }>;
  flags: number;
  allowed_mentions?: unknown;
  message_reference?: { message_id: string };
  /** The interaction whose response this is, if any. */
  interactionId?: string;
  /** How it was made: a bot post, an interaction response (deferred or not), or a follow-up. */
  via: "post" | "response" | "deferred" | "followup";
  edits: number;
}

/** Every REST request the bot made. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
  status: number;
}

interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  channelId: string;
  guildId?: string;
  createdAt: number;
  callbacks: Array<{ type: number; data?: any }>;
  /** The message @original refers to: the response, or the clicked message for components. */
  originalId?: string;
  choices?: Array<{ name: string; value: string }>;
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

/** Starts the fake; `apiUrl` goes into DISCORD_API_URL. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const token = options.token ?? "fake-bot-token";
  const applicationId = options.applicationId ?? "900000000000000001";
  const bot = { id: applicationId, username: "koppelbot" };
  const guilds: GatewayGuild[] = options.guilds ?? [
    {
      id: "800000000000000001",
      name: "Demo Webwinkel",
      channels: [
        { id: "810000000000000001", name: "webshop" },
        { id: "810000000000000002", name: "support" },
        { id: "810000000000000003", name: "team" },
        { id: "810000000000000004", name: "elsewhere" },
      ],
    },
  ];
  let nextId = 1_300_000_000_000_000_000n;
  const snowflake = () => String(nextId++);
  const channelGuild = new Map<string, string | undefined>(guilds.flatMap((g) => g.channels.map((c) => [c.id, g.id] as const)));
  const state = {
    requests: [] as RecordedRequest[],
    messages: [] as StoredMessage[],
    commands: [] as any[],
    interactions: new Map<string, InteractionRecord>(),
    /** Channels answering 404 Unknown Channel (10003) / 403 Missing Access (50001). */
    gone: new Set<string>(),
    forbidden: new Set<string>(),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const url = new URL(req.url ?? "/", "http://x");
      const answer = (status: number, json?: unknown) => {
        const recorded: RecordedRequest = { method: req.method ?? "", path: url.pathname, body, status };
        state.requests.push(recorded);
        options.onRequest?.(recorded);
        if (json === undefined) {
          // Discord answers 204 with no body and no JSON content type.
          res.writeHead(status).end();
          return;
        }
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
      };
      route(req.method ?? "GET", url, req.headers, body, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const gateway: FakeGateway = attachFakeGateway(server, { token, applicationId, bot, guilds, url: () => `ws://127.0.0.1:${port}/gateway`, ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}) });

  function messageObject(m: StoredMessage) {
    return {
      id: m.id,
      type: m.message_reference ? 19 : m.interactionId ? 20 : 0,
      channel_id: m.channel_id,
      ...(m.guild_id ? { guild_id: m.guild_id } : {}),
      author: { id: bot.id, username: bot.username, discriminator: "0", avatar: null, bot: true, global_name: null },
      content: m.content,
      embeds: m.embeds,
      components: m.components,
      flags: m.flags,
      timestamp: new Date().toISOString(),
      edited_timestamp: m.edits > 0 ? new Date().toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      ...(m.message_reference ? { message_reference: { ...m.message_reference, channel_id: m.channel_id } } : {}),
      ...(m.interactionId ? { application_id: applicationId, webhook_id: applicationId } : {}),
    };
  }

  /** Creates or edits a stored message from a message body; returns the 400 answer when invalid. */
  function writeMessage(body: any, target: Partial<StoredMessage> & { channel_id: string; via: StoredMessage["via"] }, existing?: StoredMessage) {
    const invalid = validateMessageBody(body ?? {});
    if (invalid) return { error: invalid };
    if (existing) {
      if (body.content !== undefined) existing.content = body.content ?? "";
      if (body.embeds !== undefined) existing.embeds = body.embeds ?? [];
      if (body.components !== undefined) existing.components = body.components ?? [];
      if (body.allowed_mentions !== undefined) existing.allowed_mentions = body.allowed_mentions;
      existing.edits++;
      return { message: existing };
    }
    if (isEmptyMessage(body ?? {})) return { error: { code: 50006, message: "Cannot send an empty message" } };
    const guildId = channelGuild.get(target.channel_id);
    const message: StoredMessage = {
      id: snowflake(),
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags ?? 0,
      allowed_mentions: body.allowed_mentions,
      ...(body.message_reference ? { message_reference: body.message_reference } : {}),
      ...(guildId ? { guild_id: guildId } : {}),
      edits: 0,
      ...target,
    };
    state.messages.push(message);
    return { message };
  }

  function route(method: string, url: URL, headers: http.IncomingHttpHeaders, body: any, answer: (status: number, json?: unknown) => void) {
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    const authorised = headers.authorization === `Bot ${token}`;
    let m: RegExpMatchArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      if (!authorised) return answer(401, { message: "401: Unauthorized", code: 0 });
      return answer(200, { url: `ws://127.0.0.1:${port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
    }
    if ((m = path.match(/^\/applications\/(\d+)\/commands$/)) && method === "PUT") {
      if (!authorised) return answer(401, { message: "401: Unauthorized", code: 0 });
      state.commands = (body as any[]).map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake() }));
      return answer(200, state.commands);
    }
    if ((m = path.match(/^\/channels\/(\d+)\/typing$/)) && method === "POST") return answer(204);
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && method === "POST") {
      if (!authorised) return answer(401, { message: "401: Unauthorized", code: 0 });
      const channel = m[1]!;
      if (state.gone.has(channel)) return answer(404, { message: "Unknown Channel", code: 10003 });
      if (state.forbidden.has(channel)) return answer(403, { message: "Missing Access", code: 50001 });
      const written = writeMessage(body, { channel_id: channel, via: "post" });
      return written.error ? answer(400, written.error) : answer(200, messageObject(written.message));
    }
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === "POST") return interactionCallback(m[1]!, m[2]!, body, url, answer);
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      const interaction = [...state.interactions.values()].find((i) => i.token === m![2]);
      if (!interaction || m[1] !== applicationId) return answer(404, { message: "Unknown Webhook", code: 10015 });
      if (interaction.callbacks.length === 0) return answer(404, { message: "Unknown Webhook", code: 10015 });
      const target = m[3] === "@original" ? interaction.originalId : m[3];
      const existing = target ? state.messages.find((x) => x.id === target) : undefined;
      if (method === "GET" && m[3]) return existing ? answer(200, messageObject(existing)) : answer(404, { message: "Unknown Message", code: 10008 });
      if (method === "PATCH" && m[3]) {
        if (!existing) return answer(404, { message: "Unknown Message", code: 10008 });
        const written = writeMessage(body, { channel_id: existing.channel_id, via: existing.via }, existing);
        return written.error ? answer(400, written.error) : answer(200, messageObject(written.message));
      }
      if (method === "POST" && !m[3]) {
        const written = writeMessage(body, { channel_id: interaction.channelId, via: "followup", interactionId: interaction.id });
        return written.error ? answer(400, written.error) : answer(200, messageObject(written.message));
      }
    }
    return answer(404, { message: "404: Not Found", code: 0 });
  }

  function interactionCallback(id: string, itoken: string, body: any, url: URL, answer: (status: number, json?: unknown) => void) {
    const interaction = state.interactions.get(id);
    if (!interaction || interaction.token !== itoken) return answer(404, { message: "Unknown interaction", code: 10062 });
    if (interaction.callbacks.length > 0) return answer(400, { message: "Interaction has already been acknowledged.", code: 40060 });
    // The first answer must come within 3 seconds, or the token is no longer valid.
    if (Date.now() - interaction.createdAt > 3_000) return answer(404, { message: "Unknown interaction", code: 10062 });
    const type = body?.type as number;
    const data = body?.data ?? {};
    if (type === 4) {
      const written = writeMessage(data, { channel_id: interaction.channelId, via: "response", interactionId: id });
      if (written.error) return answer(400, written.error);
      interaction.originalId = written.message.id;
    } else if (type === 5) {
      // A deferral shows "koppelbot is thinking…" until the webhook edit fills it in.
      const placeholder: StoredMessage = { id: snowflake(), channel_id: interaction.channelId, content: "", embeds: [], components: [], flags: data.flags ?? 0, via: "deferred", interactionId: id, edits: 0, ...(interaction.guildId ? { guild_id: interaction.guildId } : {}) };
      state.messages.push(placeholder);
      interaction.originalId = placeholder.id;
    } else if (type === 7) {
      const existing = state.messages.find((x) => x.id === interaction.originalId);
      if (!existing) return answer(400, { message: "Unknown Message", code: 10008 });
      const written = writeMessage(data, { channel_id: existing.channel_id, via: existing.via }, existing);
      if (written.error) return answer(400, written.error);
    } else if (type === 8) {
      interaction.choices = data.choices ?? [];
    } else if (type !== 6) {
      return answer(400, { code: 50035, message: "Invalid Form Body", errors: { type: { _errors: [{ code: "BASE_TYPE_CHOICES", message: "Value must be one of (1, 4, 5, 6, 7, 8, 9, 10, 12)." }] } } });
    }
    interaction.callbacks.push({ type, ...(body?.data ? { data: body.data } : {}) });
    if (url.searchParams.get("with_response") === "true") return answer(200, { interaction: { id, type: interaction.type }, resource: { type } });
    return answer(204);
  }

  const user = (id: string) => ({ id, username: id, discriminator: "0", global_name: id, avatar: null, public_flags: 0 });
  const member = (id: string) => ({ user: user(id), roles: [], nick: null, avatar: null, premium_since: null, joined_at: "2024-01-01T00:00:00.000000+00:00", deaf: false, mute: false, pending: false, flags: 0, permissions: "2248473465835073" });
  const dmChannels = new Map<string, string>();
  const dmChannelOf = (userId: string) => {
    if (!dmChannels.has(userId)) dmChannels.set(userId, snowflake());
    return dmChannels.get(userId)!;
  };

  /** The common fields of INTERACTION_CREATE, like fixtures/discord/interaction_*.json. */
  function interactionBase(userId: string, channelId: string, type: number) {
    const guildId = channelGuild.get(channelId);
    const id = snowflake();
    const itoken = `itoken_${id}`;
    state.interactions.set(id, { id, token: itoken, type, channelId, ...(guildId ? { guildId } : {}), createdAt: Date.now(), callbacks: [] });
    return {
      id,
      application_id: applicationId,
      type,
      token: itoken,
      version: 1,
      channel_id: channelId,
      channel: guildId ? { id: channelId, type: 0, guild_id: guildId, name: "webshop", flags: 0 } : { id: channelId, type: 1, flags: 0, recipients: [user(userId)] },
      ...(guildId ? { guild_id: guildId, member: member(userId), guild_locale: "nl", guild: { id: guildId, locale: "nl", features: [] } } : { user: user(userId) }),
      app_permissions: "442368",
      locale: "nl",
      entitlements: [],
      authorizing_integration_owners: guildId ? { "0": guildId } : { "1": userId },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10_485_760,
    };
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    token,
    applicationId,
    bot,
    guilds,
    state,
    gateway,
    /** The channel a DM with `userId` happens in. */
    dmChannelOf,
    /** A guild message mentioning the bot; returns the message id. */
    async mention(userId: string, channelId: string, text: string, extra: Record<string, unknown> = {}) {
      const id = snowflake();
      const guildId = channelGuild.get(channelId)!;
      await gateway.dispatch("MESSAGE_CREATE", {
        id, channel_id: channelId, channel_type: 0, guild_id: guildId, author: user(userId), member: member(userId), content: `<@${bot.id}> ${text}`, timestamp: new Date().toISOString(), edited_timestamp: null,
        tts: false, mention_everyone: false, mentions: [{ ...user(bot.id), username: bot.username, bot: true }], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [], ...extra,
      });
      return id;
    },
    /** A direct message to the bot; returns the message id. */
    async dm(userId: string, text: string) {
      const id = snowflake();
      await gateway.dispatch("MESSAGE_CREATE", {
        id, channel_id: dmChannelOf(userId), channel_type: 1, author: user(userId), content: text, timestamp: new Date().toISOString(), edited_timestamp: null,
        tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [],
      });
      return id;
    },
    /** `/koppeling <sub> [options]`; returns the interaction id. Deliver the same payload again with `redeliver`. */
    async command(userId: string, channelId: string, sub: string, options: Record<string, string> = {}, focused?: string) {
      const registered = state.commands.find((c) => c.name === "koppeling");
      const payload = {
        ...interactionBase(userId, channelId, focused ? 4 : 2),
        data: {
          id: registered?.id ?? "1",
          name: "koppeling",
          type: 1,
          options: [{ type: 1, name: sub, options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value, ...(focused === name ? { focused: true } : {}) })) }],
        },
      };
      await gateway.dispatch("INTERACTION_CREATE", payload);
      return { id: payload.id, payload };
    },
    /** Presses a button (custom_id) on a stored message. */
    async click(userId: string, message: StoredMessage, customId: string) {
      const base = interactionBase(userId, message.channel_id, 3);
      state.interactions.get(base.id)!.originalId = message.id;
      const payload = { ...base, message: messageObject(message), data: { custom_id: customId, component_type: 2 } };
      await gateway.dispatch("INTERACTION_CREATE", payload);
      return { id: payload.id, payload };
    },
    /** Sends an earlier INTERACTION_CREATE again (a duplicate delivery). */
    async redeliver(payload: unknown) {
      await gateway.dispatch("INTERACTION_CREATE", payload);
    },
    interaction: (id: string) => state.interactions.get(id),
    message: (id: string) => state.messages.find((m) => m.id === id),
    /** Messages in a channel, oldest first. */
    messagesIn: (channelId: string) => state.messages.filter((m) => m.channel_id === channelId),
    /** Every request body that carried a message (creates, edits, responses, follow-ups). */
    messageBodies() {
      return state.requests
        .filter((r) => r.status < 300 && (r.method === "POST" || r.method === "PATCH") && /\/messages|\/webhooks\/|\/callback$/.test(r.path))
        .map((r) => (r.path.endsWith("/callback") ? r.body?.data : r.body))
        .filter((b): b is Record<string, unknown> => b !== null && b !== undefined && ("content" in b || "embeds" in b || "components" in b));
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `probe` returns something (polling), or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
