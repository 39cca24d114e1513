ALTER TABLE "subscriptions" ALTER COLUMN "time_zone" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "time_zone" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "transfer_attempts_auto_retry" ON "transfer_attempts" USING btree ("koppeling_id","finished_at") WHERE "transfer_attempts"."trigger" = 'auto_retry';--> statement-breakpoint
CREATE INDEX "transfers_koppeling_at" ON "transfers" USING btree ("koppeling_id","transferred_at");