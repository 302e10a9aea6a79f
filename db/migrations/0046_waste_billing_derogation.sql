ALTER TABLE "waste_billing_runs" ADD COLUMN "derogation_deliberation" text;--> statement-breakpoint
ALTER TABLE "waste_billing_runs" ADD COLUMN "derogation_voted_on" date;--> statement-breakpoint
-- A run whose incentive share is outside 10–45 % (CGI art. 1522 bis) carries the deliberation that
-- decides otherwise. NOT VALID: runs frozen before this rule keep their history; every new run is checked.
ALTER TABLE "waste_billing_runs" ADD CONSTRAINT "waste_billing_runs_share_or_derogation" CHECK ("share_within_limits" OR (length(trim("derogation_deliberation")) BETWEEN 1 AND 200 AND "derogation_voted_on" IS NOT NULL)) NOT VALID;
