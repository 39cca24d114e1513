/**
 * Part 4: the weekly digests of 10,000 koppelingen with 1,000,000 sales in the week — found as the
 * scheduler's digest tick finds them (findDueDigests), computed in batches (computeKoppelingDigests,
 * as `koppelbot digest --now` does) and, on a sample, one per subscription as each digest job does —
 * and the cost of one digest of a fixed-size koppeling with 100 against 10,000 other koppelingen.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { createCredentialCipher } from "../db/credential-cipher.js";
import { type Database, rowsOf } from "../db/open-database.js";
import { computeKoppelingDigest, computeKoppelingDigests, DIGEST_BATCH_SIZE, type DigestPeriod, type KoppelingDigest, weekBefore } from "../engine/digest/compute-digest.js";
import { createKoppeling } from "../engine/koppelingen/koppeling-repository.js";
import { findDueDigests } from "../engine/schedule/find-due-digests.js";
import { latestWeeklyMoment } from "../engine/schedule/digest-moment.js";
import { correctConfig } from "../test/support/engine-harness.js";
import { createBenchDatabase } from "./bench-database.js";
import { type Figure, percentile } from "./bench-report.js";

export interface DigestBenchOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

const DAY_MS = 86_400_000;
const timeZone = "Europe/Amsterdam";
/** Every subscription's moment: Monday 09:00, the default. */
const weekly = { weekday: 1, hour: 9, minute: 0, timeZone };

/** A population of koppelingen and their sales. */
interface Population {
  koppelingen: number;
  /** Sales created in the digest's week, spread over the koppelingen with a few big shops. */
  weekSales: number;
  /** Sales of the twelve weeks before: booked, still in Fouten (rejected, expired) or in Open. */
  olderSales: number;
}

/** The koppeling whose single digest is timed against both populations: the same in both databases. */
const probeShape = { weekSales: 2_000, olderSales: 6_000 };

/** Both figures: all due digests, batched and one per subscription, and one digest against 100 vs many other koppelingen. */
export async function benchDigest(options: DigestBenchOptions): Promise<Figure[]> {
  const part = "4 digest";
  const big: Population = options.quick ? { koppelingen: 1_000, weekSales: 100_000, olderSales: 30_000 } : { koppelingen: 10_000, weekSales: 1_000_000, olderSales: 300_000 };
  const small: Population = { koppelingen: 100, weekSales: 100 * (big.weekSales / big.koppelingen), olderSales: 100 * (big.olderSales / big.koppelingen) };
  const now = new Date();
  const week = weekBefore(latestWeeklyMoment(weekly, now));
  const count = (n: number) => n.toLocaleString("en");

  const large = await createBenchDatabase(options.serverUrl);
  const few = await createBenchDatabase(options.serverUrl);
  try {
    const started = performance.now();
    const largeProbe = await seedPopulation(large.db, big, week, now);
    options.log(`  seeded ${count(big.koppelingen)} koppelingen, ${count(big.weekSales)} sales in the week and ${count(big.olderSales)} before in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const fewProbe = await seedPopulation(few.db, small, week, now);

    // 1. Every due digest: found as the scheduler's digest tick finds them, computed in batches.
    const subscriptionsById = new Map(
      rowsOf<{ id: string | number; koppeling_id: string; last_causes: string[] | null; last_digest_at: unknown }>(
        await large.db.execute(sql`select id, koppeling_id, last_causes, last_digest_at from subscriptions`),
      ).map((s) => [Number(s.id), s]),
    );
    const requestOf = (subscriptionId: number) => {
      const sub = subscriptionsById.get(subscriptionId)!;
      return { koppelingId: sub.koppeling_id, previousCauses: sub.last_digest_at ? (sub.last_causes ?? []) : null };
    };
    const runAll = async () => {
      const t0 = performance.now();
      const due = await findDueDigests(large.db, now, timeZone);
      const findMs = performance.now() - t0;
      const byMoment = new Map<number, typeof due>();
      for (const d of due) {
        const list = byMoment.get(d.periodStart.getTime());
        if (list) list.push(d);
        else byMoment.set(d.periodStart.getTime(), [d]);
      }
      const digests: KoppelingDigest[] = [];
      for (const [moment, list] of byMoment) digests.push(...(await computeKoppelingDigests(large.db, list.map((d) => requestOf(d.subscriptionId)), weekBefore(new Date(moment)), now)));
      return { ms: performance.now() - t0, findMs, due, digests };
    };
    const runs = [await runAll(), await runAll()];
    const all = runs[0]!.ms <= runs[1]!.ms ? runs[0]! : runs[1]!;
    const booked = all.digests.reduce((n, d) => n + d.transferred.count, 0);
    if (all.due.length !== big.koppelingen + 1 || booked === 0) throw new Error(`${all.due.length} digests due, ${booked} sales counted`);
    options.log(`  ${count(all.due.length)} digests in ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(" s and ")} s (finding them ${all.findMs.toFixed(0)} ms; ${count(booked)} transfers of the week counted)`);

    // 1b. One per subscription, as each digest job of the scheduler computes it: a sample, checked against the batch.
    const sample = all.due.filter((_, i) => i % (options.quick ? 2 : 10) === 0);
    const single: number[] = [];
    for (const d of sample) {
      const request = requestOf(d.subscriptionId);
      const t0 = performance.now();
      const digest = await computeKoppelingDigest(large.db, request.koppelingId, weekBefore(d.periodStart), now, request.previousCauses);
      single.push(performance.now() - t0);
      const batched = all.digests[all.due.indexOf(d)]!;
      if (JSON.stringify(digest) !== JSON.stringify(batched)) throw new Error(`the batched digest of ${request.koppelingId} differs from its digest alone`);
    }
    const singleMean = single.reduce((a, b) => a + b, 0) / single.length;
    options.log(`  one per subscription: ${count(single.length)} digests, mean ${singleMean.toFixed(2)} ms`);

    // 2. One digest of the same koppeling against few and many others, interleaved.
    const rounds = options.quick ? 60 : 200;
    const timeOne = async (db: Database, id: string) => {
      const t0 = performance.now();
      await computeKoppelingDigest(db, id, week, now, []);
      return performance.now() - t0;
    };
    const fewMs: number[] = [];
    const manyMs: number[] = [];
    for (let round = -10; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on a cache the other just warmed.
      let a: number;
      let b: number;
      if (round % 2 === 0) {
        a = await timeOne(few.db, fewProbe);
        b = await timeOne(large.db, largeProbe);
      } else {
        b = await timeOne(large.db, largeProbe);
        a = await timeOne(few.db, fewProbe);
      }
      if (round >= 0) {
        fewMs.push(a);
        manyMs.push(b);
      }
    }
    const fewP50 = percentile(fewMs, 50);
    const manyP50 = percentile(manyMs, 50);
    const ratio = manyP50 / fewP50;
    const full = !options.quick;
    return [
      {
        part,
        name: `${count(all.due.length)} weekly digests, ${count(big.weekSales)} sales in the week`,
        value: all.ms / 1000,
        unit: "s",
        target: full ? "≤ 10 s" : "≤ 10 s at 10,000",
        met: full ? all.ms <= 10_000 : null,
        note: `best of 2: findDueDigests ${all.findMs.toFixed(0)} ms, then computeKoppelingDigests (${DIGEST_BATCH_SIZE} per statement)`,
      },
      {
        part,
        name: `same, one per subscription (a digest job each)`,
        value: (singleMean * all.due.length) / 1000,
        unit: "s",
        target: null,
        met: null,
        note: `${count(single.length)} sampled: mean ${singleMean.toFixed(2)} ms, p99 ${percentile(single, 99).toFixed(1)} ms per digest`,
      },
      { part, name: `probe digest p50 with ${count(small.koppelingen)} others`, value: fewP50, unit: "ms", target: null, met: null, note: `${count(probeShape.weekSales)} sales in its week, ${count(probeShape.olderSales)} before` },
      { part, name: `probe digest p50 with ${count(big.koppelingen)} others`, value: manyP50, unit: "ms", target: null, met: null },
      { part, name: `one digest ${count(big.koppelingen)} / ${count(small.koppelingen)} others`, value: ratio, unit: "×", target: "≤ 1.5 (flat)", met: ratio <= 1.5, note: `p50 of ${rounds}+${rounds} interleaved` },
    ];
  } finally {
    await large.close();
    await few.close();
  }
}

/** The causes rejected sales are spread over: code, fingerprint, facts. */
const causes = [
  ["VAT_CODE_MISSING", "VAT_CODE_MISSING|rateBp=900|reason=unmapped", `{"rateBp": 900, "reason": "unmapped"}`],
  ["LEDGER_NOT_FOUND", "LEDGER_NOT_FOUND|role=shipping", `{"role": "shipping"}`],
  ["ICP_VAT_NUMBER_INVALID", "ICP_VAT_NUMBER_INVALID", `{}`],
  ["CUSTOMER_DATA_MISSING", "CUSTOMER_DATA_MISSING|field=email", `{"field": "email"}`],
  ["DUPLICATE_NUMBER", "DUPLICATE_NUMBER|msg=factuurnummer # komt reeds voor", `{}`],
] as const;

/**
 * Seeds `population` koppelingen with their sales, plus one probe koppeling of fixed size; returns the
 * probe's id. Koppelingen are copies of one created through createKoppeling (encrypted credentials, a
 * valid configuration), each with a weekly subscription that had a digest the week before.
 */
async function seedPopulation(db: Database, population: Population, week: DigestPeriod, now: Date): Promise<string> {
  const weekStart = week.start;
  const cipher = createCredentialCipher(randomBytes(32));
  const probe = await createKoppeling(db, cipher, {
    name: "Bench probe",
    licenseKey: `KB-BENCH-${randomBytes(3).toString("hex")}`,
    installedAt: new Date(weekStart.getTime() - 200 * DAY_MS),
    sales: { system: "woocommerce", baseUrl: "http://127.0.0.1:9", credentials: { consumerKey: "ck_bench", consumerSecret: "cs_bench" } },
    accounting: { system: "moneybird", baseUrl: "http://127.0.0.1:9", credentials: { token: "bench" } },
    config: correctConfig(),
  });
  const n = population.koppelingen;
  await db.execute(sql`create table bench_population (n int primary key, koppeling_id uuid not null)`);
  await db.execute(sql`
    insert into koppelingen (name, license_key_hash, license_key_hint, sales_system, accounting_system, installed_at, cadence)
    select 'Winkel ' || lpad(g::text, 5, '0'), md5('bench-' || g), lpad(g::text, 4, '0'), 'woocommerce', 'moneybird', installed_at, 'hourly'
    from generate_series(1, ${sql.raw(String(n))}) g, koppelingen t where t.id = ${probe}`);
  await db.execute(sql`insert into bench_population (n, koppeling_id) select row_number() over (order by name), id from koppelingen where id <> ${probe}`);
  await db.execute(sql`insert into bench_population (n, koppeling_id) values (0, ${probe})`);
  // Connections with the template's encrypted credentials; about one koppeling in 50 has a red dot.
  await db.execute(sql`
    insert into connections (koppeling_id, side, system, base_url, credentials_encrypted, state, last_checked_at, last_error_code)
    select p.koppeling_id, c.side, c.system, c.base_url, c.credentials_encrypted,
      case when p.n % 50 = 7 and c.side = 'accounting' then 'red' else 'green' end, ${now.toISOString()}::timestamptz,
      case when p.n % 50 = 7 and c.side = 'accounting' then 'CONN_ACC_TOKEN_EXPIRED' end
    from bench_population p, connections c where c.koppeling_id = ${probe} and p.n > 0`);
  await db.execute(sql`
    insert into koppeling_configs (koppeling_id, settings, version, saved_at)
    select p.koppeling_id, c.settings, 1, c.saved_at from bench_population p, koppeling_configs c where c.koppeling_id = ${probe} and p.n > 0`);
  // A weekly subscription per koppeling (the probe's too), whose previous digest showed one cause.
  const previous = new Date(weekStart.getTime()).toISOString();
  await db.execute(sql`
    insert into subscriptions (platform, place, koppeling_id, kind, weekday, hour, minute, language, created_by, last_causes, last_digest_at, created_at)
    select 'slack', 'T' || p.n || '/C1', p.koppeling_id, 'weekly', 1, 9, 0, case when p.n % 3 = 0 then 'en' else 'nl' end, 'bench',
      ${JSON.stringify([causes[2][1]])}::jsonb, ${previous}::timestamptz, ${previous}::timestamptz - interval '60 days'
    from bench_population p`);

  await withoutSecondaryIndexes(db, ["sales", "transfers", "transfer_attempts"], async () => {
    await seedSales(db, { population: "p.n > 0", koppelingen: n, skewed: true, count: population.weekSales, from: weekStart, to: week.end, weekStart, first: 1 });
    await seedSales(db, { population: "p.n > 0", koppelingen: n, skewed: true, count: population.olderSales, from: new Date(weekStart.getTime() - 84 * DAY_MS), to: weekStart, weekStart, first: population.weekSales + 1 });
    await seedSales(db, { population: "p.n = 0", koppelingen: 1, skewed: false, count: probeShape.weekSales, from: weekStart, to: week.end, weekStart, first: 1 });
    await seedSales(db, { population: "p.n = 0", koppelingen: 1, skewed: false, count: probeShape.olderSales, from: new Date(weekStart.getTime() - 84 * DAY_MS), to: weekStart, weekStart, first: probeShape.weekSales + 1 });
    await db.execute(sql`
      insert into transfers (sale_id, koppeling_id, reference, document_id, debtor_id, total_cents, transferred_at)
      select id, koppeling_id, number, (400000000000000000 + id)::text, '500000000000000001', total_cents, state_changed_at
      from sales where state = 'transferred'`);
    // Every 150th booked sale was booked by an automatic retry after a passing failure.
    await db.execute(sql`
      insert into transfer_attempts (sale_id, koppeling_id, trigger, started_at, finished_at, outcome, error_code, message)
      select id, koppeling_id, case when state = 'transferred' and id % 150 = 0 then 'auto_retry' else 'sync' end, state_changed_at, state_changed_at,
        case state when 'transferred' then 'transferred' else 'rejected' end, error_code, error_message
      from sales where state in ('transferred', 'rejected')`);
  });
  // As autovacuum leaves a table that is mostly read: statistics and the visibility map (index-only scans).
  await db.execute(sql`vacuum analyze`);
  return probe;
}

/**
 * Runs a bulk load with the tables' indexes other than their keys dropped, and builds them again
 * afterwards: the same indexes in the end, built once instead of maintained row by row.
 */
async function withoutSecondaryIndexes(db: Database, tables: string[], load: () => Promise<void>): Promise<void> {
  const indexes = rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`
      select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
      where t.relname = any(string_to_array(${tables.join(",")}, ',')) and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`),
  );
  for (const index of indexes) await db.execute(sql.raw(`drop index "${index.name}"`));
  await load();
  for (const index of indexes) await db.execute(sql.raw(index.definition));
}

interface SeedSpec {
  /** Which rows of bench_population: "p.n > 0" (the population) or "p.n = 0" (the probe). */
  population: string;
  koppelingen: number;
  skewed: boolean;
  count: number;
  from: Date;
  to: Date;
  /** The digest's week starts here. */
  weekStart: Date;
  /** The first number of the series (external ids stay unique per koppeling). */
  first: number;
}

const weekStartOf = (o: SeedSpec) => o.weekStart.getTime();

/**
 * Inserts `count` sales created evenly between `from` and `to`, over the koppelingen of bench_population
 * matching `population`. Skewed: koppeling 1 + ⌊n·u³⌋ for a uniform u, so a few shops are big (the
 * biggest of 10,000 gets about 5% of the sales) and the smallest get a few dozen a week.
 * Of the sales, 3% are rejected (five causes), 1% wait in Open; of the older ones 0.2% expired in Open.
 */
async function seedSales(db: Database, o: SeedSpec): Promise<void> {
  const span = o.to.getTime() - o.from.getTime();
  // Open sales are at most 20 days old whenever in the current week the digest runs (older ones would have expired).
  const openSince = weekStartOf(o) - 6 * DAY_MS;
  const causeCase = (column: 0 | 1 | 2) => sql.raw(`case (g / 100) % ${causes.length} ${causes.map((c, i) => `when ${i} then '${c[column]}'`).join(" ")} end`);
  const pick = o.skewed ? `1 + floor(${o.koppelingen} * power(((g::bigint * 2654435761) % 4294967296) / 4294967296.0, 3))::int` : "0";
  await db.execute(sql`
    insert into sales (koppeling_id, external_id, number, kind, shop_status, state, created_in_shop_at, modified_in_shop_at,
      fetched_at, state_changed_at, currency, prices_include_tax, total_cents, tax_cents, customer_email, customer_name,
      customer_country, error_code, error_class, error_message, error_facts, fingerprint, failed_config_version, attempt_count)
    select p.koppeling_id, g::text, (100000 + g)::text, 'order', st.shop_status, st.state, at, at, at, at + interval '2 minutes',
      'EUR', true, 1210 + (g % 500) * 121, 210 + (g % 500) * 21, 'klant' || (g % 5000) || '@example.nl', 'Klant ' || (g % 5000), 'NL',
      case st.state when 'rejected' then ${causeCase(0)} when 'expired' then 'OPEN_EXPIRED' end,
      case st.state when 'rejected' then 'A' when 'expired' then 'D' end,
      case st.state when 'rejected' then 'rejected' when 'expired' then 'Still in Open after 21 days' end,
      case st.state when 'rejected' then (${causeCase(2)})::jsonb when 'expired' then '{"status": "on-hold"}'::jsonb end,
      case st.state when 'rejected' then ${causeCase(1)} when 'expired' then 'OPEN_EXPIRED|status=on-hold' end,
      case st.state when 'rejected' then 1 end,
      case when st.state in ('rejected', 'transferred') then 1 else 0 end
    from generate_series(${sql.raw(String(o.first))}, ${sql.raw(String(o.first + o.count - 1))}) g
    cross join lateral (select ${o.from.toISOString()}::timestamptz + (g - ${sql.raw(String(o.first))}) * ${sql.raw(String(span / o.count))}::float8 * interval '1 millisecond' as at) t
    cross join lateral (select case
        when g % 100 between 1 and 3 then 'rejected'
        when g % 100 = 4 and t.at >= ${new Date(openSince).toISOString()}::timestamptz then 'open'
        when g % 500 = 4 then 'expired'
        else 'transferred' end as state) s0
    cross join lateral (select s0.state, case when s0.state in ('open', 'expired') then 'on-hold' else 'completed' end as shop_status) st
    join bench_population p on p.n = ${sql.raw(pick)} and ${sql.raw(o.population)}`);
}
