CREATE TABLE "security_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"on" date NOT NULL,
	"source" text NOT NULL,
	"label" text NOT NULL,
	"maturity" jsonb NOT NULL,
	"open_findings" integer NOT NULL,
	"overdue_findings" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"asset" text NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"measure" integer,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_findings_source_check" CHECK ("security_findings"."source" IN ('audit', 'monaidecyber', 'self')),
	CONSTRAINT "security_findings_severity_check" CHECK ("security_findings"."severity" IN ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "security_findings_status_check" CHECK ("security_findings"."status" IN ('open', 'in_progress', 'done', 'accepted')),
	CONSTRAINT "security_findings_closed_evidence" CHECK ("security_findings"."status" NOT IN ('done', 'accepted') OR ("security_findings"."evidence" <> '' AND "security_findings"."closed_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "security_homologations" (
	"tenant_id" uuid NOT NULL,
	"module" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"hosting" text DEFAULT '' NOT NULL,
	"extra_measures" text DEFAULT '' NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"authority" text DEFAULT '' NOT NULL,
	"decided_on" date,
	"expires_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_homologations_tenant_id_module_pk" PRIMARY KEY("tenant_id","module"),
	CONSTRAINT "security_homologations_decision_check" CHECK ("security_homologations"."decision" IN ('pending', 'granted', 'refused')),
	CONSTRAINT "security_homologations_decided" CHECK ("security_homologations"."decision" = 'pending' OR ("security_homologations"."decided_on" IS NOT NULL AND "security_homologations"."authority" <> ''))
);
--> statement-breakpoint
CREATE TABLE "security_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"personal_data" boolean NOT NULL,
	"nis2" boolean DEFAULT false NOT NULL,
	"cnil_notified_at" timestamp with time zone,
	"nis2_warning_at" timestamp with time zone,
	"nis2_notified_at" timestamp with time zone,
	"nis2_final_report_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_incidents_status_check" CHECK ("security_incidents"."status" IN ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "security_measure_status" (
	"tenant_id" uuid NOT NULL,
	"measure" integer NOT NULL,
	"status" text DEFAULT 'todo' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"next_review" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_measure_status_tenant_id_measure_pk" PRIMARY KEY("tenant_id","measure"),
	CONSTRAINT "security_measure_number" CHECK ("security_measure_status"."measure" BETWEEN 1 AND 42),
	CONSTRAINT "security_measure_status_check" CHECK ("security_measure_status"."status" IN ('todo', 'partial', 'done', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "security_processing_notes" (
	"tenant_id" uuid NOT NULL,
	"module" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"recipients" text DEFAULT '' NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_processing_notes_tenant_id_module_pk" PRIMARY KEY("tenant_id","module")
);
--> statement-breakpoint
ALTER TABLE "security_assessments" ADD CONSTRAINT "security_assessments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_findings" ADD CONSTRAINT "security_findings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_homologations" ADD CONSTRAINT "security_homologations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD CONSTRAINT "security_incidents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_measure_status" ADD CONSTRAINT "security_measure_status_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_processing_notes" ADD CONSTRAINT "security_processing_notes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "security_assessments_tenant_on_idx" ON "security_assessments" USING btree ("tenant_id","on");--> statement-breakpoint
CREATE INDEX "security_findings_tenant_due_idx" ON "security_findings" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "security_incidents_tenant_detected_idx" ON "security_incidents" USING btree ("tenant_id","detected_at");