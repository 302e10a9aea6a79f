/**
 * Public vocabularies of France Services (issue #18, ADR 0045): what an accompaniment record may
 * say — channel, national operator, procedure family (Aidants Connect's ten « démarches »), mission
 * (the three of the référentiel France services, arrêté du 16 juin 2025), outcome, the person's
 * digital autonomy — and the kinds of places and partner structures. The database's check
 * constraints, the Worker's zod schemas, the exports and the site's French labels all read these.
 * No list here admits free text: an accompaniment is made of codes only (ADR 0045, DPIA).
 */
export const CHANNELS = ["accueil", "telephone", "permanence", "residence-sociale", "partenariat"] as const;
/** The national operators (the original nine, France Titres for ANTS, and Chèque énergie). */
export const NATIONAL_OPERATORS = ["cnaf", "cnam", "cnav", "msa", "france-travail", "dgfip", "france-titres", "justice", "la-poste", "cheque-energie"] as const;
/** Aidants Connect's ten procedure scopes (aidants_connect_common/constants.py). */
export const FAMILIES = ["papiers", "famille", "social", "travail", "logement", "transports", "argent", "justice", "etranger", "loisirs"] as const;
/** The référentiel's three missions of the common base of services. */
export const MISSIONS = ["information", "accompagnement", "orientation"] as const;
export const OUTCOMES = ["resolu", "reoriente", "attente-piece"] as const;
/** The person's digital autonomy, 1 (none: done for them) to 4 (autonomous). */
export const AUTONOMY_LEVELS = [1, 2, 3, 4] as const;
/** Where the desk receives: the desk itself, a permanence in a commune, a social residence. */
export const PLACE_KINDS = ["accueil", "permanence", "residence-sociale"] as const;
/** A partner structure: a local operator (in the operator list), a library, a collège, another. */
export const PARTNER_KINDS = ["operateur-local", "bibliotheque", "college", "autre"] as const;
/** Days of a weekly slot, ISO order (1 = Monday), with their OSM opening_hours names. */
export const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
/** An Aidants Connect mandate reference: its identifier only (never a login or a secret). */
export const MANDATE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$/;
/** The statistics' dimensions an export may have as columns (the export format is configurable). */
export const STAT_DIMENSIONS = ["month", "operator", "commune", "mission", "family", "channel", "outcome", "autonomy"] as const;
export type Channel = (typeof CHANNELS)[number];
export type NationalOperator = (typeof NATIONAL_OPERATORS)[number];
export type Family = (typeof FAMILIES)[number];
export type Mission = (typeof MISSIONS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type StatDimension = (typeof STAT_DIMENSIONS)[number];
