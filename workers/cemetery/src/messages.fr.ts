/** Texts of the cemetery Worker's answers (French). */
const places = (tenths: number) => `${(tenths / 10).toLocaleString("fr-FR")} place${tenths > 10 ? "s" : ""}`;
const frDay = (iso: string) => iso.split("-").reverse().join("/");

export const categoryLabel = { temporary: "temporaire", thirty: "trentenaire", fifty: "cinquantenaire", perpetual: "perpétuelle" } as const;
export const stepLabel = {
  notice: "avis aux familles",
  first_report: "premier procès-verbal",
  first_notification: "notification et affichage du premier procès-verbal",
  second_report: "second procès-verbal",
  second_notification: "notification du second procès-verbal",
  council_decision: "délibération du conseil municipal",
  order: "arrêté de reprise",
} as const;
export const procedureLabel = { open: "en cours", repossessed: "reprise prononcée", dropped: "abandonnée" } as const;

export const m = {
  noCemetery: "Aucun cimetière de cette commune ne porte cet identifiant.",
  cemeteryTaken: "La commune a déjà un cimetière de ce nom.",
  noPlot: "Aucun emplacement de cette commune ne porte cet identifiant.",
  noConcession: "Aucune concession de cette commune ne porte cet identifiant.",
  noDeceased: "Aucun défunt de cette commune ne porte cet identifiant.",
  noOperation: "Aucune opération de cette commune ne porte cet identifiant.",
  noProcedure: "Aucune procédure de reprise de cette commune ne porte cet identifiant.",
  placeTaken: "Un emplacement porte déjà ce carré, cette rangée et ce numéro dans ce cimetière.",
  actTaken: "Un acte de concession porte déjà ce numéro.",
  position: "Placez l’emplacement sur le plan (x et y) ou donnez son contour (polygone GeoJSON).",
  duration: {
    perpetual: "Une concession perpétuelle n’a pas de durée.",
    missing: "Indiquez la durée de la concession en années.",
    temporary: (max: number) => `Une concession temporaire dure 15 ans au plus (CGCT L2223-14 : ${max} ans).`,
    fixed: "Une concession trentenaire dure 30 ans, une cinquantenaire 50 ans (CGCT L2223-14).",
  },
  noTariff: (category: keyof typeof categoryLabel, durationYears: number | null, day: string) =>
    `Le conseil municipal n’a pas ouvert de tarif pour une concession ${categoryLabel[category]}${durationYears ? ` de ${durationYears} ans` : ""} à la date du ${frDay(day)} : ajoutez-le à la grille avec sa délibération.`,
  plotBusy: "Cet emplacement a déjà une concession en cours.",
  notConcessionPlot: "Ce type d’emplacement ne se concède pas (ossuaire, dépositoire ou terrain commun).",
  perpetualNoRenewal: "Une concession perpétuelle ne se renouvelle pas.",
  renewalClosed: (end: string) =>
    `Le délai de renouvellement est expiré depuis le ${frDay(end)} (année d’échéance et deux années suivantes, CGCT L2223-15) : la commune peut reprendre l’emplacement.`,
  alreadyRenewed: "Cette concession a déjà été renouvelée ou reprise.",
  full: (left: number, needed: number) =>
    `Emplacement complet : il reste ${places(left)}, il en faut ${places(needed)}. Prévoyez une réduction de corps ou un autre emplacement.`,
  reductionTooEarly: (from: string) => `Réduction de corps possible à partir du ${frDay(from)} seulement (délai fixé par la commune).`,
  notInPlot: "Ce défunt n’est pas dans cet emplacement.",
  alreadyInPlot: "Ce défunt est déjà inhumé : choisissez une exhumation ou un transfert.",
  targetNeeded: "Un transfert indique l’emplacement de destination.",
  deceasedNeeded: "Indiquez le défunt (identifiant) ou son identité pour une inhumation.",
  requesterNeeded: "Une exhumation se fait à la demande du plus proche parent : indiquez son nom et son lien de parenté.",
  validated: "Opération déjà validée : elle est irréversible.",
  repossessed: "Cette concession a été reprise par la commune.",
  futureDay: "Cette date est dans le futur : on enregistre une étape accomplie.",
  notEligible: {
    too_recent: (from: string) => `Concession de moins de 30 ans : procédure possible à partir du ${frDay(from)} (CGCT L2223-17).`,
    recent_burial: (from: string) => `Inhumation depuis moins de 10 ans : procédure possible à partir du ${frDay(from)} (CGCT R2223-12).`,
  },
  procedureOpen: "Une procédure de reprise est déjà en cours pour cette concession.",
  stepOrder: (expected: keyof typeof stepLabel | null) =>
    expected ? `Étape suivante attendue : ${stepLabel[expected]}.` : "La procédure est achevée : l’arrêté est pris.",
  stepEarly: (earliest: string) => `Trop tôt : cette étape est possible à partir du ${frDay(earliest)} (délai légal).`,
  stepLate: (latest: string) => `Trop tard : cette étape devait avoir lieu au plus tard le ${frDay(latest)} (délai légal).`,
  evidence: "Pièces justificatives manquantes pour cette étape.",
  searchOff: "Cette commune ne propose pas la recherche de sépultures en ligne.",
  searchEmpty: "Saisissez au moins deux lettres du nom.",
  importHeader: (missing: string[]) => `Colonnes manquantes : ${missing.join(", ")}.`,
  importRefused: (n: number) => `Import refusé : ${n} ligne${n > 1 ? "s" : ""} en erreur, rien n’a été enregistré.`,
  importRow: {
    type: "type d’emplacement inconnu",
    capacity: "capacité (places) manquante ou invalide",
    position: "x et y attendus (nombres)",
    duplicate: "emplacement en double dans le fichier",
    exists: "emplacement déjà au registre",
    category: "catégorie de concession inconnue (temporaire, trentenaire, cinquantenaire, perpetuelle)",
    date: "date invalide (AAAA-MM-JJ ou JJ/MM/AAAA)",
    duration: "durée incompatible avec la catégorie",
    act: "numéro d’acte manquant ou en double",
    price: "prix (euros) invalide",
    deceased: "défunt : nom et date de décès attendus ensemble",
  },
} as const;
