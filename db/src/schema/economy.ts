/**
 * The `economy` domain (issue #21, ADR 0041): the intercommunality's activity zones as the CNIG
 * « sites économiques » v1.0.1 standard models them — pôle ← site ← terrain ← établissement — and
 * the inventory Code de l'urbanisme L318-8-2 requires (land units with parcels, area, owner and
 * occupancy history, vacancy, 30-day consultation, adoption, transmission). A CNIG terrain is
 * one land unit (unité foncière) here. Every table is 'own' (RLS): the EPCI holds its zones.
 *
 * Every CNIG enumeration is a check constraint (the lists in @communa/contracts/economy), CNIG
 * identifiers and parcel references are checked by pattern, surfaces are hectares, geometry is
 * GeoJSON in WGS84 (the export projects it to Lambert-93).
 *
 * Personal data: owners who are natural persons (`economy_owners`, restricted: read by the
 * economy service only, each read journalled, never exported) and the consultation letters'
 * recipients. Owners are kept while they own the unit and 6 years after (one inventory cycle),
 * letters 6 years after the inventory's adoption; app.purge_economy_expired() deletes them.
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";
import {
  DEVELOPMENT_STAGES,
  GEOCODING_QUALITY,
  INVENTORY_STATUSES,
  LAND_CONTROL,
  LAND_USES,
  NAF_VERSIONS,
  OCCUPANCY_STATES,
  OWNER_KINDS,
  POLE_REACH,
  POLE_VOCATIONS,
  RECIPIENT_AUTHORITIES,
  REPLY_OUTCOMES,
  SALE_STAGES,
  SITE_MOA_TYPES,
  SITE_STATES,
  SITE_TYPES,
  SITE_URBAN_EVOLUTION,
  SITE_VOCATIONS,
  VACANCY_EVIDENCE,
  WORKFORCE_CODES,
} from "@communa/contracts/economy";

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", "));
const cnigId = (cls: string) => sql.raw(`'^[0-9][0-9AB][0-9]{3}_${cls}_[0-9]{5}$'`);

/** Pôle économique: a group of sites (its point is the centroid the standard asks for). */
export const economyPoles = pgTable(
  "economy_poles",
  {
    id: id(),
    tenantId: tenantId(),
    /** CNIG pole_id, e.g. 60342_POLE-ECO_00001. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    vocation: text("vocation").notNull(),
    reach: text("reach"),
    identifiedOn: date("identified_on", { mode: "string" }).notNull(),
    updatedOn: date("updated_on", { mode: "string" }).notNull(),
    /** [longitude, latitude] WGS84. */
    point: jsonb("point").$type<[number, number]>().notNull(),
    /** Where the record comes from (seed source, survey…). */
    source: text("source").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    unique("economy_poles_code_unique").on(t.tenantId, t.code),
    check("economy_poles_code", sql`${t.code} ~ ${cnigId("POLE-ECO")}`),
    check("economy_poles_vocation", sql`${t.vocation} IN (${list(POLE_VOCATIONS)})`),
    check("economy_poles_reach", sql`${t.reach} IS NULL OR ${t.reach} IN (${list(POLE_REACH)})`),
  ],
);

/** Site économique (the zone of L318-8-2): its perimeter, state, networks, contact. */
export const economySites = pgTable(
  "economy_sites",
  {
    id: id(),
    tenantId: tenantId(),
    code: text("code").notNull(),
    poleId: uuid("pole_id")
      .notNull()
      .references(() => economyPoles.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    type: text("type").notNull(),
    vocation: text("vocation").notNull(),
    state: text("state").notNull(),
    urbanEvolution: text("urban_evolution"),
    grossHa: doublePrecision("gross_ha").notNull(),
    usefulHa: doublePrecision("useful_ha").notNull(),
    creationYear: integer("creation_year"),
    identifiedOn: date("identified_on", { mode: "string" }).notNull(),
    updatedOn: date("updated_on", { mode: "string" }).notNull(),
    communeInsee: text("commune_insee").notNull(),
    communeName: text("commune_name").notNull(),
    moaType: text("moa_type").notNull(),
    moaName: text("moa_name").notNull().default(""),
    description: text("description").notNull().default(""),
    /** CNIG oui/non columns (réseaux, dessertes, vocations), absent = not known. */
    flags: jsonb("flags").$type<Record<string, "oui" | "non">>().notNull().default({}),
    /** Access: main road, nearest motorway and its interchange distance (km), station… */
    access: jsonb("access").$type<Record<string, string | number>>().notNull().default({}),
    /** Typed constraint layers: flood risk plan, ICPE, Natura 2000, pollution… */
    constraints: jsonb("constraints").$type<Array<{ kind: string; label: string; reference: string }>>().notNull().default([]),
    /** The service businesses contact (public): name, e-mail, phone of the EPCI's economic service. */
    contact: jsonb("contact").$type<{ service: string; email: string; phone: string }>().notNull(),
    /** Perimeter: GeoJSON Polygon or MultiPolygon, WGS84. */
    geometry: jsonb("geometry").notNull(),
    /** True when the perimeter is drawn around the known point, not surveyed (the seed's zones). */
    perimeterApproximate: boolean("perimeter_approximate").notNull().default(false),
    source: text("source").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("economy_sites_code_unique").on(t.tenantId, t.code),
    index("economy_sites_pole_idx").on(t.poleId),
    check("economy_sites_code", sql`${t.code} ~ ${cnigId("SITE-ECO")}`),
    check("economy_sites_type", sql`${t.type} IN (${list(SITE_TYPES)})`),
    check("economy_sites_vocation", sql`${t.vocation} IN (${list(SITE_VOCATIONS)})`),
    check("economy_sites_state", sql`${t.state} IN (${list(SITE_STATES)})`),
    check("economy_sites_evolution", sql`${t.urbanEvolution} IS NULL OR ${t.urbanEvolution} IN (${list(SITE_URBAN_EVOLUTION)})`),
    check("economy_sites_moa", sql`${t.moaType} IN (${list(SITE_MOA_TYPES)})`),
    check("economy_sites_surfaces", sql`${t.grossHa} >= 0 AND ${t.usefulHa} >= 0 AND ${t.usefulHa} <= ${t.grossHa}`),
    check("economy_sites_insee", sql`${t.communeInsee} ~ '^[0-9][0-9AB][0-9]{3}$'`),
  ],
);

/** Terrain économique = one land unit (unité foncière): parcels, area, stages, occupancy state. */
export const economyTerrains = pgTable(
  "economy_terrains",
  {
    id: id(),
    tenantId: tenantId(),
    code: text("code").notNull(),
    siteId: uuid("site_id")
      .notNull()
      .references(() => economySites.id, { onDelete: "restrict" }),
    /** Cadastral parcel ids (14 characters each). */
    parcels: text("parcels").array().notNull(),
    grossHa: doublePrecision("gross_ha").notNull(),
    /** Counted in the site's useful surface (terr_utile). */
    useful: boolean("useful").notNull().default(true),
    identifiedOn: date("identified_on", { mode: "string" }).notNull(),
    updatedOn: date("updated_on", { mode: "string" }).notNull(),
    landControl: text("land_control").notNull(),
    developmentStage: text("development_stage").notNull(),
    saleStage: text("sale_stage").notNull(),
    occupancyState: text("occupancy_state").notNull(),
    use: text("use").notNull(),
    cartofrichesUrl: text("cartofriches_url"),
    turnkey: boolean("turnkey"),
    /** Asking price per m² in euro cents (terr_m2_prix), when on sale. */
    priceM2Cents: integer("price_m2_cents"),
    /**
     * Declared start of the unit's disuse when no occupancy history says it (vacancy evidence:
     * field visit or owner's statement, with its day and note).
     */
    disusedSince: date("disused_since", { mode: "string" }),
    evidence: text("evidence"),
    evidenceOn: date("evidence_on", { mode: "string" }),
    evidenceNote: text("evidence_note").notNull().default(""),
    /** Perimeter: GeoJSON Polygon or MultiPolygon, WGS84. */
    geometry: jsonb("geometry").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("economy_terrains_code_unique").on(t.tenantId, t.code),
    index("economy_terrains_site_idx").on(t.siteId),
    check("economy_terrains_code", sql`${t.code} ~ ${cnigId("TERRAIN-ECO")}`),
    check(
      "economy_terrains_parcels",
      sql`cardinality(${t.parcels}) >= 1 AND array_to_string(${t.parcels}, '|') ~ '^[0-9]{8}[0-9A-Z]{2}[0-9]{4}(\\|[0-9]{8}[0-9A-Z]{2}[0-9]{4})*$'`,
    ),
    check("economy_terrains_area", sql`${t.grossHa} > 0`),
    check("economy_terrains_control", sql`${t.landControl} IN (${list(LAND_CONTROL)})`),
    check("economy_terrains_development", sql`${t.developmentStage} IN (${list(DEVELOPMENT_STAGES)})`),
    check("economy_terrains_sale", sql`${t.saleStage} IN (${list(SALE_STAGES)})`),
    check("economy_terrains_occupancy", sql`${t.occupancyState} IN (${list(OCCUPANCY_STATES)})`),
    check("economy_terrains_use", sql`${t.use} IN (${list(LAND_USES)})`),
    check("economy_terrains_evidence", sql`${t.evidence} IS NULL OR ${t.evidence} IN (${list(VACANCY_EVIDENCE)})`),
    check("economy_terrains_price", sql`${t.priceM2Cents} IS NULL OR ${t.priceM2Cents} >= 0`),
  ],
);

/** A land unit's owners (restricted). `until` set when the unit changes hands. */
export const economyOwners = pgTable(
  "economy_owners",
  {
    id: id(),
    tenantId: tenantId(),
    terrainId: uuid("terrain_id")
      .notNull()
      .references(() => economyTerrains.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: OWNER_KINDS }).notNull(),
    /** A natural person's name, or a company's raison sociale. */
    name: text("name").notNull(),
    /** A legal person's SIREN (none for a natural person). */
    siren: text("siren"),
    /** Postal address, for the consultation letter. */
    address: text("address").notNull(),
    since: date("since", { mode: "string" }),
    until: date("until", { mode: "string" }),
    /** Deleted after this day (until + 6 years); null while they own the unit. */
    retainUntil: date("retain_until", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("economy_owners_terrain_idx").on(t.terrainId),
    check("economy_owners_kind", sql`${t.kind} IN (${list(OWNER_KINDS)})`),
    check("economy_owners_siren", sql`${t.siren} IS NULL OR ${t.siren} ~ '^[0-9]{9}$'`),
  ],
);

/** Establishments (SIRENE): SIRET, NAF code and version, workforce band with its year. */
export const economyEstablishments = pgTable(
  "economy_establishments",
  {
    id: id(),
    tenantId: tenantId(),
    siret: text("siret").notNull(),
    legalName: text("legal_name").notNull(),
    /** Usual name or sign (etab_nom). */
    name: text("name").notNull(),
    /** INSEE catégorie juridique, level 3 (4 digits). */
    legalCategory: text("legal_category").notNull(),
    nafCode: text("naf_code").notNull(),
    nafVersion: text("naf_version").notNull(),
    nafLabel: text("naf_label").notNull(),
    workforceCode: text("workforce_code").notNull(),
    workforceYear: integer("workforce_year").notNull(),
    headOffice: boolean("head_office").notNull().default(false),
    createdOn: date("created_on", { mode: "string" }).notNull(),
    identifiedOn: date("identified_on", { mode: "string" }).notNull(),
    updatedOn: date("updated_on", { mode: "string" }).notNull(),
    closedOn: date("closed_on", { mode: "string" }),
    communeInsee: text("commune_insee").notNull(),
    communeName: text("commune_name").notNull(),
    address: text("address").notNull().default(""),
    source: text("source").notNull(),
    geocoding: text("geocoding").notNull(),
    /** GeoJSON MultiPoint, WGS84. */
    points: jsonb("points").notNull(),
    /** SIRENE statutDiffusion "O": may be published; otherwise kept out of the open export. */
    publicDiffusion: boolean("public_diffusion").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("economy_establishments_siret_unique").on(t.tenantId, t.siret),
    check("economy_establishments_siret", sql`${t.siret} ~ '^[0-9]{14}$'`),
    check("economy_establishments_category", sql`${t.legalCategory} ~ '^[0-9]{4}$'`),
    check("economy_establishments_naf_version", sql`${t.nafVersion} IN (${list(NAF_VERSIONS)})`),
    check("economy_establishments_naf", sql`${t.nafCode} ~ '^[0-9]{2}\\.?[0-9]{2}[A-Z]$'`),
    check("economy_establishments_workforce", sql`${t.workforceCode} IN (${list(WORKFORCE_CODES)})`),
    check("economy_establishments_geocoding", sql`${t.geocoding} IN (${list(GEOCODING_QUALITY)})`),
  ],
);

/** Which land units an establishment stands on (one or several: the CNIG terr_id pipe list). */
export const economyEstablishmentTerrains = pgTable(
  "economy_establishment_terrains",
  {
    tenantId: tenantId(),
    establishmentId: uuid("establishment_id")
      .notNull()
      .references(() => economyEstablishments.id, { onDelete: "cascade" }),
    terrainId: uuid("terrain_id")
      .notNull()
      .references(() => economyTerrains.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.establishmentId, t.terrainId] }), index("economy_establishment_terrains_terrain_idx").on(t.terrainId)],
);

/**
 * A land unit's occupancy history: who used it, from when to when, and whether the activity was
 * liable to the CFE (cotisation foncière des entreprises) — what L318-8-2's vacancy reads.
 */
export const economyOccupancies = pgTable(
  "economy_occupancies",
  {
    id: id(),
    tenantId: tenantId(),
    terrainId: uuid("terrain_id")
      .notNull()
      .references(() => economyTerrains.id, { onDelete: "cascade" }),
    establishmentId: uuid("establishment_id").references(() => economyEstablishments.id, { onDelete: "set null" }),
    /** The occupant as the inventory names it (an establishment's name, « stockage temporaire »…). */
    occupant: text("occupant").notNull(),
    cfeLiable: boolean("cfe_liable").notNull(),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("economy_occupancies_terrain_idx").on(t.terrainId),
    check("economy_occupancies_dates", sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
  ],
);

/** The zone's vacancy rate for a tax year, as computed on a day, with the evidence per unit. */
export const economyVacancySnapshots = pgTable(
  "economy_vacancy_snapshots",
  {
    id: id(),
    tenantId: tenantId(),
    siteId: uuid("site_id")
      .notNull()
      .references(() => economySites.id, { onDelete: "cascade" }),
    taxYear: integer("tax_year").notNull(),
    computedOn: date("computed_on", { mode: "string" }).notNull(),
    total: integer("total").notNull(),
    vacant: integer("vacant").notNull(),
    /** Rounded percentage, null when the zone has no unit. */
    ratePercent: integer("rate_percent"),
    units: jsonb("units").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("economy_vacancy_snapshots_site_idx").on(t.siteId, t.taxYear),
    check("economy_vacancy_counts", sql`${t.vacant} >= 0 AND ${t.vacant} <= ${t.total}`),
  ],
);

/** One L318-8-2 inventory of a zone, from draft to transmission; its snapshot frozen on adoption. */
export const economyInventories = pgTable(
  "economy_inventories",
  {
    id: id(),
    tenantId: tenantId(),
    siteId: uuid("site_id")
      .notNull()
      .references(() => economySites.id, { onDelete: "restrict" }),
    status: text("status", { enum: INVENTORY_STATUSES }).notNull().default("draft"),
    taxYear: integer("tax_year").notNull(),
    consultationFrom: date("consultation_from", { mode: "string" }),
    consultationUntil: date("consultation_until", { mode: "string" }),
    adoptedOn: date("adopted_on", { mode: "string" }),
    deliberation: text("deliberation"),
    /** The inventory as adopted (units, occupants, vacancy), without owners' identities. */
    adopted: jsonb("adopted"),
    updateDue: date("update_due", { mode: "string" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("economy_inventories_site_idx").on(t.siteId), check("economy_inventories_status", sql`${t.status} IN (${list(INVENTORY_STATUSES)})`)],
);

/** A consultation letter to an owner or an occupant, and its reply. */
export const economyLetters = pgTable(
  "economy_letters",
  {
    id: id(),
    tenantId: tenantId(),
    inventoryId: uuid("inventory_id")
      .notNull()
      .references(() => economyInventories.id, { onDelete: "cascade" }),
    terrainId: uuid("terrain_id").references(() => economyTerrains.id, { onDelete: "set null" }),
    role: text("role", { enum: ["owner", "occupant"] }).notNull(),
    recipient: text("recipient").notNull(),
    address: text("address").notNull(),
    body: text("body").notNull(),
    sentOn: date("sent_on", { mode: "string" }).notNull(),
    repliedOn: date("replied_on", { mode: "string" }),
    reply: text("reply"),
    outcome: text("outcome", { enum: REPLY_OUTCOMES }).notNull().default("pending"),
    correction: text("correction"),
    retainUntil: date("retain_until", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [index("economy_letters_inventory_idx").on(t.inventoryId), check("economy_letters_outcome", sql`${t.outcome} IN (${list(REPLY_OUTCOMES)})`)],
);

/** Transmission of the adopted inventory to the SCoT, PLU and PLH authorities. */
export const economyTransmissions = pgTable(
  "economy_transmissions",
  {
    id: id(),
    tenantId: tenantId(),
    inventoryId: uuid("inventory_id")
      .notNull()
      .references(() => economyInventories.id, { onDelete: "cascade" }),
    authority: text("authority", { enum: RECIPIENT_AUTHORITIES }).notNull(),
    authorityName: text("authority_name").notNull(),
    sentOn: date("sent_on", { mode: "string" }).notNull(),
    /** Reference of the document sent (mail register, SHA-256 of the file). */
    documentRef: text("document_ref").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("economy_transmissions_unique").on(t.inventoryId, t.authority),
    check("economy_transmissions_authority", sql`${t.authority} IN (${list(RECIPIENT_AUTHORITIES)})`),
  ],
);
