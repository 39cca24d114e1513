/** A local Moneybird API v2 (the subset the connector uses), faithful to developer.moneybird.com and moneybird/openapi. */
import { createMoneybirdIdGenerator } from "./moneybird-id.js";
import { createMoneybirdRateLimiter, moneybirdRateLimit, type MoneybirdRateLimit } from "./moneybird-rate-limiter.js";
import { defaultMoneybirdSeed, materializeMoneybirdSeed, type MoneybirdSeed } from "./moneybird-seed.js";
import { routeMoneybirdResource, type MoneybirdSimulatorState } from "./moneybird-simulator-routes.js";
import {
  jsonResponse,
  startSimulatorServer,
  type SimulatorRequest,
  type SimulatorResponse,
  type SimulatorServer,
} from "../simulator-server.js";

export type { MoneybirdSimulatorState } from "./moneybird-simulator-routes.js";

/** The permission scopes of a Moneybird token (developer.moneybird.com/authentication). */
export type MoneybirdScope = "sales_invoices" | "documents" | "estimates" | "bank" | "time_entries" | "settings";

/** How to start the simulator; everything has a default. */
export interface MoneybirdSimulatorOptions {
  /** The bearer token it accepts (default "moneybird-simulator-token"). */
  token?: string;
  /** The scopes of that token (default: all). A missing scope answers 401 "No access to ...". */
  scopes?: MoneybirdScope[];
  /** Master data to start from (default: defaultMoneybirdSeed()). */
  seed?: MoneybirdSeed;
  /** Sets `period_locked_until` on every administration: bookings dated on or before it are refused. */
  lockedUntil?: string | null;
  /** Refuse a reference that another external invoice already has (default false; see the README note in the report). */
  uniqueReferences?: boolean;
  /** The API limit (default 150 requests per 5 minutes, Moneybird's); false switches it off. */
  rateLimit?: MoneybirdRateLimit | false;
  /** The clock (default: the real one). */
  now?: () => Date;
  port?: number;
}

/** Settings tests may change while the simulator runs. */
export interface MoneybirdSimulatorSettings {
  uniqueReferences: boolean;
  scopes: MoneybirdScope[];
  /** Tokens that are accepted; revokeToken() empties it. */
  validTokens: Set<string>;
}

/** A running Moneybird simulator. */
export interface MoneybirdSimulator extends SimulatorServer {
  /** The API root to give the connector: `${url}/api/v2`. */
  baseUrl: string;
  token: string;
  /** The id of the first seeded administration. */
  administrationId: string;
  state: MoneybirdSimulatorState;
  settings: MoneybirdSimulatorSettings;
  /** How many 429s the rate limiter sent (injected faults not included). */
  stats: { rateLimited: number };
  /** Makes every token invalid from now on, as when the user revokes the app. */
  revokeToken(): void;
}

/** Which scopes open which resource (the "Required scope(s)" of each endpoint in the spec). */
const requiredScopes: Record<string, MoneybirdScope[]> = {
  tax_rates: ["settings", "sales_invoices", "documents", "estimates"],
  ledger_accounts: ["settings", "sales_invoices", "documents", "estimates"],
  contacts: ["estimates", "sales_invoices", "documents", "bank", "settings"],
  external_sales_invoices: ["sales_invoices"],
};

/** Starts the simulator on 127.0.0.1; faults are injected with the shared `injectFault`. */
export async function startMoneybirdSimulator(options: MoneybirdSimulatorOptions = {}): Promise<MoneybirdSimulator> {
  const now = options.now ?? (() => new Date());
  const token = options.token ?? "moneybird-simulator-token";
  const seeded = materializeMoneybirdSeed(options.seed ?? defaultMoneybirdSeed(), now());
  if (options.lockedUntil !== undefined) {
    for (const administration of seeded.administrations) administration.period_locked_until = options.lockedUntil;
  }
  const state: MoneybirdSimulatorState = { ...seeded, externalSalesInvoices: [] };
  const settings: MoneybirdSimulatorSettings = {
    uniqueReferences: options.uniqueReferences ?? false,
    scopes: options.scopes ?? ["sales_invoices", "documents", "estimates", "bank", "time_entries", "settings"],
    validTokens: new Set([token]),
  };
  const stats = { rateLimited: 0 };
  const limit = options.rateLimit === undefined ? moneybirdRateLimit : options.rateLimit;
  const limiter = limit ? createMoneybirdRateLimiter(limit, () => now().getTime()) : null;
  const newId = createMoneybirdIdGenerator(() => now().getTime());
  let serverUrl = "";

  const handle = (request: SimulatorRequest): SimulatorResponse => {
    const decision = limiter?.check(request.headers.authorization ?? "anonymous");
    const withLimitHeaders = (response: SimulatorResponse): SimulatorResponse => ({
      ...response,
      headers: { ...response.headers, ...decision?.headers },
    });
    if (decision && !decision.allowed) {
      stats.rateLimited += 1;
      return withLimitHeaders({ status: 429, body: "Retry later", headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    return withLimitHeaders(answer(request));
  };

  const answer = (request: SimulatorRequest): SimulatorResponse => {
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1]?.trim();
    if (!bearer || !settings.validTokens.has(bearer)) {
      return jsonResponse(401, { error: "token is invalid", symbolic: { request: "invalid_grant" } });
    }
    const match = /^\/api\/v2\/(.+)\.json$/.exec(request.path);
    if (!match) return jsonResponse(404, { error: "Not Found" });
    const [first, ...segments] = match[1]!.split("/");
    if (first === "administrations" && segments.length === 0 && request.method === "GET") {
      return jsonResponse(200, state.administrations);
    }
    const administration = state.administrations.find((candidate) => candidate.id === first);
    if (!administration) {
      return jsonResponse(404, { error: "record not found", symbolic: { administration_id: "not_found" } });
    }
    const needed = requiredScopes[segments[0] ?? ""];
    if (needed && !needed.some((scope) => settings.scopes.includes(scope))) {
      return jsonResponse(401, { error: `No access to ${listWithOr(needed)}` });
    }
    return routeMoneybirdResource(request, segments, {
      state,
      administration,
      uniqueReferences: settings.uniqueReferences,
      newId,
      now,
      baseUrl: serverUrl,
    });
  };

  const server = await startSimulatorServer(handle, { port: options.port });
  serverUrl = server.url;
  return {
    ...server,
    baseUrl: `${server.url}/api/v2`,
    token,
    administrationId: state.administrations[0]?.id ?? "",
    state,
    settings,
    stats,
    revokeToken: () => settings.validTokens.clear(),
  };
}

/** "a, b or c", as Moneybird words its "No access to ..." errors. */
function listWithOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
