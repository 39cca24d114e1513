import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "../../../db/open-database.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";

const states = ["queued", "open", "transferring", "transferred", "rejected", "expired", "ignored", "before_install"];
const fingerprints = ["VAT_CODE_MISSING|rateBp=900|reason=unmapped", "LEDGER_NOT_FOUND|role=shipping", null];

describe(`sale and cause totals kept by triggers (${testDriver})`, () => {
  let database: DatabaseHandle;
  const koppelingen: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const name of ["a", "b"]) {
      const [row] = rowsOf<{ id: string }>(
        await database.db.execute(sql`insert into koppelingen (name, license_key_hash, license_key_hint, sales_system, accounting_system, installed_at)
          values (${name}, ${`hash-${name}`}, '0001', 'woocommerce', 'moneybird', now()) returning id`),
      );
      koppelingen.push(row!.id);
    }
  });
  afterAll(async () => database.close());

  const actual = async () => ({
    sales: rowsOf(await database.db.execute(sql`select koppeling_id, state, sales::int as n, cents::bigint::text as c from sale_totals where sales <> 0 or cents <> 0 order by 1, 2`)),
    causes: rowsOf(await database.db.execute(sql`select koppeling_id, cause, state, sales::int as n, cents::bigint::text as c from cause_totals where sales <> 0 or cents <> 0 order by 1, 2, 3`)),
  });
  const expected = async () => ({
    sales: rowsOf(await database.db.execute(sql`select koppeling_id, state, count(*)::int as n, sum(total_cents)::bigint::text as c from sales group by 1, 2 order by 1, 2`)),
    causes: rowsOf(
      await database.db.execute(sql`select koppeling_id, coalesce(fingerprint, error_code, 'UNKNOWN') as cause, state, count(*)::int as n, sum(total_cents)::bigint::text as c
        from sales where state in ('rejected', 'expired') group by 1, 2, 3 order by 1, 2, 3`),
    ),
  });

  it("equal a GROUP BY over sales after random inserts, state changes, amount changes and deletes", async () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const pick = <T>(list: readonly T[]) => list[random(list.length)]!;
    let next = 1;
    for (let step = 0; step < 60; step++) {
      const koppeling = pick(koppelingen);
      const action = random(5);
      if (action === 0 || step < 5) {
        const from = next;
        next += 20;
        await database.db.execute(sql`insert into sales (koppeling_id, external_id, number, kind, shop_status, state, created_in_shop_at, modified_in_shop_at,
            currency, prices_include_tax, total_cents, tax_cents, customer_name, error_code, fingerprint)
          select ${koppeling}, g::text, g::text, 'order', 'completed', ${pick(states)}, now(), now(), 'EUR', true, g * 7, 0, 'x',
            case when g % 2 = 0 then 'VAT_CODE_MISSING' end, case when g % 3 = 0 then ${pick(fingerprints)} end
          from generate_series(${from}::int, ${from + 19}::int) g`);
      } else if (action === 1) {
        await database.db.execute(sql`update sales set state = ${pick(states)} where koppeling_id = ${koppeling} and id % ${2 + random(4)} = ${random(2)}`);
      } else if (action === 2) {
        await database.db.execute(sql`update sales set total_cents = total_cents + 1, fingerprint = ${pick(fingerprints)} where id % 5 = ${random(5)}`);
      } else if (action === 3) {
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`update sales set state = 'rejected', error_code = 'LEDGER_NOT_FOUND' where koppeling_id = ${koppeling} and state = 'queued'`);
          await tx.execute(sql`update sales set attempt_count = attempt_count + 1 where koppeling_id = ${koppeling}`);
        });
      } else {
        await database.db.execute(sql`delete from sales where id % 17 = ${random(17)}`);
      }
    }
    expect(await actual()).toEqual(await expected());
  });

  it("go with the koppeling when it is deleted", async () => {
    await database.db.execute(sql`delete from koppelingen where id = ${koppelingen[1]!}`);
    const left = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from sale_totals where koppeling_id = ${koppelingen[1]!}`));
    expect(left[0]!.n).toBe(0);
    expect(await actual()).toEqual(await expected());
  });
});
