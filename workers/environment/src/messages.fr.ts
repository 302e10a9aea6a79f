/** Texts of the environment Worker's answers and pages (French). */
export const m = {
  noCommune: (insee: string) => `La commune ${insee} ne fait pas partie de ce territoire.`,
  hubeauFailed: (detail: string) => `L’import Hub'Eau a échoué : ${detail}`,
  periodOrder: "La fin de la période doit suivre son début.",
  periodTooLong: "Une période d’import couvre au plus dix ans.",
  noBuilding: "Aucun bâtiment de cette collectivité ne porte cet identifiant.",
  noStation: "Aucune station de cette collectivité ne porte cet identifiant.",
  otherStation: (found: string, expected: string) => `Cette ligne est celle de la station ${found}, pas de ${expected}.`,
  deviceCode: "Pour un piézomètre de la collectivité, l’identifiant de l’équipement (celui de la page « Équipements »).",
  chroniqueDate: "« date_mesure » doit être une date (AAAA-MM-JJ).",
  referenceYear: "L’année de référence du décret tertiaire est comprise entre 2010 et 2019.",
  noReferenceYear: "Choisissez d’abord l’année de référence de ce bâtiment (2010 à 2019).",
  csvColumns: (missing: string) => `Colonnes manquantes dans le fichier : ${missing}.`,
  csvLine: (line: number, what: string) => `Ligne ${line} : ${what}`,
  unknownMeter: (point: string) => `aucun compteur ne porte le point de livraison « ${point} ».`,
  badNumber: (column: string) => `« ${column} » doit être un nombre positif.`,
  badDate: (column: string) => `« ${column} » doit être une date (AAAA-MM-JJ).`,
  periodInverted: "la fin de la période précède son début.",
  badInstant: (column: string) => `« ${column} » doit être un instant avec son fuseau (AAAA-MM-JJTHH:MM+01:00).`,
  badStep: "« pas_minutes » doit être un nombre entier de minutes, de 1 à 60.",
  noAlert: "Aucune alerte énergie de cette collectivité ne porte cet identifiant.",
  hubeauStatus: (status: number, path: string, body: string) => `Hub'Eau a répondu ${status} pour ${path}${body ? ` : ${body}` : ""}`,
  hubeauTooDeep: (max: number, day: string) => `Plus de ${max} résultats le ${day} : affinez la demande.`,
  hubeauUdiTooDeep: (count: number) => `communes_udi : ${count} résultats, plus que la pagination n’en atteint.`,
  ownFuture: "Un contrôle ne peut pas être daté d’un instant à venir.",
  ownReference: "« reference » : la référence du contrôle (lettres, chiffres, . _ / -, 40 caractères au plus).",
  ownReferenceField: "Référence du contrôle : lettres, chiffres, . _ / -, 40 caractères au plus.",
  ownCommune: "« commune » doit être un code INSEE (5 caractères).",
  ownDate: "« date » doit être une date (AAAA-MM-JJ) ou un instant avec son fuseau (AAAA-MM-JJTHH:MM+01:00).",
  ownDateField: "Date et heure du prélèvement attendues, avec leur fuseau.",
  ownParameter: (value: string) => `« parametre » : « ${value} » n’est pas suivi ici (nitrates, pesticides ou bacteriologie).`,
  ownParameterField: "Paramètre attendu : nitrates, pesticides ou bacteriologie.",
  ownValueField: "Résultat attendu : un nombre positif ou nul.",
  ownSameSample: (line: number) => `cette référence est celle de la ligne ${line}, avec une autre commune ou une autre date.`,
  ownTwice: (parameter: string) => `« ${parameter} » figure deux fois pour ce contrôle.`,
  ownTwiceField: "Chaque paramètre une fois par contrôle.",
  ownEmpty: "Le fichier ne contient aucune ligne de contrôle.",
  heatingHours: (problem: string) => `Horaires d’occupation : ${problem}`,
  setpoint: "Consigne de chauffage attendue entre 5 et 25 °C.",
  preheat: "Avance de mise en chauffe attendue entre 0 et 240 minutes.",
  reducedAboveComfort: "La consigne réduite ne peut pas dépasser la consigne de confort.",
  programmeDay: "« du » doit être une date (AAAA-MM-JJ).",
  noHeating: "Ce bâtiment n’a pas de programme de chauffage : indiquez ses horaires d’occupation et ses consignes.",
  unknownRoom: (id: string) => `La salle ${id} n’est pas une salle du module Réservations de cette collectivité.`,
} as const;

/** How the service's own results are named beside the ARS's (Hub'Eau labels stay theirs). */
export const OWN_PARAMETER_LABELS: Record<"nitrates" | "pesticides" | "bacteriologie", string> = {
  nitrates: "Nitrates (autosurveillance)",
  pesticides: "Total des pesticides (autosurveillance)",
  bacteriologie: "Escherichia coli (autosurveillance)",
};

/** What the conformity flags of a sample mean, in plain French (Hub'Eau `conformite_*_prelevement`). */
export const CONFORMITY: Record<string, string> = {
  C: "conforme",
  N: "non conforme",
  D: "non conforme, sous dérogation préfectorale ou en cours d’examen",
  S: "sans objet : ces paramètres n’ont pas été recherchés dans ce prélèvement",
};

/** Drought levels (arrêtés sécheresse, art. L211-3 II-1° du code de l’environnement). */
export const DROUGHT_LEVELS: Record<string, { label: string; meaning: string }> = {
  pas_de_restriction: { label: "Pas de restriction", meaning: "Aucune mesure de restriction de l’eau n’est en vigueur." },
  vigilance: { label: "Vigilance", meaning: "Information et incitation aux économies d’eau." },
  alerte: { label: "Alerte", meaning: "Premières limitations des usages de l’eau." },
  alerte_renforcee: { label: "Alerte renforcée", meaning: "Limitations fortes des prélèvements ; arrosage interdit sauf exceptions." },
  crise: { label: "Crise", meaning: "L’eau est réservée aux usages prioritaires (eau potable, santé, salubrité, sécurité civile)." },
};
