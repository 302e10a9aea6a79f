-- Signed checkpoints of the journals (ADR 0020): the platform audit journal's in audit_checkpoints
-- (signed by the identity Worker, anchored in R2), the sealed archive journal's in the audit
-- report that made it (archive_audits.checkpoint, anchored in the archive bucket under anchors/).
CREATE TABLE "audit_checkpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"hash" char(64) NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"reason" text NOT NULL,
	"anchor_key" text NOT NULL,
	CONSTRAINT "audit_checkpoints_tenant_seq" UNIQUE("tenant_id","seq")
);
--> statement-breakpoint
ALTER TABLE "archive_audits" ADD COLUMN "checkpoint" jsonb;--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.audit_checkpoints', 'own');
--> statement-breakpoint
-- Append-only for the application; the owner with triggers on is refused too.
REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_checkpoints FROM communa_app;
--> statement-breakpoint
CREATE FUNCTION app.refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_immutable BEFORE UPDATE OR DELETE ON public.audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION app.refuse_change('Point de contrôle du journal : il ne peut être ni modifié ni supprimé.');
--> statement-breakpoint
-- An integrity report, and the checkpoint it made, are kept as issued.
REVOKE UPDATE ON public.archive_audits FROM communa_app;
--> statement-breakpoint
CREATE TRIGGER archive_audits_immutable BEFORE UPDATE ON public.archive_audits
  FOR EACH ROW EXECUTE FUNCTION app.refuse_change('Rapport d’audit d’intégrité : il ne se modifie pas.');
