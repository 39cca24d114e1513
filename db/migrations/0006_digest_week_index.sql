DROP INDEX "transfers_koppeling_at";--> statement-breakpoint
CREATE INDEX "transfers_koppeling_week" ON "transfers" USING btree ("koppeling_id","transferred_at","total_cents");