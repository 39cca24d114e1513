CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"koppeling_id" uuid,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"side" text NOT NULL,
	"system" text NOT NULL,
	"base_url" text NOT NULL,
	"credentials_encrypted" text NOT NULL,
	"state" text DEFAULT 'unknown' NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_error_code" text,
	"last_error_detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "known_debtors" (
	"koppeling_id" uuid NOT NULL,
	"email" text NOT NULL,
	"debtor_id" text NOT NULL,
	"created_by_koppeling" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "koppeling_configs" (
	"koppeling_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"saved_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "koppelingen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"license_key_hash" text NOT NULL,
	"license_key_hint" text NOT NULL,
	"sales_system" text NOT NULL,
	"accounting_system" text NOT NULL,
	"installed_at" timestamp with time zone NOT NULL,
	"cadence" text DEFAULT 'hourly' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "koppelingen_license_key_hash_unique" UNIQUE("license_key_hash")
);
--> statement-breakpoint
CREATE TABLE "problem_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"error_code" text NOT NULL,
	"sale_id" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"bundle" jsonb NOT NULL,
	"note" text,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"reported_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_reports_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "sale_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sale_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"sku" text,
	"quantity" text NOT NULL,
	"total_excl_cents" bigint NOT NULL,
	"tax_cents" bigint NOT NULL,
	"vat_rate_bp" integer
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"shop_status" text NOT NULL,
	"state" text NOT NULL,
	"created_in_shop_at" timestamp with time zone NOT NULL,
	"modified_in_shop_at" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"currency" text NOT NULL,
	"prices_include_tax" boolean NOT NULL,
	"total_cents" bigint NOT NULL,
	"tax_cents" bigint NOT NULL,
	"customer_email" text,
	"customer_name" text NOT NULL,
	"customer_company" text,
	"customer_country" text,
	"customer_vat_number" text,
	"customer_address" jsonb,
	"payment_method" text,
	"error_code" text,
	"error_class" text,
	"error_message" text,
	"vendor_message" text,
	"error_facts" jsonb,
	"fingerprint" text,
	"failed_config_version" integer,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"auto_retry_count" integer DEFAULT 0 NOT NULL,
	"next_retry_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"fetched" integer DEFAULT 0 NOT NULL,
	"transferred" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"cursor" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "transfer_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sale_id" bigint NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text DEFAULT 'started' NOT NULL,
	"error_code" text,
	"message" text,
	"http_status" integer,
	"actor" text
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sale_id" bigint NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"document_id" text NOT NULL,
	"debtor_id" text,
	"total_cents" bigint NOT NULL,
	"recovered" boolean DEFAULT false NOT NULL,
	"transferred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_sale_id_unique" UNIQUE("sale_id")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_debtors" ADD CONSTRAINT "known_debtors_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_configs" ADD CONSTRAINT "koppeling_configs_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_reports" ADD CONSTRAINT "problem_reports_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_reports" ADD CONSTRAINT "problem_reports_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_attempts" ADD CONSTRAINT "transfer_attempts_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_koppeling_at" ON "audit_log" USING btree ("koppeling_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_koppeling_side" ON "connections" USING btree ("koppeling_id","side");--> statement-breakpoint
CREATE UNIQUE INDEX "known_debtors_koppeling_email" ON "known_debtors" USING btree ("koppeling_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_reports_one_open_per_cause" ON "problem_reports" USING btree ("koppeling_id","fingerprint") WHERE "problem_reports"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "sale_lines_sale_position" ON "sale_lines" USING btree ("sale_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_koppeling_external" ON "sales" USING btree ("koppeling_id","external_id");--> statement-breakpoint
CREATE INDEX "sales_koppeling_number" ON "sales" USING btree ("koppeling_id","number");--> statement-breakpoint
CREATE INDEX "sales_koppeling_state" ON "sales" USING btree ("koppeling_id","state","created_in_shop_at");--> statement-breakpoint
CREATE INDEX "sales_rejected_fingerprint" ON "sales" USING btree ("koppeling_id","fingerprint") WHERE "sales"."state" = 'rejected';--> statement-breakpoint
CREATE INDEX "sales_retry_due" ON "sales" USING btree ("next_retry_at") WHERE "sales"."next_retry_at" is not null;--> statement-breakpoint
CREATE INDEX "sync_runs_koppeling_started" ON "sync_runs" USING btree ("koppeling_id","started_at");--> statement-breakpoint
CREATE INDEX "transfer_attempts_sale" ON "transfer_attempts" USING btree ("sale_id","started_at");