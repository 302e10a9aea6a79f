/**
 * Land units (CNIG terrains): parcels, area, stages, occupancy history and declared disuse; their
 * owners, restricted — natural persons are personal data: every read is journalled, nothing of
 * them leaves through the open export or the zone sheet.
 */
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { economyOccupancies, economyOwners, economySites, economyTerrains, economyEstablishments } from "@communa/db";
import { conflict, invalid, isSiren, notFound, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { addYears } from "@communa/core/time";
import { cnigCode } from "./codes.ts";
import { parameterOn } from "./parameters.ts";
import { m } from "../messages.fr.ts";

export interface UnitFields {
  parcels: string[];
  grossHa: number;
  useful?: boolean;
  landControl: string;
  developmentStage: string;
  saleStage: string;
  occupancyState: string;
  use: string;
  cartofrichesUrl?: string | null;
  turnkey?: boolean | null;
  priceM2Cents?: number | null;
  geometry: unknown;
}

export interface UnitInput extends UnitFields {
  code?: string;
  identifiedOn: string;
}

const CARTOFRICHES = /^https:\/\/cartofriches\.cerema\.fr\//;

/** Parcels once each in the zone (a parcel belongs to one land unit). */
async function checkParcels(tx: WriteTx, siteId: string, parcels: string[], exceptUnit?: string) {
  const others = await tx
    .select({ parcels: economyTerrains.parcels })
    .from(economyTerrains)
    .where(exceptUnit ? and(eq(economyTerrains.siteId, siteId), ne(economyTerrains.id, exceptUnit)) : eq(economyTerrains.siteId, siteId));
  const used = new Set(others.flatMap((o) => o.parcels));
  const dup = parcels.find((p) => used.has(p));
  if (dup) throw conflict(m.parcelTwice(dup));
}

function checkFields(f: Partial<UnitFields>) {
  if (f.cartofrichesUrl && !CARTOFRICHES.test(f.cartofrichesUrl)) throw invalid(undefined, [{ path: "body/cartofrichesUrl", message: m.cartofriches }]);
}

export async function createUnit({ db, ctx, siteId, input }: { db: Db; ctx: TrustedContext; siteId: string; input: UnitInput }) {
  checkFields(input);
  return db.write(ctx, async (tx, journal) => {
    const [site] = await tx.select().from(economySites).where(eq(economySites.id, siteId)).limit(1);
    if (!site) throw notFound(m.noSite);
    const parcels = [...new Set(input.parcels)];
    await checkParcels(tx, siteId, parcels);
    const code = await cnigCode(tx, economyTerrains, economyTerrains.code, "TERRAIN-ECO", site.communeInsee, input.code, "body/code");
    const [taken] = await tx.select({ id: economyTerrains.id }).from(economyTerrains).where(eq(economyTerrains.code, code)).limit(1);
    if (taken) throw conflict(m.codeTaken(code));
    const [row] = await tx
      .insert(economyTerrains)
      .values({
        tenantId: ctx.tenant.id,
        code,
        siteId,
        parcels,
        grossHa: input.grossHa,
        useful: input.useful ?? true,
        identifiedOn: input.identifiedOn,
        updatedOn: input.identifiedOn,
        landControl: input.landControl,
        developmentStage: input.developmentStage,
        saleStage: input.saleStage,
        occupancyState: input.occupancyState,
        use: input.use,
        cartofrichesUrl: input.cartofrichesUrl ?? null,
        turnkey: input.turnkey ?? null,
        priceM2Cents: input.priceM2Cents ?? null,
        geometry: input.geometry,
      })
      .returning({ id: economyTerrains.id });
    await journal({ action: "economy.unit.create", target: `economy_terrains/${row.id}`, summary: { code, site: site.code, parcels } });
    return { id: row.id, code };
  });
}

/** Changes to a unit (a correction after the consultation, a sale…), journalled with what changed. */
export async function applyUnitChanges(tx: WriteTx, unitId: string, changes: Partial<UnitFields>, on: string) {
  checkFields(changes);
  const [unit] = await tx.select().from(economyTerrains).where(eq(economyTerrains.id, unitId)).limit(1);
  if (!unit) throw notFound(m.noUnit);
  if (changes.parcels) {
    changes.parcels = [...new Set(changes.parcels)];
    await checkParcels(tx, unit.siteId, changes.parcels, unit.id);
  }
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  await tx
    .update(economyTerrains)
    .set({ ...set, updatedOn: on, updatedAt: new Date() })
    .where(eq(economyTerrains.id, unitId));
  return { unit, changed: Object.keys(set) };
}

export async function updateUnit({ db, ctx, unitId, changes, on }: { db: Db; ctx: TrustedContext; unitId: string; changes: Partial<UnitFields>; on: string }) {
  return db.write(ctx, async (tx, journal) => {
    const { unit, changed } = await applyUnitChanges(tx, unitId, changes, on);
    await journal({ action: "economy.unit.update", target: `economy_terrains/${unitId}`, summary: { code: unit.code, changed } });
    return { id: unitId, code: unit.code, changed };
  });
}

/** Declared disuse of a unit without occupancy history to say it (field visit, owner's statement). */
export async function declareDisuse({
  db,
  ctx,
  unitId,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  unitId: string;
  input: { disusedSince: string | null; evidence: "field_visit" | "owner_statement"; evidenceOn: string; note?: string };
}) {
  return db.write(ctx, async (tx, journal) => {
    const [unit] = await tx
      .update(economyTerrains)
      .set({ disusedSince: input.disusedSince, evidence: input.evidence, evidenceOn: input.evidenceOn, evidenceNote: input.note ?? "", updatedAt: new Date() })
      .where(eq(economyTerrains.id, unitId))
      .returning({ id: economyTerrains.id, code: economyTerrains.code });
    if (!unit) throw notFound(m.noUnit);
    await journal({
      action: "economy.unit.disuse",
      target: `economy_terrains/${unitId}`,
      summary: { disusedSince: input.disusedSince, evidence: input.evidence },
    });
    return { id: unitId, code: unit.code, disusedSince: input.disusedSince };
  });
}

export interface OccupancyInput {
  occupant: string;
  establishmentId?: string;
  cfeLiable: boolean;
  startedOn: string;
  endedOn?: string | null;
}

const overlaps = (a: { startedOn: string; endedOn: string | null }, b: { startedOn: string; endedOn: string | null }) =>
  a.startedOn <= (b.endedOn ?? "9999-12-31") && b.startedOn <= (a.endedOn ?? "9999-12-31");

export async function addOccupancy({ db, ctx, unitId, input }: { db: Db; ctx: TrustedContext; unitId: string; input: OccupancyInput }) {
  if (input.endedOn && input.endedOn < input.startedOn) throw invalid(undefined, [{ path: "body/endedOn", message: m.occupancyEnd }]);
  return db.write(ctx, async (tx, journal) => {
    const [unit] = await tx.select({ id: economyTerrains.id }).from(economyTerrains).where(eq(economyTerrains.id, unitId)).limit(1);
    if (!unit) throw notFound(m.noUnit);
    if (input.establishmentId) {
      const [e] = await tx
        .select({ id: economyEstablishments.id })
        .from(economyEstablishments)
        .where(eq(economyEstablishments.id, input.establishmentId))
        .limit(1);
      if (!e) throw notFound(m.noEstablishment);
    }
    const current = await tx.select().from(economyOccupancies).where(eq(economyOccupancies.terrainId, unitId));
    // One occupant at a time on a unit: a new one starts after the last one ended.
    const span = { startedOn: input.startedOn, endedOn: input.endedOn ?? null };
    if (current.some((o) => overlaps(o, span))) throw conflict(m.occupancyOverlap);
    const [row] = await tx
      .insert(economyOccupancies)
      .values({
        tenantId: ctx.tenant.id,
        terrainId: unitId,
        establishmentId: input.establishmentId ?? null,
        ...span,
        occupant: input.occupant,
        cfeLiable: input.cfeLiable,
      })
      .returning({ id: economyOccupancies.id });
    await journal({ action: "economy.occupancy.add", target: `economy_occupancies/${row.id}`, summary: { unit: unitId, cfeLiable: input.cfeLiable, ...span } });
    return { id: row.id };
  });
}

export async function endOccupancy({
  db,
  ctx,
  unitId,
  occupancyId,
  endedOn,
}: {
  db: Db;
  ctx: TrustedContext;
  unitId: string;
  occupancyId: string;
  endedOn: string;
}) {
  return db.write(ctx, async (tx, journal) => {
    const [o] = await tx
      .select()
      .from(economyOccupancies)
      .where(and(eq(economyOccupancies.id, occupancyId), eq(economyOccupancies.terrainId, unitId)))
      .limit(1);
    if (!o) throw notFound(m.noOccupancy);
    if (o.endedOn) throw conflict(m.occupancyEnded);
    if (endedOn < o.startedOn) throw invalid(undefined, [{ path: "body/endedOn", message: m.occupancyEnd }]);
    await tx.update(economyOccupancies).set({ endedOn }).where(eq(economyOccupancies.id, occupancyId));
    await journal({ action: "economy.occupancy.end", target: `economy_occupancies/${occupancyId}`, summary: { endedOn } });
    return { id: occupancyId, endedOn };
  });
}

export interface OwnerInput {
  kind: "natural_person" | "legal_person";
  name: string;
  siren?: string;
  address: string;
  since?: string;
}

/** Records an owner; the previous ones of the unit end that day (kept 6 years, then purged). */
export async function addOwner({ db, ctx, unitId, input, replace }: { db: Db; ctx: TrustedContext; unitId: string; input: OwnerInput; replace: boolean }) {
  if ((input.kind === "legal_person") !== Boolean(input.siren) || (input.siren && !isSiren(input.siren)))
    throw invalid(undefined, [{ path: "body/siren", message: m.ownerSiren }]);
  return db.write(ctx, async (tx, journal) => {
    const [unit] = await tx.select({ id: economyTerrains.id }).from(economyTerrains).where(eq(economyTerrains.id, unitId)).limit(1);
    if (!unit) throw notFound(m.noUnit);
    if (replace && input.since) {
      const keep = parameterOn("retentionYears", input.since).value;
      await tx
        .update(economyOwners)
        .set({ until: input.since, retainUntil: addYears(input.since, keep) })
        .where(and(eq(economyOwners.terrainId, unitId), isNull(economyOwners.until)));
    }
    const [row] = await tx
      .insert(economyOwners)
      .values({
        tenantId: ctx.tenant.id,
        terrainId: unitId,
        kind: input.kind,
        name: input.name,
        siren: input.siren ?? null,
        address: input.address,
        since: input.since ?? null,
      })
      .returning({ id: economyOwners.id });
    // The name is not in the journal: the journal is read more widely than the owners are.
    await journal({ action: "economy.owner.add", target: `economy_owners/${row.id}`, summary: { unit: unitId, kind: input.kind } });
    return { id: row.id };
  });
}

export const ownerView = (o: typeof economyOwners.$inferSelect) => ({
  id: o.id,
  kind: o.kind,
  name: o.name,
  siren: o.siren,
  address: o.address,
  since: o.since,
  until: o.until,
});

/** A unit's owners, current and former: a restricted read, journalled. */
export async function listOwners({ db, ctx, unitId }: { db: Db; ctx: TrustedContext; unitId: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [unit] = await tx.select({ id: economyTerrains.id, code: economyTerrains.code }).from(economyTerrains).where(eq(economyTerrains.id, unitId)).limit(1);
    if (!unit) throw notFound(m.noUnit);
    const rows = await tx.select().from(economyOwners).where(eq(economyOwners.terrainId, unitId)).orderBy(asc(economyOwners.createdAt));
    await journal({ action: "economy.owners.read", target: `economy_terrains/${unitId}`, summary: { code: unit.code, count: rows.length } });
    return { unit: unit.code, owners: rows.map(ownerView) };
  });
}
