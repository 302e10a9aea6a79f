/**
 * The `environment` domain (issue #22, ADR 0035): drinking-water quality imported from Hub'Eau
 * (`qualite_eau_potable`), groundwater levels (the EPCI's own piezometers through the `telemetry`
 * queue, and Hub'Eau `niveaux_nappes` stations), drought levels (VigiEau's open-data shape), and
 * the energy of public buildings (buildings, meters, readings) for the Décret tertiaire.
 *
 * All of it is public or technical data about the territory, no personal data: 'shared' RLS for
 * what every site of the territory shows (water, groundwater, drought), 'own' for the buildings'
 * energy (internal until the tenant publishes it) and the dead letters.
 *
 * Idempotency: a Hub'Eau sample is keyed by its `code_prelevement` (re-importing a period writes
 * nothing new, a corrected result updates the row); a groundwater measure by its station and
 * instant; a device reading by its event key (device id + sequence) with the digest of its content.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns.ts";

/** Who produced a drinking-water sample: the ARS sanitary control, or the service's own monitoring. */
export const WATER_SOURCES = ["ars", "own"] as const;

/** The commune ↔ distribution unit (UDI, "réseau") link, per year (Hub'Eau communes_udi). */
export const envWaterNetworks = pgTable(
  "env_water_networks",
  {
    id: id(),
    tenantId: tenantId(),
    year: integer("year").notNull(),
    communeInsee: text("commune_insee").notNull(),
    communeName: text("commune_name").notNull(),
    networkCode: text("network_code").notNull(),
    networkName: text("network_name").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("env_water_networks_unique").on(t.tenantId, t.year, t.communeInsee, t.networkCode),
    index("env_water_networks_commune_idx").on(t.tenantId, t.communeInsee, t.year),
  ],
);

/** One sample taken at a commune's tap (Hub'Eau resultats_dis, one row per code_prelevement). */
export const envWaterSamples = pgTable(
  "env_water_samples",
  {
    id: id(),
    tenantId: tenantId(),
    source: text("source", { enum: WATER_SOURCES }).notNull(),
    /** Hub'Eau `code_prelevement` (ARS), or the service's own reference. */
    sampleCode: text("sample_code").notNull(),
    communeInsee: text("commune_insee").notNull(),
    networkCode: text("network_code"),
    sampledAt: timestamp("sampled_at", { withTimezone: true }).notNull(),
    /** Conformity flags as Hub'Eau gives them: C (conforme), N (non conforme), S (sans objet), D (dérogation)… */
    bacteriologicalLimits: text("conformite_limites_bact"),
    chemicalLimits: text("conformite_limites_pc"),
    bacteriologicalReferences: text("conformite_references_bact"),
    chemicalReferences: text("conformite_references_pc"),
    /** The sanitary conclusion, as written by the ARS (`conclusion_conformite_prelevement`). */
    conclusion: text("conclusion"),
    distributor: text("distributor"),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("env_water_samples_code_unique").on(t.tenantId, t.source, t.sampleCode),
    index("env_water_samples_commune_idx").on(t.tenantId, t.communeInsee, t.sampledAt),
  ],
);

/** One parameter's result in a sample. */
export const envWaterResults = pgTable(
  "env_water_results",
  {
    id: id(),
    tenantId: tenantId(),
    sampleId: uuid("sample_id")
      .notNull()
      .references(() => envWaterSamples.id, { onDelete: "cascade" }),
    parameterCode: text("parameter_code").notNull(),
    parameterLabel: text("parameter_label").notNull(),
    /** The numeric result when there is one (`resultat_numerique`), and the result as written (`resultat_alphanumerique`: "<0,02"). */
    value: doublePrecision("value"),
    valueText: text("value_text"),
    unit: text("unit"),
    /** Quality limit and reference as Hub'Eau writes them ("<=50 mg/L"). */
    qualityLimit: text("quality_limit"),
    qualityReference: text("quality_reference"),
  },
  (t) => [unique("env_water_results_unique").on(t.sampleId, t.parameterCode), index("env_water_results_param_idx").on(t.tenantId, t.parameterCode)],
);

/**
 * A groundwater station: one of the EPCI's own piezometers (a device), or a Hub'Eau niveaux_nappes
 * station (BSS code). Thresholds are the EPCI's own internal alert levels, as depths below ground.
 */
export const envPiezoStations = pgTable(
  "env_piezo_stations",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind", { enum: ["device", "hubeau"] }).notNull(),
    /** BSS code (hubeau) or the device id (device). */
    code: text("code").notNull(),
    name: text("name").notNull(),
    communeInsee: text("commune_insee"),
    /** The drought alert zone (VigiEau) the station watches. */
    alertZone: text("alert_zone"),
    vigilanceDepthM: doublePrecision("vigilance_depth_m"),
    alertDepthM: doublePrecision("alert_depth_m"),
    createdAt: createdAt(),
  },
  (t) => [unique("env_piezo_stations_unique").on(t.tenantId, t.kind, t.code)],
);

/** One groundwater measure. */
export const envPiezoReadings = pgTable(
  "env_piezo_readings",
  {
    id: id(),
    tenantId: tenantId(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => envPiezoStations.id, { onDelete: "cascade" }),
    measuredAt: timestamp("measured_at", { withTimezone: true }).notNull(),
    /** Depth of the water below ground, metres (positive downward). */
    depthM: doublePrecision("depth_m"),
    /** Level in metres NGF. */
    levelNgf: doublePrecision("level_ngf"),
    /** validated (Hub'Eau chroniques), raw (chroniques_tr or a device). */
    status: text("status", { enum: ["validated", "raw"] }).notNull(),
    /** Device readings: their event key and content digest (redelivery counted once). */
    eventId: text("event_id"),
    contentDigest: text("content_digest"),
  },
  (t) => [
    // Imported measures: one per station and instant. Device readings: one per event (a depth and a
    // level sent at the same instant are two events).
    uniqueIndex("env_piezo_readings_measure_unique").on(t.tenantId, t.stationId, t.measuredAt).where(sql`event_id IS NULL`),
    unique("env_piezo_readings_event_unique").on(t.tenantId, t.eventId),
    index("env_piezo_readings_time_idx").on(t.tenantId, t.stationId, t.measuredAt),
    check("env_piezo_readings_value", sql`${t.depthM} IS NOT NULL OR ${t.levelNgf} IS NOT NULL`),
  ],
);

/** The drought level in force in an alert zone for a commune (VigiEau open data shape). */
export const envDroughtLevels = pgTable(
  "env_drought_levels",
  {
    id: id(),
    tenantId: tenantId(),
    communeInsee: text("commune_insee").notNull(),
    zoneCode: text("zone_code").notNull(),
    zoneName: text("zone_name").notNull(),
    /** SUP (surface water), SOU (groundwater), AEP. */
    zoneType: text("zone_type").notNull(),
    level: text("level", { enum: ["pas_de_restriction", "vigilance", "alerte", "alerte_renforcee", "crise"] }).notNull(),
    orderReference: text("order_reference"),
    validFrom: date("valid_from"),
    validUntil: date("valid_until"),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("env_drought_levels_unique").on(t.tenantId, t.communeInsee, t.zoneCode)],
);

/** Telemetry messages the consumer could not write (kept for the agents, 90 days). */
export const envDeadLetters = pgTable(
  "env_dead_letters",
  {
    id: id(),
    tenantId: tenantId(),
    queue: text("queue").notNull(),
    messageId: text("message_id").notNull(),
    body: text("body").notNull(),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [unique("env_dead_letters_message_unique").on(t.tenantId, t.queue, t.messageId)],
);

/** Readings that arrived but could not be attached (unknown device or metric): kept, never dropped. */
export const envAnomalies = pgTable(
  "env_anomalies",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind", { enum: ["unknown_station", "event_conflict", "unknown_metric"] }).notNull(),
    eventId: text("event_id").notNull(),
    detail: text("detail").notNull(),
    resolved: boolean("resolved").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [unique("env_anomalies_unique").on(t.tenantId, t.kind, t.eventId)],
);

/** Energies a building's meter measures (OPERAT's list of raw energies, simplified). */
export const ENERGIES = ["electricity", "gas", "heat_network", "fuel_oil", "wood", "propane", "cooling_network"] as const;

/** A public building of the tenant (a Décret tertiaire functional entity when ≥ 1,000 m²). */
export const envBuildings = pgTable(
  "env_buildings",
  {
    id: id(),
    tenantId: tenantId(),
    reference: text("reference").notNull(),
    name: text("name").notNull(),
    communeInsee: text("commune_insee"),
    floorAreaM2: integer("floor_area_m2").notNull(),
    /** OPERAT activity category (free text until the tenant's template is known: "sport", "bureaux"…). */
    activity: text("activity").notNull(),
    /** The reference year chosen for the Décret tertiaire (2010–2019), NULL until chosen. */
    referenceYear: integer("reference_year"),
    /**
     * The booking module's resources (halls, rooms) this building houses, by id (the booking
     * Worker's rows): consumption outside their bookings is an alert, and the heating programme
     * follows them.
     */
    bookingResourceIds: uuid("booking_resource_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /**
     * The heating schedule the tenant keeps for its controllers: the occupied hours as an
     * opening_hours rule, comfort and reduced setpoints (°C), the pre-heating lead (minutes) before
     * an occupied period or a booking. Null: no schedule kept here.
     */
    heating: jsonb("heating").$type<{ hours: string; comfortC: number; reducedC: number; preheatMinutes: number }>(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("env_buildings_reference_unique").on(t.tenantId, t.reference),
    check("env_buildings_area", sql`${t.floorAreaM2} > 0`),
    check("env_buildings_reference_year", sql`${t.referenceYear} IS NULL OR ${t.referenceYear} BETWEEN 2010 AND 2019`),
  ],
);

/** A meter of a building (delivery-point reference: PDL Enedis, PCE GRDF…). */
export const envMeters = pgTable(
  "env_meters",
  {
    id: id(),
    tenantId: tenantId(),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => envBuildings.id, { onDelete: "cascade" }),
    energy: text("energy", { enum: ENERGIES }).notNull(),
    deliveryPoint: text("delivery_point").notNull(),
    /**
     * The meter device (identity's registry id) whose `energie.puissance` telemetry (mean watts over
     * the step ending at the event's instant) becomes this meter's load points; null: imports only.
     */
    deviceId: text("device_id"),
    /** The device's step, in minutes (its readings are means over that long). */
    stepMinutes: smallint("step_minutes").notNull().default(10),
    createdAt: createdAt(),
  },
  (t) => [
    unique("env_meters_point_unique").on(t.tenantId, t.energy, t.deliveryPoint),
    unique("env_meters_device_unique").on(t.tenantId, t.deviceId),
    check("env_meters_step", sql`${t.stepMinutes} BETWEEN 1 AND 60`),
  ],
);

/** A consumption over a period (an invoice line, or a reading aggregated), in kWh, raw (not climate-corrected). */
export const envReadings = pgTable(
  "env_readings",
  {
    id: id(),
    tenantId: tenantId(),
    meterId: uuid("meter_id")
      .notNull()
      .references(() => envMeters.id, { onDelete: "cascade" }),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    kwh: doublePrecision("kwh").notNull(),
    /** invoice (CSV import), device (telemetry). */
    origin: text("origin", { enum: ["invoice", "device"] }).notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("env_readings_period_unique").on(t.tenantId, t.meterId, t.periodStart, t.periodEnd),
    check("env_readings_kwh", sql`${t.kwh} >= 0`),
    check("env_readings_period", sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/**
 * A meter's load curve: the mean power over each step (Enedis and GRDF exports give 10- to 60-minute
 * steps), in watts, keyed by the step's end instant. Imported from CSV (or, later, a meter device).
 */
export const envLoadPoints = pgTable(
  "env_load_points",
  {
    tenantId: tenantId(),
    meterId: uuid("meter_id")
      .notNull()
      .references(() => envMeters.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    watts: doublePrecision("watts").notNull(),
    /** The step's length in minutes (the mean covers ]at − step, at]). */
    stepMinutes: integer("step_minutes").notNull(),
  },
  (t) => [
    uniqueIndex("env_load_points_key").on(t.tenantId, t.meterId, t.at),
    check("env_load_points_watts", sql`${t.watts} >= 0`),
    check("env_load_points_step", sql`${t.stepMinutes} BETWEEN 1 AND 60`),
  ],
);

/**
 * Kinds of energy alert: a night base load too high for an empty building; a hall consuming in
 * daytime while nothing was booked there (nor within its occupied hours).
 */
export const ENERGY_ALERT_KINDS = ["night_base_load", "outside_booking"] as const;

/**
 * An energy alert turned into a work request for the building's technical service: the day, the
 * figures that raised it, and what was done (status, note, who, when).
 */
export const envEnergyAlerts = pgTable(
  "env_energy_alerts",
  {
    id: id(),
    tenantId: tenantId(),
    meterId: uuid("meter_id")
      .notNull()
      .references(() => envMeters.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ENERGY_ALERT_KINDS }).notNull(),
    day: date("day").notNull(),
    nightWatts: doublePrecision("night_watts").notNull(),
    dayWatts: doublePrecision("day_watts").notNull(),
    ratio: doublePrecision("ratio").notNull(),
    /** For `outside_booking`: the unbooked periods that consumed (start and end instants, mean watts). */
    periods: jsonb("periods").$type<{ from: string; to: string; watts: number }[]>(),
    status: text("status", { enum: ["open", "done", "dismissed"] })
      .notNull()
      .default("open"),
    note: text("note"),
    handledBy: text("handled_by"),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [unique("env_energy_alerts_unique").on(t.tenantId, t.meterId, t.kind, t.day)],
);
