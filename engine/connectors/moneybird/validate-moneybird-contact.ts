/** The simulator's checks on POST /contacts.json, answering as Moneybird does (error_422_contact_invalid.json). */
import type { MoneybirdContactInput } from "./build-moneybird-contact.js";
import { collectFieldErrors } from "./moneybird-field-errors.js";
import type { MoneybirdFieldErrorBody } from "./moneybird-records.js";
import { isEuCountry, isPlausibleEuVatNumber } from "../../sales/eu-vat-number.js";

/** The outcome of checking a create-contact request. */
export type ContactValidation =
  | { kind: "valid"; input: MoneybirdContactInput }
  | { kind: "badRequest"; body: { error: string; symbolic: Record<string, unknown> } }
  | { kind: "invalid"; body: MoneybirdFieldErrorBody };

/**
 * Checks `{"contact": {...}}`: a company name or a first and last name is required (Moneybird's
 * rule), the e-mail must look like one, and an EU VAT number must have its country's shape.
 */
export function validateMoneybirdContact(body: unknown): ContactValidation {
  const contact = (body as { contact?: unknown } | null)?.contact;
  if (!contact || typeof contact !== "object" || Array.isArray(contact)) {
    return { kind: "badRequest", body: { error: "Contact is required", symbolic: { contact: "required" } } };
  }
  const input = stringFields(contact as Record<string, unknown>);
  const errors = collectFieldErrors();
  const hasPerson = Boolean(input.firstname?.trim()) && Boolean(input.lastname?.trim());
  if (!input.company_name?.trim() && !hasPerson) {
    if (!input.firstname?.trim()) errors.add("firstname", "is required", "is required");
    if (!input.lastname?.trim()) errors.add("lastname", "is required", "is required");
    errors.add("company_name", "is required", "is required");
  }
  if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) {
    errors.add("email", "is not a valid email address", "invalid");
  }
  if (input.country && !/^[A-Za-z]{2}$/.test(input.country)) errors.add("country", "is invalid", "invalid");
  if (input.tax_number && !isAcceptableTaxNumber(input.tax_number)) errors.add("tax_number", "is invalid", "invalid");
  return errors.hasErrors ? { kind: "invalid", body: errors.body() } : { kind: "valid", input };
}

/** A VAT number with an EU country prefix must have that country's shape; other tax numbers are taken as they are. */
function isAcceptableTaxNumber(taxNumber: string): boolean {
  const compact = taxNumber.replace(/[\s.\-]/g, "").toUpperCase();
  const prefix = compact.slice(0, 2);
  const country = prefix === "EL" ? "GR" : prefix;
  if (!/^[A-Z]{2}$/.test(prefix) || !isEuCountry(country)) return true;
  return isPlausibleEuVatNumber(compact, country);
}

/** Keeps the string-valued (and stringifies the numeric) fields of the request. */
function stringFields(contact: Record<string, unknown>): MoneybirdContactInput {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(contact)) {
    if (typeof value === "string") input[key] = value;
    else if (typeof value === "number") input[key] = String(value);
  }
  return input as MoneybirdContactInput;
}
