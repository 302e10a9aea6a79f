CREATE TABLE "staff_access_journal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"document_id" uuid,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "staff_access_journal_seq_unique" UNIQUE("agent_id","seq"),
	CONSTRAINT "staff_access_journal_action" CHECK ("staff_access_journal"."action" IN ('list', 'view', 'download', 'export', 'acknowledge'))
);
--> statement-breakpoint
CREATE TABLE "staff_agents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"payroll_number" text NOT NULL,
	"person_id" text,
	"name" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"service" text DEFAULT '' NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"birth_year" integer NOT NULL,
	"departure_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_agents_payroll_unique" UNIQUE("tenant_id","payroll_number"),
	CONSTRAINT "staff_agents_person_unique" UNIQUE("tenant_id","person_id"),
	CONSTRAINT "staff_agents_birth_year" CHECK ("staff_agents"."birth_year" BETWEEN 1900 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "staff_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"period" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"pages" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"deposited_by" text NOT NULL,
	"deposited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_by" text,
	"validated_at" timestamp with time zone,
	"manifest" jsonb NOT NULL,
	CONSTRAINT "staff_batches_period" CHECK ("staff_batches"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "staff_batches_four_eyes" CHECK ("staff_batches"."validated_by" IS NULL OR "staff_batches"."validated_by" <> "staff_batches"."deposited_by")
);
--> statement-breakpoint
CREATE TABLE "staff_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"batch_id" uuid,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"period" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"r2_key" text NOT NULL,
	"wrapped_key" "bytea" NOT NULL,
	"key_iv" "bytea" NOT NULL,
	"key_version" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"replaces_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"deposited_by" text NOT NULL,
	"deposited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retain_until" date NOT NULL,
	"notification" text DEFAULT 'none' NOT NULL,
	"notified_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_via" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_documents_type" CHECK ("staff_documents"."type" IN ('payslip', 'decree', 'contract', 'training_certificate', 'other'))
);
--> statement-breakpoint
CREATE TABLE "staff_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"wrapped" "bytea" NOT NULL,
	"iv" "bytea" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "staff_keys_version_unique" UNIQUE("tenant_id","version")
);
--> statement-breakpoint
CREATE TABLE "staff_oppositions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"effective_from" date NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_oppositions_kind" CHECK ("staff_oppositions"."kind" IN ('notice', 'opposition', 'withdrawal'))
);
--> statement-breakpoint
CREATE TABLE "staff_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"opposition_enabled" boolean DEFAULT false NOT NULL,
	"rules_source" text DEFAULT '' NOT NULL,
	"rules_since" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_access_journal" ADD CONSTRAINT "staff_access_journal_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_access_journal" ADD CONSTRAINT "staff_access_journal_agent_id_staff_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_agents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_agents" ADD CONSTRAINT "staff_agents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_batches" ADD CONSTRAINT "staff_batches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_documents" ADD CONSTRAINT "staff_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_documents" ADD CONSTRAINT "staff_documents_agent_id_staff_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_agents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_documents" ADD CONSTRAINT "staff_documents_batch_id_staff_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."staff_batches"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_keys" ADD CONSTRAINT "staff_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_oppositions" ADD CONSTRAINT "staff_oppositions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_oppositions" ADD CONSTRAINT "staff_oppositions_agent_id_staff_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_agents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_settings" ADD CONSTRAINT "staff_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_documents_agent_idx" ON "staff_documents" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "staff_documents_batch_idx" ON "staff_documents" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "staff_oppositions_agent_idx" ON "staff_oppositions" USING btree ("agent_id");