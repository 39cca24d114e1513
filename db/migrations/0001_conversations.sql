CREATE TABLE "chat_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"place" text NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"linked_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"place" text NOT NULL,
	"user_id" text NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"flow" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"slug" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector(case when language = 'nl' then 'dutch'::regconfig else 'english'::regconfig end, title || ' ' || keywords), 'A') || setweight(to_tsvector(case when language = 'nl' then 'dutch'::regconfig else 'english'::regconfig end, body), 'B')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"place" text NOT NULL,
	"user_id" text NOT NULL,
	"koppeling_id" uuid,
	"action" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_links" ADD CONSTRAINT "chat_links_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_actions" ADD CONSTRAINT "pending_actions_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_links_place" ON "chat_links" USING btree ("platform","place");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_key" ON "conversations" USING btree ("platform","place","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_articles_slug_language" ON "knowledge_articles" USING btree ("slug","language");--> statement-breakpoint
CREATE INDEX "knowledge_articles_search" ON "knowledge_articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "pending_actions_place" ON "pending_actions" USING btree ("platform","place","user_id");