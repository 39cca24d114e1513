import { createWooCommerceConnector } from "../../../../engine/connectors/woocommerce/woocommerce-connector.js";
import { runSalesConnectorContract } from "../sales-connector-contract.js";
import { deadShopUrl, startTestShop } from "./start-test-shop.js";

runSalesConnectorContract("WooCommerce", async () => {
  const { shop, options, connector } = await startTestShop();
  const deadUrl = await deadShopUrl();
  return {
    connector,
    connectorWithBadCredentials: createWooCommerceConnector({ ...options, consumerSecret: "cs_wrong" }),
    unreachableConnector: createWooCommerceConnector({ ...options, baseUrl: deadUrl }),
    timeoutMs: options.timeoutMs ?? 500,
    expectedStatuses: ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"],
    missingExternalId: "999999",
    addSales: async (specs) =>
      specs.map((spec) =>
        String(
          shop.createOrder({
            createdAt: spec.createdAt,
            ...(spec.modifiedAt ? { modifiedAt: spec.modifiedAt } : {}),
            ...(spec.status ? { status: spec.status } : {}),
            items: [{ name: "Product", price: "10.00" }],
          }).id,
        ),
      ),
    revokeCredentials: () => shop.revokeCredentials(),
    injectFault: (rule) => shop.injectFault(rule),
    clearFaults: () => shop.clearFaults(),
    requests: shop.requests,
    close: () => shop.close(),
  };
});
