/** Master data the Moneybird simulator starts from: a demo administration with its VAT rates, ledgers and contacts. */
import { buildMoneybirdContact, type MoneybirdContactInput } from "./build-moneybird-contact.js";
import type {
  MoneybirdAdministration,
  MoneybirdContact,
  MoneybirdLedgerAccount,
  MoneybirdTaxRate,
} from "./moneybird-records.js";

/** An administration to seed; unset fields get Moneybird's defaults for a Dutch company. */
export type MoneybirdAdministrationSeed = Pick<MoneybirdAdministration, "id" | "name"> & Partial<MoneybirdAdministration>;

/** A tax rate to seed; `administration_id` defaults to the first administration. */
export type MoneybirdTaxRateSeed = Pick<MoneybirdTaxRate, "id" | "name" | "percentage" | "tax_rate_type"> &
  Partial<MoneybirdTaxRate>;

/** A ledger account to seed; `allowed_document_types` follows from `account_type` unless given. */
export type MoneybirdLedgerAccountSeed = Pick<MoneybirdLedgerAccount, "id" | "name" | "account_type" | "account_id"> &
  Partial<MoneybirdLedgerAccount>;

/** A contact to seed (the fields of a create request, plus a fixed id and `archived`). */
export type MoneybirdContactSeed = MoneybirdContactInput & { id: string; administration_id?: string; archived?: boolean };

/** Everything the simulator holds at start. */
export interface MoneybirdSeed {
  administrations: MoneybirdAdministrationSeed[];
  taxRates: MoneybirdTaxRateSeed[];
  ledgerAccounts: MoneybirdLedgerAccountSeed[];
  contacts: MoneybirdContactSeed[];
}

/** The demo seed: "Demo Webwinkel B.V." with 21/9/0% and ICP sales rates, purchase rates, ledgers and two contacts. */
export function defaultMoneybirdSeed(): MoneybirdSeed {
  return {
    administrations: [{ id: "484113000000000001", name: "Demo Webwinkel B.V." }],
    taxRates: [
      { id: "484113000000000101", name: "21% btw", percentage: "21.0", tax_rate_type: "sales_invoice" },
      { id: "484113000000000102", name: "9% btw", percentage: "9.0", tax_rate_type: "sales_invoice" },
      { id: "484113000000000103", name: "0% btw", percentage: "0.0", tax_rate_type: "sales_invoice" },
      { id: "484113000000000104", name: "0% ICP/EU", percentage: "0.0", tax_rate_type: "sales_invoice", show_tax: false },
      { id: "484113000000000105", name: "6% btw (oud)", percentage: "6.0", tax_rate_type: "sales_invoice", active: false },
      { id: "484113000000000111", name: "21% btw", percentage: "21.0", tax_rate_type: "purchase_invoice" },
      { id: "484113000000000112", name: "9% btw", percentage: "9.0", tax_rate_type: "purchase_invoice" },
    ],
    ledgerAccounts: [
      { id: "484113000000000201", name: "Omzet hoog", account_type: "revenue", account_id: "8000" },
      { id: "484113000000000202", name: "Omzet laag", account_type: "revenue", account_id: "8010" },
      { id: "484113000000000203", name: "Verzendkosten", account_type: "revenue", account_id: "8050" },
      { id: "484113000000000211", name: "Bank", account_type: "current_assets", account_id: "1100" },
      { id: "484113000000000212", name: "Debiteuren", account_type: "current_assets", account_id: "1300" },
      { id: "484113000000000221", name: "Algemene kosten", account_type: "expenses", account_id: "4000" },
    ],
    contacts: [
      { id: "484113000000000301", firstname: "Jan", lastname: "Jansen", email: "jan@example.com", country: "NL" },
      {
        id: "484113000000000302",
        company_name: "Voorbeeld Handel B.V.",
        email: "inkoop@voorbeeld.nl",
        country: "NL",
        tax_number: "NL123456789B01",
      },
    ],
  };
}

/** The records a seed stands for, in the wire shapes the simulator serves. */
export interface MaterializedMoneybirdSeed {
  administrations: MoneybirdAdministration[];
  taxRates: MoneybirdTaxRate[];
  ledgerAccounts: MoneybirdLedgerAccount[];
  contacts: MoneybirdContact[];
}

/** Fills in every field of the seeded records, dated `now`. */
export function materializeMoneybirdSeed(seed: MoneybirdSeed, now: Date): MaterializedMoneybirdSeed {
  const stamp = now.toISOString();
  const firstAdministrationId = seed.administrations[0]?.id ?? "484113000000000001";
  const administrations = seed.administrations.map(
    (administration): MoneybirdAdministration => ({
      language: "nl",
      currency: "EUR",
      country: "NL",
      time_zone: "Europe/Amsterdam",
      access: "user",
      suspended: false,
      period_locked_until: null,
      period_start_date: "2024-01-01",
      ...administration,
    }),
  );
  const taxRates = seed.taxRates.map(
    (rate): MoneybirdTaxRate => ({
      administration_id: firstAdministrationId,
      show_tax: true,
      active: true,
      country: null,
      created_at: stamp,
      updated_at: stamp,
      ...rate,
    }),
  );
  const ledgerAccounts = seed.ledgerAccounts.map(
    (ledger): MoneybirdLedgerAccount => ({
      administration_id: firstAdministrationId,
      parent_id: null,
      active: true,
      created_at: stamp,
      updated_at: stamp,
      allowed_document_types: allowedDocumentTypes(ledger.account_type),
      taxonomy_item: null,
      financial_account_id: null,
      ...ledger,
    }),
  );
  const contacts = seed.contacts.map((contact, index) => ({
    ...buildMoneybirdContact(contact, {
      id: contact.id,
      administrationId: contact.administration_id ?? firstAdministrationId,
      customerId: String(index + 1),
      now,
    }),
    archived: contact.archived ?? false,
  }));
  return { administrations, taxRates, ledgerAccounts, contacts };
}

/** Which documents Moneybird lets a ledger take: only revenue accounts take sales invoices. */
function allowedDocumentTypes(accountType: string): string[] {
  if (accountType === "revenue") return ["sales_invoice", "financial_mutation", "general_journal_document"];
  if (accountType === "expenses" || accountType === "cost_of_sales") {
    return ["purchase_invoice", "financial_mutation", "general_journal_document"];
  }
  return ["financial_mutation", "general_journal_document"];
}
