/** The resources of the Moneybird simulator: tax rates, ledger accounts, contacts and external sales invoices. */
import { buildExternalSalesInvoice } from "./build-external-sales-invoice.js";
import { buildMoneybirdContact } from "./build-moneybird-contact.js";
import { amsterdamDate, filterAlternatives, parseMoneybirdFilter, periodRange, type MoneybirdFilter } from "./moneybird-filter.js";
import { findMoneybirdRecord } from "./moneybird-id.js";
import type {
  MoneybirdAdministration,
  MoneybirdContact,
  MoneybirdExternalSalesInvoice,
  MoneybirdLedgerAccount,
  MoneybirdTaxRate,
} from "./moneybird-records.js";
import { paginateMoneybirdList } from "./paginate-moneybird-list.js";
import { parseMoneybirdJson } from "./parse-moneybird-json.js";
import { validateExternalSalesInvoice } from "./validate-external-sales-invoice.js";
import { validateMoneybirdContact } from "./validate-moneybird-contact.js";
import { jsonResponse, type SimulatorRequest, type SimulatorResponse } from "../simulator-server.js";

/** Everything the simulator holds; tests read and change it directly. */
export interface MoneybirdSimulatorState {
  administrations: MoneybirdAdministration[];
  taxRates: MoneybirdTaxRate[];
  ledgerAccounts: MoneybirdLedgerAccount[];
  contacts: MoneybirdContact[];
  externalSalesInvoices: MoneybirdExternalSalesInvoice[];
}

/** What the routes need besides the state. */
export interface MoneybirdRouteContext {
  state: MoneybirdSimulatorState;
  administration: MoneybirdAdministration;
  uniqueReferences: boolean;
  newId: () => string;
  now: () => Date;
  baseUrl: string;
}

/** Answers a request for `/api/v2/{administration}/{resource}.json`; `segments` is the part after the administration. */
export function routeMoneybirdResource(
  request: SimulatorRequest,
  segments: string[],
  context: MoneybirdRouteContext,
): SimulatorResponse {
  const [resource, id, ...rest] = segments;
  const key = `${request.method} ${resource}${id === undefined ? "" : "/:id"}`;
  if (rest.length > 0) return notFound();
  switch (key) {
    case "GET tax_rates":
      return listTaxRates(request, context);
    case "GET ledger_accounts":
      return jsonResponse(200, owned(context.state.ledgerAccounts, context));
    case "GET contacts":
      return listContacts(request, context);
    case "GET contacts/:id":
      return getOne(owned(context.state.contacts, context), id);
    case "POST contacts":
      return createContact(request, context);
    case "GET external_sales_invoices":
      return listInvoices(request, context);
    case "GET external_sales_invoices/:id":
      return getOne(owned(context.state.externalSalesInvoices, context), id);
    case "POST external_sales_invoices":
      return createInvoice(request, context);
    default:
      return notFound();
  }
}

/** GET tax_rates.json with the spec's filters (tax_rate_type defaults to "all"). */
function listTaxRates(request: SimulatorRequest, context: MoneybirdRouteContext): SimulatorResponse {
  const filter = parseMoneybirdFilter(request.query.get("filter"));
  const known = ["name", "partial_name", "percentage", "tax_rate_type", "country", "show_tax", "active", "created_after", "updated_after"];
  if ([...filter.keys()].some((key) => !known.includes(key))) return invalidFilter();
  const rates = owned(context.state.taxRates, context).filter((rate) => {
    const types = filterAlternatives(filter.get("tax_rate_type") ?? "all");
    if (!types.includes("all") && !types.includes(rate.tax_rate_type)) return false;
    if (filter.has("name") && rate.name !== filter.get("name")) return false;
    if (filter.has("partial_name") && !rate.name.toLowerCase().includes(filter.get("partial_name")!.toLowerCase())) return false;
    if (filter.has("percentage") && Number(rate.percentage) !== Number(filter.get("percentage"))) return false;
    if (filter.has("country") && rate.country !== filter.get("country")!.toUpperCase()) return false;
    if (!matchesBoolean(filter, "show_tax", rate.show_tax) || !matchesBoolean(filter, "active", rate.active)) return false;
    if (filter.has("created_after") && !(Date.parse(rate.created_at) > Date.parse(filter.get("created_after")!))) return false;
    return !filter.has("updated_after") || Date.parse(rate.updated_at) > Date.parse(filter.get("updated_after")!);
  });
  return paginateMoneybirdList(request, rates, context.baseUrl);
}

/** GET contacts.json: `query` searches the fields the docs name; archived contacts only with include_archived. */
function listContacts(request: SimulatorRequest, context: MoneybirdRouteContext): SimulatorResponse {
  const query = request.query.get("query")?.trim().toLowerCase() ?? "";
  const includeArchived = request.query.get("include_archived") === "true";
  const searched = [
    "company_name", "attention", "firstname", "lastname", "address1", "address2", "zipcode", "city", "country",
    "email", "phone", "customer_id", "tax_number", "chamber_of_commerce", "bank_account",
  ] as const;
  const contacts = owned(context.state.contacts, context).filter(
    (contact) =>
      (includeArchived || !contact.archived) &&
      (query === "" || searched.some((field) => (contact[field] ?? "").toLowerCase().includes(query))),
  );
  return paginateMoneybirdList(request, contacts, context.baseUrl);
}

/** POST contacts.json: 201 with the contact, or Moneybird's 400/422. */
function createContact(request: SimulatorRequest, context: MoneybirdRouteContext): SimulatorResponse {
  const body = parseBody(request);
  if (body === undefined) return invalidJsonBody();
  const validation = validateMoneybirdContact(body);
  if (validation.kind === "badRequest") return jsonResponse(400, validation.body);
  if (validation.kind === "invalid") return jsonResponse(422, validation.body);
  const customerIds = owned(context.state.contacts, context).map((contact) => Number(contact.customer_id) || 0);
  const contact = buildMoneybirdContact(validation.input, {
    id: context.newId(),
    administrationId: context.administration.id,
    customerId: String(Math.max(0, ...customerIds) + 1),
    now: context.now(),
  });
  context.state.contacts.push(contact);
  return jsonResponse(201, contact);
}

/** GET external_sales_invoices.json with the spec's filters: state, period (default this_year), contact_id. */
function listInvoices(request: SimulatorRequest, context: MoneybirdRouteContext): SimulatorResponse {
  const filter = parseMoneybirdFilter(request.query.get("filter"));
  if ([...filter.keys()].some((key) => !["state", "period", "contact_id"].includes(key))) return invalidFilter();
  const range = periodRange(filter.get("period") ?? "this_year", amsterdamDate(context.now()));
  if (!range) return invalidFilter();
  const contactId = filter.get("contact_id");
  const contact = contactId === undefined ? undefined : findMoneybirdRecord(owned(context.state.contacts, context), contactId);
  if (contactId !== undefined && !contact) {
    return jsonResponse(404, { error: "record not found", symbolic: { contact_id: "not_found" } });
  }
  const states = filterAlternatives(filter.get("state") ?? "all");
  const invoices = owned(context.state.externalSalesInvoices, context)
    .filter(
      (invoice) =>
        invoice.date >= range.from &&
        invoice.date <= range.to &&
        (states.includes("all") || states.includes(invoice.state)) &&
        (contact === undefined || invoice.contact_id === contact.id),
    )
    .sort((a, b) => (a.date === b.date ? compareIdsDescending(a.id, b.id) : a.date < b.date ? 1 : -1));
  return paginateMoneybirdList(request, invoices, context.baseUrl);
}

/** POST external_sales_invoices.json: 201 with the invoice, or Moneybird's 400/422. */
function createInvoice(request: SimulatorRequest, context: MoneybirdRouteContext): SimulatorResponse {
  const body = parseBody(request);
  if (body === undefined) return invalidJsonBody();
  // Only the reference check needs the other invoices: filtering them all on every POST made a long run quadratic.
  const invoices = context.uniqueReferences ? owned(context.state.externalSalesInvoices, context) : [];
  const validation = validateExternalSalesInvoice(body, {
    administration: context.administration,
    contacts: owned(context.state.contacts, context),
    taxRates: owned(context.state.taxRates, context),
    ledgerAccounts: owned(context.state.ledgerAccounts, context),
    invoices,
    uniqueReferences: context.uniqueReferences,
    today: amsterdamDate(context.now()),
  });
  if (validation.kind === "badRequest") return jsonResponse(400, validation.body);
  if (validation.kind === "invalid") return jsonResponse(422, validation.body);
  const invoice = buildExternalSalesInvoice(validation.draft, {
    id: context.newId(),
    newId: context.newId,
    entryNumber: countOwned(context.state.externalSalesInvoices, context) + 1,
    now: context.now(),
  });
  context.state.externalSalesInvoices.push(invoice);
  return jsonResponse(201, invoice);
}

/** Invoices per administration, counted once per array and kept up to date as invoices are appended. */
const invoiceCounts = new WeakMap<object, { seen: number; perAdministration: Map<string, number> }>();

/** How many of the records belong to the administration being addressed, without a full scan per call. */
function countOwned(records: Array<{ administration_id: string }>, context: MoneybirdRouteContext): number {
  let counted = invoiceCounts.get(records);
  if (!counted || counted.seen > records.length) counted = { seen: 0, perAdministration: new Map() };
  for (; counted.seen < records.length; counted.seen++) {
    const id = records[counted.seen]!.administration_id;
    counted.perAdministration.set(id, (counted.perAdministration.get(id) ?? 0) + 1);
  }
  invoiceCounts.set(records, counted);
  return counted.perAdministration.get(context.administration.id) ?? 0;
}

/** The records of the administration being addressed. */
function owned<T extends { administration_id: string }>(records: T[], context: MoneybirdRouteContext): T[] {
  return records.filter((record) => record.administration_id === context.administration.id);
}

/** GET one record by id (matched leniently), or Moneybird's symbolic 404. */
function getOne(records: Array<{ id: string }>, id: string | undefined): SimulatorResponse {
  const record = findMoneybirdRecord(records, id);
  return record ? jsonResponse(200, record) : jsonResponse(404, { error: "record not found", symbolic: { id: "not_found" } });
}

/** The request body as JSON with big ids kept as strings; undefined when it is not JSON. */
function parseBody(request: SimulatorRequest): unknown {
  try {
    return parseMoneybirdJson(request.body || "{}");
  } catch {
    return undefined;
  }
}

/** A boolean filter term: absent, or "true"/"false" matching the value. */
function matchesBoolean(filter: MoneybirdFilter, key: string, value: boolean): boolean {
  const wanted = filter.get(key);
  return wanted === undefined || wanted === "" || (wanted === "true") === value;
}

/** Orders 18-digit id strings numerically, newest (largest) first. */
function compareIdsDescending(a: string, b: string): number {
  return a.length === b.length ? b.localeCompare(a) : b.length - a.length;
}

/** Moneybird's answer to an unknown filter key or value. */
function invalidFilter(): SimulatorResponse {
  return jsonResponse(400, { error: "Filter is invalid", symbolic: { filter: "invalid" } });
}

/** The answer to a body that is not JSON. */
function invalidJsonBody(): SimulatorResponse {
  return jsonResponse(400, { error: "Request body is not valid JSON" });
}

/** The answer to a path the simulator does not know. */
function notFound(): SimulatorResponse {
  return jsonResponse(404, { error: "Not Found" });
}
