/** One sync run of a koppeling: fetch → store and classify → book → record (domain/koppeling.md lifecycle). */
import { eq } from "drizzle-orm";
import { syncRuns } from "../../db/schema.js";
import type { AccountingConnector } from "../connectors/ports.js";
import { describeErrorCode, type ErrorCode } from "../errors/catalogue.js";
import { type KoppelingError, toKoppelingError } from "../errors/koppeling-error.js";
import { type LoadedKoppeling, loadKoppeling } from "../koppelingen/koppeling-repository.js";
import { recordConnectionState } from "../koppelingen/record-connection-state.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { type BookingSummary, bookQueuedSales } from "./book-queued-sales.js";
import type { MasterData } from "./precheck-sale.js";
import { reclassifyOpenSales } from "./reclassify-open-sales.js";
import { type FetchResume, loadFetchStart, storedResume, trackFetch } from "./fetch-progress.js";
import { storeFetchedSales } from "./store-fetched-sales.js";

/** What a run did, as stored in sync_runs. */
export interface SyncRunSummary {
  runId: number;
  status: "succeeded" | "failed";
  fetched: number;
  opened: number;
  expired: number;
  booking: BookingSummary | null;
  error: { code: ErrorCode; message: string } | null;
}

/** The first run also looks back before the install moment, so "older sales need a migration" can be told. */
const FIRST_RUN_LOOKBACK_MS = 14 * 86_400_000;
/** Re-read a little before the cursor: modified_after is strict and shops store whole seconds. */
const CURSOR_OVERLAP_MS = 1_000;

/** Runs one sync of the koppeling. Vendor failures end up in the summary and the run row, never thrown. */
export async function runSync(deps: EngineDeps, koppelingId: string, trigger = "manual"): Promise<SyncRunSummary> {
  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  const startedAt = deps.clock.now();
  const [run] = await deps.db.insert(syncRuns).values({ koppelingId, trigger, startedAt }).returning({ id: syncRuns.id });
  const summary: SyncRunSummary = { runId: run!.id, status: "succeeded", fetched: 0, opened: 0, expired: 0, booking: null, error: null };
  const fail = (error: KoppelingError) => {
    summary.status = "failed";
    summary.error ??= { code: error.code, message: error.vendorMessage ?? error.message };
  };

  const fetched = await fetchAndStore(deps, koppeling, summary).catch((error: unknown): FetchEnd => {
    if (error instanceof FetchStopped) {
      fail(error.error);
      return error.end;
    }
    fail(toKoppelingError(error));
    return { cursor: null, resume: null };
  });
  const reclassified = await reclassifyOpenSales(deps.db, koppelingId, koppeling.config.statuses, deps.clock.now());
  summary.expired = reclassified.expired;

  if (koppeling.configSavedAt) {
    const accounting = deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);
    try {
      const master = await loadMasterData(accounting);
      await recordConnectionState(deps.db, koppelingId, "accounting", { kind: "green", detail: "master data read" }, deps.clock.now());
      summary.booking = await bookQueuedSales(deps, koppeling, accounting, master, { trigger: "sync" });
      if (summary.booking.stoppedBy) await noteStop(deps, koppelingId, summary.booking.stoppedBy, fail);
    } catch (error) {
      const coded = toKoppelingError(error);
      await noteStop(deps, koppelingId, coded, fail);
    }
  }

  await deps.db
    .update(syncRuns)
    .set({
      finishedAt: deps.clock.now(),
      status: summary.status,
      fetched: summary.fetched,
      opened: summary.opened,
      transferred: (summary.booking?.transferred ?? 0) + (summary.booking?.recovered ?? 0),
      rejected: summary.booking?.rejected ?? 0,
      errorCode: summary.error?.code ?? null,
      errorMessage: summary.error?.message.slice(0, 1000) ?? null,
      ...(fetched.cursor ? { cursor: fetched.cursor } : {}),
      ...(fetched.resume ? { fetchResume: storedResume(fetched.resume) } : {}),
    })
    .where(eq(syncRuns.id, summary.runId));
  deps.log.info("sync run finished", { koppelingId, runId: summary.runId, status: summary.status, fetched: summary.fetched, code: summary.error?.code });
  return summary;
}

/** What a run's fetch leaves for the next run: a completed pass's cursor, or where a stopped pass resumes. */
type FetchEnd = { cursor: Date | null; resume: FetchResume | null };

/**
 * Fetches everything modified since the last completed pass, or the rest of a pass that stopped part-way
 * (engine/sync/fetch-progress.ts). A failure is thrown with what was stored before it.
 */
async function fetchAndStore(deps: EngineDeps, koppeling: LoadedKoppeling, summary: SyncRunSummary): Promise<FetchEnd> {
  const progress = trackFetch(await loadFetchStart(deps.db, koppeling.id));
  const shop = deps.connectors.salesConnector(koppeling.salesConnection);
  try {
    const pages = shop.fetchSales({
      createdAfter: progress.createdAfter
        ? new Date(progress.createdAfter.getTime() - CURSOR_OVERLAP_MS)
        : new Date(koppeling.installedAt.getTime() - FIRST_RUN_LOOKBACK_MS),
      ...(progress.modifiedAfter ? { modifiedAfter: new Date(progress.modifiedAfter.getTime() - CURSOR_OVERLAP_MS) } : {}),
    });
    for await (const page of pages) {
      const stored = await storeFetchedSales(
        deps.db,
        { koppelingId: koppeling.id, installedAt: koppeling.installedAt, tickedStatuses: koppeling.config.statuses, now: deps.clock.now() },
        page,
      );
      summary.fetched += page.length;
      summary.opened += stored.opened;
      progress.stored(page);
    }
  } catch (error) {
    const coded = toKoppelingError(error);
    const state = describeErrorCode(coded.code).actionClass === "B" ? "red" : null;
    if (state) await recordConnectionState(deps.db, koppeling.id, "sales", { kind: "red", code: coded.code, detail: coded.vendorMessage ?? coded.message }, deps.clock.now());
    throw new FetchStopped(coded, { cursor: null, resume: progress.resume() });
  }
  await recordConnectionState(deps.db, koppeling.id, "sales", { kind: "green", detail: "sales fetched" }, deps.clock.now());
  return { cursor: progress.cursor(), resume: null };
}

/** A fetch that failed, with what the run should still record (the resume point of the pages it stored). */
class FetchStopped extends Error {
  constructor(
    readonly error: KoppelingError,
    readonly end: FetchEnd,
  ) {
    super(error.message);
  }
}

/** The accounting master data the pre-checks compare the configuration with. */
export async function loadMasterData(accounting: AccountingConnector): Promise<MasterData> {
  const [vatCodes, ledgers] = await Promise.all([accounting.listVatCodes(), accounting.listLedgers()]);
  return { vatCodes, ledgers };
}

async function noteStop(deps: EngineDeps, koppelingId: string, error: KoppelingError, fail: (e: KoppelingError) => void): Promise<void> {
  fail(error);
  if (describeErrorCode(error.code).actionClass === "B") {
    await recordConnectionState(deps.db, koppelingId, "accounting", { kind: "red", code: error.code, detail: error.vendorMessage ?? error.message }, deps.clock.now());
  }
}
