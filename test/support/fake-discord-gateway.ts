/**
 * The gateway half of the fake Discord: a WebSocket on the fake's HTTP server speaking the real opcodes
 * (HELLO op10 → IDENTIFY op2 → READY and GUILD_CREATE dispatches op0; HEARTBEAT op1 → ACK op11;
 * RESUME op6 → RESUMED), JSON encoding without compression, as @discordjs/ws 1.x connects
 * (`?v=10&encoding=json`). Shapes follow ../shared/fixtures/discord/gateway_*.json.
 */
import type http from "node:http";
import { type WebSocket, WebSocketServer } from "ws";

export interface GatewayGuild {
  id: string;
  name: string;
  channels: Array<{ id: string; name: string }>;
}

export interface GatewayOptions {
  token: string;
  applicationId: string;
  bot: { id: string; username: string };
  guilds: GatewayGuild[];
  /** The ws:// URL clients resume on. */
  url: () => string;
  /** HELLO's heartbeat_interval (Discord: about 41 s). */
  heartbeatIntervalMs?: number;
}

/** What the gateway saw, for assertions. */
export interface GatewayRecord {
  identifies: Array<{ token: string; intents: number; shard?: [number, number] }>;
  heartbeats: number;
  resumes: number;
  /** Query strings clients connected with. */
  connects: string[];
}

export interface FakeGateway {
  record: GatewayRecord;
  /** Sends a dispatch (op 0) to every identified connection; resolves when written. */
  dispatch(t: string, d: unknown): Promise<void>;
  /** Resolves once a client has identified and got READY and its guilds. */
  ready(): Promise<void>;
  /** The intents the (last) client identified with. */
  intents(): number;
  close(): Promise<void>;
}

const HEARTBEAT_INTERVAL = 41_250;

/** Attaches the gateway to `server` at path /gateway. */
export function attachFakeGateway(server: http.Server, options: GatewayOptions): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const record: GatewayRecord = { identifies: [], heartbeats: 0, resumes: 0, connects: [] };
  const live = new Set<WebSocket>();
  let sequence = 0;
  let sessionId = "";
  let signalReady: () => void = () => {};
  let readyPromise = new Promise<void>((resolve) => (signalReady = resolve));

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/gateway") {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });

  wss.on("connection", (ws: WebSocket, req: http.IncomingMessage) => {
    const url = new URL(req.url ?? "/", "http://x");
    record.connects.push(url.search);
    if (url.searchParams.get("v") !== "10" || url.searchParams.get("encoding") !== "json" || url.searchParams.has("compress")) {
      ws.close(4012, "Invalid API version");
      return;
    }
    const send = (payload: unknown) => new Promise<void>((resolve) => ws.send(JSON.stringify(payload), () => resolve()));
    void send({ op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL } });
    ws.on("close", () => live.delete(ws));
    ws.on("message", (raw) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        ws.close(4002, "Decode error");
        return;
      }
      switch (payload.op) {
        case 1:
          record.heartbeats++;
          void send({ op: 11 });
          break;
        case 2: {
          const d = payload.d as { token: string; intents: number; shard?: [number, number] };
          record.identifies.push({ token: d.token, intents: d.intents, ...(d.shard ? { shard: d.shard } : {}) });
          if (d.token !== options.token) {
            ws.close(4004, "Authentication failed");
            return;
          }
          sessionId = `session-${record.identifies.length}`;
          live.add(ws);
          void sendReady(send, d.shard).then(() => signalReady());
          break;
        }
        case 6:
          record.resumes++;
          live.add(ws);
          void send({ op: 0, t: "RESUMED", s: ++sequence, d: {} });
          break;
        default:
          break;
      }
    });
  });

  async function sendReady(send: (payload: unknown) => Promise<void>, shard: [number, number] | undefined) {
    await send({
      op: 0,
      t: "READY",
      s: ++sequence,
      d: {
        v: 10,
        user: { id: options.bot.id, username: options.bot.username, discriminator: "0", global_name: null, avatar: null, bot: true, verified: true, flags: 0 },
        guilds: options.guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: sessionId,
        resume_gateway_url: options.url(),
        shard: shard ?? [0, 1],
        application: { id: options.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        user_settings: {},
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        auth: {},
        _trace: ["fake-discord"],
      },
    });
    for (const guild of options.guilds) {
      await send({ op: 0, t: "GUILD_CREATE", s: ++sequence, d: guildCreate(guild) });
    }
  }

  return {
    record,
    async dispatch(t, d) {
      const s = ++sequence;
      await Promise.all([...live].map((ws) => new Promise<void>((resolve) => ws.send(JSON.stringify({ op: 0, t, s, d }), () => resolve()))));
    },
    ready: () => readyPromise,
    intents: () => record.identifies.at(-1)?.intents ?? 0,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      readyPromise = new Promise<void>((resolve) => (signalReady = resolve));
    },
  };
}

function guildCreate(guild: GatewayGuild) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: "1",
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    roles: [{ id: guild.id, name: "@everyone", permissions: "1071698660929", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    members: [],
    presences: [],
    voice_states: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    channels: guild.channels.map((c, position) => ({ id: c.id, type: 0, guild_id: guild.id, name: c.name, position, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: 0 })),
    preferred_locale: "nl",
    system_channel_id: null,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    premium_tier: 0,
    nsfw_level: 0,
  };
}
