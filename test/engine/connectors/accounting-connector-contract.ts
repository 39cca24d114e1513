/** The behaviour every AccountingConnector must show against its simulator; run it once per accounting system. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountingConnector, DocumentInput, Ledger, VatCode } from "../../../engine/connectors/ports.js";
import type { SimulatorFault } from "../../../engine/connectors/simulator-server.js";
import { KoppelingError } from "../../../engine/errors/koppeling-error.js";

/** Operations the suite can aim a fault at; each harness maps them to its vendor's requests. */
export type ContractOperation = "listVatCodes" | "createDocument";

/** A connector wired to a fresh simulator, plus the handles the suite needs. */
export interface AccountingConnectorHarness {
  connector: AccountingConnector;
  /** The same connector, but with a credential the simulator refuses (revoked or wrong). */
  connectorWithRevokedCredential: AccountingConnector;
  /** A debtor the simulator holds from the start. */
  existingDebtor: { email: string; name: string };
  /** A booking date in a closed period, and one in an open period. */
  closedPeriodDate: string;
  openPeriodDate: string;
  /** Makes the next `times` requests of `operation` fail with `fault`. */
  injectFault(operation: ContractOperation, fault: SimulatorFault, times?: number): void;
  /** How many requests of `operation` the simulator received. */
  countRequests(operation: ContractOperation): number;
  /** Every request the simulator received, for "nothing was updated" checks. */
  requestMethods(): string[];
  close(): Promise<void>;
}

/** Runs the contract suite for one connector; `setup` starts a fresh simulator for every test. */
export function runAccountingConnectorContract(name: string, setup: () => Promise<AccountingConnectorHarness>): void {
  describe(`${name}: AccountingConnector contract`, () => {
    let harness: AccountingConnectorHarness;
    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness.close();
    });

    const codeOf = async (promise: Promise<unknown>): Promise<KoppelingError> => {
      const error = await promise.then(
        () => {
          throw new Error("expected the call to fail");
        },
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(KoppelingError);
      return error as KoppelingError;
    };

    const salesCode = async (): Promise<VatCode> => {
      const code = (await harness.connector.listVatCodes()).find((vat) => vat.usage === "sales" && vat.active && vat.percentageBp === 2100);
      if (!code) throw new Error("the simulator must hold an active 21% sales VAT code");
      return code;
    };
    const ledgerOf = async (type: Ledger["type"]): Promise<Ledger> => {
      const ledger = (await harness.connector.listLedgers()).find((candidate) => candidate.type === type && candidate.active);
      if (!ledger) throw new Error(`the simulator must hold an active ${type} ledger`);
      return ledger;
    };
    const documentFor = async (reference: string, overrides: Partial<DocumentInput> = {}): Promise<DocumentInput> => {
      const debtor = await harness.connector.findDebtorByEmail(harness.existingDebtor.email);
      if (!debtor) throw new Error("the existing debtor must be found");
      const [vat, revenue] = [await salesCode(), await ledgerOf("revenue")];
      return {
        reference,
        debtorId: debtor.id,
        date: harness.openPeriodDate,
        currency: "EUR",
        lines: [{ description: "Schommelstoel", totalExclCents: 12995, vatCodeId: vat.id, ledgerId: revenue.id }],
        ...overrides,
      };
    };

    it("reports a green connection with a valid credential", async () => {
      expect((await harness.connector.testConnection()).kind).toBe("green");
    });

    it("reports a red connection asking to reconnect when the credential is revoked", async () => {
      const check = await harness.connectorWithRevokedCredential.testConnection();
      expect(check).toMatchObject({ kind: "red", code: "CONN_ACC_TOKEN_EXPIRED" });
    });

    it("lists VAT codes with percentages in basis points and their usage", async () => {
      const codes = await harness.connector.listVatCodes();
      expect(codes.some((code) => code.usage === "sales" && code.percentageBp === 2100)).toBe(true);
      expect(codes.some((code) => code.usage === "sales" && code.percentageBp === 900)).toBe(true);
      expect(codes.every((code) => Number.isInteger(code.percentageBp) && typeof code.id === "string")).toBe(true);
    });

    it("lists ledgers with revenue and non-revenue types", async () => {
      const ledgers = await harness.connector.listLedgers();
      expect(ledgers.some((ledger) => ledger.type === "revenue")).toBe(true);
      expect(ledgers.some((ledger) => ledger.type !== "revenue")).toBe(true);
      expect(ledgers.every((ledger) => typeof ledger.code === "string" && typeof ledger.id === "string")).toBe(true);
    });

    it("finds a debtor by exact e-mail only", async () => {
      const { email } = harness.existingDebtor;
      expect(await harness.connector.findDebtorByEmail(email)).toMatchObject({ email, name: harness.existingDebtor.name });
      expect(await harness.connector.findDebtorByEmail(email.slice(1))).toBeNull();
      expect(await harness.connector.findDebtorByEmail(`x${email}`)).toBeNull();
      expect(await harness.connector.findDebtorByEmail("nobody-here@example.org")).toBeNull();
    });

    it("creates a missing debtor once and finds it again, leaving existing debtors untouched", async () => {
      const before = await harness.connector.findDebtorByEmail(harness.existingDebtor.email);
      const email = "nieuwe.klant@example.org";
      expect(await harness.connector.findDebtorByEmail(email)).toBeNull();
      const created = await harness.connector.createDebtor({
        email, name: "Nieuwe Klant", company: null, country: "NL", vatNumber: null, address1: "Dorpsstraat 1", postcode: "1234 AB", city: "Utrecht",
      });
      expect(created).toMatchObject({ email, name: "Nieuwe Klant" });
      expect(await harness.connector.findDebtorByEmail(email)).toEqual(created);
      expect(await harness.connector.findDebtorByEmail(harness.existingDebtor.email)).toEqual(before);
      expect(harness.requestMethods().filter((method) => !["GET", "POST"].includes(method))).toEqual([]);
    });

    it("creates a document and finds it again by its exact reference", async () => {
      const created = await harness.connector.createDocument(await documentFor("K-1001"));
      await harness.connector.createDocument(await documentFor("K-10010"));
      expect(created).toMatchObject({ reference: "K-1001", totalInclCents: 15724 });
      expect(await harness.connector.findDocumentByReference("K-1001")).toEqual(created);
      expect(await harness.connector.findDocumentByReference("K-100")).toBeNull();
    });

    it("answers null for a reference that was never booked", async () => {
      expect(await harness.connector.findDocumentByReference("never-booked-4711")).toBeNull();
    });

    it("throws CONN_ACC_TOKEN_EXPIRED when the credential is revoked", async () => {
      expect((await codeOf(harness.connectorWithRevokedCredential.listVatCodes())).code).toBe("CONN_ACC_TOKEN_EXPIRED");
    });

    it("throws VAT_CODE_MISSING for a VAT code the system does not know", async () => {
      const input = await documentFor("K-2001");
      const lines = input.lines.map((line) => ({ ...line, vatCodeId: "999999999999999999" }));
      expect((await codeOf(harness.connector.createDocument({ ...input, lines }))).code).toBe("VAT_CODE_MISSING");
    });

    it("refuses a purchase VAT code on a sales document with a VAT code error", async () => {
      const purchase = (await harness.connector.listVatCodes()).find((code) => code.usage === "purchase" && code.active);
      if (!purchase) throw new Error("the simulator must hold an active purchase VAT code");
      const input = await documentFor("K-2002");
      const lines = input.lines.map((line) => ({ ...line, vatCodeId: purchase.id }));
      expect(["VAT_CODE_MISMATCH", "VAT_CODE_MISSING"]).toContain((await codeOf(harness.connector.createDocument({ ...input, lines }))).code);
    });

    it("throws LEDGER_WRONG_TYPE when a sales line goes to a balance ledger", async () => {
      const balance = await ledgerOf("balance");
      const input = await documentFor("K-2003");
      const lines = input.lines.map((line) => ({ ...line, ledgerId: balance.id }));
      expect((await codeOf(harness.connector.createDocument({ ...input, lines }))).code).toBe("LEDGER_WRONG_TYPE");
    });

    it("throws PERIOD_CLOSED for a booking date in a closed period", async () => {
      const input = await documentFor("K-2004", { date: harness.closedPeriodDate });
      expect((await codeOf(harness.connector.createDocument(input))).code).toBe("PERIOD_CLOSED");
      expect(await harness.connector.findDocumentByReference("K-2004")).toBeNull();
    });

    it("throws RATE_LIMITED with the wait the system asked for", async () => {
      const input = await documentFor("K-2005");
      harness.injectFault("createDocument", { kind: "rateLimit", retryAfterSeconds: 120 });
      const error = await codeOf(harness.connector.createDocument(input));
      expect(error.code).toBe("RATE_LIMITED");
      expect(error.retryAfterMs).toBeGreaterThanOrEqual(119_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
    });

    it("throws ACC_UNAVAILABLE when the system keeps answering 5xx", async () => {
      harness.injectFault("listVatCodes", { kind: "status", status: 503, body: "Service Unavailable" }, Infinity);
      expect((await codeOf(harness.connector.listVatCodes())).code).toBe("ACC_UNAVAILABLE");
    });

    it("throws ACC_UNAVAILABLE when the system answers with something that is not JSON", async () => {
      harness.injectFault("listVatCodes", { kind: "invalidJson" }, Infinity);
      expect((await codeOf(harness.connector.listVatCodes())).code).toBe("ACC_UNAVAILABLE");
    });

    it("sends a document once when the system answers 5xx, leaving the retry to the engine", async () => {
      const input = await documentFor("K-2006");
      harness.injectFault("createDocument", { kind: "status", status: 500, body: "Internal Server Error" });
      expect((await codeOf(harness.connector.createDocument(input))).code).toBe("ACC_UNAVAILABLE");
      expect(harness.countRequests("createDocument")).toBe(1);
      expect(await harness.connector.findDocumentByReference("K-2006")).toBeNull();
    });
  });
}
