/**
 * Energy of public buildings (ADR 0035): buildings and their meters, readings imported from
 * supplier invoices as CSV (all or nothing, each refused line named in French; idempotent on meter
 * and period), the Décret tertiaire trajectory and the OPERAT-ready yearly CSV. The CSV/JSON here is
 * Communa's own documented boundary (no public USEDAROC format exists).
 */
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { envBuildings, envEnergyAlerts, envLoadPoints, envMeters, envReadings, type ENERGIES } from "@communa/db";
import { invalid, notFound, parisDay, uuidv7, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { readCsv, toCsv } from "@communa/core/csv";
import { m } from "../messages.fr.ts";
import { baseLoadDays, monthly, nightBaseLoadAlerts, OPERAT_COLUMNS, trajectory, yearly } from "./energy-core.ts";
import { inForce, NIGHT_BASE_LOAD_RATIO, TERTIARY_SCOPE_M2 } from "../parameters.ts";

export type Energy = (typeof ENERGIES)[number];

export interface BuildingInput {
  reference: string;
  name: string;
  communeInsee?: string | null;
  floorAreaM2: number;
  activity: string;
  referenceYear?: number | null;
  meters?: { energy: Energy; deliveryPoint: string; deviceId?: string | null; stepMinutes?: number }[];
  /** The booking module's rooms the building houses (absent: unchanged). */
  bookingResourceIds?: string[];
  /** The heating schedule (absent: unchanged; null: none kept). */
  heating?: { hours: string; comfortC: number; reducedC: number; preheatMinutes: number } | null;
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
  bookingResourceIds: b.bookingResourceIds,
  heating: b.heating ?? null,
  meters: meters
    .filter((mt) => mt.buildingId === b.id)
    .map((mt) => ({ id: mt.id, energy: mt.energy, deliveryPoint: mt.deliveryPoint, deviceId: mt.deviceId, stepMinutes: mt.stepMinutes })),
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
      ...(input.bookingResourceIds === undefined ? {} : { bookingResourceIds: [...new Set(input.bookingResourceIds)] }),
      ...(input.heating === undefined ? {} : { heating: input.heating }),
    };
    const [b] = await tx
      .insert(envBuildings)
      .values({ tenantId: ctx.tenant.id, ...values })
      .onConflictDoUpdate({ target: [envBuildings.tenantId, envBuildings.reference], set: values })
      .returning();
    for (const mt of input.meters ?? []) {
      const device = { deviceId: mt.deviceId ?? null, stepMinutes: mt.stepMinutes ?? 10 };
      await tx
        .insert(envMeters)
        .values({ tenantId: ctx.tenant.id, buildingId: b.id, energy: mt.energy, deliveryPoint: mt.deliveryPoint, ...device })
        .onConflictDoUpdate({ target: [envMeters.tenantId, envMeters.energy, envMeters.deliveryPoint], set: { buildingId: b.id, ...device } });
    }
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

/** A building of the tenant, or 404. */
async function buildingOf(db: Db, ctx: TrustedContext, buildingId: string) {
  const [b] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(envBuildings)
      .where(and(eq(envBuildings.id, buildingId), eq(envBuildings.tenantId, ctx.tenant.id))),
  );
  if (!b) throw notFound(m.noBuilding);
  return b;
}

/** A building's Décret tertiaire trajectory. */
export async function buildingTrajectory(db: Db, ctx: TrustedContext, buildingId: string, now = new Date()) {
  const b = await buildingOf(db, ctx, buildingId);
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

/** A building's consumption per month and energy, and per year (for the charts and their tables). */
export async function buildingConsumption(db: Db, ctx: TrustedContext, buildingId: string) {
  const b = await buildingOf(db, ctx, buildingId);
  const readings = await readingsOf(db, ctx, [b.id]);
  const years = [...yearly(readings)]
    .sort(([a], [c]) => a - c)
    .map(([year, y]) => ({ year, kwh: [...y.byEnergy.values()].reduce((a, c) => a + c, 0), days: y.days }));
  return { buildingId: b.id, name: b.name, months: monthly(readings), years, days: await dailyOf(db, ctx, b.id) };
}

/** Days of load curve kept for a building's daily chart (the latest ones with points). */
export const DAILY_DAYS = 62;

/**
 * A building's daily consumption from its load curves (kWh per Paris day, each step counted in
 * the day it starts in), the latest DAILY_DAYS days that have points, oldest first; `minutes`
 * says how much of the day the curve covers.
 */
async function dailyOf(db: Db, ctx: TrustedContext, buildingId: string) {
  const res = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.execute<{ day: string; kwh: number; minutes: number }>(sql`
      SELECT to_char((p.at - p.step_minutes * interval '1 minute') AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day,
        round((sum(p.watts * p.step_minutes) / 60000.0)::numeric, 1)::float8 AS kwh, sum(p.step_minutes)::int AS minutes
      FROM env_load_points p JOIN env_meters m ON m.id = p.meter_id
      WHERE m.building_id = ${buildingId}::uuid
      GROUP BY 1 ORDER BY 1 DESC LIMIT ${DAILY_DAYS}`),
  );
  return res.rows.reverse();
}

/** The portfolio: every building's consumption summed per month and per year, and each building's years. */
export async function portfolioConsumption(db: Db, ctx: TrustedContext) {
  const buildings = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(envBuildings).orderBy(asc(envBuildings.name)));
  const readings = await readingsOf(
    db,
    ctx,
    buildings.map((b) => b.id),
  );
  const yearsOf = (rs: typeof readings) =>
    [...yearly(rs)].sort(([a], [c]) => a - c).map(([year, y]) => ({ year, kwh: [...y.byEnergy.values()].reduce((a, c) => a + c, 0) }));
  return {
    months: monthly(readings),
    years: yearsOf(readings),
    buildings: buildings.map((b) => ({ buildingId: b.id, name: b.name, years: yearsOf(readings.filter((r) => r.buildingId === b.id)) })),
  };
}

/** Columns of the load-curve CSV (documented in ADR 0035): mean power over each step, the step's end instant. */
export const LOAD_CURVE_COLUMNS = ["point_livraison", "energie", "horodatage", "puissance_w", "pas_minutes"] as const;
/** An instant with its offset, as Enedis and GRDF exports write it (2031-01-14T00:30:00+01:00). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;
const LOAD_BATCH = 1000;

/**
 * Imports a load curve (all or nothing, idempotent on meter and instant), then recomputes the night
 * base-load alerts of the days it touched: a new alert opens a work request; an alert already there
 * keeps its status and note, with the figures of the new data.
 */
export async function importLoadCurve(db: Db, ctx: TrustedContext, csv: string, now = new Date()) {
  const parsed = readCsv(csv);
  const missing = LOAD_CURVE_COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length) throw invalid(undefined, [{ path: "body/csv", message: m.csvColumns(missing.join(", ")) }]);
  const ratio = inForce(NIGHT_BASE_LOAD_RATIO, parisDay(now))!.value;
  return db.write(ctx, async (tx, journal) => {
    const meters = await tx.select().from(envMeters);
    const byPoint = new Map(meters.map((mt) => [`${mt.energy}/${mt.deliveryPoint}`, mt.id]));
    const errors: { path: string; message: string }[] = [];
    const rows = parsed.data.map((r, i) => {
      const line = i + 2;
      const meterId = byPoint.get(`${r.energie?.trim()}/${r.point_livraison?.trim()}`);
      const at = (r.horodatage ?? "").trim();
      const watts = Number(
        String(r.puissance_w ?? "")
          .replace(/\s/g, "")
          .replace(",", "."),
      );
      const step = Number(r.pas_minutes);
      const problems = [
        !meterId && m.unknownMeter(`${r.energie} ${r.point_livraison}`),
        !(INSTANT.test(at) && !Number.isNaN(Date.parse(at))) && m.badInstant("horodatage"),
        !(Number.isFinite(watts) && watts >= 0) && m.badNumber("puissance_w"),
        !(Number.isInteger(step) && step >= 1 && step <= 60) && m.badStep,
      ].filter((p): p is string => typeof p === "string");
      for (const p of problems) errors.push({ path: `body/csv/${line}`, message: m.csvLine(line, p) });
      return { meterId: meterId ?? "", at: new Date(at), watts, stepMinutes: step };
    });
    if (errors.length) throw invalid(undefined, errors.slice(0, 50));
    for (let i = 0; i < rows.length; i += LOAD_BATCH)
      await tx
        .insert(envLoadPoints)
        .values(rows.slice(i, i + LOAD_BATCH).map((r) => ({ tenantId: ctx.tenant.id, ...r })))
        .onConflictDoUpdate({
          target: [envLoadPoints.tenantId, envLoadPoints.meterId, envLoadPoints.at],
          set: { watts: sql`excluded.watts`, stepMinutes: sql`excluded.step_minutes` },
        });
    // The days touched, per meter, read back whole (a day's windows may span several imports).
    let opened = 0;
    const byMeter = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byMeter.get(r.meterId);
      if (list) list.push(r);
      else byMeter.set(r.meterId, [r]);
    }
    for (const [meterId, own] of byMeter) {
      const times = own.map((r) => r.at.getTime());
      const from = new Date(Math.min(...times) - 2 * 86_400_000);
      const to = new Date(Math.max(...times) + 2 * 86_400_000);
      const points = await tx
        .select({ at: envLoadPoints.at, watts: envLoadPoints.watts, stepMinutes: envLoadPoints.stepMinutes })
        .from(envLoadPoints)
        .where(and(eq(envLoadPoints.meterId, meterId), gte(envLoadPoints.at, from), lt(envLoadPoints.at, to)));
      const touched = new Set(own.map((r) => parisDay(new Date(r.at.getTime() - r.stepMinutes * 60_000))));
      opened += await recordAlerts(
        tx,
        ctx.tenant.id,
        meterId,
        "night_base_load",
        nightBaseLoadAlerts(
          baseLoadDays(points).filter((d) => touched.has(d.day)),
          ratio,
        ),
      );
    }
    await journal({ action: "environment.load_curve.import", target: "env_load_points", summary: { lines: rows.length, alertsOpened: opened, ratio } });
    const times = rows.map((r) => r.at.getTime());
    return { lines: rows.length, alertsOpened: opened, span: rows.length ? { from: new Date(Math.min(...times)), to: new Date(Math.max(...times)) } : null };
  });
}

/**
 * Opens (or refreshes the figures of) a meter's alerts of one kind, one per day: a new one is a
 * work request; one already there keeps its status and note. Returns how many were new.
 */
export async function recordAlerts(
  tx: WriteTx,
  tenantId: string,
  meterId: string,
  kind: (typeof envEnergyAlerts.$inferInsert)["kind"],
  days: readonly { day: string; nightWatts: number; dayWatts: number; ratio: number; periods?: { from: string; to: string; watts: number }[] }[],
): Promise<number> {
  let opened = 0;
  for (const d of days) {
    const figures = { nightWatts: d.nightWatts, dayWatts: d.dayWatts, ratio: d.ratio, periods: d.periods ?? null };
    const res = await tx
      .insert(envEnergyAlerts)
      .values({ tenantId, meterId, kind, day: d.day, ...figures })
      .onConflictDoUpdate({ target: [envEnergyAlerts.tenantId, envEnergyAlerts.meterId, envEnergyAlerts.kind, envEnergyAlerts.day], set: figures })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    if (res[0]?.inserted) opened++;
  }
  return opened;
}

const alertView = (a: typeof envEnergyAlerts.$inferSelect, mt: typeof envMeters.$inferSelect, b: typeof envBuildings.$inferSelect) => ({
  id: a.id,
  kind: a.kind,
  day: a.day,
  buildingId: b.id,
  buildingName: b.name,
  energy: mt.energy,
  deliveryPoint: mt.deliveryPoint,
  nightWatts: a.nightWatts,
  dayWatts: a.dayWatts,
  ratio: a.ratio,
  periods: a.periods ?? [],
  status: a.status,
  note: a.note,
  handledAt: a.handledAt?.toISOString() ?? null,
});

/** The energy alerts (work requests), the open ones first, the newest days first. */
export async function listEnergyAlerts(db: Db, ctx: TrustedContext, status?: "open" | "done" | "dismissed") {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(envEnergyAlerts)
      .innerJoin(envMeters, eq(envMeters.id, envEnergyAlerts.meterId))
      .innerJoin(envBuildings, eq(envBuildings.id, envMeters.buildingId))
      .where(status ? eq(envEnergyAlerts.status, status) : undefined)
      .orderBy(sql`${envEnergyAlerts.status} <> 'open'`, desc(envEnergyAlerts.day))
      .limit(500),
  );
  return rows.map((r) => alertView(r.env_energy_alerts, r.env_meters, r.env_buildings));
}

/** Closes an alert: dealt with (done) or not a fault (dismissed), with a note; journalled. */
export async function handleEnergyAlert(
  db: Db,
  ctx: TrustedContext,
  alertId: string,
  input: { status: "done" | "dismissed" | "open"; note?: string | null },
  now = new Date(),
) {
  return db.write(ctx, async (tx, journal) => {
    const by = ctx.actor.kind === "anonymous" ? null : `${ctx.actor.kind}:${ctx.actor.id}`;
    const [a] = await tx
      .update(envEnergyAlerts)
      .set({
        status: input.status,
        note: input.note ?? null,
        handledBy: input.status === "open" ? null : by,
        handledAt: input.status === "open" ? null : now,
      })
      .where(eq(envEnergyAlerts.id, alertId))
      .returning();
    if (!a) throw notFound(m.noAlert);
    await journal({
      action: "environment.energy_alert.handle",
      target: `env_energy_alerts/${a.id}`,
      summary: { status: input.status, note: input.note ?? null },
    });
    const [row] = await tx.select().from(envMeters).innerJoin(envBuildings, eq(envBuildings.id, envMeters.buildingId)).where(eq(envMeters.id, a.meterId));
    return alertView(a, row.env_meters, row.env_buildings);
  });
}
