-- `people` is not tenant-owned: RLS stays on for the application role (a tenant sees its members
-- only), but the owner (migrations, the seed's demonstration accounts) is not held by it, so a
-- non-superuser owner such as Neon's can still load them.
ALTER TABLE public.people NO FORCE ROW LEVEL SECURITY;
