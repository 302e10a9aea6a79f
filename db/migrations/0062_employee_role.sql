-- The staff member who reads their own digital safe (issue #23): role employee.
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_format";--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_format" CHECK ("memberships"."role" ~ '^(admin|agent:[a-z-]+|archivist|archive_controller|councillor|council_president|merchant|resident|employee)$');