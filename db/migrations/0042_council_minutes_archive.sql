-- Council minutes reach the archive (issue #13 § 7): one transfer row per closed sitting, written
-- in the transaction that closes it (transactional outbox), then delivered to the archive Worker's
-- deposit RPC, retried until it is sealed. The secretariat sees its state on the sitting.
CREATE TABLE "council_minutes_transfers" (
	"sitting_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"closed_by" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deposit_id" uuid,
	"deposit_reference" text,
	"unit_reference" text,
	"seal_seq" bigint,
	"deposited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_minutes_transfers_status" CHECK ("council_minutes_transfers"."status" IN ('pending', 'deposited')),
	CONSTRAINT "council_minutes_transfers_deposited" CHECK (("council_minutes_transfers"."status" = 'deposited') = ("council_minutes_transfers"."deposit_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "council_minutes_transfers" ADD CONSTRAINT "council_minutes_transfers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "council_minutes_transfers" ADD CONSTRAINT "council_minutes_transfers_sitting_id_council_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."council_sittings"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "council_minutes_transfers_due_idx" ON "council_minutes_transfers" USING btree ("tenant_id", "status", "next_attempt_at");
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_minutes_transfers', 'own');
--> statement-breakpoint
-- A deposit made by another module over RPC carries the module's message identifier: one deposit
-- per identifier and tenant, so a retried deposit finds the first one instead of making a second.
CREATE UNIQUE INDEX "archive_deposits_service_message_unique" ON "archive_deposits" USING btree ("tenant_id", "message_identifier") WHERE "archive_deposits"."source" = 'service';
