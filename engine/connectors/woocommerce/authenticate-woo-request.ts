/**
 * The simulator's copy of WC_REST_Authentication::perform_basic_authentication(): consumer key and
 * secret from the query string first, else from HTTP Basic auth.
 * - No key, or a key the shop does not know (deleted, revoked): the request runs anonymously and the
 *   endpoint answers 401 woocommerce_rest_cannot_view.
 * - A known key with the wrong secret: 401 woocommerce_rest_authentication_error "Consumer secret is invalid."
 * - A write-only key on a GET: 401 "The API key provided does not have read permissions."
 * @see https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication-over-https
 */
import type { SimulatorRequest, SimulatorResponse } from "../simulator-server.js";
import { wooRestError } from "./woo-rest-error.js";

/** The permission chosen when the key was generated (Settings › Advanced › REST API). */
export type WooKeyPermissions = "read" | "write" | "read_write";

/** The one REST API key the simulated shop knows. */
export interface WooSimulatorCredentials {
  consumerKey: string;
  consumerSecret: string;
  /** Default "read". */
  permissions?: WooKeyPermissions;
}

/** Who is asking: the key's user, nobody, or an authentication error to answer with. */
export type WooAuthResult = { kind: "user" } | { kind: "anonymous" } | { kind: "error"; response: SimulatorResponse };

const wwwAuthenticate = {
  "www-authenticate":
    'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."',
};

/** Authenticates a request against the shop's key (null when there is none). */
export function authenticateWooRequest(request: SimulatorRequest, credentials: WooSimulatorCredentials | null): WooAuthResult {
  const presented = presentedKey(request);
  if (!presented || !credentials || presented.key !== credentials.consumerKey) return { kind: "anonymous" };
  if (presented.secret !== credentials.consumerSecret) {
    return { kind: "error", response: wooRestError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.", {}, wwwAuthenticate) };
  }
  const permissions = credentials.permissions ?? "read";
  if (request.method === "GET" && permissions === "write") {
    return {
      kind: "error",
      response: wooRestError(401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions."),
    };
  }
  return { kind: "user" };
}

function presentedKey(request: SimulatorRequest): { key: string; secret: string } | null {
  const key = request.query.get("consumer_key");
  const secret = request.query.get("consumer_secret");
  if (key && secret) return { key, secret };
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
