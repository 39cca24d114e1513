import { describe, expect, it } from "vitest";
import { classifyMoneybirdFailure } from "../../../../engine/connectors/moneybird/classify-moneybird-failure.js";

const response = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  classifyMoneybirdFailure({ kind: "response", status, body: typeof body === "string" ? body : JSON.stringify(body), headers }, { nowMs: 1_700_000_000_000 });

const fieldErrors = (error: Record<string, string[]>, codes: Record<string, string> = {}) =>
  response(422, { error, details: Object.fromEntries(Object.keys(error).map((field) => [field, [{ error: codes[field] ?? "invalid" }]])) });

describe("classifyMoneybirdFailure", () => {
  it("turns a 401 for a bad or revoked token into CONN_ACC_TOKEN_EXPIRED", () => {
    const error = response(401, { error: "token is invalid", symbolic: { request: "invalid_grant" } });
    expect(error).toMatchObject({ code: "CONN_ACC_TOKEN_EXPIRED", httpStatus: 401, vendorMessage: "token is invalid" });
  });

  it("turns a 401 'No access to ...' (a missing scope) and a 403 into CONN_ACC_NO_RIGHTS", () => {
    expect(response(401, { error: "No access to sales_invoices" })).toMatchObject({ code: "CONN_ACC_NO_RIGHTS", facts: { reason: "scope" } });
    expect(response(403, { error: "No access to SEPA credit transfers" }).code).toBe("CONN_ACC_NO_RIGHTS");
  });

  it("turns a 404 on the administration into CONN_ACC_NO_RIGHTS, and a missing contact into DEBTOR_DELETED", () => {
    expect(response(404, { error: "record not found", symbolic: { administration_id: "not_found" } }).code).toBe("CONN_ACC_NO_RIGHTS");
    expect(response(404, { error: "Administration not found" }).code).toBe("CONN_ACC_NO_RIGHTS");
    expect(response(404, { error: "record not found", symbolic: { contact_id: "not_found" } }).code).toBe("DEBTOR_DELETED");
    expect(response(404, { error: "record not found", symbolic: { id: "not_found" } }).code).toBe("UNKNOWN");
  });

  it("turns a 402 (subscription limit) into PACKAGE_FEATURE_MISSING", () => {
    const error = response(402, { error: "creating sales invoices is limited", symbolic: { administration: "limit_reached" } });
    expect(error).toMatchObject({ code: "PACKAGE_FEATURE_MISSING", vendorMessage: "creating sales invoices is limited" });
  });

  it("turns a 429 into RATE_LIMITED with the wait from Retry-After (seconds or epoch) or RateLimit-Reset", () => {
    expect(response(429, "Retry later", { "Retry-After": "42" })).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 42_000, vendorMessage: "Retry later" });
    expect(response(429, '"Retry later"', { "Retry-After": "1700000030" }).retryAfterMs).toBe(30_000);
    expect(response(429, "Retry later", { "RateLimit-Reset": "1700000090" }).retryAfterMs).toBe(90_000);
    expect(response(429, "Retry later").retryAfterMs).toBeUndefined();
  });

  it("turns 5xx, 408, timeouts, connection errors and bodies that are not JSON into ACC_UNAVAILABLE", () => {
    expect(response(500, "<html>Internal Server Error</html>").code).toBe("ACC_UNAVAILABLE");
    expect(response(503, "").code).toBe("ACC_UNAVAILABLE");
    expect(response(408, "").code).toBe("ACC_UNAVAILABLE");
    const timeout = classifyMoneybirdFailure({ kind: "network", error: new DOMException("The operation was aborted due to timeout", "TimeoutError") });
    expect(timeout).toMatchObject({ code: "ACC_UNAVAILABLE", facts: { reason: "timeout" } });
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    expect(classifyMoneybirdFailure({ kind: "network", error: refused })).toMatchObject({
      code: "ACC_UNAVAILABLE", facts: { reason: "connection_refused" }, vendorMessage: "connect ECONNREFUSED 127.0.0.1:1",
    });
    const invalid = classifyMoneybirdFailure({ kind: "invalidJson", status: 200, body: '{"id": "4960' });
    expect(invalid).toMatchObject({ code: "ACC_UNAVAILABLE", facts: { reason: "invalid_json" } });
  });

  it("turns an unknown or inactive tax rate into VAT_CODE_MISSING, and a rate not allowed into VAT_CODE_MISMATCH", () => {
    expect(fieldErrors({ "details.tax_rate_id": ["is not found"] })).toMatchObject({ code: "VAT_CODE_MISSING", facts: { field: "details.tax_rate_id", reason: "not_found" } });
    expect(fieldErrors({ "details.tax_rate_id": ["is inactive"] }, { "details.tax_rate_id": "inactive" })).toMatchObject({ code: "VAT_CODE_MISSING", facts: { reason: "inactive" } });
    expect(fieldErrors({ "details.tax_rate_id": ["is not allowed for sales invoices"] }).code).toBe("VAT_CODE_MISMATCH");
  });

  it("turns an unknown ledger into LEDGER_NOT_FOUND and a non-revenue ledger into LEDGER_WRONG_TYPE", () => {
    expect(fieldErrors({ "details.ledger_account_id": ["is not found"] }).code).toBe("LEDGER_NOT_FOUND");
    expect(fieldErrors({ "details.ledger_account_id": ["is not allowed for sales invoices"] }, { "details.ledger_account_id": "not_allowed" }).code).toBe("LEDGER_WRONG_TYPE");
  });

  it("turns a date in a locked period into PERIOD_CLOSED, but not a malformed date", () => {
    expect(fieldErrors({ date: ["falls in a locked period (locked until 2024-12-31)"] }, { date: "locked" })).toMatchObject({ code: "PERIOD_CLOSED", facts: { field: "date" } });
    expect(fieldErrors({ date: ["is not a valid date"] }).code).toBe("UNKNOWN");
  });

  it("turns a reference already taken into DUPLICATE_NUMBER, but not a blank one", () => {
    expect(fieldErrors({ reference: ["has already been taken"] }, { reference: "taken" }).code).toBe("DUPLICATE_NUMBER");
    expect(fieldErrors({ reference: ["can't be blank"] }, { reference: "blank" }).code).toBe("UNKNOWN");
  });

  it("turns an invalid contact tax number into ICP_VAT_NUMBER_INVALID", () => {
    expect(fieldErrors({ tax_number: ["is invalid"] })).toMatchObject({ code: "ICP_VAT_NUMBER_INVALID", vendorMessage: "tax_number: is invalid" });
  });

  it("turns an unknown contact into DEBTOR_DELETED and an unusable one into DEBTOR_INVALID", () => {
    const unknown = response(400, { error: "Contact ID is invalid", symbolic: { external_sales_invoice: { contact_id: "contact_invalid" } } });
    expect(unknown).toMatchObject({ code: "DEBTOR_DELETED", vendorMessage: "Contact ID is invalid", facts: { field: "external_sales_invoice.contact_id" } });
    expect(fieldErrors({ contact: ["must exist"] }).code).toBe("DEBTOR_DELETED");
    expect(fieldErrors({ contact: ["is archived"] }, { contact: "archived" }).code).toBe("DEBTOR_INVALID");
  });

  it("leaves other field errors UNKNOWN, with Moneybird's words flattened to 'field: message'", () => {
    const error = fieldErrors({ "details.project_id": ["is not found"], reference: ["can't be blank"] });
    expect(error).toMatchObject({ code: "UNKNOWN", httpStatus: 422, vendorMessage: "details.project_id: is not found; reference: can't be blank" });
    expect(response(400, { error: "per_page does not have a valid value" })).toMatchObject({ code: "UNKNOWN", vendorMessage: "per_page does not have a valid value" });
  });

  it("picks the VAT code over the ledger and the period when one answer names several fields", () => {
    const error = fieldErrors({ date: ["falls in a locked period"], "details.ledger_account_id": ["is not found"], "details.tax_rate_id": ["is not found"] });
    expect(error.code).toBe("VAT_CODE_MISSING");
  });

  it("blanks the secrets out of the message and Moneybird's words", () => {
    const error = classifyMoneybirdFailure(
      { kind: "response", status: 500, body: '{"error":"bad header Bearer tok-123456"}' },
      { secrets: ["tok-123456"] },
    );
    expect(error.vendorMessage).toBe("bad header Bearer [redacted]");
    expect(error.message).not.toContain("tok-123456");
  });
});
