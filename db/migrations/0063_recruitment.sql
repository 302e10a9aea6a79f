CREATE TABLE "recruitment_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"full_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"postal_address" text,
	"summary" text NOT NULL,
	"channel" text DEFAULT 'site' NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"keep_consent" boolean,
	"last_contact_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reasked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_applications_number_unique" UNIQUE("vacancy_id","number")
);
--> statement-breakpoint
CREATE TABLE "recruitment_declarations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"motive" text NOT NULL,
	"cadre_emplois" text NOT NULL,
	"grade" text,
	"cdg_reference" text NOT NULL,
	"declared_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_declarations_vacancy_id_unique" UNIQUE("vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "recruitment_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"object_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_files_kind_unique" UNIQUE("application_id","kind")
);
--> statement-breakpoint
CREATE TABLE "recruitment_interviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"visio_url" text,
	"sequence" smallint DEFAULT 0 NOT NULL,
	"ics" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_interviews_range" CHECK ("recruitment_interviews"."starts_at" < "recruitment_interviews"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "recruitment_link_keys" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"key" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"stage" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_parameters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"min_publication_days" smallint NOT NULL,
	"renewal_notice_days" smallint NOT NULL,
	"source" text NOT NULL,
	"scan_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_parameters_day_unique" UNIQUE("tenant_id","valid_from"),
	CONSTRAINT "recruitment_parameters_days" CHECK ("recruitment_parameters"."min_publication_days" BETWEEN 0 AND 365 AND "recruitment_parameters"."renewal_notice_days" BETWEEN 1 AND 365)
);
--> statement-breakpoint
CREATE TABLE "recruitment_publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recruitment_publications_channel_unique" UNIQUE("vacancy_id","channel")
);
--> statement-breakpoint
CREATE TABLE "recruitment_scores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"jury_member_id" text NOT NULL,
	"criterion" text NOT NULL,
	"score" smallint NOT NULL,
	"reason" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_scores_unique" UNIQUE("application_id","jury_member_id","criterion"),
	CONSTRAINT "recruitment_scores_range" CHECK ("recruitment_scores"."score" BETWEEN 0 AND 5)
);
--> statement-breakpoint
CREATE TABLE "recruitment_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_tasks_unique" UNIQUE("vacancy_id","kind","due_on")
);
--> statement-breakpoint
CREATE TABLE "recruitment_vacancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"versant" text NOT NULL,
	"nature" text NOT NULL,
	"category" char(1) NOT NULL,
	"cadre_emplois" text NOT NULL,
	"grade" text,
	"recruiting_authority" text NOT NULL,
	"structure" text NOT NULL,
	"job_reference" text NOT NULL,
	"missions" text NOT NULL,
	"profile" text NOT NULL,
	"specific_conditions" text,
	"title" text NOT NULL,
	"location" text NOT NULL,
	"commune_insee" char(5),
	"vacancy_date" date NOT NULL,
	"application_authority" text NOT NULL,
	"application_deadline" date NOT NULL,
	"employment_type" text NOT NULL,
	"contract_end_date" date,
	"salary_min_cents" integer,
	"salary_max_cents" integer,
	"stages" text[] NOT NULL,
	"criteria" text[] NOT NULL,
	"blind_screening" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_vacancies_reference_unique" UNIQUE("tenant_id","reference"),
	CONSTRAINT "recruitment_vacancies_salary" CHECK ("recruitment_vacancies"."salary_min_cents" IS NULL OR "recruitment_vacancies"."salary_max_cents" IS NULL OR "recruitment_vacancies"."salary_min_cents" <= "recruitment_vacancies"."salary_max_cents")
);
--> statement-breakpoint
ALTER TABLE "recruitment_applications" ADD CONSTRAINT "recruitment_applications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_applications" ADD CONSTRAINT "recruitment_applications_vacancy_id_recruitment_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."recruitment_vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_declarations" ADD CONSTRAINT "recruitment_declarations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_declarations" ADD CONSTRAINT "recruitment_declarations_vacancy_id_recruitment_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."recruitment_vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_files" ADD CONSTRAINT "recruitment_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_files" ADD CONSTRAINT "recruitment_files_application_id_recruitment_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recruitment_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_interviews" ADD CONSTRAINT "recruitment_interviews_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_interviews" ADD CONSTRAINT "recruitment_interviews_application_id_recruitment_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recruitment_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_link_keys" ADD CONSTRAINT "recruitment_link_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_notes" ADD CONSTRAINT "recruitment_notes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_notes" ADD CONSTRAINT "recruitment_notes_application_id_recruitment_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recruitment_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_parameters" ADD CONSTRAINT "recruitment_parameters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_publications" ADD CONSTRAINT "recruitment_publications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_publications" ADD CONSTRAINT "recruitment_publications_vacancy_id_recruitment_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."recruitment_vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_scores" ADD CONSTRAINT "recruitment_scores_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_scores" ADD CONSTRAINT "recruitment_scores_application_id_recruitment_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recruitment_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_tasks" ADD CONSTRAINT "recruitment_tasks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_tasks" ADD CONSTRAINT "recruitment_tasks_vacancy_id_recruitment_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."recruitment_vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_vacancies" ADD CONSTRAINT "recruitment_vacancies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recruitment_applications_vacancy_idx" ON "recruitment_applications" USING btree ("vacancy_id","stage");