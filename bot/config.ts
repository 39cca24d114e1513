/** The only reader of process.env: parses the environment once, with a readable list of what is wrong. */
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const environmentSchema = z.object({
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: "must be a postgres:// URL (leave it unset for the embedded database)",
  }),
  KOPPELBOT_DATA_DIR: optionalText,
  KOPPELBOT_SECRET_KEY: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_API_URL: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText,
  OPENAI_MODEL: optionalText,
  OPENAI_TIMEOUT_MS: optionalText.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 100 && Number(v) <= 120_000), {
    message: "must be milliseconds between 100 and 120000",
  }),
  OPENAI_MAX_RETRIES: optionalText.refine((v) => v === undefined || (/^\d$/.test(v) && Number(v) <= 5), {
    message: "must be a number of retries from 0 to 5",
  }),
  PORT: optionalText.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535), {
    message: "must be a port number",
  }),
  SUPPORT_SLACK_CHANNEL: optionalText,
  SUPPORT_DISCORD_CHANNEL: optionalText,
  SUPPORT_SLACK_USERS: optionalText,
  SUPPORT_DISCORD_USERS: optionalText,
  TZ_DIGEST: optionalText,
});

/** The parsed configuration of one koppelbot process. */
export interface AppConfig {
  databaseUrl: string | undefined;
  /** Where the embedded database and the generated key live. */
  dataDir: string;
  secretKey: string | undefined;
  port: number;
  timeZone: string;
  slack: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl?: string; supportChannel?: string; supportUsers: string[] };
  discord: { token?: string; applicationId?: string; apiUrl?: string; supportChannel?: string; supportUsers: string[] };
  openai: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number; maxRetries: number };
}

/** Thrown with every problem of the environment listed, one per line. */
export class ConfigError extends Error {}

/** Parses an environment (process.env in production, a literal object in tests). */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`The environment is not valid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KOPPELBOT_DATA_DIR ?? "./.koppelbot",
    secretKey: e.KOPPELBOT_SECRET_KEY,
    port: e.PORT === undefined ? 3000 : Number(e.PORT),
    timeZone: e.TZ_DIGEST ?? "Europe/Amsterdam",
    slack: {
      ...defined({
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        supportChannel: e.SUPPORT_SLACK_CHANNEL,
      }),
      supportUsers: idList(e.SUPPORT_SLACK_USERS),
    },
    discord: {
      ...defined({
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID,
        apiUrl: e.DISCORD_API_URL,
        supportChannel: e.SUPPORT_DISCORD_CHANNEL,
      }),
      supportUsers: idList(e.SUPPORT_DISCORD_USERS),
    },
    openai: {
      ...defined({ apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL }),
      model: e.OPENAI_MODEL ?? "gpt-4o-mini",
      timeoutMs: e.OPENAI_TIMEOUT_MS === undefined ? 8_000 : Number(e.OPENAI_TIMEOUT_MS),
      maxRetries: e.OPENAI_MAX_RETRIES === undefined ? 1 : Number(e.OPENAI_MAX_RETRIES),
    },
  };
}

/** "U1, U2 U3" → ["U1", "U2", "U3"]. */
function idList(value: string | undefined): string[] {
  return value ? value.split(/[\s,]+/).filter(Boolean) : [];
}
