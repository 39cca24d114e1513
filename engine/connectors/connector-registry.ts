/** Builds the connectors of a koppeling from its stored connections. */
import type { AccountingConnector, SalesConnector } from "./ports.js";

/** A connection as stored, with its credential decrypted for the connector. */
export interface StoredConnection {
  system: string;
  baseUrl: string;
  credentials: Record<string, string>;
}

/** Turns stored connections into live connectors. */
export interface ConnectorRegistry {
  salesConnector(connection: StoredConnection): SalesConnector;
  accountingConnector(connection: StoredConnection, administrationId: string | null): AccountingConnector;
}
