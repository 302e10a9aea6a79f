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

/**
 * A tenant's identity on its pages (issue #26): its accent colour (checked for contrast by the API,
 * with the dark-mode variant computed from it) and its logo or coat of arms, re-encoded WebP stored
 * in the territory Worker's R2 bucket under its content hash (tenant-owned, readable by its EPCI
 * and member communes: a commune without an accent shows its EPCI's).
 */
export const tenantIdentities = pgTable(
  "tenant_identities",
  {
    tenantId: tenantId().primaryKey(),
    /** #rrggbb, ≥ 4.5:1 on the light page and surface and under white button text. */
    accent: text("accent"),
    /** #rrggbb, the accent lightened until it holds 4.5:1 on the dark backgrounds. */
    accentDark: text("accent_dark"),
    /** SHA-256 (hex) of the stored WebP: its R2 key is `<tenant>/<hash>.webp`, its URL never changes. */
    logoHash: text("logo_hash"),
    logoAlt: text("logo_alt"),
    logoWidth: integer("logo_width"),
    logoHeight: integer("logo_height"),
    logoBytes: integer("logo_bytes"),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "tenant_identities_accent",
      sql`${t.accent} ~ '^#[0-9a-f]{6}$' AND ${t.accentDark} ~ '^#[0-9a-f]{6}$' OR ${t.accent} IS NULL AND ${t.accentDark} IS NULL`,
    ),
    check(
      "tenant_identities_logo",
      sql`${t.logoHash} IS NULL AND ${t.logoAlt} IS NULL AND ${t.logoWidth} IS NULL AND ${t.logoHeight} IS NULL AND ${t.logoBytes} IS NULL OR ${t.logoHash} ~ '^[0-9a-f]{64}$' AND length(trim(${t.logoAlt})) BETWEEN 1 AND 120 AND ${t.logoWidth} > 0 AND ${t.logoHeight} > 0 AND ${t.logoBytes} > 0`,
    ),
  ],
);
