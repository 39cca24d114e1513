/** WordPress/WooCommerce REST error responses as the simulator sends them: {"code","message","data":{"status"}}. */
import { type SimulatorResponse, jsonResponse } from "../simulator-server.js";

/** A WP_Error turned into a REST response; `data` adds fields next to `status` (e.g. params/details). */
export function wooRestError(
  status: number,
  code: string,
  message: string,
  data: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): SimulatorResponse {
  return jsonResponse(status, { code, message, data: { status, ...data } }, { "content-type": "application/json; charset=UTF-8", ...headers });
}

/** WordPress's own answer for an unknown route (also the docs' error example). */
export function noRouteError(): SimulatorResponse {
  return wooRestError(404, "rest_no_route", "No route was found matching the URL and request method");
}

/** WP_REST_Request::has_valid_params(): 400 rest_invalid_param listing each bad parameter. */
export function invalidParamsError(invalid: Record<string, { code: string; message: string }>): SimulatorResponse {
  const names = Object.keys(invalid);
  return wooRestError(400, "rest_invalid_param", `Invalid parameter(s): ${names.join(", ")}`, {
    params: Object.fromEntries(names.map((name) => [name, invalid[name]!.message])),
    details: Object.fromEntries(names.map((name) => [name, { ...invalid[name]!, data: null }])),
  });
}
