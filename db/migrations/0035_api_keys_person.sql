ALTER TABLE "api_keys" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "parent_key_id" uuid;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_parent_key_id_api_keys_id_fk" FOREIGN KEY ("parent_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_person_idx" ON "api_keys" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "api_keys_parent_idx" ON "api_keys" USING btree ("parent_key_id");--> statement-breakpoint
-- A key acts for a person (ADR 0008, "Keys act for a person"). Keys made before this migration:
-- the parent and the person come from `created_by`, which holds the creator's id (a person's or a
-- key's; anything else, such as a test actor's name, is left alone: the CASE keeps it from
-- being cast). Row-level security binds the owner too (FORCE), so each tenant is visited in turn, as
-- app.purge_expired() does. A key whose creator is neither (a test actor, a fixture) keeps no
-- person, and so no permission.
DO $$
DECLARE
  t record;
  n int;
  uuid_re constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    UPDATE public.api_keys k SET parent_key_id = p.id
      FROM public.api_keys p
     WHERE k.parent_key_id IS NULL AND p.id = CASE WHEN k.created_by ~* uuid_re THEN k.created_by::uuid END AND p.id <> k.id;
    UPDATE public.api_keys k SET person_id = pe.id
      FROM public.people pe
     WHERE k.person_id IS NULL AND k.parent_key_id IS NULL AND pe.id = CASE WHEN k.created_by ~* uuid_re THEN k.created_by::uuid END;
    -- A key created by a key acts for that key's person, whatever the depth of the old chains.
    LOOP
      UPDATE public.api_keys k SET person_id = p.person_id
        FROM public.api_keys p
       WHERE k.person_id IS NULL AND k.parent_key_id = p.id AND p.person_id IS NOT NULL;
      GET DIAGNOSTICS n = ROW_COUNT;
      EXIT WHEN n = 0;
    END LOOP;
    -- Open disposals decided with a key now name the key's person: the visa rule compares people.
    UPDATE public.archive_disposals d SET decided_by = 'person:' || k.person_id::text
      FROM public.api_keys k
     WHERE d.status = 'decided' AND d.decided_by = 'api-key:' || k.id::text AND k.person_id IS NOT NULL;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
