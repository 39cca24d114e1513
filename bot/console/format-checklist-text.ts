/** Plain-text Dutch rendering of the checklist and the status, for the terminal demo. */
import type { ChecklistItem } from "../../engine/checklist/checklist-item.js";
import type { ChecklistResult } from "../../engine/checklist/check-koppeling.js";
import { formatMoney } from "../../engine/sales/money.js";
import { formatVatRate } from "../../engine/sales/vat-rate.js";
import type { KoppelingStatus } from "../../engine/status/get-status.js";

const icon = { ok: "✅", warning: "⚠️ ", failing: "❌", skipped: "➖" } as const;
const roleName: Record<string, string> = { revenue: "Omzet", shipping: "Verzendkosten", paymentCosts: "Betaalkosten", discount: "Korting" };
const readName: Record<string, string> = { orders: "bestellingen", paid_orders: "betaalde bestellingen", invoices: "facturen" };
const createName: Record<string, string> = { invoice: "facturen" };
const dateFormat = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** The checklist as lines of text, one or more per item. */
export function formatChecklistText(result: ChecklistResult): string {
  const lines = [`Controle van ${result.name} (${result.salesSystem} → ${result.accountingSystem}):`];
  for (const item of result.items) lines.push(...describeItem(item).map((text, i) => (i === 0 ? `${icon[item.status]} ${text}` : `     ${text}`)));
  return lines.join("\n");
}

function describeItem(item: ChecklistItem): string[] {
  const f = item.facts as Record<string, any>;
  switch (item.key) {
    case "sales_connection":
    case "accounting_connection": {
      const side = item.key === "sales_connection" ? "verkoopsysteem" : "boekhoudsysteem";
      if (item.status === "ok") return [`Verbinding met het ${side}${f.administration ? ` (administratie ${f.administration})` : ""}`];
      return [`Verbinding met het ${side}: ${f.code ?? f.reason} — ${f.detail ?? "kies een administratie"}`];
    }
    case "contract":
      return [item.status === "ok" ? `Contract: ${readName[f.read] ?? f.read} → ${createName[f.create] ?? f.create}` : "Contract: nog niet gekozen"];
    case "statuses": {
      const out = [`Statussen aangevinkt: ${(f.ticked as string[]).join(", ") || "geen"}`];
      for (const u of f.untickedOccurring as Array<{ status: string; openSales: number; openCents: number }>) {
        out.push(`Status "${u.status}" komt bij ${u.openSales} verkopen voor maar is niet aangevinkt → ze staan in Open (${formatMoney(u.openCents)})`);
      }
      for (const s of f.unknownTicked as string[]) out.push(`Status "${s}" is aangevinkt maar bestaat niet in de webwinkel`);
      return out;
    }
    case "vat_mapping": {
      if (item.status === "skipped") return ["BTW: niet gecontroleerd (boekhouding onbereikbaar)"];
      if (item.status === "ok") return [`BTW: alle tarieven gekoppeld (${(f.ratesSeen as number[]).map((r) => formatVatRate(r)).join(", ")})`];
      return (f.problems as Array<Record<string, any>>).map(
        (p) =>
          `BTW: ${formatVatRate(p.rateBp)} is ${p.reason === "unmapped" ? "niet gekoppeld" : `gekoppeld aan een onbruikbare code (${p.reason})`} — ${p.saleCount} recente verkopen` +
          (p.rejectedSales ? `, ${p.rejectedSales} staan daardoor in Fouten (${formatMoney(p.rejectedCents)})` : ""),
      );
    }
    case "ledgers": {
      if (item.status === "skipped") return ["Grootboekrekeningen: niet gecontroleerd (boekhouding onbereikbaar)"];
      if (item.status === "ok") return ["Grootboekrekeningen: omzet, verzendkosten en betaalkosten goed ingesteld"];
      return (f.problems as Array<Record<string, any>>).map((p) =>
        p.reason === "not_revenue"
          ? `${roleName[p.role]} gaan naar grootboek ${p.ledgerCode} "${p.ledgerName}", dat is geen omzetrekening`
          : `${roleName[p.role]}: grootboekrekening ${p.reason === "not_set" ? "niet ingevuld" : "bestaat niet (meer) of is niet actief"}`,
      );
    }
    case "required_fields":
      return [item.status === "ok" ? "Verplichte velden ingevuld" : "Verplichte velden: vaste debiteur ontbreekt"];
    case "saved":
      return [item.status === "ok" ? "Configuratie opgeslagen" : "Configuratie nog niet opgeslagen"];
    case "recent_sales":
      return [item.status === "ok" ? `${f.afterInstall} verkopen na de installatie` : `Nog geen verkopen na de installatie (${f.beforeInstall} van daarvoor worden niet verwerkt)`];
    case "last_sync":
      if (f.reason === "never_ran") return ["Nog geen synchronisatie gedraaid"];
      return [`Laatste synchronisatie ${dateFormat.format(f.startedAt)}: ${f.status === "failed" ? `mislukt (${f.errorCode})` : f.late ? "te lang geleden" : "gelukt"}`];
    case "dry_run": {
      if (item.status === "skipped") return [`Proefrun: overgeslagen (${f.reason === "no_sales" ? "geen verkopen" : "boekhouding onbereikbaar"})`];
      const causes = (f.causes as Array<{ code: string; count: number }>).map((c) => `${c.count}× ${c.code}`).join(", ");
      return [`Proefrun van de laatste ${f.tried} verkopen: ${f.accepted} zouden goed gaan, ${f.rejected} zouden worden geweigerd${causes ? ` (${causes})` : ""}`];
    }
  }
}

/** The status as text: both dots and the tabs with counts and amounts. */
export function formatStatusText(status: KoppelingStatus): string {
  const dot = (state: string) => (state === "green" ? "🟢" : state === "red" ? "🔴" : "⚪");
  const tab = (label: string, t: { count: number; cents: number }) => `  ${label.padEnd(22)} ${String(t.count).padStart(5)}   ${formatMoney(t.cents)}`;
  return [
    `Status van ${status.name}:`,
    `  ${dot(status.sales.state)} ${status.sales.system}   ${dot(status.accounting.state)} ${status.accounting.system}`,
    tab("Doorgezet (Rapportage)", status.tabs.transferred),
    tab("Open", status.tabs.open),
    tab("Fouten", { count: status.tabs.rejected.count + status.tabs.expired.count, cents: status.tabs.rejected.cents + status.tabs.expired.cents }),
    tab("Wacht op doorzetten", status.tabs.queued),
    tab("Genegeerd", status.tabs.ignored),
    tab("Vóór installatie", status.tabs.beforeInstall),
    status.lastRun ? `  Laatste run: ${dateFormat.format(status.lastRun.startedAt)} (${status.lastRun.status})` : "  Nog geen run",
    `  Volgende run: ${dateFormat.format(status.nextRunAt)}`,
  ].join("\n");
}
