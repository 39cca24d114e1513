/** "Meld Probleem": one report per cause with a diagnostic bundle for support, and never a duplicate. */
import { and, asc, desc, eq, like, sql } from "drizzle-orm";
import { auditLog, connections, koppelingConfigs, koppelingen, problemReports, saleLines, sales, transferAttempts } from "../../db/schema.js";
import type { ErrorGroup } from "../errors/list-error-groups.js";
import { listErrorGroups } from "../errors/list-error-groups.js";
import { type Actor, describeActor } from "../runtime/actor.js";
import type { EngineDeps } from "../runtime/engine-deps.js";

/** What the merchant reports: a sale (its cause is reported) or a cause directly. */
export type ReportTarget = { kind: "sale"; number: string } | { kind: "cause"; fingerprint: string };

/** A stored problem report as shown to the merchant and to support. */
export interface ProblemReport {
  reference: string;
  fingerprint: string;
  errorCode: string;
  status: "open" | "closed";
  createdAt: Date;
  occurrences: number;
  bundle: DiagnosticBundle;
}

/** Everything support needs (domain/koppeling.md, "Support") and nothing secret. */
export interface DiagnosticBundle {
  koppeling: { name: string; licenseKeyHint: string; salesSystem: string; accountingSystem: string; installedAt: string };
  connections: Array<{ side: string; system: string; state: string; errorCode: string | null }>;
  configuration: unknown;
  cause: { code: string; fingerprint: string; affectedSales: number; affectedCents: number; oldestAt: string; newestAt: string };
  representativeSale: {
    number: string;
    createdAt: string;
    shopStatus: string;
    totalCents: number;
    taxCents: number;
    customer: { country: string | null; company: string | null; vatNumber: string | null; hasEmail: boolean };
    lines: Array<{ kind: string; description: string; quantity: string; totalExclCents: number; taxCents: number; vatRateBp: number | null }>;
    errorMessage: string | null;
    vendorMessage: string | null;
  };
  alreadyTried: Array<{ at: string; what: string; outcome?: string }>;
  note: string | null;
}

export type ReportResult =
  | { kind: "created"; report: ProblemReport }
  | { kind: "existing"; report: ProblemReport }
  | { kind: "nothing_to_report"; reason: "no_such_sale" | "sale_not_rejected" | "no_such_cause" };

/** Files a report for the cause, or returns the open one for that cause (noting that it happened again). */
export async function reportProblem(
  deps: EngineDeps,
  koppelingId: string,
  target: ReportTarget,
  actor: Actor,
  note: string | null = null,
): Promise<ReportResult> {
  const group = await findGroup(deps, koppelingId, target);
  if ("reason" in group) return { kind: "nothing_to_report", reason: group.reason };
  const existing = await openReport(deps, koppelingId, group.fingerprint);
  if (existing) return { kind: "existing", report: await noteRecurrence(deps, existing.id, note) };

  const bundle = await buildBundle(deps, koppelingId, group, note);
  const inserted = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(problemReports)
      .values({
        reference: `R-pending-${group.fingerprint}-${Date.now()}`,
        koppelingId,
        fingerprint: group.fingerprint,
        errorCode: group.code,
        saleId: group.representative.saleId,
        bundle,
        note,
        reportedBy: describeActor(actor),
        createdAt: deps.clock.now(),
        updatedAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: problemReports.id });
    if (!row) return null;
    await tx.update(problemReports).set({ reference: `R-${row.id}` }).where(eq(problemReports.id, row.id));
    await tx.insert(auditLog).values({ koppelingId, actor: describeActor(actor), action: "report", after: { reference: `R-${row.id}`, fingerprint: group.fingerprint }, at: deps.clock.now() });
    return row.id;
  });
  if (inserted === null) {
    // Someone filed the same cause a moment ago: theirs is the report.
    const raced = await openReport(deps, koppelingId, group.fingerprint);
    return { kind: "existing", report: await noteRecurrence(deps, raced!.id, note) };
  }
  return { kind: "created", report: toReport((await deps.db.select().from(problemReports).where(eq(problemReports.id, inserted)))[0]!) };
}

async function findGroup(deps: EngineDeps, koppelingId: string, target: ReportTarget): Promise<ErrorGroup | { reason: "no_such_sale" | "sale_not_rejected" | "no_such_cause" }> {
  const groups = await listErrorGroups(deps.db, koppelingId);
  if (target.kind === "cause") return groups.find((g) => g.fingerprint === target.fingerprint) ?? { reason: "no_such_cause" };
  const [sale] = await deps.db
    .select({ id: sales.id, number: sales.number, fingerprint: sales.fingerprint, state: sales.state, errorMessage: sales.errorMessage, vendorMessage: sales.vendorMessage, facts: sales.errorFacts })
    .from(sales)
    .where(and(eq(sales.koppelingId, koppelingId), eq(sales.number, target.number.replace(/^#/, "").trim())));
  if (!sale) return { reason: "no_such_sale" };
  const group = groups.find((g) => g.fingerprint === sale.fingerprint);
  if (!group) return { reason: "sale_not_rejected" };
  // The merchant named this sale: it is the example support gets.
  return { ...group, representative: { saleId: sale.id, number: sale.number, errorMessage: sale.errorMessage, vendorMessage: sale.vendorMessage } };
}

async function openReport(deps: EngineDeps, koppelingId: string, fingerprint: string) {
  const [row] = await deps.db
    .select()
    .from(problemReports)
    .where(and(eq(problemReports.koppelingId, koppelingId), eq(problemReports.fingerprint, fingerprint), eq(problemReports.status, "open")));
  return row ?? null;
}

async function noteRecurrence(deps: EngineDeps, reportId: number, note: string | null): Promise<ProblemReport> {
  const [row] = await deps.db
    .update(problemReports)
    .set({
      occurrences: sql`${problemReports.occurrences} + 1`,
      updatedAt: deps.clock.now(),
      ...(note ? { note: sql`coalesce(${problemReports.note} || E'\n', '') || ${note}` } : {}),
    })
    .where(eq(problemReports.id, reportId))
    .returning();
  return toReport(row!);
}

/** A stored report row as the bot shows it. */
export function toReport(row: typeof problemReports.$inferSelect): ProblemReport {
  return {
    reference: row.reference,
    fingerprint: row.fingerprint,
    errorCode: row.errorCode,
    status: row.status,
    createdAt: row.createdAt,
    occurrences: row.occurrences,
    bundle: row.bundle as DiagnosticBundle,
  };
}

/** Builds the bundle from stored data only: credentials are never read, the license key only as its hint. */
async function buildBundle(deps: EngineDeps, koppelingId: string, group: ErrorGroup, note: string | null): Promise<DiagnosticBundle> {
  const db = deps.db;
  const saleId = group.representative.saleId;
  const [[koppeling], sides, [config], [sale], lines, attempts, changes] = await Promise.all([
    db.select().from(koppelingen).where(eq(koppelingen.id, koppelingId)),
    db.select({ side: connections.side, system: connections.system, state: connections.state, errorCode: connections.lastErrorCode }).from(connections).where(eq(connections.koppelingId, koppelingId)),
    db.select().from(koppelingConfigs).where(eq(koppelingConfigs.koppelingId, koppelingId)),
    db.select().from(sales).where(eq(sales.id, saleId)),
    db.select().from(saleLines).where(eq(saleLines.saleId, saleId)).orderBy(asc(saleLines.position)),
    db.select().from(transferAttempts).where(eq(transferAttempts.saleId, saleId)).orderBy(asc(transferAttempts.startedAt)),
    db.select().from(auditLog).where(and(eq(auditLog.koppelingId, koppelingId), like(auditLog.action, "config.%"))).orderBy(desc(auditLog.at)).limit(10),
  ]);
  return {
    koppeling: {
      name: koppeling!.name,
      licenseKeyHint: koppeling!.licenseKeyHint,
      salesSystem: koppeling!.salesSystem,
      accountingSystem: koppeling!.accountingSystem,
      installedAt: koppeling!.installedAt.toISOString(),
    },
    connections: sides,
    configuration: config?.settings ?? null,
    cause: {
      code: group.code,
      fingerprint: group.fingerprint,
      affectedSales: group.count,
      affectedCents: group.cents,
      oldestAt: group.oldestAt.toISOString(),
      newestAt: group.newestAt.toISOString(),
    },
    representativeSale: {
      number: sale!.number,
      createdAt: sale!.createdInShopAt.toISOString(),
      shopStatus: sale!.shopStatus,
      totalCents: sale!.totalCents,
      taxCents: sale!.taxCents,
      customer: { country: sale!.customerCountry, company: sale!.customerCompany, vatNumber: sale!.customerVatNumber, hasEmail: !!sale!.customerEmail },
      lines: lines.map(({ kind, description, quantity, totalExclCents, taxCents, vatRateBp }) => ({ kind, description, quantity, totalExclCents, taxCents, vatRateBp })),
      errorMessage: sale!.errorMessage,
      vendorMessage: sale!.vendorMessage,
    },
    alreadyTried: [
      ...attempts.map((a) => ({ at: a.startedAt.toISOString(), what: `transfer (${a.trigger})`, outcome: `${a.outcome}${a.errorCode ? `: ${a.errorCode}` : ""}` })),
      ...changes.map((c) => ({ at: c.at.toISOString(), what: c.action })),
    ],
    note,
  };
}
