/**
 * Establishments (SIRENE): checked SIRET (Luhn, the directory's rule, now in core), NAF code with
 * its nomenclature version, workforce band with its year, on one or several land units.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { economyEstablishments, economyEstablishmentTerrains, economyTerrains } from "@communa/db";
import { conflict, invalid, isSiret, normaliseSiret, notFound, type Db, type TrustedContext } from "@communa/core";
import { communeOf } from "./codes.ts";
import { establishmentView } from "./zones.ts";
import { m } from "../messages.fr.ts";

export interface EstablishmentInput {
  siret: string;
  legalName: string;
  name: string;
  legalCategory: string;
  naf: { code: string; version: "NAFRev2" | "NAF2025"; label: string };
  workforce: { code: string; year: number };
  headOffice?: boolean;
  createdOn: string;
  identifiedOn: string;
  closedOn?: string | null;
  communeInsee: string;
  address?: string;
  source: string;
  geocoding: string;
  points: unknown;
  publicDiffusion?: boolean;
  unitIds: string[];
}

const NAF = /^\d{2}\.?\d{2}[A-Z]$/;

export async function createEstablishment({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: EstablishmentInput }) {
  const siret = normaliseSiret(input.siret);
  const errors = [];
  if (!isSiret(siret)) errors.push({ path: "body/siret", message: m.siret });
  if (!NAF.test(input.naf.code)) errors.push({ path: "body/naf/code", message: m.naf });
  if (errors.length) throw invalid(undefined, errors);
  const commune = await communeOf(db, input.communeInsee, "body/communeInsee");
  return db.write(ctx, async (tx, journal) => {
    const [taken] = await tx.select({ id: economyEstablishments.id }).from(economyEstablishments).where(eq(economyEstablishments.siret, siret)).limit(1);
    if (taken) throw conflict(m.siretTaken);
    const unitIds = [...new Set(input.unitIds)];
    const units = await tx.select({ id: economyTerrains.id, code: economyTerrains.code }).from(economyTerrains).where(inArray(economyTerrains.id, unitIds));
    if (units.length !== unitIds.length) throw invalid(undefined, [{ path: "body/unitIds", message: m.unitsOfTenant }]);
    const [row] = await tx
      .insert(economyEstablishments)
      .values({
        tenantId: ctx.tenant.id,
        siret,
        legalName: input.legalName,
        name: input.name,
        legalCategory: input.legalCategory,
        nafCode: input.naf.code.replace(/^(\d{2})(\d{2})/, "$1.$2"),
        nafVersion: input.naf.version,
        nafLabel: input.naf.label,
        workforceCode: input.workforce.code,
        workforceYear: input.workforce.year,
        headOffice: input.headOffice ?? false,
        createdOn: input.createdOn,
        identifiedOn: input.identifiedOn,
        updatedOn: input.identifiedOn,
        closedOn: input.closedOn ?? null,
        communeInsee: commune.insee,
        communeName: commune.name,
        address: input.address ?? "",
        source: input.source,
        geocoding: input.geocoding,
        points: input.points,
        publicDiffusion: input.publicDiffusion ?? true,
      })
      .returning();
    await tx.insert(economyEstablishmentTerrains).values(unitIds.map((terrainId) => ({ tenantId: ctx.tenant.id, establishmentId: row.id, terrainId })));
    await journal({ action: "economy.establishment.create", target: `economy_establishments/${row.id}`, summary: { siret, units: units.map((u) => u.code) } });
    return establishmentView(
      row,
      units.map((u) => u.code),
    );
  });
}

export async function getEstablishment({ db, ctx, establishmentId }: { db: Db; ctx: TrustedContext; establishmentId: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [e] = await tx.select().from(economyEstablishments).where(eq(economyEstablishments.id, establishmentId)).limit(1);
    if (!e) throw notFound(m.noEstablishment);
    const units = await tx
      .select({ code: economyTerrains.code })
      .from(economyEstablishmentTerrains)
      .innerJoin(economyTerrains, eq(economyTerrains.id, economyEstablishmentTerrains.terrainId))
      .where(eq(economyEstablishmentTerrains.establishmentId, e.id))
      .orderBy(asc(economyTerrains.code));
    return establishmentView(
      e,
      units.map((u) => u.code),
    );
  });
}
