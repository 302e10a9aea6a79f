ALTER TABLE "council_agenda_items" ADD COLUMN "item_type" text DEFAULT 'deliberation' NOT NULL;--> statement-breakpoint
-- Issue #15 §2: the item type replaces the teleconference checkbox. Existing items: an appointment
-- becomes a designation of delegates, a motion kept out of multi-site sittings a primary budget.
UPDATE "council_agenda_items" SET "item_type" = CASE
  WHEN "kind" = 'appointment' THEN 'designation-delegues'
  WHEN "teleconference_excluded" THEN 'budget-primitif'
  ELSE 'deliberation' END;
