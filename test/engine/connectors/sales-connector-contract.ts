/** The behaviour every SalesConnector must show against its simulator: run it once per sales system. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ErrorCode } from "../../../engine/errors/catalogue.js";
import { KoppelingError } from "../../../engine/errors/koppeling-error.js";
import type { FetchSalesQuery, SalesConnector } from "../../../engine/connectors/ports.js";
import type { FaultRule, LoggedRequest } from "../../../engine/connectors/simulator-server.js";
import type { ShopSale } from "../../../engine/sales/sale.js";

/** A sale to put in the simulated shop, in neutral terms. */
export interface ContractSaleSpec {
  createdAt: Date;
  /** Default createdAt. */
  modifiedAt?: Date;
  /** Default: a status every shop of the system has. */
  status?: string;
}

/** What the contract needs from a connector + simulator pair; one fresh harness per test. */
export interface SalesConnectorHarness {
  connector: SalesConnector;
  /** The same shop reached with a wrong credential. */
  connectorWithBadCredentials: SalesConnector;
  /** A connector aimed at an address where nothing listens. */
  unreachableConnector: SalesConnector;
  /** The per-attempt timeout the connectors were given (the contract makes the shop slower than this). */
  timeoutMs: number;
  /** Status slugs listStatuses must return. */
  expectedStatuses: string[];
  /** An id the shop has never had. */
  missingExternalId: string;
  /** Adds sales to the shop; resolves their externalIds in the same order. */
  addSales(specs: ContractSaleSpec[]): Promise<string[]>;
  /** The credential is deleted on the shop's side. */
  revokeCredentials(): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

const minute = 60_000;
const install = new Date("2024-06-01T12:00:00Z");

async function collect(sales: AsyncIterable<ShopSale[]>): Promise<ShopSale[][]> {
  const pages: ShopSale[][] = [];
  for await (const page of sales) pages.push(page);
  return pages;
}

async function expectCode(work: Promise<unknown>, code: ErrorCode): Promise<KoppelingError> {
  const error = await work.then(
    () => {
      throw new Error(`expected a KoppelingError ${code}, but the call succeeded`);
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(KoppelingError);
  expect((error as KoppelingError).code).toBe(code);
  return error as KoppelingError;
}

const everything: FetchSalesQuery = { createdAfter: new Date("2000-01-01T00:00:00Z") };

/** Registers the contract's tests for one connector; `setup` starts a fresh simulator per test. */
export function runSalesConnectorContract(name: string, setup: () => Promise<SalesConnectorHarness>): void {
  describe(`SalesConnector contract: ${name}`, () => {
    let shop: SalesConnectorHarness;
    beforeEach(async () => {
      shop = await setup();
    });
    afterEach(async () => {
      await shop.close();
    });

    describe("connection", () => {
      it("is green with a valid credential", async () => {
        expect(await shop.connector.testConnection()).toMatchObject({ kind: "green" });
      });

      it("is red with CONN_SHOP_AUTH for a wrong credential and after the credential is revoked", async () => {
        expect(await shop.connectorWithBadCredentials.testConnection()).toMatchObject({ kind: "red", code: "CONN_SHOP_AUTH" });
        shop.revokeCredentials();
        expect(await shop.connector.testConnection()).toMatchObject({ kind: "red", code: "CONN_SHOP_AUTH" });
      });

      it("is red with CONN_SHOP_UNREACHABLE when nothing answers", async () => {
        expect(await shop.unreachableConnector.testConnection()).toMatchObject({ kind: "red", code: "CONN_SHOP_UNREACHABLE" });
      });
    });

    it("lists the shop's statuses with names and without duplicates", async () => {
      const statuses = await shop.connector.listStatuses();
      const slugs = statuses.map((status) => status.slug);
      expect(slugs).toEqual(expect.arrayContaining(shop.expectedStatuses));
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const status of statuses) expect(status.name).not.toBe("");
    });

    it("fetches more than a page of sales oldest first, without gaps or duplicates", async () => {
      const times = Array.from({ length: 230 }, (_, index) => new Date(install.getTime() + (index + 1) * minute));
      const shuffled = times.map((time, index) => ({ time, key: (index * 7919) % 230 })).sort((a, b) => a.key - b.key);
      const ids = await shop.addSales(shuffled.map(({ time }) => ({ createdAt: time })));
      const idByTime = new Map(shuffled.map(({ time }, index) => [time.getTime(), ids[index]!]));

      const pages = await collect(shop.connector.fetchSales({ createdAfter: install }));
      const fetched = pages.flat();

      expect(pages.length).toBeGreaterThan(1);
      expect(fetched.map((sale) => sale.externalId)).toEqual(times.map((time) => idByTime.get(time.getTime())));
      expect(fetched.map((sale) => sale.createdAt.getTime())).toEqual(times.map((time) => time.getTime()));
    });

    it("fetches nothing from an empty shop", async () => {
      expect((await collect(shop.connector.fetchSales(everything))).flat()).toEqual([]);
    });

    it("leaves out sales created at or before createdAfter", async () => {
      const [, , , late1, late2] = await shop.addSales([
        { createdAt: new Date(install.getTime() - 2 * 24 * 60 * minute) },
        { createdAt: new Date(install.getTime() - 60 * minute) },
        { createdAt: install },
        { createdAt: new Date(install.getTime() + 60 * minute) },
        { createdAt: new Date(install.getTime() + 2 * 24 * 60 * minute) },
      ]);
      const fetched = (await collect(shop.connector.fetchSales({ createdAfter: install }))).flat();
      expect(fetched.map((sale) => sale.externalId)).toEqual([late1, late2]);
    });

    it("with modifiedAfter, fetches only sales changed since the cursor and created after install", async () => {
      const cursor = new Date(install.getTime() + 24 * 60 * minute);
      const at = (minutes: number): Date => new Date(install.getTime() + minutes * minute);
      const [, changed, , changedLater] = await shop.addSales([
        { createdAt: at(10), modifiedAt: at(20) },
        { createdAt: at(30), modifiedAt: new Date(cursor.getTime() + 5 * minute) },
        { createdAt: at(-60), modifiedAt: new Date(cursor.getTime() + 10 * minute) },
        { createdAt: at(40), modifiedAt: new Date(cursor.getTime() + 60 * minute) },
      ]);
      const fetched = (await collect(shop.connector.fetchSales({ createdAfter: install, modifiedAfter: cursor }))).flat();
      expect(fetched.map((sale) => sale.externalId).sort()).toEqual([changed, changedLater].sort());
      for (const sale of fetched) expect(sale.modifiedAt.getTime()).toBeGreaterThan(cursor.getTime());
    });

    it("fetches one sale by its id, and null for an id the shop does not have", async () => {
      const createdAt = new Date(install.getTime() + 5 * minute);
      const [id] = await shop.addSales([{ createdAt }]);
      const sale = await shop.connector.fetchSale(id!);
      expect(sale).toMatchObject({ externalId: id, kind: "order" });
      expect(sale?.createdAt.getTime()).toBe(createdAt.getTime());
      expect(await shop.connector.fetchSale(shop.missingExternalId)).toBeNull();
    });

    describe("coded failures", () => {
      it("throws CONN_SHOP_AUTH (permanent) when the credential is refused", async () => {
        const error = await expectCode(collect(shop.connectorWithBadCredentials.fetchSales(everything)), "CONN_SHOP_AUTH");
        expect(error.isTemporary).toBe(false);
        await expectCode(shop.connectorWithBadCredentials.fetchSale("1"), "CONN_SHOP_AUTH");
      });

      it("throws CONN_SHOP_UNREACHABLE (temporary) when nothing listens", async () => {
        const error = await expectCode(collect(shop.unreachableConnector.fetchSales(everything)), "CONN_SHOP_UNREACHABLE");
        expect(error.isTemporary).toBe(true);
      });

      it("throws RATE_LIMITED with the wait when the shop asks for a long pause", async () => {
        shop.injectFault({ fault: { kind: "rateLimit", retryAfterSeconds: 120 }, times: Number.POSITIVE_INFINITY });
        const error = await expectCode(collect(shop.connector.fetchSales(everything)), "RATE_LIMITED");
        expect(error.retryAfterMs).toBe(120_000);
      });

      it("waits out a short rate limit and carries on", async () => {
        await shop.addSales([{ createdAt: new Date(install.getTime() + minute) }]);
        shop.injectFault({ fault: { kind: "rateLimit", retryAfterSeconds: 1 } });
        const started = Date.now();
        const fetched = (await collect(shop.connector.fetchSales(everything))).flat();
        expect(fetched).toHaveLength(1);
        expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      });

      it("retries a passing server error, and throws CONN_SHOP_UNREACHABLE when it persists", async () => {
        await shop.addSales([{ createdAt: new Date(install.getTime() + minute) }]);
        shop.injectFault({ fault: { kind: "status", status: 503, body: "Service Unavailable", headers: { "content-type": "text/html" } } });
        expect((await collect(shop.connector.fetchSales(everything))).flat()).toHaveLength(1);

        shop.injectFault({ fault: { kind: "status", status: 500, body: "" }, times: Number.POSITIVE_INFINITY });
        const error = await expectCode(collect(shop.connector.fetchSales(everything)), "CONN_SHOP_UNREACHABLE");
        expect(error.httpStatus).toBe(500);
      });

      it.each([
        ["a body that is not JSON", { kind: "invalidJson" }],
        ["a truncated JSON body", { kind: "truncated" }],
      ] as const)("throws CONN_SHOP_UNREACHABLE for %s", async (_label, fault) => {
        await shop.addSales([{ createdAt: new Date(install.getTime() + minute) }]);
        shop.injectFault({ fault, times: Number.POSITIVE_INFINITY });
        await expectCode(collect(shop.connector.fetchSales(everything)), "CONN_SHOP_UNREACHABLE");
      });

      it("throws CONN_SHOP_UNREACHABLE when the connection drops or the shop is too slow", async () => {
        shop.injectFault({ fault: { kind: "drop" }, times: Number.POSITIVE_INFINITY });
        await expectCode(shop.connector.fetchSale("1"), "CONN_SHOP_UNREACHABLE");
        shop.clearFaults();
        shop.injectFault({ fault: { kind: "slow", delayMs: shop.timeoutMs * 4 }, times: Number.POSITIVE_INFINITY });
        await expectCode(collect(shop.connector.fetchSales(everything)), "CONN_SHOP_UNREACHABLE");
      });
    });
  });
}
