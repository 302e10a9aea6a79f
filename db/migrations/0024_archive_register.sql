CREATE TABLE "archive_audits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"objects_checked" integer NOT NULL,
	"objects_failed" integer NOT NULL,
	"chain_ok" boolean NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_deposits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"message_identifier" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"transferring_agency" text NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"depositor_kind" text NOT NULL,
	"depositor_id" text,
	"reply_xml" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "archive_deposits_reference_unique" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "archive_disposal_units" (
	"tenant_id" uuid NOT NULL,
	"disposal_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "archive_disposal_units_disposal_id_unit_id_pk" PRIMARY KEY("disposal_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "archive_disposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"status" text DEFAULT 'decided' NOT NULL,
	"reason" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"visa_authority" text,
	"visa_by" text,
	"visa_reference" text,
	"visa_comment" text,
	"visa_at" timestamp with time zone,
	"executed_at" timestamp with time zone,
	"certificate" jsonb,
	"certificate_sha256" char(64),
	CONSTRAINT "archive_disposals_reference_unique" UNIQUE("tenant_id","reference"),
	CONSTRAINT "archive_disposals_visa" CHECK ("archive_disposals"."status" IN ('decided') OR ("archive_disposals"."visa_at" IS NOT NULL AND "archive_disposals"."visa_by" IS NOT NULL AND "archive_disposals"."visa_authority" IS NOT NULL)),
	CONSTRAINT "archive_disposals_two_people" CHECK ("archive_disposals"."visa_by" IS NULL OR "archive_disposals"."visa_by" <> "archive_disposals"."decided_by")
);
--> statement-breakpoint
CREATE TABLE "archive_journal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"tsa_token" text,
	CONSTRAINT "archive_journal_tenant_seq" UNIQUE("tenant_id","seq")
);
--> statement-breakpoint
CREATE TABLE "archive_objects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha512" char(128),
	"sha256" char(64),
	"declared_sha512" char(128),
	"r2_key" text,
	"mime_type" text,
	"puid" text,
	"format_name" text,
	"stored_at" timestamp with time zone,
	"destroyed_at" timestamp with time zone,
	"disposal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_objects_sha512" CHECK ("archive_objects"."sha512" IS NULL OR "archive_objects"."sha512" ~ '^[0-9a-f]{128}$'),
	CONSTRAINT "archive_objects_stored" CHECK (("archive_objects"."stored_at" IS NULL) = ("archive_objects"."sha512" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "archive_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"duration_years" integer NOT NULL,
	"final_action" text,
	"basis" text DEFAULT 'start_date' NOT NULL,
	"legal_reference" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_rules_code_unique" UNIQUE("tenant_id","code"),
	CONSTRAINT "archive_rules_final_action" CHECK (("archive_rules"."kind" = 'appraisal') = ("archive_rules"."final_action" IS NOT NULL)),
	CONSTRAINT "archive_rules_duration" CHECK ("archive_rules"."duration_years" BETWEEN 0 AND 200)
);
--> statement-breakpoint
CREATE TABLE "archive_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"deposit_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"originating_agency" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"profile" text DEFAULT 'generic' NOT NULL,
	"document_type" text,
	"agent_name" text,
	"agent_birth_date" date,
	"agent_death_date" date,
	"appraisal_rule" text NOT NULL,
	"appraisal_start_date" date NOT NULL,
	"dua_end" date NOT NULL,
	"final_action" text NOT NULL,
	"access_rule" text NOT NULL,
	"communicable_from" date NOT NULL,
	"legal_hold" boolean DEFAULT false NOT NULL,
	"legal_hold_reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"sealed_at" timestamp with time zone,
	"destroyed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_units_reference_unique" UNIQUE("tenant_id","reference"),
	CONSTRAINT "archive_units_hr" CHECK ("archive_units"."profile" <> 'hr_agent' OR ("archive_units"."agent_name" IS NOT NULL AND "archive_units"."agent_birth_date" IS NOT NULL AND "archive_units"."document_type" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "archive_audits" ADD CONSTRAINT "archive_audits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_audits" ADD CONSTRAINT "archive_audits_unit_id_archive_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."archive_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_deposits" ADD CONSTRAINT "archive_deposits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposal_units" ADD CONSTRAINT "archive_disposal_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposal_units" ADD CONSTRAINT "archive_disposal_units_disposal_id_archive_disposals_id_fk" FOREIGN KEY ("disposal_id") REFERENCES "public"."archive_disposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposal_units" ADD CONSTRAINT "archive_disposal_units_unit_id_archive_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."archive_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD CONSTRAINT "archive_disposals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_journal" ADD CONSTRAINT "archive_journal_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_objects" ADD CONSTRAINT "archive_objects_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_objects" ADD CONSTRAINT "archive_objects_unit_id_archive_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."archive_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_rules" ADD CONSTRAINT "archive_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_units" ADD CONSTRAINT "archive_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_units" ADD CONSTRAINT "archive_units_deposit_id_archive_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."archive_deposits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_audits_tenant_idx" ON "archive_audits" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "archive_disposal_units_unit_idx" ON "archive_disposal_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "archive_journal_target_idx" ON "archive_journal" USING btree ("tenant_id","target");--> statement-breakpoint
CREATE INDEX "archive_objects_unit_idx" ON "archive_objects" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "archive_objects_key_idx" ON "archive_objects" USING btree ("r2_key");--> statement-breakpoint
CREATE INDEX "archive_units_deposit_idx" ON "archive_units" USING btree ("deposit_id");--> statement-breakpoint
CREATE INDEX "archive_units_dua_idx" ON "archive_units" USING btree ("tenant_id","status","dua_end");