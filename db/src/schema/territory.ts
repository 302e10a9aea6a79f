/** The `territory` domain: communes (reference data), competences and who holds them, tenant profiles. */
import { sql } from "drizzle-orm";
import { boolean, char, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { tenantId, updatedAt } from "./columns.ts";

/** INSEE reference data for communes (public, shared by all tenants, read-only to the app). */
export const communes = pgTable(
  "communes",
  {
    insee: char("insee", { length: 5 }).primaryKey(),
    name: text("name").notNull(),
    postcode: char("postcode", { length: 5 }).notNull(),
    siren: char("siren", { length: 9 }).notNull(),
    epciSiren: char("epci_siren", { length: 9 }).notNull(),
    population: integer("population").notNull(),
    populationTotal: integer("population_total").notNull(),
    populationYear: smallint("population_year").notNull(),
    /** GeoJSON Polygon or MultiPolygon, WGS84. */
    boundary: jsonb("boundary").$type<GeoJSON.Polygon | GeoJSON.MultiPolygon>().notNull(),
    /** [west, south, east, north] for cheap filtering before any geometry work. */
    bbox: doublePrecision("bbox").array().notNull(),
  },
  (t) => [index("communes_epci_idx").on(t.epciSiren), check("communes_insee_format", sql`${t.insee} ~ '^[0-9][0-9AB][0-9]{3}$'`)],
);

/** The competences a local authority can hold (general clause: a commune holds all it has not transferred). */
export const competences = pgTable("competences", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  /** Transferred to every EPCI by law (e.g. waste, water since 2026, GEMAPI). */
  mandatoryForEpci: boolean("mandatory_for_epci").notNull().default(false),
});

/** Competences an EPCI holds for its members (tenant-owned by the EPCI, readable by its communes). */
export const competenceTransfers = pgTable(
  "competence_transfers",
  {
    tenantId: tenantId(),
    competenceCode: text("competence_code")
      .notNull()
      .references(() => competences.code),
    /** Date the transfer took effect (prefectoral order), when known. */
    since: date("since"),
    /** Reference of the legal act (arrêté préfectoral), when known. */
    act: text("act"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.competenceCode] }), index("competence_transfers_tenant_idx").on(t.tenantId)],
);

/** A tenant's public contact card (tenant-owned, readable by its EPCI and member communes). */
export const tenantProfiles = pgTable("tenant_profiles", {
  tenantId: tenantId().primaryKey(),
  address: text("address"),
  phone: text("phone"),
  email: text("email"),
  website: text("website"),
  /** OSM opening_hours syntax. */
  openingHours: text("opening_hours"),
  updatedAt: updatedAt(),
});
