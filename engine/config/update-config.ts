/** Changes a koppeling's configuration, validated against the systems' real master data, and audited. */
import { and, eq, sql } from "drizzle-orm";
import { auditLog, koppelingConfigs } from "../../db/schema.js";
import { loadKoppeling } from "../koppelingen/koppeling-repository.js";
import { type Actor, describeActor } from "../runtime/actor.js";
import type { EngineDeps } from "../runtime/engine-deps.js";
import { type KoppelingConfig, type LedgerRole, vatRateKey } from "./koppeling-config.js";

/** One change a merchant can make in the conversation. */
export type ConfigChange =
  | { kind: "mapVatRate"; rateBp: number; vatCodeId: string }
  | { kind: "setLedger"; role: LedgerRole; ledger: string } // the ledger's id or its code ("8050")
  | { kind: "tickStatus"; status: string }
  | { kind: "untickStatus"; status: string }
  | { kind: "setAdministration"; administrationId: string }
  | { kind: "save" };

/** Why a change was refused; the stored configuration is then unchanged. */
export type ConfigRefusal =
  | { reason: "vat_code_unknown"; vatCodeId: string }
  | { reason: "vat_code_unusable"; vatCodeId: string; name: string; detail: "inactive" | "not_for_sales" }
  | { reason: "vat_percentage_differs"; vatCodeId: string; name: string; rateBp: number; codePercentageBp: number }
  | { reason: "ledger_unknown"; ledger: string }
  | { reason: "ledger_inactive"; ledgerCode: string; name: string }
  | { reason: "ledger_not_revenue"; ledgerCode: string; name: string; type: string }
  | { reason: "status_unknown"; status: string; known: string[] }
  | { reason: "administration_unknown"; administrationId: string }
  | { reason: "system_unreachable"; side: "sales" | "accounting"; code: string };

export type ConfigUpdateResult =
  | { kind: "updated"; before: KoppelingConfig; after: KoppelingConfig; version: number }
  | { kind: "unchanged"; config: KoppelingConfig }
  | { kind: "refused"; refusal: ConfigRefusal };

/** How often a change is validated anew when another change was stored in the meantime. */
const MAX_ATTEMPTS = 5;

/** Validates and applies one change; audited with before, after and who. */
export async function updateConfig(deps: EngineDeps, koppelingId: string, change: ConfigChange, actor: Actor): Promise<ConfigUpdateResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await applyChange(deps, koppelingId, change, actor);
    if (result !== "conflict") return result;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`The configuration of koppeling ${koppelingId} kept changing during the update`);
  }
}

/** One read-validate-write round; "conflict" when another change was stored since the read. */
async function applyChange(deps: EngineDeps, koppelingId: string, change: ConfigChange, actor: Actor): Promise<ConfigUpdateResult | "conflict"> {
  const koppeling = await loadKoppeling(deps.db, deps.cipher, koppelingId);
  const before = koppeling.config;
  const validated = await validateChange(deps, koppeling, change).catch((error: { code?: string }) => ({
    reason: "system_unreachable" as const,
    side: change.kind === "tickStatus" ? ("sales" as const) : ("accounting" as const),
    code: typeof error.code === "string" ? error.code : "UNKNOWN",
  }));
  if ("reason" in validated) return { kind: "refused", refusal: validated };
  const after = validated.config;
  const saving = change.kind === "save";
  if (!saving && JSON.stringify(after) === JSON.stringify(before)) return { kind: "unchanged", config: before };

  const version = await deps.db.transaction(async (tx) => {
    // Only over the version that was read: a concurrent change is never overwritten with stale settings.
    const [row] = await tx
      .update(koppelingConfigs)
      .set({
        settings: after,
        version: sql`${koppelingConfigs.version} + 1`,
        updatedAt: deps.clock.now(),
        ...(saving ? { savedAt: deps.clock.now() } : {}),
      })
      .where(and(eq(koppelingConfigs.koppelingId, koppelingId), eq(koppelingConfigs.version, koppeling.configVersion)))
      .returning({ version: koppelingConfigs.version });
    if (!row) return null;
    await tx.insert(auditLog).values({
      koppelingId,
      actor: describeActor(actor),
      action: `config.${change.kind}`,
      before,
      after,
      at: deps.clock.now(),
    });
    return row.version;
  });
  if (version === null) return "conflict";
  return { kind: "updated", before, after, version };
}

async function validateChange(
  deps: EngineDeps,
  koppeling: Awaited<ReturnType<typeof loadKoppeling>>,
  change: ConfigChange,
): Promise<{ config: KoppelingConfig } | ConfigRefusal> {
  const config = structuredClone(koppeling.config);
  const accounting = () => deps.connectors.accountingConnector(koppeling.accountingConnection, config.administrationId);
  switch (change.kind) {
    case "mapVatRate": {
      const code = (await accounting().listVatCodes()).find((c) => c.id === change.vatCodeId);
      if (!code) return { reason: "vat_code_unknown", vatCodeId: change.vatCodeId };
      if (!code.active || code.usage !== "sales") {
        return { reason: "vat_code_unusable", vatCodeId: code.id, name: code.name, detail: code.active ? "not_for_sales" : "inactive" };
      }
      if (code.percentageBp !== change.rateBp) {
        return { reason: "vat_percentage_differs", vatCodeId: code.id, name: code.name, rateBp: change.rateBp, codePercentageBp: code.percentageBp };
      }
      config.vatMapping[vatRateKey(change.rateBp)] = code.id;
      return { config };
    }
    case "setLedger": {
      const wanted = change.ledger.trim();
      const ledger = (await accounting().listLedgers()).find((l) => l.id === wanted || l.code === wanted);
      if (!ledger) return { reason: "ledger_unknown", ledger: wanted };
      if (!ledger.active) return { reason: "ledger_inactive", ledgerCode: ledger.code, name: ledger.name };
      if (ledger.type !== "revenue") return { reason: "ledger_not_revenue", ledgerCode: ledger.code, name: ledger.name, type: ledger.type };
      config.ledgers[change.role] = ledger.id;
      return { config };
    }
    case "tickStatus":
    case "untickStatus": {
      if (change.kind === "untickStatus") {
        config.statuses = config.statuses.filter((s) => s !== change.status);
        return { config };
      }
      const known = await deps.connectors.salesConnector(koppeling.salesConnection).listStatuses();
      const status = known.find((s) => s.slug === change.status || s.name.toLowerCase() === change.status.toLowerCase());
      if (!status) return { reason: "status_unknown", status: change.status, known: known.map((s) => s.slug) };
      if (!config.statuses.includes(status.slug)) config.statuses.push(status.slug);
      return { config };
    }
    case "setAdministration": {
      const administrations = await accounting().listAdministrations();
      if (!administrations.some((a) => a.id === change.administrationId)) {
        return { reason: "administration_unknown", administrationId: change.administrationId };
      }
      config.administrationId = change.administrationId;
      return { config };
    }
    case "save":
      return { config };
  }
}
