/** The engine work behind the schedules, one koppeling per call: automatic retries and the connection health check. */
import { loadKoppeling } from "../koppelingen/koppeling-repository.js";
import { recordConnectionState } from "../koppelingen/record-connection-state.js";
import { toKoppelingError } from "../errors/koppeling-error.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { type BookingSummary, bookQueuedSales } from "../sync/book-queued-sales.js";
import { loadMasterData } from "../sync/run-sync.js";

/**
 * Books the koppeling's temporary failures whose retry is due (and anything else queued), without
 * fetching from the shop. Accounting unreachable: nothing happens, the sales keep their retry moment.
 */
export async function runDueRetries(deps: EngineDeps, koppelingId: string): Promise<BookingSummary | null> {
  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  if (!koppeling.configSavedAt) return null;
  const accounting = deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);
  try {
    const master = await loadMasterData(accounting);
    return await bookQueuedSales(deps, koppeling, accounting, master, { trigger: "auto_retry" });
  } catch (error) {
    deps.log.warn("automatic retries postponed", { koppelingId, code: toKoppelingError(error).code });
    return null;
  }
}

/** Tests both connections with a live call and records the dots, so a red one is seen before the merchant notices. */
export async function checkConnectionHealth(deps: EngineDeps, koppelingId: string): Promise<{ sales: string; accounting: string }> {
  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  const shop = deps.connectors.salesConnector(koppeling.salesConnection);
  const books = deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);
  const [salesCheck, accountingCheck] = await Promise.all([shop.testConnection(), books.testConnection()]);
  await recordConnectionState(deps.db, koppelingId, "sales", salesCheck, deps.clock.now());
  await recordConnectionState(deps.db, koppelingId, "accounting", accountingCheck, deps.clock.now());
  if (salesCheck.kind === "red" || accountingCheck.kind === "red") {
    deps.log.warn("connection red", { koppelingId, sales: salesCheck.kind, accounting: accountingCheck.kind });
  }
  return { sales: salesCheck.kind, accounting: accountingCheck.kind };
}
