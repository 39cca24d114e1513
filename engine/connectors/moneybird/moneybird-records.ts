/** The Moneybird API v2 resources as they travel over the wire (shapes of the published examples in shared/fixtures). */

/** A Moneybird id: an 18-digit integer, always handled as a string. */
export type MoneybirdId = string;

/** GET /administrations.json item. */
export interface MoneybirdAdministration {
  id: MoneybirdId;
  name: string;
  language: string;
  currency: string;
  country: string;
  time_zone: string;
  access: string;
  suspended: boolean;
  /** Bookings dated on or before this day are refused (Moneybird: "boekhouding vastgezet"). */
  period_locked_until: string | null;
  period_start_date: string;
}

/** GET /tax_rates.json item (tax_rates_list_200.json). */
export interface MoneybirdTaxRate {
  id: MoneybirdId;
  administration_id: MoneybirdId;
  name: string;
  /** Decimal string, e.g. "21.0". */
  percentage: string;
  tax_rate_type: "sales_invoice" | "purchase_invoice" | "general_journal_document";
  show_tax: boolean;
  active: boolean;
  country: string | null;
  created_at: string;
  updated_at: string;
}

/** GET /ledger_accounts.json item (ledger_accounts_list_200.json). */
export interface MoneybirdLedgerAccount {
  id: MoneybirdId;
  administration_id: MoneybirdId;
  name: string;
  account_type: string;
  /** The number the accountant uses, e.g. "8000". */
  account_id: string | null;
  parent_id: MoneybirdId | null;
  active: boolean;
  created_at: string;
  updated_at: string;
  allowed_document_types: string[];
  taxonomy_item: Record<string, string> | null;
  financial_account_id: MoneybirdId | null;
}

/** An entry of a record's `events` list. */
export interface MoneybirdEvent {
  administration_id: MoneybirdId;
  user_id: MoneybirdId;
  action: string;
  link_entity_id: MoneybirdId | null;
  link_entity_type: string | null;
  data: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** A contact as embedded in an invoice (contact_create_201.json without `events`). */
export interface MoneybirdContactCore {
  id: MoneybirdId;
  administration_id: MoneybirdId;
  company_name: string | null;
  firstname: string | null;
  lastname: string | null;
  address1: string | null;
  address2: string | null;
  zipcode: string | null;
  city: string | null;
  country: string;
  phone: string | null;
  delivery_method: string;
  customer_id: string;
  tax_number: string | null;
  chamber_of_commerce: string | null;
  bank_account: string | null;
  is_trusted: boolean;
  max_transfer_amount: string | null;
  attention: string | null;
  email: string | null;
  email_ubl: boolean;
  send_invoices_to_attention: string | null;
  send_invoices_to_email: string | null;
  send_estimates_to_attention: string | null;
  send_estimates_to_email: string | null;
  direct_debit: boolean;
  sepa_active: boolean;
  sepa_iban: string | null;
  sepa_iban_account_name: string | null;
  sepa_bic: string | null;
  sepa_mandate_id: string | null;
  sepa_mandate_date: string | null;
  sepa_sequence_type: string;
  credit_card_number: string | null;
  credit_card_reference: string | null;
  credit_card_type: string | null;
  tax_number_validated_at: string | null;
  tax_number_valid: boolean | null;
  invoice_workflow_id: MoneybirdId | null;
  estimate_workflow_id: MoneybirdId | null;
  si_identifier: string | null;
  si_identifier_type: string | null;
  moneybird_payments_mandate: boolean;
  created_at: string;
  updated_at: string;
  version: number;
  sales_invoices_url: string;
  notes: unknown[];
  custom_fields: unknown[];
  contact_people: unknown[];
  archived: boolean;
}

/** GET/POST /contacts.json (contact_create_201.json, contact_get_200.json). */
export interface MoneybirdContact extends MoneybirdContactCore {
  events: MoneybirdEvent[];
}

/** One line of an external sales invoice. */
export interface MoneybirdDetail {
  id: MoneybirdId;
  administration_id: MoneybirdId;
  tax_rate_id: MoneybirdId;
  ledger_account_id: MoneybirdId;
  project_id: MoneybirdId | null;
  product_id: MoneybirdId | null;
  amount: string | null;
  amount_decimal: string;
  description: string;
  price: string;
  period: string | null;
  row_order: number;
  total_price_excl_tax_with_discount: string;
  total_price_excl_tax_with_discount_base: string;
  tax_report_reference: string[];
  mandatory_tax_text: string | null;
  created_at: string;
  updated_at: string;
}

/** The VAT total per tax rate of an invoice. */
export interface MoneybirdTaxTotal {
  tax_rate_id: MoneybirdId;
  taxable_amount: string;
  taxable_amount_base: string;
  tax_amount: string;
  tax_amount_base: string;
}

/** GET/POST /external_sales_invoices.json (external_sales_invoice_create_201.json). */
export interface MoneybirdExternalSalesInvoice {
  id: MoneybirdId;
  administration_id: MoneybirdId;
  contact_id: MoneybirdId;
  contact: MoneybirdContactCore;
  date: string;
  state: string;
  due_date: string | null;
  reference: string;
  entry_number: number;
  origin: string | null;
  source: string | null;
  source_url: string | null;
  currency: string;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  details: MoneybirdDetail[];
  payments: unknown[];
  total_paid: string;
  total_unpaid: string;
  total_unpaid_base: string;
  prices_are_incl_tax: boolean;
  total_price_excl_tax: string;
  total_price_excl_tax_base: string;
  total_price_incl_tax: string;
  total_price_incl_tax_base: string;
  marked_dubious_on: string | null;
  marked_uncollectible_on: string | null;
  notes: unknown[];
  attachments: unknown[];
  events: MoneybirdEvent[];
  tax_totals: MoneybirdTaxTotal[];
}

/** Moneybird's field-error body (422): {"error": {field: [messages]}, "details": {field: [{"error": code}]}}. */
export interface MoneybirdFieldErrorBody {
  error: Record<string, string[]>;
  details: Record<string, Array<{ error: string }>>;
}
