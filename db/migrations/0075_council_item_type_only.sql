-- Issue #15 §2: the type (0074) replaces the teleconference checkbox; the column goes.
ALTER TABLE "council_agenda_items" DROP COLUMN "teleconference_excluded";