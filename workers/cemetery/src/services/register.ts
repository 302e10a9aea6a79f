/**
 * The register: cemeteries, plots (on the scanned plan or as a GeoJSON polygon), the council's
 * tariff grid, the commune's parameters, and each plot's occupancy computed from who is in it.
 */
import { and, asc, desc, eq, isNotNull, lte } from "drizzle-orm";
import { cemeteries, cemeterySettings, concessions, deceased, plots, tariffs } from "@communa/db";
import { conflict, invalid, notFound, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import type { ConcessionCategory, PlotType, Remains } from "@communa/contracts/cemetery";
import { DEFAULT_SETTINGS, occupancy, type OccupancySettings } from "./clocks.ts";
import { m } from "../messages.fr.ts";

type AnyTx = Tx | WriteTx;

export async function settingsOf(tx: AnyTx, tenantId: string): Promise<OccupancySettings & { publicSearch: boolean }> {
  const [s] = await tx.select().from(cemeterySettings).where(eq(cemeterySettings.tenantId, tenantId)).limit(1);
  return s ?? { ...DEFAULT_SETTINGS, publicSearch: false };
}

export async function getSettings({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const s = await db.withTenant(ctx.tenant.id, (tx) => settingsOf(tx, ctx.tenant.id));
  return {
    coffinTenths: s.coffinTenths,
    urnTenths: s.urnTenths,
    reductionTenths: s.reductionTenths,
    reductionAfterYears: s.reductionAfterYears,
    publicSearch: s.publicSearch,
  };
}

export async function saveSettings({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: OccupancySettings & { publicSearch: boolean } }) {
  return db.write(ctx, async (tx, journal) => {
    await tx
      .insert(cemeterySettings)
      .values({ tenantId: ctx.tenant.id, ...input })
      .onConflictDoUpdate({ target: cemeterySettings.tenantId, set: { ...input, updatedAt: new Date() } });
    await journal({ action: "cemetery.settings.save", target: "cemetery/settings", summary: { ...input } });
    return input;
  });
}

export async function createCemetery({
  db,
  ctx,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  input: { name: string; address?: string; planWidth?: number; planHeight?: number; fictional?: boolean };
}) {
  return db.write(ctx, async (tx, journal) => {
    const [dup] = await tx.select({ id: cemeteries.id }).from(cemeteries).where(eq(cemeteries.name, input.name)).limit(1);
    if (dup) throw conflict(m.cemeteryTaken);
    const [row] = await tx
      .insert(cemeteries)
      .values({ tenantId: ctx.tenant.id, ...input })
      .returning();
    await journal({ action: "cemetery.cemetery.create", target: `cemeteries/${row.id}`, summary: { name: input.name } });
    return cemeteryView(row);
  });
}

const cemeteryView = (r: typeof cemeteries.$inferSelect) => ({
  id: r.id,
  name: r.name,
  address: r.address,
  planWidth: r.planWidth,
  planHeight: r.planHeight,
  fictional: r.fictional,
});

export async function listCemeteries({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(cemeteries).orderBy(asc(cemeteries.name)));
  return rows.map(cemeteryView);
}

export interface PlotInput {
  section: string;
  row?: string;
  number: string;
  type: PlotType;
  capacity: number;
  surfaceM2?: number | null;
  x?: number | null;
  y?: number | null;
  geometry?: { type: "Polygon"; coordinates: number[][][] } | null;
}

export async function insertPlot(tx: WriteTx, tenantId: string, cemeteryId: string, p: PlotInput) {
  if ((p.x == null || p.y == null) && !p.geometry) throw invalid(undefined, [{ path: "body/x", message: m.position }]);
  const [dup] = await tx
    .select({ id: plots.id })
    .from(plots)
    .where(and(eq(plots.cemeteryId, cemeteryId), eq(plots.section, p.section), eq(plots.row, p.row ?? ""), eq(plots.number, p.number)))
    .limit(1);
  if (dup) throw conflict(m.placeTaken);
  const [row] = await tx
    .insert(plots)
    .values({
      tenantId,
      cemeteryId,
      section: p.section,
      row: p.row ?? "",
      number: p.number,
      type: p.type,
      capacityTenths: Math.round(p.capacity * 10),
      surfaceM2: p.surfaceM2 ?? null,
      x: p.x ?? null,
      y: p.y ?? null,
      geometry: p.geometry ?? null,
    })
    .returning();
  return row;
}

export async function createPlot({ db, ctx, cemeteryId, input }: { db: Db; ctx: TrustedContext; cemeteryId: string; input: PlotInput }) {
  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx.select({ id: cemeteries.id }).from(cemeteries).where(eq(cemeteries.id, cemeteryId)).limit(1);
    if (!c) throw notFound(m.noCemetery);
    const row = await insertPlot(tx, ctx.tenant.id, cemeteryId, input);
    await journal({ action: "cemetery.plot.create", target: `plots/${row.id}`, summary: { section: input.section, number: input.number, type: input.type } });
    return { id: row.id };
  });
}

/** Who is in a plot now, and how much room that leaves. */
export async function presentIn(tx: AnyTx, plotId: string): Promise<Array<{ id: string; remains: Remains; burialDate: string | null }>> {
  const rows = await tx
    .select({ id: deceased.id, remains: deceased.remains, burialDate: deceased.burialDate })
    .from(deceased)
    .where(and(eq(deceased.plotId, plotId), isNotNull(deceased.remains)));
  return rows as Array<{ id: string; remains: Remains; burialDate: string | null }>;
}

const placesOf = (o: { capacityTenths: number; usedTenths: number; leftTenths: number }) => ({
  capacity: o.capacityTenths / 10,
  used: o.usedTenths / 10,
  left: o.leftTenths / 10,
});

/** Plots of a cemetery with their occupancy and current concession (the list and the plan). */
export async function listPlots({ db, ctx, cemeteryId }: { db: Db; ctx: TrustedContext; cemeteryId: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [c] = await tx.select().from(cemeteries).where(eq(cemeteries.id, cemeteryId)).limit(1);
    if (!c) throw notFound(m.noCemetery);
    const s = await settingsOf(tx, ctx.tenant.id);
    const ps = await tx.select().from(plots).where(eq(plots.cemeteryId, cemeteryId)).orderBy(asc(plots.section), asc(plots.row), asc(plots.number));
    const dead = await tx
      .select({ plotId: deceased.plotId, remains: deceased.remains })
      .from(deceased)
      .innerJoin(plots, eq(plots.id, deceased.plotId))
      .where(and(eq(plots.cemeteryId, cemeteryId), isNotNull(deceased.remains)));
    const cons = await tx
      .select({ id: concessions.id, plotId: concessions.plotId, category: concessions.category, status: concessions.status, actNumber: concessions.actNumber })
      .from(concessions)
      .innerJoin(plots, eq(plots.id, concessions.plotId))
      .where(and(eq(plots.cemeteryId, cemeteryId), eq(concessions.status, "active")));
    return {
      cemetery: cemeteryView(c),
      plots: ps.map((p) => {
        const present = dead.filter((d) => d.plotId === p.id) as Array<{ remains: Remains }>;
        const con = cons.find((x) => x.plotId === p.id);
        return {
          id: p.id,
          section: p.section,
          row: p.row,
          number: p.number,
          type: p.type,
          x: p.x,
          y: p.y,
          geometry: (p.geometry as object | null) ?? null,
          surfaceM2: p.surfaceM2,
          places: placesOf(occupancy(p.capacityTenths, present, s)),
          concession: con ? { id: con.id, category: con.category, actNumber: con.actNumber } : null,
        };
      }),
    };
  });
}

export async function plotOccupancy(tx: AnyTx, tenantId: string, plotId: string) {
  const [p] = await tx.select().from(plots).where(eq(plots.id, plotId)).limit(1);
  if (!p) throw notFound(m.noPlot);
  const s = await settingsOf(tx, tenantId);
  const present = await presentIn(tx, plotId);
  return { plot: p, settings: s, present, ...occupancy(p.capacityTenths, present, s) };
}

export async function getPlot({ db, ctx, plotId }: { db: Db; ctx: TrustedContext; plotId: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const o = await plotOccupancy(tx, ctx.tenant.id, plotId);
    const dead = await tx.select().from(deceased).where(eq(deceased.plotId, plotId)).orderBy(asc(deceased.burialDate));
    const cons = await tx
      .select({
        id: concessions.id,
        category: concessions.category,
        status: concessions.status,
        actNumber: concessions.actNumber,
        startsOn: concessions.startsOn,
      })
      .from(concessions)
      .where(eq(concessions.plotId, plotId))
      .orderBy(desc(concessions.startsOn));
    const p = o.plot;
    return {
      id: p.id,
      cemeteryId: p.cemeteryId,
      section: p.section,
      row: p.row,
      number: p.number,
      type: p.type,
      x: p.x,
      y: p.y,
      surfaceM2: p.surfaceM2,
      places: placesOf(o),
      deceased: dead.map(deceasedView),
      concessions: cons,
    };
  });
}

export const deceasedView = (d: typeof deceased.$inferSelect) => ({
  id: d.id,
  name: d.name,
  firstName: d.firstName,
  usageName: d.usageName,
  birthDate: d.birthDate,
  deathDate: d.deathDate,
  deathPlace: d.deathPlace,
  burialDate: d.burialDate,
  plotId: d.plotId,
  remains: d.remains,
});

// --- Tariff grid -----------------------------------------------------------------------------

export interface TariffInput {
  category: ConcessionCategory;
  durationYears: number | null;
  priceCents: number;
  extraM2Cents?: number;
  validFrom: string;
  deliberation: string;
}

export async function saveTariff({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: TariffInput }) {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(tariffs)
      .values({ tenantId: ctx.tenant.id, ...input, extraM2Cents: input.extraM2Cents ?? 0 })
      .onConflictDoUpdate({
        target: [tariffs.tenantId, tariffs.category, tariffs.durationYears, tariffs.validFrom],
        set: { priceCents: input.priceCents, extraM2Cents: input.extraM2Cents ?? 0, deliberation: input.deliberation },
      })
      .returning();
    await journal({ action: "cemetery.tariff.save", target: `tariffs/${row.id}`, summary: { ...input } });
    return tariffView(row);
  });
}

const tariffView = (t: typeof tariffs.$inferSelect) => ({
  id: t.id,
  category: t.category,
  durationYears: t.durationYears,
  priceCents: t.priceCents,
  extraM2Cents: t.extraM2Cents,
  validFrom: t.validFrom,
  deliberation: t.deliberation,
});

export async function listTariffs({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(tariffs).orderBy(asc(tariffs.category), asc(tariffs.durationYears), desc(tariffs.validFrom)),
  );
  return rows.map(tariffView);
}

/** The tariff in force on `day` for a category and duration, or null. */
export async function tariffOn(tx: AnyTx, category: ConcessionCategory, durationYears: number | null, day: string) {
  const rows = await tx
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.category, category), lte(tariffs.validFrom, day)))
    .orderBy(desc(tariffs.validFrom));
  return rows.find((t) => t.durationYears === durationYears) ?? null;
}

/** Price of a term: the grid's, plus the progression for each m² above 2 (rounded up). */
export function priceOf(t: { priceCents: number; extraM2Cents: number }, surfaceM2: number | null): number {
  const extra = surfaceM2 && surfaceM2 > 2 ? Math.ceil(surfaceM2 - 2) : 0;
  return t.priceCents + extra * t.extraM2Cents;
}
