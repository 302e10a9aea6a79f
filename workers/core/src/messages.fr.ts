/** French texts of the error set (people read them: residents, agents, integrators). */
export const problemTexts = {
  invalid: { title: "Requête invalide", detail: "Certaines valeurs envoyées ne sont pas valides." },
  malformedJson: { title: "Requête invalide", detail: "Le corps de la requête n’est pas un JSON valide." },
  unauthenticated: { title: "Authentification requise", detail: "Vous devez vous identifier pour accéder à cette ressource." },
  forbidden: { title: "Accès refusé", detail: "Vous n’avez pas les droits nécessaires pour cette action." },
  notFound: { title: "Ressource introuvable", detail: "La ressource demandée n’existe pas." },
  routeNotFound: { title: "Adresse inconnue", detail: "Aucune ressource ne correspond à cette adresse." },
  tenantNotFound: { title: "Collectivité inconnue", detail: "Aucune collectivité ne correspond à cette adresse." },
  methodNotAllowed: { title: "Méthode non autorisée", detail: "Cette méthode HTTP n’est pas acceptée pour cette adresse." },
  conflict: { title: "Conflit", detail: "L’opération entre en conflit avec l’état actuel de la ressource." },
  unprocessable: { title: "Demande impossible à satisfaire", detail: "Ces données ne peuvent pas être produites sous la forme demandée." },
  payloadTooLarge: { title: "Contenu trop volumineux", detail: "Le corps de la requête dépasse la taille autorisée." },
  unsupportedMediaType: { title: "Type de contenu non pris en charge", detail: "Le type de contenu envoyé n’est pas accepté ; utilisez application/json." },
  rateLimited: { title: "Trop de requêtes", detail: "Vous avez envoyé trop de requêtes. Réessayez plus tard." },
  unavailable: { title: "Service indisponible", detail: "Le service est momentanément indisponible. Réessayez dans quelques instants." },
  internal: { title: "Erreur interne", detail: "Une erreur inattendue est survenue. Elle a été enregistrée." },
} as const;

/** French texts about request bodies and values that the error set's own texts do not cover. */
export const inputTexts = {
  nulCharacter: "Le caractère nul (U+0000) n’est pas accepté.",
  nulDetail: "Une valeur envoyée contient un caractère nul (U+0000), qui n’est pas accepté.",
  multipartExpected: "Le type de contenu envoyé n’est pas accepté ; utilisez multipart/form-data.",
  malformedMultipart: "Le corps de la requête n’est pas un formulaire multipart valide.",
  /** Postgres refused a text value (SQLSTATE 22021 or 22P05): a backstop behind validation. */
  textRefused: "Une valeur contient un caractère que la base de données n’accepte pas (caractère nul ou séquence invalide).",
} as const;

/** French texts about opening-hours rules, where the library answers in English. */
export const hoursTexts = {
  ambiguous: (token: string) =>
    `« ${token} » n’est pas reconnu : écrivez les jours en abrégé (Mo, Tu, We, Th, Fr, Sa, Su) et les heures en 24 h, par exemple « Tu-Sa 07:00-13:00,15:00-19:30; PH off ».`,
  unrecognised: "Horaires non reconnus : utilisez la syntaxe OpenStreetMap, par exemple « Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off ».",
} as const;

/** French words for a week of opening hours (hoursInWords): days, ranges, closures. */
export const hoursWords = {
  /** Monday first, as French calendars are. */
  days: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
  /** Three or more days in a row. */
  dayRun: (first: string, last: string) => `du ${first} au ${last}`,
  /** A list of days or ranges: « lundi, mercredi et vendredi ». */
  list: (items: readonly string[]) => (items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`),
  /** 09:00 → « 9 h », 09:30 → « 9 h 30 » (no-break spaces: « 9 » and « h » stay on one line). */
  time: (h: number, m: number) => (m ? `${h}\u00a0h\u00a0${String(m).padStart(2, "0")}` : `${h}\u00a0h`),
  /** One line: « Du lundi au vendredi : de 9 h à 12 h ». */
  line: (days: string, hours: string) => `${days}\u00a0: ${hours}`,
  midnight: "minuit",
  range: (from: string, to: string) => `de ${from} à ${to}`,
  everyDay: "tous les jours",
  allDay: "24\u00a0h sur 24",
  closed: "fermé",
  closedOn: (days: string) => `Fermé ${days}`,
  holidaysClosed: "Fermé les jours fériés",
  holidaysOther: "Horaires différents les jours fériés",
  seasonal: "Horaires de la semaine en cours : ils changent selon la période de l’année",
} as const;

/** French texts of core's own answers: the gateway check, the database, the configuration, permissions. */
export const coreTexts = {
  directCall: "Appel direct refusé : passez par la passerelle.",
  dbNotConfigured: "Base de données non configurée (DATABASE_URL).",
  dbNotResponding: "La base de données ne répond pas.",
  /** Row-level security refused the row (SQLSTATE 42501). */
  otherTenant: "Cette donnée appartient à une autre collectivité.",
  /** A unique constraint (SQLSTATE 23505). */
  alreadyExists: "Cette ressource existe déjà.",
  /** A foreign key (SQLSTATE 23503). */
  unknownReference: "Cette valeur fait référence à une ressource inconnue.",
  /** A value Postgres could not read as its type (SQLSTATE 22P02). */
  badFormat: "Une valeur n’a pas le format attendu.",
  configIncomplete: (names: readonly string[]) => `Configuration incomplète du service (${names.join(", ")}).`,
  unknownPermission: (permission: string) => `Droit inconnu : ${permission}.`,
  notHeld: (permissions: readonly string[]) => `Vous ne détenez pas ces droits : ${permissions.join(", ")}.`,
} as const;

/** French names of the fields many routes share (the last segment of a field's path). */
const FIELD_NAMES: Record<string, string> = {
  insee: "Code INSEE",
  email: "Adresse électronique",
  accountEmail: "Adresse électronique",
  siret: "SIRET",
  website: "Site web",
  url: "Adresse web",
  phone: "Téléphone",
  postcode: "Code postal",
  postalCode: "Code postal",
  chip: "Numéro de puce",
  chipId: "Numéro de puce",
  slug: "Nom court",
  date: "Date",
  from: "Date de début",
  to: "Date de fin",
  q: "Recherche",
  id: "Identifiant",
};

/** What a string of each zod format looks like, for a person who typed something else. */
const FORMAT_TEXTS: Record<string, string> = {
  email: "adresse électronique attendue (ex. nom@exemple.fr)",
  url: "adresse web complète attendue (https://…)",
  uuid: "identifiant attendu (UUID de 36 caractères)",
  guid: "identifiant attendu (UUID de 36 caractères)",
  datetime: "date et heure attendues au format ISO 8601 (AAAA-MM-JJTHH:MM:SS, avec le fuseau)",
  date: "date attendue au format AAAA-MM-JJ",
  time: "heure attendue au format HH:MM",
  e164: "numéro de téléphone international attendu (ex. +33344730000)",
  base64: "contenu encodé en base64 attendu",
  base64url: "contenu encodé en base64url attendu",
  lowercase: "lettres minuscules attendues",
};

/**
 * A format error that says which field and what is expected: "Code INSEE : format invalide." for a
 * field the list names, else the field's key in quotes, never a bare "Format invalide.".
 */
function formatMessage(format: unknown, path: readonly PropertyKey[] | undefined): string {
  const key = path?.length ? String(path[path.length - 1]) : "";
  const name = FIELD_NAMES[key] ?? (key && !/^\d+$/.test(key) ? `Champ « ${key} »` : "Valeur");
  const expected = typeof format === "string" ? FORMAT_TEXTS[format] : undefined;
  return expected ? `${name} : ${expected}.` : `${name} : format invalide.`;
}

/** French messages for field-level validation issues (zod issue codes). */
export function fieldMessage(issue: {
  code: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  input?: unknown;
  message?: string;
  format?: unknown;
  path?: readonly PropertyKey[];
}): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "Ce champ est obligatoire." : `Type attendu : ${String(issue.expected)}.`;
    case "too_small":
      return `Valeur trop petite ou trop courte (minimum : ${String(issue.minimum)}).`;
    case "too_big":
      return `Valeur trop grande ou trop longue (maximum : ${String(issue.maximum)}).`;
    case "invalid_format":
      return formatMessage(issue.format, issue.path);
    case "invalid_value":
      return "Valeur non autorisée.";
    case "unrecognized_keys":
      return "Champ inconnu.";
    case "custom":
      // A refinement's own message (written in the domain's messages.fr.ts), not zod's English default.
      return issue.message && !/^Invalid/.test(issue.message) ? issue.message : "Valeur invalide.";
    default:
      return "Valeur invalide.";
  }
}
