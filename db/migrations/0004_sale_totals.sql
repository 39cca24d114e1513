CREATE TABLE "cause_totals" (
	"koppeling_id" uuid NOT NULL,
	"cause" text NOT NULL,
	"state" text NOT NULL,
	"sales" bigint DEFAULT 0 NOT NULL,
	"cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "cause_totals_koppeling_id_cause_state_pk" PRIMARY KEY("koppeling_id","cause","state")
);
--> statement-breakpoint
CREATE TABLE "sale_totals" (
	"koppeling_id" uuid NOT NULL,
	"state" text NOT NULL,
	"sales" bigint DEFAULT 0 NOT NULL,
	"cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sale_totals_koppeling_id_state_pk" PRIMARY KEY("koppeling_id","state")
);
--> statement-breakpoint
ALTER TABLE "cause_totals" ADD CONSTRAINT "cause_totals_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_totals" ADD CONSTRAINT "sale_totals_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_koppeling_created" ON "sales" USING btree ("koppeling_id","created_in_shop_at","id");--> statement-breakpoint
CREATE INDEX "sales_fouten_cause_created" ON "sales" USING btree ("koppeling_id",coalesce(fingerprint, error_code, 'UNKNOWN'),"created_in_shop_at","id") WHERE state in ('rejected', 'expired');--> statement-breakpoint
CREATE INDEX "sales_fouten_cause_failed" ON "sales" USING btree ("koppeling_id",coalesce(fingerprint, error_code, 'UNKNOWN'),"state_changed_at") WHERE state in ('rejected', 'expired');--> statement-breakpoint
CREATE INDEX "sales_fouten_cause_version" ON "sales" USING btree ("koppeling_id",coalesce(fingerprint, error_code, 'UNKNOWN'),"failed_config_version") WHERE state in ('rejected', 'expired');--> statement-breakpoint
CREATE INDEX "sales_fouten_cause_changed" ON "sales" USING btree ("koppeling_id",coalesce(fingerprint, error_code, 'UNKNOWN')) WHERE "sales"."state" in ('rejected', 'expired') and "sales"."modified_in_shop_at" > "sales"."state_changed_at";--> statement-breakpoint
-- Written by hand (drizzle-kit cannot express triggers): sale_totals and cause_totals follow every
-- change of sales in the same transaction. Statement triggers with transition tables: one upsert per
-- statement, not per row, and counters touched in key order so that concurrent writers cannot deadlock.
CREATE FUNCTION sale_totals_apply_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sale_totals AS t (koppeling_id, state, sales, cents)
    SELECT koppeling_id, state, count(*), sum(total_cents) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (koppeling_id, state) DO UPDATE SET sales = t.sales + excluded.sales, cents = t.cents + excluded.cents;
  INSERT INTO cause_totals AS t (koppeling_id, cause, state, sales, cents)
    SELECT koppeling_id, coalesce(fingerprint, error_code, 'UNKNOWN'), state, count(*), sum(total_cents)
    FROM new_rows WHERE state IN ('rejected', 'expired') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (koppeling_id, cause, state) DO UPDATE SET sales = t.sales + excluded.sales, cents = t.cents + excluded.cents;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION sale_totals_apply_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sale_totals AS t (koppeling_id, state, sales, cents)
    SELECT koppeling_id, state, sum(n), sum(c) FROM (
      SELECT koppeling_id, state, -1 AS n, -total_cents AS c FROM old_rows
      UNION ALL SELECT koppeling_id, state, 1, total_cents FROM new_rows
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(c) <> 0 ORDER BY 1, 2
    ON CONFLICT (koppeling_id, state) DO UPDATE SET sales = t.sales + excluded.sales, cents = t.cents + excluded.cents;
  INSERT INTO cause_totals AS t (koppeling_id, cause, state, sales, cents)
    SELECT koppeling_id, cause, state, sum(n), sum(c) FROM (
      SELECT koppeling_id, coalesce(fingerprint, error_code, 'UNKNOWN') AS cause, state, -1 AS n, -total_cents AS c
      FROM old_rows WHERE state IN ('rejected', 'expired')
      UNION ALL SELECT koppeling_id, coalesce(fingerprint, error_code, 'UNKNOWN'), state, 1, total_cents
      FROM new_rows WHERE state IN ('rejected', 'expired')
    ) d GROUP BY 1, 2, 3 HAVING sum(n) <> 0 OR sum(c) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (koppeling_id, cause, state) DO UPDATE SET sales = t.sales + excluded.sales, cents = t.cents + excluded.cents;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A koppeling being deleted takes its totals with it (cascade); only surviving koppelingen are counted down.
CREATE FUNCTION sale_totals_apply_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sale_totals t SET sales = t.sales - d.n, cents = t.cents - d.c
    FROM (SELECT koppeling_id, state, count(*) AS n, sum(total_cents) AS c FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2) d
    WHERE t.koppeling_id = d.koppeling_id AND t.state = d.state;
  UPDATE cause_totals t SET sales = t.sales - d.n, cents = t.cents - d.c
    FROM (
      SELECT koppeling_id, coalesce(fingerprint, error_code, 'UNKNOWN') AS cause, state, count(*) AS n, sum(total_cents) AS c
      FROM old_rows WHERE state IN ('rejected', 'expired') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ) d
    WHERE t.koppeling_id = d.koppeling_id AND t.cause = d.cause AND t.state = d.state;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sales_totals_insert AFTER INSERT ON sales REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sale_totals_apply_insert();
--> statement-breakpoint
CREATE TRIGGER sales_totals_update AFTER UPDATE ON sales REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sale_totals_apply_update();
--> statement-breakpoint
CREATE TRIGGER sales_totals_delete AFTER DELETE ON sales REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sale_totals_apply_delete();
--> statement-breakpoint
-- Backfill: the totals of the sales that exist already.
INSERT INTO sale_totals (koppeling_id, state, sales, cents)
  SELECT koppeling_id, state, count(*), sum(total_cents) FROM sales GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO cause_totals (koppeling_id, cause, state, sales, cents)
  SELECT koppeling_id, coalesce(fingerprint, error_code, 'UNKNOWN'), state, count(*), sum(total_cents)
  FROM sales WHERE state IN ('rejected', 'expired') GROUP BY 1, 2, 3;
