/** Builds a contact record the way Moneybird answers a create request (contact_create_201.json). */
import { createHash } from "node:crypto";
import type { MoneybirdContact, MoneybirdEvent, MoneybirdId } from "./moneybird-records.js";

/** The writable fields of POST /contacts.json ({"contact": {...}}). */
export interface MoneybirdContactInput {
  company_name?: string;
  firstname?: string;
  lastname?: string;
  address1?: string;
  address2?: string;
  zipcode?: string;
  city?: string;
  country?: string;
  phone?: string;
  email?: string;
  tax_number?: string;
  customer_id?: string;
  chamber_of_commerce?: string;
  bank_account?: string;
  attention?: string;
  send_invoices_to_email?: string;
  send_estimates_to_email?: string;
}

/** The simulator's user that "made" every record, as in the fixtures' events. */
export const simulatorUserId: MoneybirdId = "484113000000000009";

/** Where record URLs point; Moneybird's own host. */
const publicHost = "https://moneybird.com";

/** Text fields Moneybird answers with "" when the create request left them out. */
const blankTextFields = [
  "company_name",
  "firstname",
  "lastname",
  "address1",
  "address2",
  "zipcode",
  "city",
  "phone",
  "tax_number",
  "chamber_of_commerce",
  "bank_account",
  "attention",
  "email",
  "send_invoices_to_attention",
  "send_invoices_to_email",
  "send_estimates_to_attention",
  "send_estimates_to_email",
  "sepa_iban",
  "sepa_iban_account_name",
  "sepa_bic",
  "sepa_mandate_id",
  "credit_card_number",
  "credit_card_reference",
  "si_identifier",
] as const;

/** Builds the full contact for `input`; unset text fields are "" and the e-mail also becomes the invoice address. */
export function buildMoneybirdContact(
  input: MoneybirdContactInput,
  context: { id: MoneybirdId; administrationId: MoneybirdId; customerId: string; now: Date },
): MoneybirdContact {
  const stamp = context.now.toISOString();
  const text = Object.fromEntries(blankTextFields.map((field) => [field, ""])) as Record<
    (typeof blankTextFields)[number],
    string
  >;
  for (const field of blankTextFields) {
    const value = (input as Record<string, unknown>)[field];
    if (typeof value === "string") text[field] = value;
  }
  if (text.send_invoices_to_email === "") text.send_invoices_to_email = text.email;
  if (text.send_estimates_to_email === "") text.send_estimates_to_email = text.email;
  return {
    id: context.id,
    administration_id: context.administrationId,
    ...text,
    country: input.country?.toUpperCase() || "NL",
    delivery_method: "Email",
    customer_id: input.customer_id || context.customerId,
    is_trusted: false,
    max_transfer_amount: null,
    email_ubl: true,
    direct_debit: false,
    sepa_active: false,
    sepa_mandate_date: null,
    sepa_sequence_type: "RCUR",
    credit_card_type: null,
    tax_number_validated_at: null,
    tax_number_valid: null,
    invoice_workflow_id: null,
    estimate_workflow_id: null,
    si_identifier_type: null,
    moneybird_payments_mandate: false,
    created_at: stamp,
    updated_at: stamp,
    version: Math.floor(context.now.getTime() / 1000),
    sales_invoices_url: `${publicHost}/${context.administrationId}/sales_invoices/${publicToken(context.id)}/all`,
    notes: [],
    custom_fields: [],
    contact_people: [],
    archived: false,
    events: [moneybirdEvent("contact_created", context.administrationId, context.now)],
  };
}

/** One entry of a record's event log. */
export function moneybirdEvent(action: string, administrationId: MoneybirdId, now: Date): MoneybirdEvent {
  const stamp = now.toISOString();
  return {
    administration_id: administrationId,
    user_id: simulatorUserId,
    action,
    link_entity_id: null,
    link_entity_type: null,
    data: {},
    created_at: stamp,
    updated_at: stamp,
  };
}

/** The 64-hex token Moneybird puts in public URLs. */
export function publicToken(seed: string): string {
  return createHash("sha256").update(`moneybird-simulator:${seed}`).digest("hex");
}
