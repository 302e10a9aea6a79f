/**
 * The tenant's dated recruitment parameters: the minimum time a notice is public before an
 * appointment and the notice of a contract renewal, each with the text it comes from. The law and
 * case law change and sources disagree (research §8: about 2 months is « reasonable »), so each
 * value is a row valid from a day; without one, the default below applies, its source said.
 */
import { and, desc, eq, lte } from "drizzle-orm";
import { recruitmentParameters } from "@communa/db";
import type { Db, TrustedContext, Tx } from "@communa/core";
import { parisDay } from "@communa/core/time";
import { m } from "../messages.fr.ts";

export interface Parameters {
  validFrom: string;
  minPublicationDays: number;
  renewalNoticeDays: number;
  source: string;
  scanUrl: string | null;
}

export const DEFAULT_PARAMETERS: Parameters = {
  validFrom: "2018-12-28",
  minPublicationDays: 60,
  renewalNoticeDays: 90,
  source: m.defaultSource,
  scanUrl: null,
};

/** The parameters in force on `day` (Paris). */
export async function parametersOn(tx: Tx, tenantId: string, day: string): Promise<Parameters> {
  const [row] = await tx
    .select()
    .from(recruitmentParameters)
    .where(and(eq(recruitmentParameters.tenantId, tenantId), lte(recruitmentParameters.validFrom, day)))
    .orderBy(desc(recruitmentParameters.validFrom))
    .limit(1);
  if (!row) return DEFAULT_PARAMETERS;
  return {
    validFrom: row.validFrom,
    minPublicationDays: row.minPublicationDays,
    renewalNoticeDays: row.renewalNoticeDays,
    source: row.source,
    scanUrl: row.scanUrl,
  };
}

export async function currentParameters({ db, ctx, now = Date.now() }: { db: Db; ctx: TrustedContext; now?: number }) {
  return db.withTenant(ctx.tenant.id, (tx) => parametersOn(tx, ctx.tenant.id, parisDay(now)));
}

/** Records parameters valid from a day (a later row for the same day replaces it). */
export async function setParameters({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: Parameters }) {
  return db.write(ctx, async (tx, journal) => {
    const values = { tenantId: ctx.tenant.id, ...input };
    await tx
      .insert(recruitmentParameters)
      .values(values)
      .onConflictDoUpdate({ target: [recruitmentParameters.tenantId, recruitmentParameters.validFrom], set: { ...input } });
    await journal({ action: "recruitment.parameters.set", target: `recruitment_parameters/${input.validFrom}`, summary: { ...input } });
    return input;
  });
}
