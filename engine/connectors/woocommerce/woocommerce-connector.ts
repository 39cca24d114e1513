/** The WooCommerce side of a koppeling: the SalesConnector port over the WooCommerce REST API v3. */
import { z } from "zod";
import { KoppelingError, toKoppelingError } from "../../errors/koppeling-error.js";
import type { ShopSale } from "../../sales/sale.js";
import type { ConnectionCheck, FetchSalesQuery, SalesConnector, ShopStatus } from "../ports.js";
import { type WooCommerceClientOptions, createWooCommerceClient } from "./woocommerce-client.js";
import { mapWooCommerceOrder } from "./woocommerce-mapping.js";

/** Options of createWooCommerceConnector: the shop, its consumer key + secret, and HTTP tuning. */
export interface WooCommerceConnectorOptions extends WooCommerceClientOptions {
  /** Orders per page, 1–100 (WooCommerce's maximum; default 100). */
  perPage?: number;
}

const statusesSchema = z.array(z.object({ slug: z.string().min(1), name: z.string() }));

/** Creates the connector; nothing is requested until a method is called. */
export function createWooCommerceConnector(options: WooCommerceConnectorOptions): SalesConnector {
  const client = createWooCommerceClient(options);
  const perPage = Math.min(100, Math.max(1, Math.trunc(options.perPage ?? 100)));

  return {
    system: "woocommerce",

    /**
     * Lists one order: proves the URL, pretty permalinks, the key and its Read permission at once.
     * @see https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders
     */
    async testConnection(): Promise<ConnectionCheck> {
      try {
        const response = await client.get("/orders", { per_page: "1" });
        const total = response?.headers.get("x-wp-total");
        return { kind: "green", detail: `WooCommerce answered${total ? ` with ${total} orders` : ""}` };
      } catch (error) {
        const failure = toKoppelingError(error);
        return { kind: "red", code: failure.code, detail: failure.message };
      }
    },

    /**
     * The shop's order statuses, custom ones included, from the orders totals report
     * (slugs without the "wc-" prefix, as orders carry them).
     * @see https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-orders-totals
     */
    async listStatuses(): Promise<ShopStatus[]> {
      const response = await client.get("/reports/orders/totals");
      const parsed = statusesSchema.safeParse(response?.data);
      if (!parsed.success) {
        throw new KoppelingError("UNKNOWN", "WooCommerce's order status list could not be read", {
          facts: { system: "woocommerce", field: parsed.error.issues[0]?.path.join(".") ?? "" },
        });
      }
      return parsed.data.map(({ slug, name }) => ({ slug, name }));
    },

    /**
     * All orders created after `createdAfter` (and modified after `modifiedAfter`), oldest first,
     * page by page until X-WP-TotalPages. WooCommerce compares these dates exclusively and to the
     * second; `modifiedAfter` is moved back one second so a sale changed within the cursor's own
     * second is fetched again rather than missed (the engine de-duplicates by externalId).
     * @see https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders
     * @see https://woocommerce.github.io/woocommerce-rest-api-docs/#pagination
     */
    async *fetchSales(query: FetchSalesQuery): AsyncIterable<ShopSale[]> {
      const filter: Record<string, string> = {
        per_page: String(perPage),
        status: "any",
        after: formatGmt(query.createdAfter),
        dates_are_gmt: "true",
        orderby: "date",
        order: "asc",
      };
      if (query.modifiedAfter) filter.modified_after = formatGmt(new Date(query.modifiedAfter.getTime() - 1000));
      for (let page = 1; ; page += 1) {
        const response = await client.get("/orders", { ...filter, page: String(page) });
        const orders = response?.data;
        if (!Array.isArray(orders)) {
          throw new KoppelingError("UNKNOWN", "WooCommerce's order list is not a list", { facts: { system: "woocommerce", page } });
        }
        if (orders.length > 0) yield orders.map(mapWooCommerceOrder);
        const totalPages = Number(response?.headers.get("x-wp-totalpages"));
        // Without the header (a proxy stripped it), a short page is the last one.
        const last = Number.isFinite(totalPages) && totalPages > 0 ? page >= totalPages : orders.length < perPage;
        if (last || orders.length === 0) return;
      }
    },

    /**
     * One order by id; null when WooCommerce answers 404 woocommerce_rest_shop_order_invalid_id.
     * @see https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-an-order
     */
    async fetchSale(externalId: string): Promise<ShopSale | null> {
      if (!/^\d+$/.test(externalId)) return null;
      const response = await client.get(`/orders/${externalId}`, {}, { notFoundCode: "woocommerce_rest_shop_order_invalid_id" });
      return response === null ? null : mapWooCommerceOrder(response.data);
    },
  };
}

/** "2024-05-01T10:00:00": WooCommerce's own date format, read as GMT because of dates_are_gmt=true. */
function formatGmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}
