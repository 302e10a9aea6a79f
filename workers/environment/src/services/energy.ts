/**
 * Energy of public buildings (ADR 0035): buildings and their meters, readings imported from
 * supplier invoices as CSV (all or nothing, each refused line named in French; idempotent on meter
 * and period), the Décret tertiaire trajectory and the OPERAT-ready yearly CSV. The CSV/JSON here is
 * Communa's own documented boundary (no public USEDAROC format exists).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { envBuildings, envMeters, envReadings, type ENERGIES } from "@communa/db";
import { invalid, notFound, parisDay, uuidv7, type Db, type TrustedContext } from "@communa/core";
import { readCsv, toCsv } from "@communa/core/csv";
import { m } from "../messages.fr.ts";
import { OPERAT_COLUMNS, trajectory, yearly } from "./energy-core.ts";
import { inForce, TERTIARY_SCOPE_M2 } from "../parameters.ts";

export type Energy = (typeof ENERGIES)[number];

export interface BuildingInput {
  reference: string;
  name: string;
  communeInsee?: string | null;
  floorAreaM2: number;
  activity: string;
  referenceYear?: number | null;
  meters?: { energy: Energy; deliveryPoint: string }[];
}

const buildingView = (b: typeof envBuildings.$inferSelect, meters: (typeof envMeters.$inferSelect)[], day: string) => ({
  id: b.id,
  reference: b.reference,
  name: b.name,
  communeInsee: b.communeInsee,
  floorAreaM2: b.floorAreaM2,
  activity: b.activity,
  referenceYear: b.referenceYear,
  inScope: b.floorAreaM2 >= inForce(TERTIARY_SCOPE_M2, day)!.value,
  meters: meters.filter((mt) => mt.buildingId === b.id).map((mt) => ({ id: mt.id, energy: mt.energy, deliveryPoint: mt.deliveryPoint })),
});

/** Creates or updates a building (by reference) and adds its meters, journalled. */
export async function saveBuilding(db: Db, ctx: TrustedContext, input: BuildingInput, now = new Date()) {
  return db.write(ctx, async (tx, journal) => {
    const values = {
      reference: input.reference,
      name: input.name,
      communeInsee: input.communeInsee ?? null,
      floorAreaM2: input.floorAreaM2,
      activity: input.activity,
      referenceYear: input.referenceYear ?? null,
    };
    const [b] = await tx
      .insert(envBuildings)
      .values({ tenantId: ctx.tenant.id, ...values })
      .onConflictDoUpdate({ target: [envBuildings.tenantId, envBuildings.reference], set: values })
      .returning();
    for (const mt of input.meters ?? [])
      await tx
        .insert(envMeters)
        .values({ tenantId: ctx.tenant.id, buildingId: b.id, energy: mt.energy, deliveryPoint: mt.deliveryPoint })
        .onConflictDoUpdate({ target: [envMeters.tenantId, envMeters.energy, envMeters.deliveryPoint], set: { buildingId: b.id } });
    const meters = await tx.select().from(envMeters).where(eq(envMeters.buildingId, b.id));
    await journal({ action: "environment.building.save", target: `env_buildings/${b.id}`, summary: { ...values, meters: input.meters ?? [] } });
    return buildingView(b, meters, parisDay(now));
  });
}

export async function listBuildings(db: Db, ctx: TrustedContext, now = new Date()) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const buildings = await tx.select().from(envBuildings).orderBy(asc(envBuildings.name));
    const meters = buildings.length ? await tx.select().from(envMeters) : [];
    return buildings.map((b) => buildingView(b, meters, parisDay(now)));
  });
}

/** Columns of the invoices CSV (documented in ADR 0035). */
export const INVOICE_COLUMNS = ["point_livraison", "energie", "debut", "fin", "kwh"] as const;
/** A real calendar day (JavaScript reads "2026-02-31" as 3 March: the day must come back as written). */
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** Imports invoice lines; all or nothing. Returns how many lines were new or changed. */
export async function importInvoices(db: Db, ctx: TrustedContext, csv: string) {
  const parsed = readCsv(csv);
  const missing = INVOICE_COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length) throw invalid(undefined, [{ path: "body/csv", message: m.csvColumns(missing.join(", ")) }]);
  return db.write(ctx, async (tx, journal) => {
    const meters = await tx.select().from(envMeters);
    const byPoint = new Map(meters.map((mt) => [`${mt.energy}/${mt.deliveryPoint}`, mt.id]));
    const errors: { path: string; message: string }[] = [];
    const rows = parsed.data.map((r, i) => {
      const line = i + 2;
      const meterId = byPoint.get(`${r.energie?.trim()}/${r.point_livraison?.trim()}`);
      const kwh = Number(
        String(r.kwh ?? "")
          .replace(/\s/g, "")
          .replace(",", "."),
      );
      const problems = [
        !meterId && m.unknownMeter(`${r.energie} ${r.point_livraison}`),
        !isDay(r.debut ?? "") && m.badDate("debut"),
        !isDay(r.fin ?? "") && m.badDate("fin"),
        !(Number.isFinite(kwh) && kwh >= 0) && m.badNumber("kwh"),
        isDay(r.debut ?? "") && isDay(r.fin ?? "") && r.fin < r.debut && m.periodInverted,
      ].filter((p): p is string => typeof p === "string");
      for (const p of problems) errors.push({ path: `body/csv/${line}`, message: m.csvLine(line, p) });
      return { meterId: meterId ?? "", periodStart: r.debut, periodEnd: r.fin, kwh };
    });
    if (errors.length) throw invalid(undefined, errors.slice(0, 50));
    let changed = 0;
    for (const r of rows) {
      const res = await tx
        .insert(envReadings)
        .values({
          id: uuidv7(),
          tenantId: ctx.tenant.id,
          meterId: r.meterId,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          kwh: r.kwh,
          origin: "invoice",
        })
        .onConflictDoUpdate({
          target: [envReadings.tenantId, envReadings.meterId, envReadings.periodStart, envReadings.periodEnd],
          set: { kwh: r.kwh, importedAt: new Date() },
          setWhere: sqlDistinct(r.kwh),
        })
        .returning({ id: envReadings.id });
      changed += res.length;
    }
    await journal({ action: "environment.invoices.import", target: "env_readings", summary: { lines: rows.length, changed } });
    return { lines: rows.length, changed };
  });
}

const sqlDistinct = (kwh: number) => sql`${envReadings.kwh} IS DISTINCT FROM ${kwh}`;

async function readingsOf(db: Db, ctx: TrustedContext, buildingIds: string[]) {
  if (!buildingIds.length) return [];
  return db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        buildingId: envMeters.buildingId,
        energy: envMeters.energy,
        periodStart: envReadings.periodStart,
        periodEnd: envReadings.periodEnd,
        kwh: envReadings.kwh,
      })
      .from(envReadings)
      .innerJoin(envMeters, eq(envMeters.id, envReadings.meterId))
      .where(inArray(envMeters.buildingId, buildingIds)),
  );
}

/** A building's Décret tertiaire trajectory. */
export async function buildingTrajectory(db: Db, ctx: TrustedContext, buildingId: string, now = new Date()) {
  const [b] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(envBuildings)
      .where(and(eq(envBuildings.id, buildingId), eq(envBuildings.tenantId, ctx.tenant.id))),
  );
  if (!b) throw notFound(m.noBuilding);
  if (b.referenceYear === null) throw invalid(undefined, [{ path: "path/buildingId", message: m.noReferenceYear }]);
  const readings = await readingsOf(db, ctx, [b.id]);
  return { buildingId: b.id, name: b.name, ...trajectory({ referenceYear: b.referenceYear, floorAreaM2: b.floorAreaM2, readings, day: parisDay(now) }) };
}

const ENERGY_LABELS: Record<string, string> = {
  electricity: "Électricité",
  gas: "Gaz naturel",
  heat_network: "Réseau de chaleur",
  fuel_oil: "Fioul domestique",
  wood: "Bois",
  propane: "Propane",
  cooling_network: "Réseau de froid",
};
const STOCKED = new Set(["fuel_oil", "wood", "propane"]);

/** The OPERAT-ready CSV of a year: one line per building in scope and energy. */
export async function operatCsv(db: Db, ctx: TrustedContext, year: number, now = new Date()): Promise<string> {
  const buildings = (await listBuildings(db, ctx, now)).filter((b) => b.inScope);
  const readings = await readingsOf(
    db,
    ctx,
    buildings.map((b) => b.id),
  );
  const rows = buildings.flatMap((b) => {
    const y = yearly(readings.filter((r) => r.buildingId === b.id)).get(year);
    if (!y) return [];
    return [...y.byEnergy].map(([energy, kwh]) => ({
      annee: year,
      reference_batiment: b.reference,
      denomination_efa: b.name,
      commune_insee: b.communeInsee ?? "",
      surface_m2: b.floorAreaM2,
      categorie_activite: b.activity,
      assujetti_decret_tertiaire: "oui",
      annee_reference: b.referenceYear ?? "",
      energie: ENERGY_LABELS[energy] ?? energy,
      consommation_brute_kwh: kwh,
      jours_couverts: y.days,
      remarque: STOCKED.has(energy) ? "Énergie stockée : consommation estimée sur les livraisons de la période (arrêté du 10 avril 2020, art. 3)." : "",
    }));
  });
  return toCsv(OPERAT_COLUMNS, rows);
}
