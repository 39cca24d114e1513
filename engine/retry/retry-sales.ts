/** "Verwerk": retries rejected sales — one, one cause, or all that can succeed now — refusing blind retries. */
import { and, eq, inArray } from "drizzle-orm";
import { auditLog, sales } from "../../db/schema.js";
import type { ErrorCode } from "../errors/catalogue.js";
import { toKoppelingError } from "../errors/koppeling-error.js";
import { type ErrorGroup, type RetryVerdict, listErrorGroups } from "../errors/list-error-groups.js";
import { loadKoppeling } from "../koppelingen/koppeling-repository.js";
import { recordConnectionState } from "../koppelingen/record-connection-state.js";
import { type Actor, describeActor } from "../runtime/actor.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { bookQueuedSales } from "../sync/book-queued-sales.js";
import { loadMasterData } from "../sync/run-sync.js";
import { checkLandingDocuments, landingWindowMs, salesWithLandingDocuments } from "./uncertain-attempts.js";

/** What to retry. */
export type RetryTarget = { kind: "sale"; number: string } | { kind: "cause"; fingerprint: string } | { kind: "all" };

/** One cause in a retry plan: retried, or refused with the reason. */
export interface PlannedGroup {
  group: ErrorGroup;
  saleIds: number[];
  allowed: boolean;
  verdict: RetryVerdict;
}

export type RetryPlan =
  | { kind: "plan"; groups: PlannedGroup[]; saleCount: number; cents: number }
  | { kind: "nothing"; reason: "no_such_sale" | "no_such_cause" | "no_rejected_sales" | "sale_not_rejected"; state?: string };

export interface RetryOptions {
  /** The merchant checked accounting (class E): the number is not booked there. */
  accountingChecked?: boolean;
}

/** The outcome per retried sale. */
export interface RetryResult {
  plan: RetryPlan;
  outcomes: Array<{ number: string; state: string; code: ErrorCode | null }>;
  /** Set when accounting could not be reached, so nothing was retried. */
  unavailable?: ErrorCode;
  /**
   * Sales left alone this time: an earlier attempt sent the document without an answer, its request
   * may still land, and no document with the reference is there yet. They may be retried from `safeAfter`.
   */
  waiting: Array<{ number: string; safeAfter: Date }>;
}

/**
 * Works out what a retry would do without doing it: per cause, whether a retry can help now.
 * Explicitly named causes of class F (and B, after a live connection test) may be retried once;
 * data errors without a change (A, D) and class E without a check in accounting are refused.
 */
export async function planRetry(deps: EngineDeps, koppelingId: string, target: RetryTarget, options: RetryOptions = {}): Promise<RetryPlan> {
  const groups = await listErrorGroups(deps.db, koppelingId);
  let selected: Array<{ group: ErrorGroup; sales?: RejectedSale[] }>;
  if (target.kind === "sale") {
    const [sale] = await deps.db
      .select({ id: sales.id, state: sales.state, fingerprint: sales.fingerprint, cents: sales.totalCents })
      .from(sales)
      .where(and(eq(sales.koppelingId, koppelingId), eq(sales.number, target.number.replace(/^#/, "").trim())));
    if (!sale) return { kind: "nothing", reason: "no_such_sale" };
    const group = groups.find((g) => g.fingerprint === sale.fingerprint);
    if (sale.state !== "rejected" || !group) return { kind: "nothing", reason: "sale_not_rejected", state: sale.state };
    selected = [{ group, sales: [{ id: sale.id, cents: sale.cents }] }];
  } else if (target.kind === "cause") {
    const group = groups.find((g) => g.fingerprint === target.fingerprint);
    if (!group) return { kind: "nothing", reason: "no_such_cause" };
    selected = [{ group }];
  } else {
    selected = groups.map((group) => ({ group }));
  }

  const planned: PlannedGroup[] = [];
  let cents = 0;
  for (const { group, sales: chosen } of selected) {
    const picked = chosen ?? (await rejectedSalesOf(deps, koppelingId, group.fingerprint));
    const ids = picked.map((sale) => sale.id);
    if (ids.length === 0) continue;
    const named = target.kind !== "all";
    let allowed = group.retry.canHelpNow;
    if (!allowed && group.actionClass === "E") allowed = options.accountingChecked === true;
    if (!allowed && named && group.actionClass === "F") allowed = true;
    if (!allowed && named && group.actionClass === "B") allowed = await connectionIsGreen(deps, koppelingId, group.code);
    planned.push({ group, saleIds: ids, allowed, verdict: allowed && group.actionClass === "B" ? "connection_restored" : group.retry.verdict });
    // The amount of the sales retried, not of the whole group (a named sale, or a group with expired sales).
    if (allowed) cents += picked.reduce((sum, sale) => sum + sale.cents, 0);
  }
  if (planned.length === 0) return { kind: "nothing", reason: "no_rejected_sales" };
  const retried = planned.filter((p) => p.allowed);
  return {
    kind: "plan",
    groups: planned,
    saleCount: retried.reduce((n, p) => n + p.saleIds.length, 0),
    cents,
  };
}

/** Plans, then retries the allowed sales now; audited. */
export async function retrySales(
  deps: EngineDeps,
  koppelingId: string,
  target: RetryTarget,
  actor: Actor,
  options: RetryOptions = {},
): Promise<RetryResult> {
  const plan = await planRetry(deps, koppelingId, target, options);
  if (plan.kind !== "plan") return { plan, outcomes: [], waiting: [] };
  const planned = plan.groups.filter((g) => g.allowed).flatMap((g) => g.saleIds);
  if (planned.length === 0) return { plan, outcomes: [], waiting: [] };

  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  const accounting = deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);
  let master: Awaited<ReturnType<typeof loadMasterData>>;
  try {
    master = await loadMasterData(accounting);
  } catch (error) {
    return { plan, outcomes: [], unavailable: toKoppelingError(error).code, waiting: [] };
  }
  // A document sent without an answer may still land: only what is found by reference is retried now
  // (booking records it as recovered); the rest waits until that request has surely landed or failed.
  const landing = await salesWithLandingDocuments(deps.db, planned, deps.clock.now(), landingWindowMs(accounting));
  const { waiting } = await checkLandingDocuments(accounting, landing);
  const waitingIds = new Set(waiting.map((sale) => sale.saleId));
  const saleIds = planned.filter((id) => !waitingIds.has(id));
  const waitingOut = waiting.map((sale) => ({ number: sale.number, safeAfter: sale.safeAfter }));
  if (waiting.length > 0) deps.log.warn("retry waits for a document that may still land", { koppelingId, sales: waiting.map((sale) => sale.number) });
  if (saleIds.length === 0) return { plan, outcomes: [], waiting: waitingOut };
  // One pass over exactly these sales: the batch must hold them all, or the rest would silently stay in Fouten.
  await bookQueuedSales(deps, koppeling, accounting, master, { trigger: "retry", actor: describeActor(actor), saleIds, batchSize: saleIds.length });
  const after = await deps.db
    .select({ number: sales.number, state: sales.state, code: sales.errorCode })
    .from(sales)
    .where(inArray(sales.id, saleIds));
  await deps.db.insert(auditLog).values({
    koppelingId,
    actor: describeActor(actor),
    action: "retry",
    before: { target, saleCount: saleIds.length, waiting: waiting.length },
    after: { transferred: after.filter((s) => s.state === "transferred").length, rejected: after.filter((s) => s.state === "rejected").length },
    at: deps.clock.now(),
  });
  return { plan, outcomes: after.map((s) => ({ number: s.number, state: s.state, code: (s.code as ErrorCode | null) ?? null })), waiting: waitingOut };
}

interface RejectedSale {
  id: number;
  cents: number;
}

async function rejectedSalesOf(deps: EngineDeps, koppelingId: string, fingerprint: string): Promise<RejectedSale[]> {
  return deps.db
    .select({ id: sales.id, cents: sales.totalCents })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), eq(sales.state, "rejected"), eq(sales.fingerprint, fingerprint)));
}

/** A live test of the side a connection error belongs to; the dot is updated with the answer. */
async function connectionIsGreen(deps: EngineDeps, koppelingId: string, code: ErrorCode): Promise<boolean> {
  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  const side = code.startsWith("CONN_SHOP") ? "sales" : "accounting";
  const connector =
    side === "sales"
      ? deps.connectors.salesConnector(koppeling.salesConnection)
      : deps.connectors.accountingConnector(koppeling.accountingConnection, koppeling.config.administrationId);
  const check = await connector.testConnection();
  await recordConnectionState(deps.db, koppelingId, side, check, deps.clock.now());
  return check.kind === "green";
}
