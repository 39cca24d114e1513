/** The simulated shop's request handling: WordPress routing, WooCommerce authentication and the three endpoints the connector uses. */
import type { ShopStatus } from "../ports.js";
import type { SimulatorRequest, SimulatorResponse } from "../simulator-server.js";
import { authenticateWooRequest, type WooSimulatorCredentials } from "./authenticate-woo-request.js";
import type { WooOrderJson } from "./build-woo-order.js";
import { queryWooOrders } from "./query-woo-orders.js";
import { invalidParamsError, noRouteError, wooRestError } from "./woo-rest-error.js";

/** Everything the simulated shop knows; the simulator mutates it, the routes read it. */
export interface WooShopState {
  url: string;
  /** By id, in insertion order; `text` is what is served (fixture text stays byte for byte). */
  orders: Map<number, { json: WooOrderJson; text: string }>;
  statuses: ShopStatus[];
  credentials: WooSimulatorCredentials | null;
  permalinks: "pretty" | "plain";
  wooActive: boolean;
  /**
   * The sorted result of each list query (without its page), so paging through 100,000 orders does not
   * filter and sort them all for every page; emptied whenever an order or a status changes.
   */
  listings: Map<string, WooOrderJson[]>;
}

interface Route {
  pattern: RegExp;
  /** What WooCommerce says when the request is anonymous. */
  forbidden: string;
  handle(match: RegExpExecArray, request: SimulatorRequest, state: WooShopState): SimulatorResponse;
}

const json = { "content-type": "application/json; charset=UTF-8" };

const routes: Route[] = [
  {
    pattern: /^\/wc\/v3\/orders\/?$/,
    forbidden: "Sorry, you cannot list resources.",
    handle: (_match, request, state) => {
      const all = () => [...state.orders.values()].map((entry) => entry.json);
      const result = queryWooOrders(all, request.query, state.statuses.map((status) => status.slug), state.listings);
      if (result.kind === "invalid") return invalidParamsError(result.invalid);
      return {
        status: 200,
        body: `[${result.orders.map((order) => state.orders.get(order.id)!.text).join(",")}]`,
        headers: {
          ...json,
          "x-wp-total": String(result.total),
          "x-wp-totalpages": String(result.totalPages),
          ...linkHeader(state.url, request, result.page, result.totalPages),
        },
      };
    },
  },
  {
    pattern: /^\/wc\/v3\/orders\/(\d+)\/?$/,
    forbidden: "Sorry, you cannot view this resource.",
    handle: (match, _request, state) => {
      const entry = state.orders.get(Number(match[1]));
      if (!entry) return wooRestError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
      return { status: 200, body: entry.text, headers: json };
    },
  },
  {
    pattern: /^\/wc\/v3\/reports\/orders\/totals\/?$/,
    forbidden: "Sorry, you cannot list resources.",
    handle: (_match, _request, state) => {
      const all = [...state.orders.values()].map((entry) => entry.json);
      const totals = state.statuses.map(({ slug, name }) => ({ slug, name, total: all.filter((order) => order.status === slug).length }));
      return { status: 200, body: JSON.stringify(totals), headers: json };
    },
  },
];

/** Answers one request as the shop in `state` would. */
export function routeWooRequest(request: SimulatorRequest, state: WooShopState): SimulatorResponse {
  const route = restRoute(request, state.permalinks);
  if (route === null) return themePage404();
  if (!route.startsWith("/wc/") || !state.wooActive || request.method !== "GET") return noRouteError();
  for (const candidate of routes) {
    const match = candidate.pattern.exec(route);
    if (!match) continue;
    const auth = authenticateWooRequest(request, state.credentials);
    if (auth.kind === "error") return auth.response;
    if (auth.kind === "anonymous") return wooRestError(401, "woocommerce_rest_cannot_view", candidate.forbidden);
    return candidate.handle(match, request, state);
  }
  return noRouteError();
}

/** The REST route of a request: /wp-json/... with pretty permalinks, ?rest_route=... always; null when WordPress would serve a page. */
function restRoute(request: SimulatorRequest, permalinks: "pretty" | "plain"): string | null {
  const viaQuery = request.query.get("rest_route");
  if ((request.path === "/" || request.path === "/index.php") && viaQuery) return viaQuery;
  if (permalinks === "pretty" && (request.path === "/wp-json" || request.path.startsWith("/wp-json/"))) {
    return request.path.slice("/wp-json".length) || "/";
  }
  return null;
}

/** The Link header of a collection: rel="prev" and rel="next" page URLs. */
function linkHeader(baseUrl: string, request: SimulatorRequest, page: number, totalPages: number): Record<string, string> {
  const at = (target: number): string => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(target));
    return `<${baseUrl}${request.path}?${query}>`;
  };
  const links = [...(page > 1 ? [`${at(page - 1)}; rel="prev"`] : []), ...(totalPages > page ? [`${at(page + 1)}; rel="next"`] : [])];
  return links.length > 0 ? { link: links.join(", ") } : {};
}

/** What a WordPress theme shows for a URL it has no rewrite rule for (plain permalinks). */
function themePage404(): SimulatorResponse {
  return {
    status: 404,
    headers: { "content-type": "text/html; charset=UTF-8" },
    body: "<!DOCTYPE html><html><head><title>Page not found &#8211; Shop</title></head><body><h1>Oops! That page can&rsquo;t be found.</h1></body></html>",
  };
}
