/** The simulator's GET /orders query: WooCommerce's parameter validation, filters, sort order and pagination. */
import type { WooOrderJson } from "./build-woo-order.js";

/** One page of the result, with what X-WP-Total and X-WP-TotalPages report. */
export interface WooOrdersPage<T> {
  kind: "page";
  orders: T[];
  total: number;
  totalPages: number;
  page: number;
}

/** Parameters WordPress rejects with 400 rest_invalid_param. */
export interface WooOrdersInvalid {
  kind: "invalid";
  invalid: Record<string, { code: string; message: string }>;
}

const orderbyOptions = ["date", "id", "include", "title", "slug", "modified"];
const restDatePattern = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::\d{2})?)?$/;

/**
 * Runs the list query over `orders`. `statuses` are the registered status slugs; `any` means all of
 * them, which leaves out `trash`. With `listings` (emptied by the caller whenever the orders change), the
 * filtered and sorted list is kept per query, so each further page is a slice.
 * @see https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders
 */
export function queryWooOrders<T extends WooOrderJson>(
  orders: readonly T[] | (() => readonly T[]),
  query: URLSearchParams,
  statuses: readonly string[],
  listings?: Map<string, T[]>,
): WooOrdersPage<T> | WooOrdersInvalid {
  const invalid: WooOrdersInvalid["invalid"] = {};
  const page = integerParam(query, "page", 1, 1, Number.MAX_SAFE_INTEGER, invalid);
  const perPage = integerParam(query, "per_page", 10, 1, 100, invalid);
  const offset = query.has("offset") ? integerParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER, invalid) : null;
  const wanted = statusParam(query, ["any", "trash", ...statuses], invalid);
  const gmt = booleanParam(query, "dates_are_gmt", invalid);
  const orderby = enumParam(query, "orderby", orderbyOptions, "date", invalid);
  const order = enumParam(query, "order", ["asc", "desc"], "desc", invalid);
  const dates = {
    after: dateParam(query, "after", invalid),
    before: dateParam(query, "before", invalid),
    modifiedAfter: dateParam(query, "modified_after", invalid),
    modifiedBefore: dateParam(query, "modified_before", invalid),
  };
  if (Object.keys(invalid).length > 0) return { kind: "invalid", invalid };

  const statusSet = new Set(wanted.includes("any") ? [...statuses, ...wanted.filter((s) => s !== "any")] : wanted);
  const listingKey = JSON.stringify([[...statusSet].sort(), gmt, orderby, order, dates]);
  let matching = listings?.get(listingKey);
  if (!matching) {
    matching = sortedMatches(typeof orders === "function" ? orders() : orders, statusSet, gmt, orderby, order, dates);
    // A few listings at a time: a client pages through one query before it asks the next.
    if (listings && listings.size >= 8) listings.delete(listings.keys().next().value!);
    listings?.set(listingKey, matching);
  }

  const start = offset ?? (page - 1) * perPage;
  return {
    kind: "page",
    orders: matching.slice(start, start + perPage),
    total: matching.length,
    totalPages: Math.ceil(matching.length / perPage),
    page,
  };
}

/** The orders a list query matches, in its order. */
function sortedMatches<T extends WooOrderJson>(
  orders: readonly T[],
  statusSet: ReadonlySet<string>,
  gmt: boolean,
  orderby: string,
  order: string,
  dates: Record<"after" | "before" | "modifiedAfter" | "modifiedBefore", number | null>,
): T[] {
  const created = (o: T): number => dateOf(o, "created", gmt);
  const modified = (o: T): number => dateOf(o, "modified", gmt);
  const matching = orders.filter(
    (o) =>
      statusSet.has(o.status) &&
      (dates.after === null || created(o) > dates.after) &&
      (dates.before === null || created(o) < dates.before) &&
      (dates.modifiedAfter === null || modified(o) > dates.modifiedAfter) &&
      (dates.modifiedBefore === null || modified(o) < dates.modifiedBefore),
  );
  const key = orderby === "modified" ? modified : orderby === "date" ? created : (o: T) => o.id;
  const direction = order === "asc" ? 1 : -1;
  matching.sort((a, b) => direction * (key(a) - key(b) || a.id - b.id));
  return matching;
}

/** Parsed dates per stored order (orders are replaced, never mutated): a shop of 100,000 orders pages without re-parsing. */
const parsedDates = new WeakMap<WooOrderJson, Map<string, number>>();

/** Milliseconds of `date_{name}_gmt` (or the site-time `date_{name}` when dates_are_gmt is off), read as UTC. */
function dateOf(order: WooOrderJson, name: "created" | "modified", gmt: boolean): number {
  const key = `${name}${gmt ? "_gmt" : ""}`;
  let dates = parsedDates.get(order);
  const known = dates?.get(key);
  if (known !== undefined) return known;
  const gmtValue = order[`date_${name}_gmt`];
  const localValue = order[`date_${name}`];
  const value = !gmt && typeof localValue === "string" ? localValue : gmtValue ?? order.date_created_gmt;
  const parsed = Date.parse(`${String(value)}Z`);
  if (!dates) parsedDates.set(order, (dates = new Map()));
  dates.set(key, parsed);
  return parsed;
}

function integerParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  invalid: WooOrdersInvalid["invalid"],
): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) {
    invalid[name] = { code: "rest_invalid_type", message: `${name} is not of type integer.` };
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    invalid[name] =
      max === Number.MAX_SAFE_INTEGER
        ? { code: "rest_out_of_bounds", message: `${name} must be greater than or equal to ${min}` }
        : { code: "rest_out_of_bounds", message: `${name} must be between ${min} (inclusive) and ${max} (inclusive)` };
    return fallback;
  }
  return value;
}

/** WordPress reads array parameters from "a,b" as well as status[]=a&status[]=b. */
function statusParam(query: URLSearchParams, allowed: string[], invalid: WooOrdersInvalid["invalid"]): string[] {
  const raw = [...query.getAll("status"), ...query.getAll("status[]")].flatMap((value) => value.split(/[\s,]+/));
  const values = raw.filter((value) => value !== "");
  if (values.length === 0) return ["any"];
  const bad = values.findIndex((value) => !allowed.includes(value));
  if (bad >= 0) invalid.status = { code: "rest_not_in_enum", message: `status[${bad}] is not one of ${allowed.join(", ")}.` };
  return values;
}

function booleanParam(query: URLSearchParams, name: string, invalid: WooOrdersInvalid["invalid"]): boolean {
  const raw = query.get(name);
  if (raw === null || raw === "" || raw === "false" || raw === "0") return false;
  if (raw === "true" || raw === "1") return true;
  invalid[name] = { code: "rest_invalid_type", message: `${name} is not of type boolean.` };
  return false;
}

function enumParam(query: URLSearchParams, name: string, options: string[], fallback: string, invalid: WooOrdersInvalid["invalid"]): string {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!options.includes(raw)) invalid[name] = { code: "rest_not_in_enum", message: `${name} is not one of ${options.join(", ")}.` };
  return raw;
}

/** rest_parse_date(): ISO 8601 with an optional zone; without one it is read as UTC here. */
function dateParam(query: URLSearchParams, name: string, invalid: WooOrdersInvalid["invalid"]): number | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return null;
  const iso = raw.replace(/^(\d{4}-\d{2}-\d{2})[ t]/, "$1T").replace(/([+-]\d{2})$/, "$1:00");
  const at = restDatePattern.test(raw) ? Date.parse(/(?:Z|[+-]\d{2}:\d{2})$/.test(iso) ? iso : `${iso}Z`) : Number.NaN;
  if (Number.isNaN(at)) {
    invalid[name] = { code: "rest_invalid_date", message: "Invalid date." };
    return null;
  }
  return at;
}
