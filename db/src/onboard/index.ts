/**
 * Onboarding an intercommunality and its member communes by the EPCI's SIREN, from the national
 * administrative division (ADR 0023). `npm run tenant:add` is its command line; the seed goes
 * through the same writer (`applyPlan`).
 */
import type pg from "pg";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";
import { loadTerritoryData } from "../seed/territory-data.ts";
import { upsertCompetences } from "../seed/seed.ts";
import { applyPlan } from "./apply.ts";
import { readBoundaries, withBoundaries } from "./boundaries.ts";
import { inviteAdmin } from "./invite.ts";
import { planFromNationalDivision } from "./national.ts";
import { OnboardingError, type OnboardingReport } from "./plan.ts";
import { errorText } from "./messages.fr.ts";

export { OnboardingError } from "./plan.ts";
export type { OnboardingReport } from "./plan.ts";
export { formatReport } from "./report.ts";

export interface OnboardOptions {
  siren: string;
  /** A GeoJSON FeatureCollection of commune outlines, matched by INSEE code. */
  boundaries?: string;
  admin?: { email: string; displayName?: string };
  /** Public origin of the site, for the invitation's link. */
  origin: string;
  slug?: string;
  name?: string;
  /** Short name ("CCLVD"), shown in headings and links; the full name is used where there is none. */
  shortName?: string;
  /** Replaces the default list (the seed manifest's for an EPCI it knows, else those the law transfers to every EPCI). */
  competences?: string[];
}

/** Onboards (or brings up to date) one EPCI and its communes, in one transaction: all or nothing. */
export async function onboardEpci(pool: pg.Pool, opts: OnboardOptions): Promise<OnboardingReport> {
  const seedData = loadTerritoryData();
  const known = seedData.epcis.find((e) => e.siren === opts.siren);
  const competences = opts.competences ?? known?.transferredCompetences ?? seedData.competences.filter((c) => c.mandatoryForEpci).map((c) => c.code);
  let plan = planFromNationalDivision(opts.siren, { competences, name: opts.name, slug: opts.slug });
  if (opts.shortName !== undefined) plan = { ...plan, epci: { ...plan.epci, shortName: opts.shortName.trim() } };
  if (opts.boundaries) plan = withBoundaries(plan, readBoundaries(opts.boundaries), opts.boundaries);
  // An EPCI the seed files describe gets their slug and usage name when it is new to the database.
  if (known) plan = { ...plan, epci: { ...plan.epci, suggested: { slug: known.slug, name: known.usageName, shortName: known.shortName } } };
  const db = drizzle(pool, { schema });
  try {
    return await db.transaction(async (tx) => {
      const catalogue = await upsertCompetences(tx, seedData.competences);
      const report: OnboardingReport = await applyPlan(tx, plan);
      report.changes += catalogue;
      if (opts.admin) {
        report.invitation = await inviteAdmin(tx, {
          tenant: report.epci,
          email: opts.admin.email,
          displayName: opts.admin.displayName,
          origin: opts.origin,
        });
        if (report.invitation.sent) report.changes++;
      }
      await tx.execute(sql`SELECT set_config('app.tenant_id', '', true)`);
      return report;
    });
  } catch (err) {
    throw explain(err);
  }
}

/** Database failures the operator can act on, in French; anything else goes up as it is. */
function explain(err: unknown): unknown {
  if (err instanceof OnboardingError) return err;
  const cause = err instanceof Error && err.cause && typeof err.cause === "object" ? err.cause : err;
  const code = cause && typeof cause === "object" && "code" in cause ? String((cause as { code: unknown }).code) : "";
  if (code === "42P01" || code === "42703") return new OnboardingError(errorText.databaseNotReady);
  if (code === "ECONNREFUSED" || code.startsWith("08") || code === "28P01" || code === "3D000") {
    return new OnboardingError(errorText.databaseUnreachable((cause as Error).message));
  }
  return err;
}
