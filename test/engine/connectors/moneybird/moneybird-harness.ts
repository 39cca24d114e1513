/** Starts a Moneybird simulator with connectors wired to it, for the contract suite and the Moneybird tests. */
import { createMoneybirdConnector, type MoneybirdConnector, type MoneybirdConnectorOptions } from "../../../../engine/connectors/moneybird/moneybird-connector.js";
import { createMoneybirdPacer } from "../../../../engine/connectors/moneybird/moneybird-pacer.js";
import {
  startMoneybirdSimulator,
  type MoneybirdSimulator,
  type MoneybirdSimulatorOptions,
} from "../../../../engine/connectors/moneybird/moneybird-simulator.js";
import type { AccountingConnectorHarness, ContractOperation } from "../accounting-connector-contract.js";

/** The requests behind each contract operation. */
const operations: Record<ContractOperation, { method: string; path: RegExp }> = {
  listVatCodes: { method: "GET", path: /\/tax_rates\.json$/ },
  createDocument: { method: "POST", path: /\/external_sales_invoices\.json$/ },
};

/** A simulator plus a connector factory that fills in its URL, token and administration. */
export interface MoneybirdTestRig {
  simulator: MoneybirdSimulator;
  connect(overrides?: Partial<MoneybirdConnectorOptions>): MoneybirdConnector;
}

/** Starts a simulator (bookings up to 2024-12-31 locked) and returns a connector factory with fast retries. */
export async function startMoneybirdRig(options: MoneybirdSimulatorOptions = {}): Promise<MoneybirdTestRig> {
  const simulator = await startMoneybirdSimulator({ lockedUntil: "2024-12-31", ...options });
  const pacer = createMoneybirdPacer();
  return {
    simulator,
    connect: (overrides = {}) =>
      createMoneybirdConnector({
        baseUrl: simulator.baseUrl,
        token: simulator.token,
        administrationId: simulator.administrationId,
        retryDelaysMs: [10, 20],
        pacer,
        ...overrides,
      }),
  };
}

/** The contract harness for Moneybird. */
export async function startMoneybirdContractHarness(): Promise<AccountingConnectorHarness> {
  const { simulator, connect } = await startMoneybirdRig();
  const matches = (operation: ContractOperation, request: { method: string; path: string }) =>
    request.method === operations[operation].method && operations[operation].path.test(request.path);
  return {
    connector: connect(),
    connectorWithRevokedCredential: connect({ token: "revoked-moneybird-token" }),
    existingDebtor: { email: "jan@example.com", name: "Jan Jansen" },
    closedPeriodDate: "2024-06-30",
    openPeriodDate: "2025-03-01",
    injectFault: (operation, fault, times) => simulator.injectFault({ fault, ...operations[operation], times }),
    countRequests: (operation) => simulator.requests.filter((request) => matches(operation, request)).length,
    requestMethods: () => simulator.requests.map((request) => request.method),
    close: () => simulator.close(),
  };
}
