/** One checklist item in the merchant's words, in Dutch or English, with the facts that make it concrete. */
import type { ChecklistItem } from "../../engine/checklist/checklist-item.js";
import { describeCause } from "./describe-cause.js";
import { ledgerRoleName, moment, money, rate, say } from "./format.js";
import type { ChecklistLine, Language } from "./reply.js";

type Facts = Record<string, unknown>;
const list = (value: unknown) => (Array.isArray(value) ? (value as Facts[]) : []);

/** The line of one checklist item (the first fact) with a hint holding the others. */
export function describeChecklistItem(item: ChecklistItem, l: Language): ChecklistLine {
  const [text, ...more] = describe(item, l);
  return { status: item.status, text: text ?? item.key, ...(more.length ? { hint: more.join("\n   ") } : {}) };
}

function describe(item: ChecklistItem, l: Language): string[] {
  const f = item.facts;
  switch (item.key) {
    case "sales_connection":
    case "accounting_connection": {
      const side = item.key === "sales_connection" ? say(l, "de webwinkel", "the shop") : say(l, "de boekhouding", "accounting");
      if (item.status === "ok") return [say(l, `Verbinding met ${side}`, `Connection with ${side}`) + (f.administration ? ` (${f.administration})` : "")];
      if (f.reason) return [say(l, `Geen (bestaande) administratie gekozen in ${side}`, `No (existing) administration chosen in ${side}`)];
      return [say(l, `Geen verbinding met ${side} (${f.code})`, `No connection with ${side} (${f.code})`)];
    }
    case "contract":
      return [item.status === "ok" ? say(l, "Contract: bestellingen → facturen", "Contract: orders → invoices") : say(l, "Contract: nog niet gekozen", "Contract: not chosen yet")];
    case "statuses": {
      const ticked = (f.ticked as string[]).join(", ") || say(l, "geen", "none");
      const out = [say(l, `Aangevinkte statussen: ${ticked}`, `Ticked statuses: ${ticked}`)];
      for (const u of list(f.untickedOccurring)) out.push(say(l, `Status "${u.status}" komt bij ${u.openSales} verkopen voor maar is niet aangevinkt → ze staan in Open (${money(Number(u.openCents), l)})`, `Status "${u.status}" occurs on ${u.openSales} sales but is not ticked → they sit in Open (${money(Number(u.openCents), l)})`));
      for (const s of (f.unknownTicked as string[]) ?? []) out.push(say(l, `Status "${s}" is aangevinkt maar bestaat niet in de winkel`, `Status "${s}" is ticked but does not exist in the shop`));
      return out;
    }
    case "vat_mapping": {
      if (item.status === "skipped") return [say(l, "BTW: niet gecontroleerd (boekhouding onbereikbaar)", "VAT: not checked (accounting unreachable)")];
      if (item.status === "ok") return [say(l, "BTW: alle tarieven gekoppeld", "VAT: every rate is mapped")];
      return list(f.problems).map((p) => {
        const base = p.reason === "unmapped" ? say(l, `BTW: ${rate(Number(p.rateBp), l)} is niet gekoppeld`, `VAT: ${rate(Number(p.rateBp), l)} is not mapped`) : say(l, `BTW: de code voor ${rate(Number(p.rateBp), l)} is onbruikbaar`, `VAT: the code for ${rate(Number(p.rateBp), l)} is unusable`);
        const stake = Number(p.rejectedSales) > 0 ? say(l, ` — ${p.rejectedSales} verkopen staan daardoor in Fouten (${money(Number(p.rejectedCents), l)})`, ` — ${p.rejectedSales} sales are in Errors because of it (${money(Number(p.rejectedCents), l)})`) : "";
        return base + stake;
      });
    }
    case "ledgers": {
      if (item.status === "skipped") return [say(l, "Grootboekrekeningen: niet gecontroleerd", "Ledger accounts: not checked")];
      if (item.status === "ok") return [say(l, "Grootboekrekeningen goed ingesteld", "Ledger accounts set correctly")];
      return list(f.problems).map((p) =>
        p.reason === "not_revenue"
          ? describeCause("LEDGER_WRONG_TYPE", p, l)
          : say(l, `${ledgerRoleName(String(p.role), l, true)}: geen bruikbare grootboekrekening`, `${ledgerRoleName(String(p.role), l, true)}: no usable ledger account`),
      );
    }
    case "required_fields":
      return [item.status === "ok" ? say(l, "Verplichte velden ingevuld", "Required settings filled in") : say(l, "Er ontbreekt een vaste debiteur", "A fixed debtor is missing")];
    case "saved":
      return [item.status === "ok" ? say(l, "Configuratie opgeslagen", "Configuration saved") : say(l, "Configuratie nog niet opgeslagen", "Configuration not saved yet")];
    case "recent_sales":
      return [item.status === "ok" ? say(l, `${f.afterInstall} verkopen na de installatie`, `${f.afterInstall} sales since the install`) : say(l, `Nog geen verkopen na de installatie (${f.beforeInstall} van daarvoor worden niet verwerkt)`, `No sales since the install yet (${f.beforeInstall} older ones are not processed)`)];
    case "last_sync":
      if (f.reason === "never_ran") return [say(l, "Nog geen synchronisatie gedraaid", "No sync has run yet")];
      return [say(l, `Laatste synchronisatie ${moment(f.startedAt as Date, l)}: ${f.status === "failed" ? `mislukt (${f.errorCode})` : f.late ? "te lang geleden" : "gelukt"}`, `Last sync ${moment(f.startedAt as Date, l)}: ${f.status === "failed" ? `failed (${f.errorCode})` : f.late ? "too long ago" : "succeeded"}`)];
    case "dry_run": {
      if (item.status === "skipped") return [say(l, "Proefrun overgeslagen", "Dry run skipped")];
      const causes = list(f.causes).map((c) => `${c.count}× ${describeCause(c.code as never, (c.facts ?? {}) as Facts, l)}`).join("; ");
      return [say(l, `Proefrun van de laatste ${f.tried} verkopen: ${f.accepted} zouden goed gaan, ${f.rejected} zouden worden geweigerd`, `Dry run of the last ${f.tried} sales: ${f.accepted} would be accepted, ${f.rejected} would be rejected`) + (causes ? ` (${causes})` : "")];
    }
  }
}
