/** Texts of the economy Worker's answers, letters and labels (French). */
import { WORKFORCE_BANDS, type WorkforceBand } from "@communa/contracts/economy";

const frDay = (iso: string) => iso.split("-").reverse().join("/");
const n = (x: number) => x.toLocaleString("fr-FR");

export const m = {
  noPole: "Aucun pôle économique de la collectivité ne porte cet identifiant.",
  noSite: "Aucune zone d’activité de la collectivité ne porte cet identifiant.",
  noUnit: "Aucune unité foncière de la collectivité ne porte cet identifiant.",
  noOccupancy: "Aucune occupation de cette unité foncière ne porte cet identifiant.",
  noEstablishment: "Aucun établissement de la collectivité ne porte cet identifiant.",
  noInventory: "Aucun inventaire de la collectivité ne porte cet identifiant.",
  noLetter: "Aucun courrier de consultation ne porte cet identifiant.",
  codeTaken: (code: string) => `L’identifiant ${code} est déjà utilisé.`,
  codePattern: (cls: string) => `Identifiant CNIG attendu : code INSEE, « ${cls} », 5 chiffres (par exemple 60342_${cls}_00001).`,
  codeCommune: (insee: string) => `L’identifiant doit commencer par le code INSEE de la commune (${insee}).`,
  notMember: "Cette commune n’est pas membre de la collectivité.",
  parcel: (p: string) => `Référence cadastrale invalide : « ${p} » (14 caractères : 8 chiffres, 2 lettres ou chiffres de section, 4 chiffres).`,
  parcelTwice: (p: string) => `La parcelle ${p} est déjà dans une autre unité foncière de la zone.`,
  usefulOverGross: "La surface utile ne peut pas dépasser la surface brute.",
  siret: "SIRET invalide (14 chiffres dont la clé de contrôle ne correspond pas).",
  siretTaken: "Un établissement porte déjà ce SIRET.",
  naf: "Code NAF invalide (par exemple 25.62B ou 2562B).",
  workforceYear: "Année de l’effectif invalide.",
  unitsOfTenant: "Une des unités foncières indiquées n’existe pas dans la collectivité.",
  occupancyOverlap: "Cette unité foncière est déjà occupée sur cette période.",
  occupancyEnd: "La fin d’occupation ne peut précéder son début.",
  occupancyEnded: "Cette occupation est déjà terminée.",
  ownerSiren: "Une personne morale est identifiée par son SIREN (9 chiffres, clé de contrôle valide) ; une personne physique n’en a pas ici.",
  cartofriches: "Le lien Cartofriches doit être une adresse https://cartofriches.cerema.fr/…",
  inventoryOpen: "Un inventaire de cette zone est déjà en cours (ni adopté ni transmis).",
  inventoryStatus: (expected: string) => `Étape impossible : l’inventaire doit être ${expected}.`,
  noRecipient: "Aucun propriétaire ni occupant à consulter : renseignez les unités foncières de la zone d’abord.",
  consultationRunning: (until: string) => `La consultation dure jusqu’au ${frDay(until)} inclus : l’inventaire ne peut être adopté avant (L318-8-2, 30 jours).`,
  repliesPending: (k: number) =>
    `${k} réponse${k > 1 ? "s" : ""} reçue${k > 1 ? "s" : ""} sans suite donnée : indiquez pour chacune si l’inventaire est corrigé ou non.`,
  replyBeforeLetter: "La réponse ne peut précéder l’envoi du courrier.",
  replyAfterConsultation: (until: string) => `La consultation est close depuis le ${frDay(until)} : la réponse n’est plus recevable.`,
  correctionNeeded: "Une correction décrit ce qui change dans l’inventaire.",
  transmissionBeforeAdoption: "La transmission ne peut précéder l’adoption.",
  transmissionTwice: "La transmission à cette autorité est déjà enregistrée.",
  exportInvalid: (k: number) => `L’export CNIG ne respecte pas le standard (${k} erreur${k > 1 ? "s" : ""}) : corrigez les données d’abord.`,
  taxYear: "Année d’imposition invalide.",
};

export const authorityLabel = {
  scot: "schéma de cohérence territoriale (SCoT)",
  plu: "plan local d’urbanisme (PLU)",
  plh: "programme local de l’habitat (PLH)",
} as const;

export const evidenceLabel = {
  field_visit: "visite de terrain",
  owner_statement: "déclaration du propriétaire",
  occupancy_history: "historique d’occupation",
} as const;

/** A workforce band as people read it: « 10 à 19 salariés (2024) ». Never an invented exact count. */
export const workforceText = (code: WorkforceBand, year: number) => `${WORKFORCE_BANDS[code].label} (${year})`;

/** A range of jobs: « 32 à 68 emplois », « 10 000 emplois et plus ». */
export function jobsText(min: number, max: number | null): string {
  if (max === null) return `${n(min)} emplois et plus`;
  if (min === max) return `${n(min)} emploi${min > 1 ? "s" : ""}`;
  return `${n(min)} à ${n(max)} emplois`;
}

/** The consultation letter (L318-8-2 al. 2): what the inventory says about the recipient's unit(s). */
export function letterBody(p: {
  epci: string;
  zone: string;
  role: "owner" | "occupant";
  recipient: string;
  units: Array<{ code: string; parcels: string[]; grossHa: number; occupancyState: string }>;
  openedOn: string;
  until: string;
  contact: { service: string; email: string; phone: string };
}): string {
  const lines = p.units.map(
    (u) => `- unité foncière ${u.code} : parcelles ${u.parcels.join(", ")} ; ${n(u.grossHa)} ha ; état d’occupation : ${u.occupancyState}`,
  );
  return [
    p.recipient,
    "",
    `Objet : consultation sur l’inventaire de la zone d’activité « ${p.zone} » (Code de l’urbanisme, art. L318-8-2)`,
    "",
    `Madame, Monsieur,`,
    "",
    `${p.epci} établit l’inventaire des zones d’activité économique de son territoire. En tant que ${p.role === "owner" ? "propriétaire" : "occupant"}, vous êtes consulté(e) sur les informations qui vous concernent :`,
    ...lines,
    "",
    `Vous pouvez nous faire part de vos observations du ${frDay(p.openedOn)} au ${frDay(p.until)} inclus, auprès de : ${p.contact.service}, ${p.contact.email}, ${p.contact.phone}.`,
    "Passé ce délai, l’inventaire sera soumis à l’adoption de l’assemblée délibérante, puis transmis aux autorités compétentes en matière de SCoT, de PLU et de PLH.",
    "",
    "Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.",
  ].join("\n");
}

/** The CNIG package validator's findings. */
export const v = {
  header: (missing: string[], extra: string[]) =>
    `En-tête non conforme au schéma${missing.length ? ` ; colonnes manquantes : ${missing.join(", ")}` : ""}${extra.length ? ` ; colonnes inconnues : ${extra.join(", ")}` : ""} (ou dans un autre ordre).`,
  shape: (detail: string) => `Ligne mal formée (${detail}) : un « ; » non protégé par des guillemets décale les colonnes.`,
  required: "Valeur obligatoire manquante.",
  number: "Nombre attendu (point décimal).",
  integer: "Nombre entier attendu.",
  date: "Date attendue au format AAAA-MM-JJ.",
  year: "Année attendue (AAAA).",
  geopoint: "Point attendu au format « longitude, latitude ».",
  geojson: "Géométrie GeoJSON attendue.",
  enumValue: (value: string) => `« ${value} » ne fait pas partie des valeurs prévues par le standard.`,
  pattern: (value: string) => `« ${value} » ne respecte pas le format prévu par le standard.`,
  email: "Adresse électronique invalide.",
  duplicateKey: (key: string) => `Identifiant en double : ${key}.`,
  cnigId: (value: string, cls: string) => `« ${value} » n’est pas un identifiant ${cls} (code INSEE, « ${cls} », 5 chiffres).`,
  idCommune: (insee: string) => `L’identifiant doit commencer par le code INSEE de la commune (${insee}).`,
  link: (value: string, resource: string) => `« ${value} » ne désigne aucune ligne de ${resource}.`,
  usefulOverGross: "La surface utile dépasse la surface brute.",
  siren: "SIREN attendu (9 chiffres).",
  rate: (expected: number) => `Le taux de vacance ne correspond pas aux unités foncières vacantes ÷ total (${expected} attendu).`,
  parcel: (p: string) => `Référence cadastrale invalide : « ${p} ».`,
  siret: "SIRET invalide (clé de contrôle).",
  sirenOfSiret: "Le SIREN n’est pas le début du SIRET.",
  workforce: (code: string) => `« ${code} » n’est pas une tranche d’effectif SIRENE (NN, 00, 01, 02, 03, 11…53).`,
  naf: "Code NAF invalide.",
  legalCategory: "Catégorie juridique INSEE de niveau 3 attendue (4 chiffres).",
  geometryType: (got: string, want: string[]) => `Géométrie ${got} : ${want.join(" ou ")} attendu.`,
  ringOpen: "Contour non fermé : le dernier point doit répéter le premier.",
  notLambert93: "Coordonnées hors de la France métropolitaine en Lambert-93 (EPSG:2154) : la géométrie n’est pas projetée.",
  notWgs84: "Point hors de la France métropolitaine en WGS84 (longitude, latitude).",
};

/** The SIRENE establishments import (a row's reason is read next to its line number). */
export const s = {
  missingColumn: (c: string) => `Colonne manquante : ${c} (nom de colonne du fichier INSEE « StockEtablissement »).`,
  siret: (v: string) => `SIRET invalide « ${v} » (14 chiffres dont la clé de contrôle ne correspond pas).`,
  duplicate: (v: string) => `Le SIRET ${v} figure deux fois dans le fichier.`,
  sirenOfSiret: "Le SIREN n’est pas le début du SIRET.",
  state: (v: string) => `État administratif « ${v} » inconnu : A (actif) ou F (fermé) attendu.`,
  naf: (v: string) => `Code NAF invalide « ${v} » (par exemple 25.62A ou 2562A).`,
  nafVersion: (v: string) => `Nomenclature d’activité « ${v} » inconnue (NAFRev2 ou NAF2025 attendu).`,
  band: (v: string) => `« ${v} » n’est pas une tranche d’effectif SIRENE (NN, 00, 01, 02, 03, 11…53).`,
  bandYear: (v: string) => `Année de la tranche d’effectif invalide « ${v} » (AAAA attendu).`,
  day: (column: string, v: string) => `Date invalide dans ${column} « ${v} » (AAAA-MM-JJ attendu).`,
  commune: (v: string) => `Code commune INSEE invalide « ${v} ».`,
  communeUnknown: (v: string) => `Commune ${v} inconnue du référentiel des communes.`,
  category: (v: string) => `Catégorie juridique invalide « ${v} » (4 chiffres attendus).`,
  position: (x: string, y: string) => `Coordonnées Lambert-93 invalides ou hors de la France métropolitaine (x « ${x} », y « ${y} »).`,
  shape: (detail: string) => `Ligne mal formée (${detail}).`,
  noNaf: "Établissement dans une zone sans code NAF (activitePrincipaleEtablissement vide).",
  noName: "Nouvel établissement sans nom : denominationUsuelleEtablissement, enseigne1Etablissement ou denominationUniteLegale attendu.",
  noCategory:
    "Nouvel établissement sans catégorie juridique : ajoutez la colonne categorieJuridiqueUniteLegale (fichier des unités légales, joint sur le SIREN), que le standard CNIG exige.",
  refused: (k: number) => `Import refusé : ${k} ligne${k > 1 ? "s" : ""} en erreur, rien n’a été enregistré.`,
  empty: "Le fichier ne contient aucune ligne.",
  tooLarge: (mb: number) => `Le fichier dépasse ${mb} Mo : filtrez l’extrait SIRENE sur les communes du territoire.`,
  source: (on: string) => `SIRENE, stock des établissements (INSEE), extrait du ${frDay(on)}`,
  nafLabelPending: (code: string) => `Libellé à compléter (NAF ${code})`,
  absent: "Absent de l’extrait complet : considéré comme fermé.",
  noUnit: "Dans la zone mais sur aucune unité foncière : à rattacher.",
};
