/** Moneybird's list pagination: `page` and `per_page` (1–100), with `Link` and `X-Total-Count` headers. */
import { jsonResponse, type SimulatorRequest, type SimulatorResponse } from "../simulator-server.js";

/** Moneybird's page size when `per_page` is not given. */
const defaultPerPage = 50;

/**
 * Answers one page of `items`, or Moneybird's 400 when `per_page` is out of range
 * (error_400_per_page_too_large.json) or `page` is below 1.
 */
export function paginateMoneybirdList(request: SimulatorRequest, items: readonly unknown[], baseUrl: string): SimulatorResponse {
  const perPageText = request.query.get("per_page");
  const perPage = perPageText === null ? defaultPerPage : Number(perPageText);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return jsonResponse(400, { error: "per_page does not have a valid value" });
  }
  const page = Number(request.query.get("page") ?? "1");
  if (!Number.isInteger(page) || page < 1) {
    return jsonResponse(400, { error: "Page is too small", symbolic: { page: "min" } });
  }
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const linkTo = (target: number) => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(target));
    query.set("per_page", String(perPage));
    return `<${baseUrl}${request.path}?${query.toString()}>`;
  };
  if (page * perPage < items.length) links.push(`${linkTo(page + 1)}; rel="next"`);
  if (page > 1) links.push(`${linkTo(page - 1)}; rel="prev"`);
  const headers: Record<string, string> = { "X-Total-Count": String(items.length) };
  if (links.length > 0) headers.Link = links.join(", ");
  return jsonResponse(200, slice, headers);
}
