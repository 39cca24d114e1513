/**
 * A local WooCommerce shop: the part of the REST API v3 the connector uses, with state, faults
 * and the ways real shops break (revoked keys, plain permalinks, WooCommerce switched off).
 * Basic auth is accepted over plain HTTP on 127.0.0.1, as a real shop accepts it over HTTPS.
 * @see https://woocommerce.github.io/woocommerce-rest-api-docs/
 */
import { z } from "zod";
import type { ShopStatus } from "../ports.js";
import { type FaultRule, type LoggedRequest, startSimulatorServer } from "../simulator-server.js";
import { type WooOrderJson, type WooOrderSpec, buildWooOrder } from "./build-woo-order.js";
import { formatWooDate } from "./format-woo-date.js";
import type { WooKeyPermissions, WooSimulatorCredentials } from "./authenticate-woo-request.js";
import { routeWooRequest, type WooShopState } from "./route-woo-request.js";

/** The statuses of a plain WooCommerce install, as GET /reports/orders/totals lists them. */
export const wooCoreStatuses: readonly ShopStatus[] = [
  { slug: "pending", name: "Pending payment" },
  { slug: "processing", name: "Processing" },
  { slug: "on-hold", name: "On hold" },
  { slug: "completed", name: "Completed" },
  { slug: "cancelled", name: "Cancelled" },
  { slug: "refunded", name: "Refunded" },
  { slug: "failed", name: "Failed" },
];

/** How the simulated shop starts. */
export interface WooCommerceSimulatorOptions {
  /** Defaults "ck_simulator" / "cs_simulator", permission "read". */
  credentials?: WooSimulatorCredentials;
  /** Statuses registered by plugins, e.g. { slug: "shipped", name: "Verzonden" }. */
  customStatuses?: ShopStatus[];
  /** Orders to start with: built JSON or raw fixture text (served back byte for byte). */
  orders?: Array<WooOrderJson | string>;
  /** "plain" permalinks leave /wp-json/ unrouted (an HTML 404); only ?rest_route= works. */
  permalinks?: "pretty" | "plain";
  /** Clock for date_modified on changes (default: the real time). */
  now?: () => Date;
  /** The site's time zone for non-GMT dates (default Europe/Amsterdam). */
  timeZone?: string;
  port?: number;
}

/** A running simulated shop. `url` is what the merchant would type as the shop address. */
export interface WooCommerceSimulator {
  readonly url: string;
  readonly requests: LoggedRequest[];
  readonly orders: readonly WooOrderJson[];
  readonly statuses: readonly ShopStatus[];
  /** Adds an order (JSON or raw text, kept verbatim); the id must be new. */
  addOrder(order: WooOrderJson | string): WooOrderJson;
  /** Builds (buildWooOrder) and adds an order; the id defaults to the next free one. */
  createOrder(spec: Omit<WooOrderSpec, "id"> & { id?: number }): WooOrderJson;
  /** Changes fields of an order; date_modified moves to now unless given. */
  updateOrder(id: number, changes: Partial<WooOrderJson>): WooOrderJson;
  setOrderStatus(id: number, status: string, at?: Date): WooOrderJson;
  removeOrder(id: number): void;
  addStatus(status: ShopStatus): void;
  setCredentials(credentials: WooSimulatorCredentials): void;
  /** The key is deleted in WP admin (or its user is): every request is anonymous from now on. */
  revokeCredentials(): void;
  setPermalinks(mode: "pretty" | "plain"): void;
  /** With WooCommerce deactivated, WordPress answers 404 rest_no_route for /wc/v3. */
  setWooCommerceActive(active: boolean): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const storedOrderSchema = z.looseObject({ id: z.number().int().positive(), status: z.string(), date_created_gmt: z.string() });

/** Starts the simulated shop on 127.0.0.1. */
export async function startWooCommerceSimulator(options: WooCommerceSimulatorOptions = {}): Promise<WooCommerceSimulator> {
  const state: WooShopState = {
    url: "",
    orders: new Map(),
    statuses: [...wooCoreStatuses, ...(options.customStatuses ?? [])],
    credentials: options.credentials ?? { consumerKey: "ck_simulator", consumerSecret: "cs_simulator" },
    permalinks: options.permalinks ?? "pretty",
    wooActive: true,
    listings: new Map(),
  };
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? "Europe/Amsterdam";
  const server = await startSimulatorServer((request) => routeWooRequest(request, state), options.port === undefined ? {} : { port: options.port });
  state.url = server.url;

  const store = (json: WooOrderJson, text = JSON.stringify(json)): WooOrderJson => {
    state.orders.set(json.id, { json, text });
    state.listings.clear();
    return json;
  };
  const existing = (id: number): WooOrderJson => {
    const entry = state.orders.get(id);
    if (!entry) throw new Error(`simulator has no order ${id}`);
    return entry.json;
  };
  const addOrder = (order: WooOrderJson | string): WooOrderJson => {
    const json = (typeof order === "string" ? JSON.parse(order) : order) as WooOrderJson;
    storedOrderSchema.parse(json);
    if (state.orders.has(json.id)) throw new Error(`simulator already has order ${json.id}`);
    return store(json, typeof order === "string" ? order.trim() : JSON.stringify(order));
  };
  const updateOrder = (id: number, changes: Partial<WooOrderJson>): WooOrderJson => {
    const at = now();
    const touched = { date_modified: formatWooDate(at, timeZone), date_modified_gmt: formatWooDate(at) };
    return store({ ...existing(id), ...touched, ...changes } as WooOrderJson);
  };
  for (const order of options.orders ?? []) addOrder(order);

  return {
    url: server.url,
    requests: server.requests,
    get orders() {
      return [...state.orders.values()].map((entry) => entry.json);
    },
    get statuses() {
      return [...state.statuses];
    },
    addOrder,
    createOrder: (spec) => {
      const id = spec.id ?? Math.max(1000, ...state.orders.keys()) + 1;
      return addOrder(buildWooOrder({ timeZone, shopUrl: server.url, ...spec, id }));
    },
    updateOrder,
    setOrderStatus: (id, status, at) => {
      if (status !== "trash" && !state.statuses.some((s) => s.slug === status)) throw new Error(`status ${status} is not registered`);
      const changes: Partial<WooOrderJson> = { status };
      if (at) Object.assign(changes, { date_modified: formatWooDate(at, timeZone), date_modified_gmt: formatWooDate(at) });
      return updateOrder(id, changes);
    },
    removeOrder: (id) => {
      existing(id);
      state.orders.delete(id);
      state.listings.clear();
    },
    addStatus: (status) => {
      state.statuses.push(status);
      state.listings.clear();
    },
    setCredentials: (credentials) => void (state.credentials = credentials),
    revokeCredentials: () => void (state.credentials = null),
    setPermalinks: (mode) => void (state.permalinks = mode),
    setWooCommerceActive: (active) => void (state.wooActive = active),
    injectFault: (rule) => server.injectFault(rule),
    clearFaults: () => server.clearFaults(),
    close: () => server.close(),
  };
}

/** The key types, re-exported so simulator users need one import. */
export type { WooKeyPermissions, WooSimulatorCredentials };
