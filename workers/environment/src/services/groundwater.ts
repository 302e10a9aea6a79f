/**
 * Groundwater (ADR 0035): stations (the EPCI's own piezometers, registered by their device id, and
 * Hub'Eau `niveaux_nappes` stations by BSS code), the import of Hub'Eau `chroniques` (validated
 * levels, idempotent on station and day), the drought levels in force (VigiEau's zone shape), and
 * one chart's data: every station's depth series (a mean per day), the EPCI's thresholds as bands, the drought level
 * of the zone, and an alert when the 14-day trend projects a crossing (not only on crossing).
 */
import { and, asc, eq } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { envDroughtLevels, envPiezoStations } from "@communa/db";
import { invalid, notFound, uuidv7, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { DROUGHT_LEVELS, m } from "../messages.fr.ts";
import { HubeauClient, type HubeauDeps, type HubeauLimits } from "./hubeau.ts";

export interface StationInput {
  kind: "device" | "hubeau";
  code: string;
  name: string;
  communeInsee?: string | null;
  alertZone?: string | null;
  vigilanceDepthM?: number | null;
  alertDepthM?: number | null;
}

/** Registers (or updates) a station, journalled. */
export async function saveStation(db: Db, ctx: TrustedContext, input: StationInput) {
  return db.write(ctx, async (tx, journal) => {
    const values = {
      kind: input.kind,
      code: input.code,
      name: input.name,
      communeInsee: input.communeInsee ?? null,
      alertZone: input.alertZone ?? null,
      vigilanceDepthM: input.vigilanceDepthM ?? null,
      alertDepthM: input.alertDepthM ?? null,
    };
    const [row] = await tx
      .insert(envPiezoStations)
      .values({ tenantId: ctx.tenant.id, ...values })
      .onConflictDoUpdate({ target: [envPiezoStations.tenantId, envPiezoStations.kind, envPiezoStations.code], set: values })
      .returning();
    await journal({ action: "environment.station.save", target: `env_piezo_stations/${row.id}`, summary: values });
    return { id: row.id, ...values };
  });
}

/** A `niveaux_nappes/chroniques` row (the fields used). */
export interface HubeauChronique {
  code_bss: string;
  date_mesure: string;
  niveau_nappe_eau?: number | null;
  profondeur_nappe?: number | null;
}

async function hubeauStation(db: Db, ctx: TrustedContext, stationId: string) {
  const [station] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(envPiezoStations)
      .where(and(eq(envPiezoStations.id, stationId), eq(envPiezoStations.tenantId, ctx.tenant.id), eq(envPiezoStations.kind, "hubeau"))),
  );
  if (!station) throw notFound(m.noStation);
  return station;
}

/** Imports a Hub'Eau station's validated levels over a period (inclusive days). */
export async function importChroniques(
  { db, ctx, hubeau, limits }: { db: Db; ctx: TrustedContext; hubeau: HubeauDeps; limits?: HubeauLimits },
  input: { stationId: string; from: string; to: string },
) {
  const station = await hubeauStation(db, ctx, input.stationId);
  const client = new HubeauClient(hubeau, limits);
  const rows = await client.byDateRange<HubeauChronique>(
    "v1/niveaux_nappes/chroniques",
    { code_bss: [station.code], sort: "asc" },
    { from: input.from, to: input.to },
    ["date_debut_mesure", "date_fin_mesure"],
  );
  return storeChroniques(db, ctx, station, rows, client.requests);
}

/** A `niveaux_nappes/chroniques_tr` row: BRGM's raw real-time level (field names from Hub'Eau's documentation, unverified live). */
export interface HubeauChroniqueTr {
  code_bss: string;
  /** The measure's instant (ISO 8601). */
  date_mesure: string;
  niveau_eau_ngf?: number | null;
  profondeur_nappe?: number | null;
}

/**
 * Imports a Hub'Eau station's raw real-time levels (`chroniques_tr`) over a period: kept as raw
 * readings beside the validated ones, which replace them on the chart for a day they cover.
 * Idempotent on station and instant.
 */
export async function importRawChroniques(
  { db, ctx, hubeau, limits }: { db: Db; ctx: TrustedContext; hubeau: HubeauDeps; limits?: HubeauLimits },
  input: { stationId: string; from: string; to: string },
) {
  const station = await hubeauStation(db, ctx, input.stationId);
  const client = new HubeauClient(hubeau, limits);
  const rows = await client.byDateRange<HubeauChroniqueTr>(
    "v1/niveaux_nappes/chroniques_tr",
    { code_bss: [station.code], sort: "asc" },
    { from: input.from, to: input.to },
    ["date_debut_mesure", "date_fin_mesure"],
  );
  const values = rows
    .filter((r) => r.code_bss === station.code && !Number.isNaN(Date.parse(r.date_mesure)) && (r.profondeur_nappe != null || r.niveau_eau_ngf != null))
    .map((r) => ({ id: uuidv7(), at: new Date(r.date_mesure).toISOString(), depth: r.profondeur_nappe ?? null, level: r.niveau_eau_ngf ?? null }));
  return db.write(ctx, async (tx, journal) => {
    const inserted = await insertLevels(tx, station.id, values, "raw");
    const report = { received: rows.length, inserted, requests: client.requests };
    await journal({ action: "environment.groundwater.import_raw", target: `env_piezo_stations/${station.id}`, summary: { code: station.code, ...report } });
    return report;
  });
}

/**
 * Stores levels of a Hub'Eau station, 500 a statement; returns how many were new. Validated ones
 * update a day Hub'Eau corrected; raw ones are kept as first received.
 */
async function insertLevels(
  tx: WriteTx,
  stationId: string,
  values: { id: string; at: string; depth: number | null; level: number | null }[],
  status: "validated" | "raw",
): Promise<number> {
  const onConflict =
    status === "validated"
      ? sql`DO UPDATE SET depth_m = excluded.depth_m, level_ngf = excluded.level_ngf
        WHERE (env_piezo_readings.depth_m, env_piezo_readings.level_ngf) IS DISTINCT FROM (excluded.depth_m, excluded.level_ngf)`
      : sql`DO NOTHING`;
  let inserted = 0;
  for (let i = 0; i < values.length; i += 500) {
    const res = await tx.execute<{ inserted: boolean }>(sql`
      INSERT INTO env_piezo_readings (id, tenant_id, station_id, measured_at, depth_m, level_ngf, status)
      SELECT id, app.current_tenant(), ${stationId}::uuid, at, depth, level, ${status}
      FROM jsonb_to_recordset(${JSON.stringify(values.slice(i, i + 500))}::jsonb) AS x(id uuid, at timestamptz, depth double precision, level double precision)
      ON CONFLICT (tenant_id, station_id, measured_at) WHERE event_id IS NULL ${onConflict}
      RETURNING (xmax = 0) AS inserted`);
    inserted += res.rows.filter((r) => r.inserted).length;
  }
  return inserted;
}

/**
 * Imports a saved `chroniques` answer (its `data` rows) for one Hub'Eau station: the way in when
 * the platform cannot reach Hub'Eau (offline, a mirror). Rows of another station are refused,
 * each named by its index, before anything is written.
 */
export async function importRecordedChroniques(db: Db, ctx: TrustedContext, stationId: string, rows: HubeauChronique[]) {
  const station = await hubeauStation(db, ctx, stationId);
  const foreign = rows.findIndex((r) => r.code_bss !== station.code);
  if (foreign >= 0) throw invalid(undefined, [{ path: `body/data/${foreign}/code_bss`, message: m.otherStation(rows[foreign].code_bss, station.code) }]);
  return storeChroniques(db, ctx, station, rows, 0);
}

/** Stores validated daily levels (idempotent on station and day), journalled. */
async function storeChroniques(db: Db, ctx: TrustedContext, station: { id: string; code: string }, rows: HubeauChronique[], requests: number) {
  const values = rows
    .filter((r) => r.code_bss === station.code && (r.profondeur_nappe != null || r.niveau_nappe_eau != null))
    .map((r) => ({ id: uuidv7(), at: `${r.date_mesure}T12:00:00Z`, depth: r.profondeur_nappe ?? null, level: r.niveau_nappe_eau ?? null }));
  return db.write(ctx, async (tx, journal) => {
    const inserted = await insertLevels(tx, station.id, values, "validated");
    const report = { received: rows.length, inserted, requests };
    await journal({ action: "environment.groundwater.import", target: `env_piezo_stations/${station.id}`, summary: { code: station.code, ...report } });
    return report;
  });
}

/** A zone as VigiEau's `/zones` answers it (the fields used). */
export interface VigieauZone {
  code: string;
  nom: string;
  type: string;
  niveauGravite: string | null;
  arreteRestriction?: { numero?: string | null; dateDebut?: string | null; dateFin?: string | null } | null;
}

/** Replaces a commune's drought levels with VigiEau's current answer. */
export async function importDrought(db: Db, ctx: TrustedContext, communeInsee: string, zones: VigieauZone[]) {
  return db.write(ctx, async (tx, journal) => {
    await tx.delete(envDroughtLevels).where(and(eq(envDroughtLevels.tenantId, ctx.tenant.id), eq(envDroughtLevels.communeInsee, communeInsee)));
    if (zones.length)
      await tx.insert(envDroughtLevels).values(
        zones.map((z) => ({
          tenantId: ctx.tenant.id,
          communeInsee,
          zoneCode: z.code,
          zoneName: z.nom,
          zoneType: z.type,
          level: (z.niveauGravite ?? "pas_de_restriction") as "vigilance",
          orderReference: z.arreteRestriction?.numero ?? null,
          validFrom: z.arreteRestriction?.dateDebut ?? null,
          validUntil: z.arreteRestriction?.dateFin ?? null,
        })),
      );
    await journal({
      action: "environment.drought.import",
      target: `env_drought_levels/${communeInsee}`,
      summary: { zones: zones.map((z) => [z.code, z.niveauGravite]) },
    });
    return { communeInsee, zones: zones.length };
  });
}

const DAY = 86_400_000;

/**
 * Least-squares slope of depth over time (m/day) over the last `days` days of a series, and the
 * day it projects for reaching `threshold` (null: moving away, flat, or too few points).
 */
export function projectCrossing(
  points: { at: number; depth: number }[],
  threshold: number,
  now: number,
  days = 14,
): { slope: number; crossesAt: number | null } | null {
  const recent = points.filter((p) => p.at >= now - days * DAY && p.at <= now);
  if (recent.length < 3) return null;
  const mx = recent.reduce((s, p) => s + p.at, 0) / recent.length;
  const my = recent.reduce((s, p) => s + p.depth, 0) / recent.length;
  const num = recent.reduce((s, p) => s + (p.at - mx) * (p.depth - my), 0);
  const den = recent.reduce((s, p) => s + (p.at - mx) ** 2, 0);
  if (den === 0) return null;
  const slopePerMs = num / den;
  const last = recent[recent.length - 1];
  const fitted = my + slopePerMs * (last.at - mx);
  if (fitted >= threshold) return { slope: slopePerMs * DAY, crossesAt: last.at };
  if (slopePerMs <= 0) return { slope: slopePerMs * DAY, crossesAt: null };
  return { slope: slopePerMs * DAY, crossesAt: last.at + (threshold - fitted) / slopePerMs };
}

/** The groundwater chart: stations' depth series since `days` days, thresholds, drought levels, alerts. */
export async function groundwaterChart({ db, ctx, now = new Date(), days = 120 }: { db: Db; ctx: TrustedContext; now?: Date; days?: number }) {
  const since = new Date(now.getTime() - days * DAY);
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const stations = await tx.select().from(envPiezoStations).orderBy(asc(envPiezoStations.name));
    // One point per station and Paris day (the day's mean, at the mean instant; a day with validated
    // levels drops its raw ones): a piezometer posting every minute
    // gives 1,440 readings a day, which no chart draws and no resident should download.
    const readings = stations.length
      ? (
          await tx.execute<{ station_id: string; at: string; depth: number; validated: boolean }>(sql`
            SELECT station_id,
              to_char(to_timestamp(coalesce(avg(extract(epoch FROM measured_at)) FILTER (WHERE status = 'validated'), avg(extract(epoch FROM measured_at))))
                AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at,
              round(coalesce(avg(depth_m) FILTER (WHERE status = 'validated'), avg(depth_m))::numeric, 3)::float8 AS depth,
              bool_or(status = 'validated') AS validated
            FROM env_piezo_readings
            WHERE station_id IN (${sql.join(
              stations.map((s) => sql`${s.id}::uuid`),
              sql`, `,
            )}) AND measured_at >= ${since.toISOString()}::timestamptz AND depth_m IS NOT NULL
            GROUP BY station_id, date_trunc('day', measured_at AT TIME ZONE 'Europe/Paris') ORDER BY 2`)
        ).rows
      : [];
    const drought = await tx.select().from(envDroughtLevels).orderBy(asc(envDroughtLevels.communeInsee), asc(envDroughtLevels.zoneCode));
    const series = stations.map((s) => {
      const points = readings
        .filter((r) => r.station_id === s.id)
        .map((r) => ({ at: r.at, depth: r.depth, status: r.validated ? ("validated" as const) : ("raw" as const) }));
      const numeric = points.map((p) => ({ at: Date.parse(p.at), depth: p.depth }));
      const alerts = (
        [
          ["vigilance", s.vigilanceDepthM],
          ["alerte", s.alertDepthM],
        ] as const
      )
        .filter(([, threshold]) => threshold !== null)
        .map(([level, threshold]) => {
          const p = projectCrossing(numeric, threshold as number, now.getTime());
          return p && p.crossesAt !== null && p.crossesAt <= now.getTime() + 14 * DAY
            ? {
                level,
                threshold: threshold as number,
                crossesOn: new Date(p.crossesAt).toISOString().slice(0, 10),
                slopeMPerDay: Math.round(p.slope * 1000) / 1000,
              }
            : null;
        })
        .filter((a) => a !== null);
      return {
        id: s.id,
        kind: s.kind,
        code: s.code,
        name: s.name,
        communeInsee: s.communeInsee,
        alertZone: s.alertZone,
        thresholds: { vigilanceDepthM: s.vigilanceDepthM, alertDepthM: s.alertDepthM },
        points,
        alerts,
      };
    });
    return {
      since: since.toISOString(),
      series,
      drought: drought.map((d) => ({
        communeInsee: d.communeInsee,
        zoneCode: d.zoneCode,
        zoneName: d.zoneName,
        zoneType: d.zoneType,
        level: d.level,
        label: DROUGHT_LEVELS[d.level]?.label ?? d.level,
        meaning: DROUGHT_LEVELS[d.level]?.meaning ?? "",
        orderReference: d.orderReference,
      })),
    };
  });
}
