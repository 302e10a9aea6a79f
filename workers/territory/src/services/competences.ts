/**
 * Who holds a competence for a commune. General clause: a commune holds every competence it has
 * not transferred; its EPCI holds those recorded in competence_transfers (tenant-owned by the EPCI,
 * readable by its member communes through RLS).
 */
import { and, asc, eq } from "drizzle-orm";
import { competences, competenceTransfers, tenants } from "@communa/db";
import { notFound, type Db, type Tenant } from "@communa/core";
import { notFoundText } from "../messages.fr.ts";

export interface Holder {
  competence: { code: string; label: string };
  commune: { insee: string; name: string; slug: string };
  holder: { kind: "epci" | "commune"; slug: string; name: string; siren: string };
}

export async function holderOf({ db, competence, insee }: { db: Db; competence: string; insee: string }): Promise<Holder> {
  const [commune] = await db.reference((tx) =>
    tx
      .select()
      .from(tenants)
      .where(and(eq(tenants.insee, insee), eq(tenants.kind, "commune")))
      .limit(1),
  );
  if (!commune) throw notFound(notFoundText.communeUnknown(insee));
  return db.withTenant(commune.id, async (tx) => {
    const [comp] = await tx.select().from(competences).where(eq(competences.code, competence)).limit(1);
    if (!comp) throw notFound(notFoundText.competenceUnknown(competence));
    const parent = commune.parentId ? (await tx.select().from(tenants).where(eq(tenants.id, commune.parentId)).limit(1))[0] : undefined;
    const transferred =
      parent &&
      (
        await tx
          .select()
          .from(competenceTransfers)
          .where(and(eq(competenceTransfers.tenantId, parent.id), eq(competenceTransfers.competenceCode, comp.code)))
          .limit(1)
      ).length > 0;
    const h = transferred && parent ? parent : commune;
    return {
      competence: { code: comp.code, label: comp.label },
      commune: { insee, name: commune.name, slug: commune.slug },
      holder: { kind: h.kind, slug: h.slug, name: h.name, siren: h.siren },
    };
  });
}

/** Every competence with, for this tenant, whether the EPCI or the commune holds it. */
export async function competenceTable({ db, tenant }: { db: Db; tenant: Tenant }) {
  const epciId = tenant.kind === "epci" ? tenant.id : tenant.parentId;
  return db.withTenant(tenant.id, async (tx) => {
    const all = await tx.select().from(competences).orderBy(asc(competences.label));
    const transfers = epciId ? await tx.select().from(competenceTransfers).where(eq(competenceTransfers.tenantId, epciId)) : [];
    const held = new Map(transfers.map((t) => [t.competenceCode, t]));
    return all.map((c) => ({
      code: c.code,
      label: c.label,
      heldBy: held.has(c.code) ? ("epci" as const) : ("commune" as const),
      since: held.get(c.code)?.since ?? null,
    }));
  });
}
