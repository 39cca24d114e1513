/** Set-based seeding of a koppeling's history: sales, lines, transfers, attempts and runs with INSERT … SELECT generate_series. */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.js";

/** The shape of the history to seed. */
export interface HistoryShape {
  sales: number;
  /** Sales in Fouten (state rejected), spread over the causes below and over time. */
  rejected: number;
  /** The newest sales, waiting in Open with an unticked status. */
  open: number;
  /** The oldest sales, created before the install moment. */
  beforeInstall: number;
  /** Over how many days the sales were created, ending now. */
  days: number;
  /** Sync runs a day over those days (24: hourly); none when absent. */
  runsPerDay?: number;
}

/** The causes rejected sales are spread over: code, fingerprint, facts, message. */
const causes = [
  ["VAT_CODE_MISSING", "VAT_CODE_MISSING|rateBp=900|reason=unmapped", `{"rateBp": 900, "reason": "unmapped"}`, "9% is not mapped to a VAT code"],
  ["LEDGER_NOT_FOUND", "LEDGER_NOT_FOUND|role=shipping", `{"role": "shipping"}`, "The shipping ledger does not exist"],
  ["ICP_VAT_NUMBER_INVALID", "ICP_VAT_NUMBER_INVALID", `{}`, "The EU VAT number is not valid"],
  ["CUSTOMER_DATA_MISSING", "CUSTOMER_DATA_MISSING|field=email", `{"field": "email"}`, "The customer has no e-mail address"],
  ["DUPLICATE_NUMBER", "DUPLICATE_NUMBER|msg=factuurnummer # komt reeds voor", `{}`, "Factuurnummer komt reeds voor"],
] as const;

/** Sales per statement: chunks run side by side on their own connections. */
const CHUNK = 125_000;

/**
 * Seeds `shape` for the koppeling. Sale numbers are 100001, 100002, … (oldest first); every 1,000th
 * sale in the middle expired in Open, every 20th is rejected. Each chunk of sales is one statement
 * that writes the sales, their lines, transfers and attempts together (data-modifying CTEs, so the
 * sales are read back from RETURNING rather than scanned again), and the chunks run in parallel.
 */
export async function seedHistory(db: Database, koppelingId: string, shape: HistoryShape, now: Date): Promise<void> {
  const chunks: Array<[number, number]> = [];
  for (let from = 1; from <= shape.sales; from += CHUNK) chunks.push([from, Math.min(shape.sales, from + CHUNK - 1)]);
  await Promise.all([
    ...chunks.map(([from, to]) => db.execute(chunkStatement(koppelingId, shape, now, from, to))),
    ...(shape.runsPerDay ? [db.execute(syncRunsStatement(koppelingId, shape.days, shape.runsPerDay, now))] : []),
  ]);
}

/** Sales `from`..`to` of the history with their lines, transfers and attempts, in one statement. */
function chunkStatement(koppelingId: string, shape: HistoryShape, now: Date, from: number, to: number): SQL {
  const n = shape.sales;
  const rejectedEvery = Math.max(1, Math.round(n / Math.max(1, shape.rejected)));
  const spanMs = shape.days * 86_400_000;
  const causeCase = (column: 0 | 1 | 2 | 3) =>
    sql.raw(`case (g / ${rejectedEvery}) % ${causes.length} ${causes.map((c, i) => `when ${i} then '${c[column].replaceAll("'", "''")}'`).join(" ")} end`);
  const state = sql.raw(`case
      when g <= ${shape.beforeInstall} then 'before_install'
      when g > ${n - shape.open} then 'open'
      when g % 1000 = 1 then 'expired'
      when g % ${rejectedEvery} = 0 then 'rejected'
      else 'transferred' end`);
  return sql`
    with s as (
      insert into sales (koppeling_id, external_id, number, kind, shop_status, state, created_in_shop_at, modified_in_shop_at,
        fetched_at, state_changed_at, currency, prices_include_tax, total_cents, tax_cents, customer_email, customer_name,
        customer_country, error_code, error_class, error_message, error_facts, fingerprint, failed_config_version, attempt_count)
      select ${koppelingId}, g::text, (100000 + g)::text, 'order', st.shop_status, st.state, at, at, at, at + interval '1 minute',
        'EUR', false, 1210 + (g % 500) * 121, 210 + (g % 500) * 21, 'klant' || (g % 5000) || '@example.nl', 'Klant ' || (g % 5000), 'NL',
        case st.state when 'rejected' then ${causeCase(0)} when 'expired' then 'OPEN_EXPIRED' end,
        case st.state when 'rejected' then 'A' when 'expired' then 'D' end,
        case st.state when 'rejected' then ${causeCase(3)} when 'expired' then 'Still in Open after 21 days' end,
        case st.state when 'rejected' then (${causeCase(2)})::jsonb when 'expired' then '{"status": "on-hold"}'::jsonb end,
        case st.state when 'rejected' then ${causeCase(1)} when 'expired' then 'OPEN_EXPIRED|status=on-hold' end,
        case st.state when 'rejected' then 1 end,
        case when st.state in ('rejected', 'transferred') then 1 else 0 end
      from generate_series(${sql.raw(String(from))}, ${sql.raw(String(to))}) g
      cross join lateral (select ${now.toISOString()}::timestamptz - (${sql.raw(String(n))} - g) * ${sql.raw(String(spanMs / n))}::float8 * interval '1 millisecond' as at) t
      cross join lateral (select ${state} as state) s0
      cross join lateral (select s0.state, case when s0.state in ('open', 'expired') then 'on-hold' else 'completed' end as shop_status) st
      returning id, koppeling_id, number, state, total_cents, tax_cents, state_changed_at, error_code, error_message
    ), product_lines as (
      insert into sale_lines (sale_id, position, kind, description, sku, quantity, total_excl_cents, tax_cents, vat_rate_bp)
      select id, 0, 'product', 'Geurkaars', 'GK-1', '1', total_cents - tax_cents - case when id % 3 = 0 then 500 else 0 end,
        tax_cents - case when id % 3 = 0 then 105 else 0 end, 2100
      from s
    ), shipping_lines as (
      insert into sale_lines (sale_id, position, kind, description, quantity, total_excl_cents, tax_cents, vat_rate_bp)
      select id, 1, 'shipping', 'Verzending', '1', 500, 105, 2100 from s where id % 3 = 0
    ), booked as (
      insert into transfers (sale_id, koppeling_id, reference, document_id, debtor_id, total_cents, transferred_at)
      select id, koppeling_id, number, (400000000000000000 + id)::text, '500000000000000001', total_cents, state_changed_at
      from s where state = 'transferred'
    ), attempts as (
      insert into transfer_attempts (sale_id, koppeling_id, trigger, started_at, finished_at, outcome, error_code, message, http_status)
      select id, koppeling_id, 'sync', state_changed_at, state_changed_at, case state when 'transferred' then 'transferred' else 'rejected' end,
        error_code, error_message, case when error_code = 'DUPLICATE_NUMBER' then 422 end
      from s where state in ('transferred', 'rejected')
    )
    select count(*) from s`;
}

/** `perDay` succeeded runs a day over `days` days, the last one just now. */
function syncRunsStatement(koppelingId: string, days: number, perDay: number, now: Date): SQL {
  const runs = days * perDay;
  return sql`
    insert into sync_runs (koppeling_id, trigger, started_at, finished_at, status, fetched, transferred, cursor)
    select ${koppelingId}, 'schedule', at, at + interval '20 seconds', 'succeeded', 3, 3, at
    from generate_series(1, ${sql.raw(String(runs))}) r
    cross join lateral (select ${now.toISOString()}::timestamptz - (${sql.raw(String(runs))} - r) * ${sql.raw(String(86_400_000 / perDay))}::float8 * interval '1 millisecond' - interval '1 minute' as at) t`;
}
