CREATE TABLE "chat_roles" (
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"user_id" text NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_roles_platform_workspace_user_id_koppeling_id_pk" PRIMARY KEY("platform","workspace","user_id","koppeling_id")
);
--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"subscription_id" bigint NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"posted_at" timestamp with time zone,
	"message" jsonb,
	"error" text,
	CONSTRAINT "digest_deliveries_subscription_id_period_start_pk" PRIMARY KEY("subscription_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"platform" text NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "processed_events_platform_event_id_pk" PRIMARY KEY("platform","event_id")
);
--> statement-breakpoint
CREATE TABLE "schedule_ticks" (
	"job" text NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "schedule_ticks_job_fire_at_pk" PRIMARY KEY("job","fire_at")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"place" text NOT NULL,
	"koppeling_id" uuid,
	"kind" text DEFAULT 'weekly' NOT NULL,
	"weekday" integer DEFAULT 1 NOT NULL,
	"hour" integer DEFAULT 9 NOT NULL,
	"minute" integer DEFAULT 0 NOT NULL,
	"time_zone" text DEFAULT 'Europe/Amsterdam' NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"created_by" text NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_reason" text,
	"last_causes" jsonb,
	"last_digest_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_posts" (
	"report_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"state" text NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"posted_at" timestamp with time zone,
	"message" jsonb,
	CONSTRAINT "support_posts_report_id_platform_pk" PRIMARY KEY("report_id","platform")
);
--> statement-breakpoint
ALTER TABLE "problem_reports" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "problem_reports" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chat_roles" ADD CONSTRAINT "chat_roles_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_posts" ADD CONSTRAINT "support_posts_report_id_problem_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."problem_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "processed_events_received" ON "processed_events" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_place_koppeling" ON "subscriptions" USING btree ("platform","place","kind");