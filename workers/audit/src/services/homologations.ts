/**
 * The homologation pack per online service (MonServiceSécurisé's description: data handled,
 * exposure, hosting; the measures in place), generated from the code and completed by the tenant,
 * and the decision of its authority with its expiry. An expired homologation says so (clock passed in).
 */
import { securityHomologations } from "@communa/db";
import type { Domain } from "@communa/db/ownership";
import { invalid, parisDay, type Db, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { HOSTING, MODULES, PLATFORM_MEASURES } from "./catalogue.ts";
import { dataHandledBy } from "./rgpd.ts";

type Row = typeof securityHomologations.$inferSelect;
export type Decision = Row["decision"];

export async function listHomologations({ db, ctx, now }: { db: Db; ctx: TrustedContext; now: Date }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(securityHomologations));
  const byModule = new Map(rows.map((r) => [r.module, r]));
  const today = parisDay(now);
  return {
    platformMeasures: [...PLATFORM_MEASURES],
    services: (Object.keys(MODULES) as Domain[]).map((module) => {
      const r = byModule.get(module);
      return {
        module,
        label: MODULES[module].label,
        exposure: MODULES[module].exposure,
        dataHandled: dataHandledBy(module),
        hosting: r?.hosting || HOSTING,
        description: r?.description ?? "",
        extraMeasures: r?.extraMeasures ?? "",
        decision: r?.decision ?? "pending",
        authority: r?.authority ?? "",
        decidedOn: r?.decidedOn ?? null,
        expiresOn: r?.expiresOn ?? null,
        expired: r?.decision === "granted" && !!r.expiresOn && r.expiresOn < today,
      };
    }),
  };
}

export interface HomologationInput {
  description: string;
  hosting: string;
  extraMeasures: string;
  decision: Decision;
  authority: string;
  decidedOn: string | null;
  expiresOn: string | null;
}

export async function saveHomologation({ db, ctx, module, input }: { db: Db; ctx: TrustedContext; module: Domain; input: HomologationInput }) {
  if (input.decision !== "pending" && (!input.authority.trim() || !input.decidedOn))
    throw invalid(undefined, [{ path: input.authority.trim() ? "body/decidedOn" : "body/authority", message: m.decisionNeedsAuthority }]);
  if (input.expiresOn && input.decidedOn && input.expiresOn <= input.decidedOn)
    throw invalid(undefined, [{ path: "body/expiresOn", message: m.expiryBeforeDecision }]);
  return db.write(ctx, async (tx, journal) => {
    const values = { ...input, updatedAt: new Date() };
    await tx
      .insert(securityHomologations)
      .values({ tenantId: ctx.tenant.id, module, ...values })
      .onConflictDoUpdate({ target: [securityHomologations.tenantId, securityHomologations.module], set: values });
    await journal({
      action: "audit.homologation.save",
      target: `security_homologations/${module}`,
      summary: { decision: input.decision, expiresOn: input.expiresOn },
    });
    return { module, ...input };
  });
}
