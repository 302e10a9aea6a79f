/**
 * Public vocabularies of the activity-zone inventory (issue #21, ADR 0041): the CNIG « sites
 * économiques » v1.0.1 enumerations, word for word as the standard spells them (the export writes
 * these strings), the SIRENE workforce bands, and the steps of the L318-8-2 inventory. The schema
 * files leave most of these lists outside `constraints` (so a Frictionless validator does not
 * enforce them); Communa does: the database's check constraints, the Worker's zod schemas, the
 * export validator and the site's labels all read these lists.
 *
 * Source: github.com/cnigfr/schema-sites-economiques, schema/*\/schema.json, version 1.0.1
 * (copies in workers/economy/src/cnig/, provenance in db/seed/data/README.md).
 */

/** Oui / non flags (réseaux, dessertes, vocations secondaires, clé en main…). */
export const YES_NO = ["oui", "non"] as const;
const TAIL = ["inconnu", "autre", "sans objet"] as const;

/** pole_vocadomi (the only vocabulary the standard puts under `constraints`, with pole_rayonnement). */
export const POLE_VOCATIONS = [
  "industrielle",
  "commerciale",
  "tertiaire",
  "artisanale",
  "touristique",
  "portuaire",
  "aéroportuaire, aéronautique",
  "entrepôts, logistique",
  "logistique agricole",
  "mixte à dominante logistique",
  "mixte, sans dominante",
  ...TAIL,
] as const;
export const POLE_REACH = ["international", "national", "régional", "local", ...TAIL] as const;

/** site_vocadomi: the site list differs from the pole's (« mixte » alone). */
export const SITE_VOCATIONS = [
  "industrielle",
  "commerciale",
  "tertiaire",
  "artisanale",
  "touristique",
  "portuaire",
  "aéroportuaire, aéronautique",
  "entrepôts, logistique",
  "logistique agricole",
  "mixte",
  ...TAIL,
] as const;
export const SITE_TYPES = [
  "zone d'activité économique",
  "site économique historique hors ZAE",
  "établissement économique isolé",
  "zone AU à vocation économique",
  ...TAIL,
] as const;
export const SITE_STATES = ["en projet", "création", "existant et actif", "projet de déclassement", "déclassé", ...TAIL] as const;
export const SITE_URBAN_EVOLUTION = ["extension urbaine", "renouvellement urbain", "mixte", ...TAIL] as const;
export const SITE_MOA_TYPES = ["commune", "epci", "société d'économie mixte", "chambre de commerce et industrie", "Etat", "privé", ...TAIL] as const;

/** The site's oui/non columns, in the standard's order. */
export const SITE_FLAGS = [
  "site_voca_industrielle",
  "site_voca_commerciale",
  "site_voca_tertiaire",
  "site_voca_artisanale",
  "site_voca_touristique",
  "site_voca_portuaire",
  "site_voca_aeroportuaire",
  "reseau_eau_pluviale",
  "reseau_eau_potable",
  "reseau_assainissement",
  "reseau_gaz",
  "reseau_electrique",
  "reseau_fibre_optique",
  "reseau_fret_ferroviaire",
  "reseau_fluvial",
  "desserte_tc",
] as const;
export type SiteFlag = (typeof SITE_FLAGS)[number];

export const LAND_CONTROL = [
  "personne physique",
  "Etat",
  "région",
  "département",
  "structure intercommunale",
  "commune",
  "autre collectivité territoriale",
  "organisme de logement social",
  "établissement public foncier",
  "SEM ou SPLA",
  "aménageur",
  "investisseur professionnel",
  "établissement de santé et structure sociale",
  "établissement de tourisme et structure de loisir sportive ou cultuelle",
  "établissement industriel et commercial",
  "organisation de gestion foncière et immobilière",
  "établissement d'enseignement d'étude et de recherche",
  ...TAIL,
] as const;
export const DEVELOPMENT_STAGES = [
  "non aménageable",
  "non aménagé, non viabilisé",
  "viabilisation en cours",
  "viabilisé non aménagé",
  "viabilisé et aménagé",
  ...TAIL,
] as const;
export const SALE_STAGES = [
  "non commercialisé",
  "non commercialisable",
  "en vente",
  "en vente avec contraintes",
  "vendu, commercialisation achevée",
  "réservé par option de réservation",
  "réservé par une délibération de l'EPCI",
  ...TAIL,
] as const;
/** Stages that mean land a business can still take (the public page lists them). */
export const AVAILABLE_SALE_STAGES = ["en vente", "en vente avec contraintes"] as const;
export const OCCUPANCY_STATES = ["inoccupé", "occupation transitoire", "occupé", "vacant", "friche", ...TAIL] as const;
export const LAND_USES = [
  "voirie ou infrastructure",
  "parkings, stationnement",
  "zone de retournement poids-lourds",
  "autres équipements publics",
  "bâti productif",
  "bâti résidentiel",
  "bassin d'orage ou de rétention",
  "espace vert",
  "espace naturel ou forestier",
  "espace agricole",
  "zone de service partagée entre entreprises",
  "carrières, zones d'extraction",
  "dépôt, stockage",
  "production d’énergie renouvelable",
  ...TAIL,
] as const;
export const GEOCODING_QUALITY = [
  "non localisé",
  "localisation à la commune",
  "localisation au lieu-dit",
  "localisation à la rue (sans numéro)",
  "localisation à la plaque adresse",
  "localisation à la parcelle",
  "localisation au bâtiment",
  ...TAIL,
] as const;

/**
 * SIRENE « tranche d'effectif salarié » codes and the range each one means (INSEE; labels as
 * annuaire-entreprises shows them). `min`/`max` are people; `null` max: open-ended.
 */
export const WORKFORCE_BANDS = {
  NN: { label: "Unité non employeuse", min: 0, max: 0 },
  "00": { label: "0 salarié", min: 0, max: 0 },
  "01": { label: "1 ou 2 salariés", min: 1, max: 2 },
  "02": { label: "3 à 5 salariés", min: 3, max: 5 },
  "03": { label: "6 à 9 salariés", min: 6, max: 9 },
  "11": { label: "10 à 19 salariés", min: 10, max: 19 },
  "12": { label: "20 à 49 salariés", min: 20, max: 49 },
  "21": { label: "50 à 99 salariés", min: 50, max: 99 },
  "22": { label: "100 à 199 salariés", min: 100, max: 199 },
  "31": { label: "200 à 249 salariés", min: 200, max: 249 },
  "32": { label: "250 à 499 salariés", min: 250, max: 499 },
  "41": { label: "500 à 999 salariés", min: 500, max: 999 },
  "42": { label: "1 000 à 1 999 salariés", min: 1000, max: 1999 },
  "51": { label: "2 000 à 4 999 salariés", min: 2000, max: 4999 },
  "52": { label: "5 000 à 9 999 salariés", min: 5000, max: 9999 },
  "53": { label: "10 000 salariés et plus", min: 10000, max: null },
} as const satisfies Record<string, { label: string; min: number; max: number | null }>;
export type WorkforceBand = keyof typeof WORKFORCE_BANDS;
export const WORKFORCE_CODES = Object.keys(WORKFORCE_BANDS) as [WorkforceBand, ...WorkforceBand[]];

/** NAF nomenclature versions a code may come from (API Entreprise moved to NAF 2025). */
export const NAF_VERSIONS = ["NAFRev2", "NAF2025"] as const;
export type NafVersion = (typeof NAF_VERSIONS)[number];

/** How a land unit's vacancy was established (L318-8-2 inventory evidence). */
export const VACANCY_EVIDENCE = ["field_visit", "owner_statement", "occupancy_history"] as const;
export type VacancyEvidence = (typeof VACANCY_EVIDENCE)[number];

/** Owner kinds: a natural person is personal data (restricted, journalled reads, never exported). */
export const OWNER_KINDS = ["natural_person", "legal_person"] as const;

/** The L318-8-2 inventory's life: draft, 30-day consultation, adoption, transmission. */
export const INVENTORY_STATUSES = ["draft", "consultation", "adopted", "transmitted"] as const;
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];
/** Authorities the adopted inventory is sent to (L318-8-2 al. 3). */
export const RECIPIENT_AUTHORITIES = ["scot", "plu", "plh"] as const;
export type RecipientAuthority = (typeof RECIPIENT_AUTHORITIES)[number];
export const REPLY_OUTCOMES = ["pending", "no_change", "corrected", "rejected"] as const;

/** CNIG identifiers: `{INSEE}_{CLASS}_{5 digits}`. */
export const CNIG_CLASSES = { pole: "POLE-ECO", site: "SITE-ECO", terrain: "TERRAIN-ECO" } as const;
export const cnigIdPattern = (cls: (typeof CNIG_CLASSES)[keyof typeof CNIG_CLASSES]) => new RegExp(`^(?:\\d{5}|2[AB]\\d{3})_${cls}_\\d{5}$`);
/** A cadastral parcel id (commune, prefix, section, number). */
export const PARCEL_PATTERN = /^\d{8}[0-9A-Z]{2}\d{4}$/;
